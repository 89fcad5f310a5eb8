"""Validity of the elasticity index on passages written for colens, with the real spaCy and MiniLM models.

Distinct usages mixed in at equal sample size raise the index; identical usages give the minimum; half a
sample stays inside the full sample's CI; shuffled labels are not significant; the sense filter holds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pipelines.config import Config
from pipelines.elasticity.measure import build_level, compare_level, measure_level
from pipelines.elasticity.passages import PassageSet, passage_tables
from pipelines.elasticity.settings import ElasticityParams
from pipelines.embeddings import EmbeddingCache
from pipelines.paths import Paths
from tests.elasticity.samples import BIOLOGY, ECONOMICS, FILM, PARTICIPATORY, USAGES

pytestmark = pytest.mark.slow

PARAMS = ElasticityParams(min_mentions=6, min_docs=6, rarefy_mentions=8, rarefy_collocates=30,
                          n_boot=400, n_perm=199)
MIN_TOKENS = 12  # the usage context and collocate rules the passages are read with
WINDOW = 5


@pytest.fixture(scope="module")
def run_paths(cfg, tmp_path_factory) -> Paths:
    """Temporary outputs and the project's embedding cache (safe to share between processes)."""
    p = Paths.from_config(cfg, root=tmp_path_factory.mktemp("elasticity"))
    project = Paths.from_config(cfg)
    return Paths(**{**p.__dict__, "root": project.root, "cache": project.cache, "corpus": project.corpus})


@pytest.fixture(scope="module")
def sense_paths(cfg, run_paths) -> Paths:
    """run_paths with the sense classifier trained into its models folder (from the project's annotations)."""
    from pipelines.senses.train import run as train

    train(cfg, run_paths)
    return run_paths


def _passages(groups: dict[str, list[str]]) -> PassageSet:
    rows, n = [], 0
    for g, texts in groups.items():
        for t in texts:
            n += 1
            rows.append({"id": n, "text": t, "group": g, "doc_id": f"p{n}", "line": n})
    return PassageSet(rows=rows)


def _tables(cfg, paths, groups, senses="all"):
    cache = EmbeddingCache(cfg.models.sentence_transformer, paths.cache, cfg.models.batch_size)
    usage = {**cfg.model_dump().get("usage", {}), "min_tokens": MIN_TOKENS, "window": WINDOW}
    cfg = Config.model_validate({**cfg.model_dump(), "usage": usage})
    tables = passage_tables(_passages(groups), cfg, paths, senses, cache.encode, with_definitions=False)
    return tables, cache


def _measure(cfg, paths, groups, senses="all", compare=None):
    """One run over `groups` (usage clusters fit once over all of them): results by group, a comparison."""
    tables, cache = _tables(cfg, paths, groups, senses)
    level = build_level(tables.mentions, tables.definitions, tables.baseline, PARAMS, cache.encode)
    results = {r.group: r for r in measure_level(level, PARAMS, cfg.seed)}
    return results, (compare_level(level, *compare, PARAMS, cfg.seed) if compare else None), tables


def _group_of(mentions, passage_ids: list[int], name: str):
    """Copies of the pooled run's mention rows for these passages, as a group with one document per mention."""
    rows = [mentions[mentions["id"] == i] for i in passage_ids]
    assert all(len(r) == 1 for r in rows), "each pooled passage has exactly one mention"
    out = pd.concat(rows, ignore_index=True)
    ids = [f"{name}-{j}" for j in range(len(out))]
    return out.assign(group=name, unit=ids, doc_id=ids)


