"""Scoring `colens classify` output against the real-prose development sets (stand-off references).

`corpora/realdev/<task>.tsv` names each passage by page, sha256 of its exact text and agreed label; anyone who
collects the same passages again can score a release on them: predictions are joined to the gold rows by the hash
of their text, so ids need not match and a passage whose text differs by one byte is reported, never scored.
"""
