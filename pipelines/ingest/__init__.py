"""Ingestion: a corpus folder (documents and bibliographic exports) -> cleaned documents, removals, manifest."""