def test_index_rises_as_distinct_usages_are_mixed_in(cfg, run_paths):
    """Eight mentions each: identical, one usage, then two, three, four usages mixed.

    The usage clusters are fit ONCE over the pooled 40 passages (ten of each usage), as the stage fits them
    once over the corpus; every mixture is a group of that one run, so the groups share the clusters.
    """
    pool = [t for usage in USAGES for t in usage]
    tables, cache = _tables(cfg, run_paths, {"pool": pool})
    m = tables.mentions
    assert len(m) == 40
    # the shared fit tells the four usages apart: each usage's majority cluster is its own
    truth = np.repeat(np.arange(4), 10)
    clusters = m.sort_values("id")["cluster"].to_numpy()
    majority = [np.bincount(clusters[truth == u]).argmax() for u in range(4)]
    assert len(set(majority)) == 4, clusters
    assert all((clusters[truth == u] == c).mean() >= 0.7 for u, c in enumerate(majority)), clusters
    p, f, b, e = (list(range(10 * u + 1, 10 * u + 11)) for u in range(4))  # passage ids are 1-based
    sets = {
        "0_same": [p[0]] * 8,
        "1_one": p[:8],
        "2_two": p[:4] + f[:4],
        "3_three": p[:3] + f[:3] + b[:2],
        "4_four": p[:2] + f[:2] + b[:2] + e[:2],
    }
    groups = pd.concat([_group_of(m, ids, name) for name, ids in sets.items()], ignore_index=True)
    level = build_level(groups, tables.definitions.iloc[:0], tables.baseline.iloc[:0], PARAMS, cache.encode)
    results = [r for r in measure_level(level, PARAMS, cfg.seed)]
    assert [r.group for r in results] == list(sets)
    idx = [r.index for r in results]
    assert all(r.status == "ok" and r.n_mentions == 8 for r in results)
    assert idx == sorted(idx) and len(set(idx)) == 5, idx
    same, one, four = results[0].components, results[1].components, results[4].components
    assert same["usage_apd"] == pytest.approx(0.0, abs=1e-6) and same["sense_entropy"] == pytest.approx(0.0)
    assert one["usage_dispersion"] < four["usage_dispersion"] and one["sense_entropy"] < four["sense_entropy"]
    assert results[0].ci_low <= results[0].index <= results[0].ci_high


def test_half_sample_stays_inside_the_full_sample_ci(cfg, run_paths):
    full = [t for usage in USAGES for t in usage[:6]]
    half = [t for usage in USAGES for t in usage[:3]]
    results, _, _ = _measure(cfg, run_paths, {"full": full, "half": half})
    f, h = results["full"], results["half"]
    assert f.ci_low < f.index < f.ci_high
    assert f.ci_low <= h.index <= f.ci_high, (h.index, f.ci_low, f.ci_high)


def test_shuffled_labels_are_not_significantly_different(cfg, run_paths):
    """Random document labels: p > 0.05 in all but about 5% of labellings; a real difference is found."""
    texts = [t for usage in USAGES for t in usage]
    tables, cache = _tables(cfg, run_paths, {"all": texts})
    p_values = []
    for seed in range(20):
        labels = np.random.default_rng(seed).permutation(np.repeat(["a", "b"], 20))
        m = tables.mentions.assign(group=labels)
        level = build_level(m, tables.definitions, tables.baseline.iloc[:0], PARAMS, cache.encode)
        p_values.append(compare_level(level, "a", "b", PARAMS, cfg.seed).p_value)
    assert np.mean(np.array(p_values) <= 0.05) <= 0.15, p_values
    assert np.median(p_values) > 0.2, p_values
    # the test can fail: one usage against a mix of three others is a real difference
    _, real, _ = _measure(cfg, run_paths, {"one": PARTICIPATORY, "mix": FILM[:4] + BIOLOGY[:3] + ECONOMICS[:3]},
                          compare=("one", "mix"))
    assert real.difference < 0 and real.p_value <= 0.05, real


def test_off_sense_mentions_do_not_move_the_default_index(cfg, sense_paths):
    alone, _, _ = _measure(cfg, sense_paths, {"g": PARTICIPATORY}, senses="participatory")
    mixed, _, tables = _measure(cfg, sense_paths, {"g": PARTICIPATORY + FILM[:5] + BIOLOGY[:5]},
                                senses="participatory")
    assert tables.n_found == 20 and len(tables.mentions) == 10
    assert mixed["g"].index == pytest.approx(alone["g"].index)
    assert (mixed["g"].ci_low, mixed["g"].ci_high) == pytest.approx((alone["g"].ci_low, alone["g"].ci_high))
    everything, _, _ = _measure(cfg, sense_paths, {"g": PARTICIPATORY + FILM[:5] + BIOLOGY[:5]}, senses="all")
    assert everything["g"].index > alone["g"].index
