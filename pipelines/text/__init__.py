"""Text utilities shared by every stage: matching normalisation and the concept lexicon."""
