"""Definitions of the target concept (and, in generic mode, of any term): detection, training, families."""
