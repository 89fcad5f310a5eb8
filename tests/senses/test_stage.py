"""One sense per discourse: a vague mention takes its document's sense; a confident homonym keeps its own."""

import numpy as np
import pandas as pd

from pipelines.senses.model import sense_columns
from pipelines.senses.settings import LABELS
from pipelines.senses.stage import corpus_metrics, smooth_by_document


def _rows(probas, doc_ids):
    senses = sense_columns(np.asarray(probas, dtype=float), LABELS)
    return pd.concat([pd.DataFrame({"mention_id": [f"{d}:{i}" for i, d in enumerate(doc_ids)],
                                    "doc_id": doc_ids}), senses], axis=1)


def test_vague_mention_follows_document_confident_homonym_stays():
    #            part  know  film  life  econ  other
    confident = [0.90, 0.02, 0.02, 0.02, 0.02, 0.02]
    vague = [0.30, 0.40, 0.10, 0.05, 0.10, 0.05]
    film = [0.05, 0.02, 0.88, 0.01, 0.02, 0.02]
    rows = _rows([confident, confident, vague, film, vague], ["a", "a", "a", "a", "b"])
    out = smooth_by_document(rows, LABELS, 0.5)
    assert list(out["sense_sentence"]) == ["participatory", "participatory", "knowledge", "film_media", "knowledge"]
    assert list(out["sense"]) == ["participatory", "participatory", "participatory", "film_media", "knowledge"]
    assert np.allclose(out[[f"p_{lab}" for lab in LABELS]].sum(axis=1), 1.0)
    assert list(out["in_sense"]) == [True, True, True, False, False]
    unchanged = smooth_by_document(rows, LABELS, 0.0)
    assert (unchanged["sense"] == unchanged["sense_sentence"]).all()

    mentions = pd.DataFrame({"mention_id": out["mention_id"], "genre": ["blog"] * 4 + ["news"]})
    m = corpus_metrics(out, mentions, LABELS)
    assert m["counts"]["participatory"] == 3 and m["n_in_sense"] == 3 and m["n_changed_by_document"] == 1
    assert m["per_genre"]["news"]["knowledge"] == 1
