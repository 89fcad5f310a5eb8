"""Definition families: from one, two and many definitions, and of real definitions with the encoder
(pipelines.definitions.families)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from pipelines.definitions.families import assign_families, build_families


def test_families_from_one_two_and_many():
    assert assign_families([], np.zeros((0, 4)), seed=1).tolist() == []
    assert assign_families(["a"], np.ones((1, 4)), seed=1).tolist() == [0]
    same = np.array([[1.0, 0.1, 0, 0], [1.0, 0.0, 0.1, 0]])
    far = np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0]])
    assert assign_families(["a", "b"], same, seed=1).tolist() == [0, 0]
    assert assign_families(["a", "b"], far, seed=1).tolist() == [0, 1]
    rng = np.random.default_rng(0)
    centres = np.eye(8)[:3] * 5
    X = np.vstack([c + rng.normal(0, 0.3, (n, 8)) for c, n in zip(centres, (6, 4, 3))])
    labels = assign_families([str(i) for i in range(13)], X, seed=1)
    assert len(set(labels)) == 3 and labels[:6].tolist() == [0] * 6  # largest family first
    assert (assign_families([str(i) for i in range(13)], X, seed=1) == labels).all()  # seeded


@pytest.mark.slow
def test_families_of_real_definitions_have_labels_and_representatives(encoder, nlp):
    texts = ["a partnership of equals between people who use services and professionals",
             "an equal partnership between service users and staff in designing services",
             "people who use services and professionals sharing power as equal partners",
             "the contribution of citizens' time and resources to producing public goods",
             "citizens contributing their own resources to the production of public services",
             "the inputs of individuals outside an organisation to the goods and services it produces"]
    emb = encoder.encode(texts, normalize_embeddings=True)
    defs = pd.DataFrame({"definiens": texts, "genre": ["blog"] * 3 + ["book_chapter"] * 3, "year": ["2020"] * 6})
    table = build_families(defs, emb, seed=13, nlp=nlp, max_k=4)
    assert len(table.families) >= 2 and table.families["n_definitions"].sum() == 6
    assert set(table.labels[:3]).isdisjoint(table.labels[3:])
    for row in table.families.itertuples():
        assert row.representative in texts and row.top_terms and "the" not in row.top_terms.split(", ")
        assert sum(json.loads(row.genres).values()) == row.n_definitions


@pytest.mark.slow
def test_family_labels_are_phrases_and_low_confidence_singletons_are_flagged(encoder, nlp):
    texts = ["an equal partnership between people who use services and professionals in designing services",
             "people who use services and professionals sharing power as equal partners",
             "a relationship where professionals and people who use services share power as equal partners",
             "citizens contributing their own time and resources to the production of public services",
             "the contribution of citizens' time and resources to producing public goods",
             "grassroots and hasn't just been parachuted in"]
    defs = pd.DataFrame({"definiens": texts, "genre": ["blog"] * 6, "year": ["2021"] * 6,
                         "score": [0.95, 0.9, 0.92, 0.88, 0.91, 0.58]})
    table = build_families(defs, encoder.encode(texts, normalize_embeddings=True), seed=13,
                           nlp=nlp, max_k=4, singleton_min_score=0.8)
    fams = table.families
    joined = " ".join(t.lower() for t in texts)
    for row in fams.itertuples():
        for phrase in row.top_terms.split(", "):
            assert phrase in joined, phrase  # a contiguous phrase of the definitions, never a fragment pair
            assert not phrase.startswith(("the ", "a ", "an ", "their ")) and "hasn" not in phrase
    single = fams[fams["n_definitions"] == 1]
    assert list(single["flag"]) == ["low_confidence_singleton"] and "grassroots" in single["representative"].iloc[0]
    assert (fams.loc[fams["n_definitions"] > 1, "flag"] == "").all()
    assert any(" " in p for p in fams["top_terms"].iloc[0].split(", "))  # multi-word phrases rank high
