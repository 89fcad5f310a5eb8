"""colens: a co-production lens over policy documents, blogs and research abstracts."""

__version__ = "0.1.0"
