"""Passage-level analysis (`colens classify`): every capability adds its fields through an annotator."""
