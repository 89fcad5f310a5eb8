"""Validity of the elasticity index on passages written for colens, with the real spaCy and MiniLM models.

Distinct usages mixed in at equal sample size raise the index; identical usages give the minimum; half a
sample stays inside the full sample's CI; shuffled labels are not significant; the sense filter holds.
"""

from __future__ import annotations

import random

import pytest

from pipelines.elasticity.measure import build_level, compare_level, measure_level
from pipelines.elasticity.passages import PassageSet, passage_tables
from pipelines.elasticity.settings import ElasticityParams
from pipelines.embeddings import EmbeddingCache
from pipelines.paths import Paths
from tests.elasticity_samples import BIOLOGY, ECONOMICS, FILM, PARTICIPATORY, USAGES

pytestmark = pytest.mark.slow

PARAMS = ElasticityParams(min_mentions=6, min_docs=6, rarefy_mentions=8, rarefy_collocates=30,
                          n_boot=400, n_perm=199)
MIN_TOKENS = 12


@pytest.fixture(scope="module")
def run_paths(cfg, tmp_path_factory) -> Paths:
    """Temporary outputs and the project's embedding cache (safe to share between processes)."""
    p = Paths.from_config(cfg, root=tmp_path_factory.mktemp("elasticity"))
    project = Paths.from_config(cfg)
    return Paths(**{**p.__dict__, "root": project.root, "cache": project.cache, "corpus": project.corpus})


@pytest.fixture(scope="module")
def sense_paths(cfg, run_paths) -> Paths:
    """run_paths with the sense classifier trained into its models folder (from the project's annotations)."""
    from pipelines.senses.train import train

    train(cfg, run_paths)
    return run_paths


def _passages(groups: dict[str, list[str]]) -> PassageSet:
    rows, n = [], 0
    for g, texts in groups.items():
        for t in texts:
            n += 1
            rows.append({"id": n, "text": t, "group": g, "doc_id": f"p{n}", "line": n})
    return PassageSet(rows=rows)


def _measure(cfg, paths, groups, senses="all", compare=None):
    cache = EmbeddingCache(cfg.models.sentence_transformer, paths.cache, cfg.models.batch_size)
    tables = passage_tables(_passages(groups), cfg, paths, PARAMS, senses, cache.encode, MIN_TOKENS, 5,
                            with_definitions=False)
    level = build_level(tables.mentions, tables.definitions, tables.baseline, PARAMS, cache.encode)
    results = {r.group: r for r in measure_level(level, PARAMS, cfg.seed)}
    return results, (compare_level(level, *compare, PARAMS, cfg.seed) if compare else None), tables


def test_index_rises_as_distinct_usages_are_mixed_in(cfg, run_paths):
    groups = {
        "same": [PARTICIPATORY[0]] * 8,
        "k1": PARTICIPATORY[:8],
        "k2": PARTICIPATORY[:4] + FILM[:4],
        "k3": PARTICIPATORY[:3] + FILM[:3] + BIOLOGY[:2],
        "k4": PARTICIPATORY[:2] + FILM[:2] + BIOLOGY[:2] + ECONOMICS[:2],
    }
    results, _, _ = _measure(cfg, run_paths, groups)
    idx = [results[g].index for g in ("same", "k1", "k2", "k3", "k4")]
    assert all(r.status == "ok" and r.n_mentions == 8 for r in results.values())
    assert idx == sorted(idx) and len(set(idx)) == 5, idx
    same = results["same"].components
    assert same["usage_apd"] == pytest.approx(0.0, abs=1e-6) and same["sense_entropy"] == pytest.approx(0.0)
    assert results["k1"].components["usage_dispersion"] < results["k4"].components["usage_dispersion"]
    assert results["k1"].components["sense_entropy"] < results["k4"].components["sense_entropy"]


def test_half_sample_stays_inside_the_full_sample_ci(cfg, run_paths):
    full = [t for usage in USAGES for t in usage[:6]]
    half = [t for usage in USAGES for t in usage[6:9]]
    results, _, _ = _measure(cfg, run_paths, {"full": full, "half": half})
    f, h = results["full"], results["half"]
    assert f.ci_low < f.index < f.ci_high
    assert f.ci_low <= h.index <= f.ci_high, (h.index, f.ci_low, f.ci_high)


def test_shuffled_labels_are_not_significantly_different(cfg, run_paths):
    texts = [t for usage in USAGES for t in usage]
    random.Random(7).shuffle(texts)
    results, comp, _ = _measure(cfg, run_paths, {"a": texts[:20], "b": texts[20:]}, compare=("a", "b"))
    assert comp.p_value > 0.05, comp
    # the test can fail: one usage against a mix of four is a real difference
    _, real, _ = _measure(cfg, run_paths, {"one": PARTICIPATORY, "mix": FILM[:4] + BIOLOGY[:3] + ECONOMICS[:3]},
                          compare=("one", "mix"))
    assert real.difference < 0 and real.p_value <= 0.05, real


def test_off_sense_mentions_do_not_move_the_default_index(cfg, sense_paths):
    run_paths = sense_paths
    alone, _, _ = _measure(cfg, run_paths, {"g": PARTICIPATORY}, senses="participatory")
    mixed, _, tables = _measure(cfg, run_paths, {"g": PARTICIPATORY + FILM[:5] + BIOLOGY[:5]},
                                senses="participatory")
    assert tables.n_found == 20 and len(tables.mentions) == 10
    assert mixed["g"].index == pytest.approx(alone["g"].index)
    assert (mixed["g"].ci_low, mixed["g"].ci_high) == pytest.approx((alone["g"].ci_low, alone["g"].ci_high))
    everything, _, _ = _measure(cfg, run_paths, {"g": PARTICIPATORY + FILM[:5] + BIOLOGY[:5]}, senses="all")
    assert everything["g"].index > alone["g"].index
