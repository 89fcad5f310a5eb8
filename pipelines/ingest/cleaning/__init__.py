"""Remove page chrome and repeated blocks from scraped text, recording every removed span with its reason."""

from pipelines.ingest.cleaning.clean import Cleaned, Removal, clean_text

__all__ = ["Cleaned", "Removal", "clean_text"]
