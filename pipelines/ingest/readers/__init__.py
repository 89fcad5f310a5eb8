"""Readers: one per format family. `read_file` picks the reader by extension (and content for .txt/.csv)."""

from pipelines.ingest.readers.dispatch import SUPPORTED_EXTENSIONS, read_file

__all__ = ["SUPPORTED_EXTENSIONS", "read_file"]
