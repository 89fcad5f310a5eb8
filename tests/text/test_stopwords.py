"""spaCy's English stop words read without importing spaCy: the same list, and spaCy stays unloaded."""

from __future__ import annotations

import subprocess
import sys


def test_same_list_as_spacy_and_spacy_not_imported():
    code = (
        "import sys\n"
        "from pipelines.text.stopwords import spacy_stop_words\n"
        "words = spacy_stop_words()\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
        "from spacy.lang.en.stop_words import STOP_WORDS\n"
        "assert words == frozenset(STOP_WORDS), words ^ frozenset(STOP_WORDS)\n"
        "assert {'the', 'ourselves', 'n\u2019t'} <= words\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_elasticity_and_topic_words_use_it():
    from pipelines.elasticity.inputs import window_words
    from pipelines.usage.labels import STOP_WORDS

    assert window_words("we were all there with the", "carers and their families", 2) == ["carers", "families"]
    assert "ourselves" in STOP_WORDS and "because" in STOP_WORDS
