"""Elasticity of the concept: usage dispersion, sense-cluster entropy, definitional and collocate diversity."""
