"""Usage clusters for every n from 1 to 12 and on 60 contexts of three clearly different usages (real MiniLM)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tests.usage.samples import BIOLOGY, FILM, MENTAL_HEALTH

from pipelines.embeddings import EmbeddingCache
from pipelines.usage.breakdown import sort_years, topics_per_class
from pipelines.usage.clusters import _density_labels, fit_usage_clusters, fit_usage_model, umap_params
from pipelines.usage.labels import STOP_WORDS, node_words
from pipelines.usage.projection import project_2d

TEXTS = FILM + MENTAL_HEALTH + BIOLOGY
TRUTH = np.repeat([0, 1, 2], 20)
NODE = node_words(["co-production", "co-produced", "co-produces", "co-producer", "co-productions"])
# interleaved so that the first n texts mix the usages
MIXED = [i for triple in zip(range(0, 20), range(20, 40), range(40, 60)) for i in triple]


@pytest.fixture(scope="module")
def emb(cfg, encoder):
    return EmbeddingCache(cfg.models.sentence_transformer, None, cfg.models.batch_size).encode(TEXTS)


def _check_table(labels, topics, n):
    assert labels.shape == (n,) and labels.dtype.kind == "i"
    assert topics["size"].sum() == n
    assert sorted(topics["topic"]) == sorted(set(labels.tolist()))
    for t, size in zip(topics["topic"], topics["size"]):
        assert (labels == t).sum() == size


@pytest.mark.parametrize("n", range(1, 13))
def test_any_small_n_gives_clusters(emb, n):
    idx = MIXED[:n]
    labels, topics = fit_usage_clusters([TEXTS[i] for i in idx], emb[idx], seed=13, exclude_words=NODE)
    _check_table(labels, topics, n)
    assert labels.min() >= 0  # no outliers on the small-n path
    assert topics["label"].str.len().min() > 0


@pytest.mark.slow
@pytest.mark.parametrize("n", range(3, 13))
def test_umap_hdbscan_sized_from_n_does_not_crash(emb, n):
    params = umap_params(n, 13)
    assert params["n_neighbors"] == max(2, min(15, n - 1)) and params["n_components"] == min(5, n - 2)
    labels = _density_labels(emb[MIXED[:n]], 13)
    assert labels.shape == (n,)


@pytest.mark.slow
def test_three_usages_found_and_reproducible(emb):
    labels, topics = fit_usage_clusters(TEXTS, emb, seed=13, exclude_words=NODE)
    _check_table(labels, topics, 60)
    assert (topics["method"] == "umap_hdbscan").all()
    real = topics[~topics["is_outlier"]]
    assert len(real) >= 2
    # each usage lives mostly in its own cluster
    majority = [np.bincount(labels[TRUTH == u][labels[TRUTH == u] >= 0]).argmax() for u in range(3)]
    assert len(set(majority)) == 3
    for u, c in enumerate(majority):
        assert (labels[TRUTH == u] == c).mean() >= 0.8
    again, topics2 = fit_usage_clusters(TEXTS, emb, seed=13, exclude_words=NODE)
    assert np.array_equal(labels, again)
    pd.testing.assert_frame_equal(topics, topics2)
    words = {w for ws in real["words"] for w in ws}
    assert {"film", "mental"} & words and {"ethanol", "hydrogen", "acid"} & words


@pytest.mark.slow
def test_topic_words_have_no_stop_words_or_node(emb):
    _, topics = fit_usage_clusters(TEXTS, emb, seed=13, exclude_words=NODE)
    for words, label in zip(topics["words"], topics["label"]):
        assert words
        for w in list(words) + label.replace("outliers:", "").split(","):
            for part in w.split():
                assert part.lower() not in STOP_WORDS and part not in NODE, part


def test_edge_inputs(emb):
    labels, topics = fit_usage_clusters(["It is what it is."], emb[:1], seed=1)
    assert labels.tolist() == [0] and topics["label"].iloc[0] == "(no content words)"
    same = np.repeat(emb[:1], 5, axis=0)
    model = fit_usage_model([TEXTS[0]] * 5, same, seed=1)
    assert model.method == "single" and set(model.labels.tolist()) == {0}
    with pytest.raises(ValueError, match="at least one text"):
        fit_usage_clusters([], np.zeros((0, 384)), seed=1)
    with pytest.raises(ValueError, match="shape"):
        fit_usage_clusters(TEXTS[:3], emb[:2], seed=1)


@pytest.mark.parametrize("n", [1, 2, 3, pytest.param(60, marks=pytest.mark.slow)])
def test_projection_any_n_and_seeded(emb, n):
    xy = project_2d(emb[:n], seed=13)
    assert xy.shape == (n, 2) and np.isfinite(xy).all()
    assert np.array_equal(xy, project_2d(emb[:n], seed=13))
    if n == 1:
        assert xy.tolist() == [[0.0, 0.0]]
    with pytest.raises(ValueError):
        project_2d(emb[:n], seed=13, method="tsne")


def test_topics_per_class_counts_and_words():
    texts = ["film studio deal", "film festival", "patients care", "patients ward", "patients nurses"]
    df = topics_per_class(texts, [0, 0, 1, 1, 1], ["news", "news", "blog", "news", "blog"], "genre", 3)
    row = df[(df.topic == 1) & (df.genre == "blog")].iloc[0]
    assert row.n == 2 and row.share_of_class == 1.0 and row.share_of_topic == pytest.approx(2 / 3)
    assert df[(df.topic == 0)].iloc[0].share_of_class == pytest.approx(2 / 3)
    assert "film" in df[(df.topic == 0)].iloc[0].words
    years = sort_years(pd.DataFrame({"topic": [0, 0, 1], "year": ["unknown", "2021", "2014"]}))
    assert years["year"].tolist() == ["2014", "2021", "unknown"]
