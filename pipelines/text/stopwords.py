"""spaCy's English stop-word list, read without importing spaCy when it is not loaded yet: `import spacy` pulls in
thinc and torch (3-6 s a process) and the stages that only filter words by this list need none of it."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path


@cache
def spacy_stop_words() -> frozenset[str]:
    """`spacy.lang.en.stop_words.STOP_WORDS` of the installed spaCy (its source file runs alone: it imports nothing)."""
    if "spacy" in sys.modules:
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("spaCy is not installed: colens needs its English stop-word list (pip install spacy)")
    source = Path(spec.origin).parent / "lang" / "en" / "stop_words.py"
    namespace: dict = {}
    exec(compile(source.read_text(encoding="utf-8"), str(source), "exec"), namespace)
    return frozenset(namespace["STOP_WORDS"])
