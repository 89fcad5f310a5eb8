"""Segmentation (paragraphs, sentences), the mention index of every concept, and the KWIC concordance."""
