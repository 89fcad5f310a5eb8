"""Usage clusters: any n from 1 to 12, three clearly different usages, six realistic in-sense usages (k chosen by
stability, no dominant cluster, reproducible, ARI reported), min cluster size, fit-on-a-sample assignment, phrase
labels and distinct representatives (real MiniLM and spaCy)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tests.usage.samples import BIOLOGY, FILM, IN_SENSE_USAGES, MENTAL_HEALTH, NOISE

from pipelines.embeddings import EmbeddingCache
from pipelines.usage.breakdown import sort_years, topics_per_class
from pipelines.usage.clusters import ClusterSettings, cluster_settings, fit_usage_clusters, fit_usage_model
from pipelines.usage.kselect import KSettings
from pipelines.usage.labels import STOP_WORDS, node_words
from pipelines.usage.partition import PartitionSettings
from pipelines.usage.projection import project_2d
from pipelines.usage.settings import UsageParams

TEXTS = FILM + MENTAL_HEALTH + BIOLOGY
TRUTH = np.repeat([0, 1, 2], 20)
NODE = node_words(["co-production", "co-produced", "co-produces", "co-producer", "co-productions", "coproduction"])
# interleaved so that the first n texts mix the usages
MIXED = [i for triple in zip(range(0, 20), range(20, 40), range(40, 60)) for i in triple]
USAGE_TEXTS = [t for texts in IN_SENSE_USAGES.values() for t in texts] + NOISE
USAGE_TRUTH = np.repeat(np.arange(len(IN_SENSE_USAGES)), [len(t) for t in IN_SENSE_USAGES.values()])


@pytest.fixture(scope="module")
def emb(cfg, encoder):
    return EmbeddingCache(cfg.models.sentence_transformer, None, cfg.models.batch_size).encode(TEXTS)


@pytest.fixture(scope="module")
def usage_emb(cfg, encoder):
    return EmbeddingCache(cfg.models.sentence_transformer, None, cfg.models.batch_size).encode(USAGE_TEXTS)


@pytest.fixture(scope="module")
def usage_model(usage_emb, nlp):
    return fit_usage_model(USAGE_TEXTS, usage_emb, seed=13, exclude_words=NODE, nlp=nlp)


def _check_table(labels, topics, n):
    assert labels.shape == (n,) and labels.dtype.kind == "i"
    assert topics["size"].sum() == n
    assert sorted(topics["topic"]) == sorted(set(labels.tolist()))
    for t, size in zip(topics["topic"], topics["size"]):
        assert (labels == t).sum() == size
    assert list(topics["size"]) == sorted(topics["size"], reverse=True)  # ids by decreasing size


@pytest.mark.parametrize("n", range(1, 13))
def test_any_small_n_gives_clusters(emb, n):
    idx = MIXED[:n]
    labels, topics = fit_usage_clusters([TEXTS[i] for i in idx], emb[idx], seed=13, exclude_words=NODE)
    _check_table(labels, topics, n)
    assert labels.min() >= 0 and not topics["is_outlier"].any()
    assert topics["label"].str.len().min() > 0
    # no cluster below the minimum size unless there is only one
    if len(topics) > 1:
        assert topics["size"].min() >= PartitionSettings().min_size


def test_three_usages_found_and_reproducible(emb, nlp):
    model = fit_usage_model(TEXTS, emb, seed=13, exclude_words=NODE, nlp=nlp)
    _check_table(model.labels, model.topics, 60)
    assert model.method == "kmeans" and model.n_clusters == 3 and not model.degenerate
    for u in range(3):
        assert np.bincount(model.labels[TRUTH == u]).max() == 20  # each usage is one cluster
    assert model.ari_seeds >= 0.9 and model.k_scores and model.criterion == "stability"
    again = fit_usage_model(TEXTS, emb, seed=13, exclude_words=NODE, nlp=nlp)
    assert np.array_equal(model.labels, again.labels)
    pd.testing.assert_frame_equal(model.topics, again.topics)
    words = {w for ws in model.topics["words"] for w in ws}
    assert {"film", "mental health", "patients"} & words and {"ethanol", "hydrogen", "fermentation"} & words


def test_realistic_in_sense_usages_give_several_balanced_stable_clusters(usage_model):
    """Six in-sense usages written like real prose, plus noise lines: >= 3 clusters, none dominant, stable."""
    m = usage_model
    assert m.n_clusters >= 3 and m.largest_share <= 0.7 and not m.degenerate
    assert m.ari_seeds >= 0.8
    assert m.topics["size"].min() >= PartitionSettings().min_size  # the noise lines are no cluster of their own
    # clusters follow the usages: most usages have a cluster that holds most of them
    written = m.labels[: len(USAGE_TRUTH)]
    purity = [np.bincount(written[USAGE_TRUTH == u]).max() / (USAGE_TRUTH == u).sum()
              for u in range(len(IN_SENSE_USAGES))]
    assert np.mean(purity) >= 0.6, purity
    metrics = m.metrics()
    for key in ("clusters_degenerate", "n_clusters", "cluster_k_criterion", "cluster_ari_seeds"):
        assert key in metrics
    assert metrics["clusters_degenerate"] is False and metrics["cluster_k_criterion"] == "stability"


def test_labels_are_noun_phrases_and_representatives_distinct(usage_model):
    for words, label, reps in zip(usage_model.topics["words"], usage_model.topics["label"],
                                  usage_model.topics["representatives"]):
        assert words and label != "(no content words)"
        for term in list(words) + label.split(", "):
            parts = term.split()
            assert 1 <= len(parts) <= 3
            assert parts[0] not in STOP_WORDS and parts[-1] not in STOP_WORDS, term  # no "grassroots hasn"
            assert not set(parts) & NODE, term
        assert len(reps) == len({" ".join(r.lower().split()) for r in reps}) and 1 <= len(reps) <= 3
    assert any(len(w.split()) > 1 for ws in usage_model.topics["words"] for w in ws)


def test_degenerate_flagged_and_identical_contexts_give_one_cluster(emb):
    same = np.repeat(emb[:1], 12, axis=0)
    model = fit_usage_model([TEXTS[0]] * 12, same, seed=1)
    assert model.method == "single" and model.n_clusters == 1 and model.degenerate
    assert np.isnan(model.ari_seeds)  # undefined, never 0
    assert model.metrics()["clusters_degenerate"] is True
    # a dominant cluster is degenerate too: 50 contexts of one usage and 10 of another (max_share 0.7)
    rng = np.random.default_rng(0)
    x = np.vstack([emb[0] + 0.01 * rng.normal(size=(50, 384)), emb[25] + 0.01 * rng.normal(size=(10, 384))])
    model = fit_usage_model(["a"] * 60, x, seed=1, settings=ClusterSettings(k=KSettings(k_max=4)))
    assert model.n_clusters == 2 and model.largest_share == pytest.approx(50 / 60) and model.degenerate
    assert model.ari_seeds == pytest.approx(1.0)  # reproducible, yet degenerate


def test_min_size_dissolves_small_clusters(emb):
    """One odd context among 40: never a singleton cluster, whatever k the criterion prefers."""
    idx = list(range(20)) + list(range(20, 40)) + [45]
    for criterion in ("stability", "silhouette"):
        s = ClusterSettings(k=KSettings(criterion=criterion, partition=PartitionSettings(min_size=5)))
        labels, topics = fit_usage_clusters([TEXTS[i] for i in idx], emb[idx], seed=3, settings=s)
        assert topics["size"].min() >= 5


def test_fit_on_a_sample_assigns_every_context(emb):
    """With a fit sample smaller than the input, the rest is assigned by nearest centroid: the usages stay apart."""
    idx = [i for _ in range(10) for i in range(60)]  # 600 contexts
    s = ClusterSettings(k=KSettings(partition=PartitionSettings(fit_sample=90)))
    labels, topics = fit_usage_clusters([TEXTS[i] for i in idx], emb[idx], seed=5, settings=s)
    truth = TRUTH[idx]
    assert len(labels) == 600 and len(topics) == 3
    for u in range(3):
        assert np.bincount(labels[truth == u]).max() == (truth == u).sum()


def test_settings_from_params():
    s = cluster_settings(UsageParams(cluster_k_max=5, cluster_min_size=7, cluster_criterion="silhouette"))
    assert s.k.k_max == 5 and s.k.partition.min_size == 7 and s.k.criterion == "silhouette"
    with pytest.raises(ValueError, match="cluster_k_min"):
        UsageParams(cluster_k_min=6, cluster_k_max=4)
    with pytest.raises(ValueError, match="criterion"):
        KSettings(criterion="elbow")


def test_edge_inputs(emb):
    labels, topics = fit_usage_clusters(["It is what it is."], emb[:1], seed=1)
    assert labels.tolist() == [0] and topics["label"].iloc[0] == "(no content words)"
    with pytest.raises(ValueError, match="at least one text"):
        fit_usage_clusters([], np.zeros((0, 384)), seed=1)
    with pytest.raises(ValueError, match="shape"):
        fit_usage_clusters(TEXTS[:3], emb[:2], seed=1)
    with pytest.raises(ValueError, match="NaN"):
        fit_usage_clusters(TEXTS[:2], np.full((2, 384), np.nan), seed=1)


@pytest.mark.parametrize("n", [1, 2, 3, pytest.param(60, marks=pytest.mark.slow)])
def test_projection_any_n_and_seeded(emb, n):
    xy = project_2d(emb[:n], seed=13)
    assert xy.shape == (n, 2) and np.isfinite(xy).all()
    assert np.array_equal(xy, project_2d(emb[:n], seed=13))
    if n == 1:
        assert xy.tolist() == [[0.0, 0.0]]
    with pytest.raises(ValueError, match="projection method"):
        project_2d(emb[:n], seed=13, method="mds")


@pytest.mark.parametrize("method", ["tsne", "pca", pytest.param("umap", marks=pytest.mark.slow)])
def test_each_projection_is_seeded_and_auto_is_tsne_for_small_corpora(emb, method):
    xy = project_2d(emb[:40], seed=13, method=method)
    assert xy.shape == (40, 2) and np.isfinite(xy).all() and xy.std(axis=0).min() > 0
    assert np.array_equal(xy, project_2d(emb[:40], seed=13, method=method))
    if method == "tsne":
        assert np.array_equal(xy, project_2d(emb[:40], seed=13))  # auto, under AUTO_TSNE_MAX


def test_tsne_map_keeps_usages_apart(emb):
    xy = project_2d(emb, seed=13, method="tsne")
    d = np.linalg.norm(xy[:, None] - xy[None], axis=-1)
    same = TRUTH[:, None] == TRUTH[None]
    assert d[same].mean() < 0.6 * d[~same].mean()


def test_topics_per_class_counts_and_words():
    texts = ["film studio deal", "film festival", "patients care", "patients ward", "patients nurses"]
    df = topics_per_class(texts, [0, 0, 1, 1, 1], ["news", "news", "blog", "news", "blog"], "genre", 3)
    row = df[(df.topic == 1) & (df.genre == "blog")].iloc[0]
    assert row.n == 2 and row.share_of_class == 1.0 and row.share_of_topic == pytest.approx(2 / 3)
    assert df[(df.topic == 0)].iloc[0].share_of_class == pytest.approx(2 / 3)
    assert "film" in df[(df.topic == 0)].iloc[0].words
    phrased = topics_per_class(texts, [0, 0, 1, 1, 1], ["a"] * 5, "genre", 3, phrases=["film festival", "ward"])
    assert phrased[phrased.topic == 0].iloc[0].words == ["film festival"]
    years = sort_years(pd.DataFrame({"topic": [0, 0, 1], "year": ["unknown", "2021", "2014"]}))
    assert years["year"].tolist() == ["2014", "2021", "unknown"]
