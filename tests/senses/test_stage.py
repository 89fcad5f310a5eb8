"""One sense per discourse: a vague mention takes its document's sense; a confident homonym keeps its own. The
mention rows carry their paragraph and their document, the latter as one shared string per document."""

import numpy as np
import pandas as pd

from pipelines.senses.model import sense_columns
from pipelines.senses.settings import LABELS
from pipelines.senses.model import CONTEXT, SCOPE
from pipelines.senses.stage import corpus_metrics, document_keys, smooth_by_document, with_paragraphs


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


def test_mentions_share_one_document_string_and_keys_read_it():
    paragraphs = pd.DataFrame({"doc_id": ["d1", "d1", "d2"], "para_id": [0, 1, 0],
                               "text": ["Co-production with carers.", "We co-produced it.", "A film co-production."]})
    mentions = pd.DataFrame({"mention_id": ["d1:0", "d1:1", "d2:0", "d3:0"], "doc_id": ["d1", "d1", "d2", "d3"],
                             "para_id": [0, 1, 0, 0], "is_target": True, "start": 0, "end": 5, "sent_start": 0,
                             "sentence": ["x"] * 4})
    rows = with_paragraphs(mentions, paragraphs)
    assert list(rows[CONTEXT]) == ["Co-production with carers.", "We co-produced it.", "A film co-production.", ""]
    assert list(rows[SCOPE]) == ["Co-production with carers.\n\nWe co-produced it.",
                                 "Co-production with carers.\n\nWe co-produced it.", "A film co-production.", ""]
    # one string object per document, not a copy per mention (memory grows with documents, not mentions)
    assert rows[SCOPE].dtype == object and rows[SCOPE].iat[0] is rows[SCOPE].iat[1]
    # a document's key reads its whole text once: an edit in a paragraph with no mention changes it
    keys = document_keys(rows).set_index("doc_id")["content_hash"]
    longer = pd.concat([paragraphs, pd.DataFrame({"doc_id": ["d2"], "para_id": [1], "text": ["Credits."]})])
    again = document_keys(with_paragraphs(mentions, longer)).set_index("doc_id")["content_hash"]
    assert keys["d1"] == again["d1"] and keys["d2"] != again["d2"]
