"""Deductive coding of in-sense co-production passages against themes from the literature (stage `themes`)."""
