"""Needham & Carr levels of co-production claims: descriptive, intermediate, transformative, or n/a."""
