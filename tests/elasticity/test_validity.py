"""Validity of the elasticity index on passages written for colens, with the real spaCy, MiniLM, sense and
definition models.

Distinct senses, or distinct families of definitions, mixed in at equal sample size raise the index; identical
usages give the minimum; half a sample stays inside the full sample's CI; shuffled labels are not significant;
the sense filter holds.
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
from tests.elasticity.samples import (
    DEFINITION_FAMILIES,
    FILM_PASSAGES,
    HEALTH_PASSAGES,
    KNOWLEDGE_PASSAGES,
    OTHER_PASSAGES,
    SENSE_PASSAGES,
)

pytestmark = pytest.mark.slow

PARAMS = ElasticityParams(min_mentions=6, min_docs=6, rarefy_mentions=8, rarefy_collocates=30, min_definitions=5,
                          n_boot=400, n_perm=199)
MIN_TOKENS = 12  # the usage context and collocate rules the passages are read with
WINDOW = 5


@pytest.fixture(scope="module")
def run_paths(cfg, tmp_path_factory, repro_paths) -> Paths:
    """Temporary outputs, the project's embedding cache and the models a `dvc repro` trained (a clean checkout has
    none)."""
    p = Paths.from_config(cfg, root=tmp_path_factory.mktemp("elasticity"))
    project = Paths.from_config(cfg)
    paths = Paths(**{**p.__dict__, "root": project.root, "cache": project.cache, "corpus": project.corpus})
    paths.models.mkdir(parents=True, exist_ok=True)
    for model in repro_paths.models.iterdir():
        if model.is_dir():
            (paths.models / model.name).symlink_to(model.resolve(), target_is_directory=True)
    return paths


def _passages(groups: dict[str, list[str]]) -> PassageSet:
    rows, n = [], 0
    for g, texts in groups.items():
        for t in texts:
            n += 1
            rows.append({"id": n, "text": t, "group": g, "doc_id": f"p{n}", "line": n})
    return PassageSet(rows=rows)


def _tables(cfg, paths, groups, senses="all", definitions=False):
    cache = EmbeddingCache(cfg.models.sentence_transformer, paths.cache, cfg.models.batch_size)
    usage = {**cfg.model_dump().get("usage", {}), "min_tokens": MIN_TOKENS, "window": WINDOW}
    cfg = Config.model_validate({**cfg.model_dump(), "usage": usage})
    tables = passage_tables(_passages(groups), cfg, paths, senses, cache.encode, with_definitions=definitions)
    return tables, cache


def _measure(cfg, paths, groups, senses="all", compare=None):
    """One run over `groups` (usage clusters fit once over all of them): results by group, a comparison."""
    tables, cache = _tables(cfg, paths, groups, senses)
    level = build_level(tables.mentions, tables.definitions, tables.baseline, PARAMS, cache.encode,
                        clusters_degenerate=tables.clusters_degenerate)
    results = {r.group: r for r in measure_level(level, PARAMS, cfg.seed)}
    return results, (compare_level(level, *compare, PARAMS, cfg.seed) if compare else None), tables


def _copies(rows: pd.DataFrame, passage_ids: list[int], name: str) -> pd.DataFrame:
    """Copies of the pooled run's rows for these passages, as a group with one document per passage."""
    parts = [rows[rows["id"] == i] for i in passage_ids]
    out = pd.concat(parts, ignore_index=True)
    ids = [f"{name}-{i}" for i in out["id"]]
    return out.assign(group=name, unit=ids, doc_id=ids)


def _ids(pool_sizes: list[int]) -> list[list[int]]:
    """1-based passage ids of consecutive blocks of the pooled input."""
    out, start = [], 1
    for n in pool_sizes:
        out.append(list(range(start, start + n)))
        start += n
    return out


def test_index_rises_as_distinct_senses_are_mixed_in(cfg, run_paths):
    """Twelve passages each: one passage repeated, one sense, then two, three, four senses in equal shares.

    Clusters and sense probabilities come from ONE run over the pooled 48 passages (as the stage fits the
    clusters once over the corpus); every mixture is a group of that run.
    """
    tables, cache = _tables(cfg, run_paths, {"pool": [t for sense in SENSE_PASSAGES for t in sense]})
    m = tables.mentions.assign(id=tables.mentions["id"].astype(int))
    assert len(m) == 48 and m["id"].is_unique
    h, f, k, o = _ids([12, 12, 12, 12])
    sets = {
        "0_same": [h[0]] * 12,
        "1_one": h,
        "2_two": h[:6] + f[:6],
        "3_three": h[:4] + f[:4] + k[:4],
        "4_four": h[:3] + f[:3] + k[:3] + o[:3],
    }
    groups = pd.concat([_copies(m, ids, name) for name, ids in sets.items()], ignore_index=True)
    groups["unit"] = groups["unit"] + "#" + groups.groupby("unit").cumcount().astype(str)  # 0_same: 12 units
    level = build_level(groups, tables.definitions.iloc[:0], tables.baseline.iloc[:0], PARAMS, cache.encode)
    results = measure_level(level, PARAMS, cfg.seed)
    assert [r.group for r in results] == list(sets)
    assert all(r.status == "ok" and r.n_mentions == 12 for r in results)
    assert "score_sense_spread" in results[0].index_components
    idx = [r.index for r in results]
    assert idx == sorted(idx) and len(set(idx)) == 5, idx
    spread = [r.components["score_sense_spread"] for r in results]
    assert spread == sorted(spread) and spread[0] == pytest.approx(0.0, abs=1e-9), spread
    same, one, four = results[0], results[1], results[4]
    assert same.components["usage_apd"] == pytest.approx(0.0, abs=1e-6)
    assert one.ci_high < four.ci_low, (one.ci_low, one.ci_high, four.ci_low, four.ci_high)


def test_index_rises_as_definition_families_are_mixed_in(cfg, run_paths):
    """Passages defining co-production in one, two, three or four families (6, 3+3, 2+2+2, 2+2+2+2).

    The groups are built from the passages in which the detector found a definition. Other things equal (the
    same mention passages, only the definitions differ) the definitional score and the index rise with every
    family mixed in; with whole passages mixed (their contexts differ too) four families beat one.
    """
    names = list(DEFINITION_FAMILIES)
    pool = [t for name in names for t in DEFINITION_FAMILIES[name]]
    tables, cache = _tables(cfg, run_paths, {"pool": pool}, definitions=True)
    m = tables.mentions.assign(id=tables.mentions["id"].astype(int))
    defs = tables.definitions.assign(id=[int(d[1:]) for d in tables.definitions["doc_id"]])
    defs = defs.drop_duplicates("id")  # one definition per passage
    found = [[i for i in ids if i in set(defs["id"])] for ids in _ids([8, 8, 8, 8])]
    assert len(m) == 32 and [len(f) >= n for f, n in zip(found, (6, 3, 2, 2))] == [True] * 4, found
    a, b, c, d = found
    sets = {"1_one": a[:6], "2_two": a[:3] + b[:3], "3_three": a[:2] + b[:2] + c[:2],
            "4_four": a[:2] + b[:2] + c[:2] + d[:2]}
    params = PARAMS.model_copy(update={"min_definitions": 6})
    fixed = sets["4_four"]  # the same eight mention passages in every group
    mentions = pd.concat([_copies(m, fixed, n) for n in sets], ignore_index=True)
    swapped = []
    for n, ids in sets.items():
        rows = _copies(defs, ids, n)
        units = [f"{n}-{i}" for i in fixed]
        swapped.append(rows.assign(unit=[units[j % 8] for j in range(len(rows))],
                                   doc_id=[units[j % 8] for j in range(len(rows))]))
    level = build_level(mentions, pd.concat(swapped, ignore_index=True), tables.baseline.iloc[:0], params,
                        cache.encode, clusters_degenerate=tables.clusters_degenerate)
    results = measure_level(level, params, cfg.seed)
    assert all("score_definitions" in r.index_components for r in results)
    scores = [r.components["score_definitions"] for r in results]
    assert scores == sorted(scores) and len(set(scores)) == 4, scores
    idx = [r.index for r in results]
    assert idx == sorted(idx) and len(set(idx)) == 4, idx
    assert len({r.components["score_usage"] for r in results}) == 1  # only the definitions differ
    # whole passages: the contexts change as well
    mentions = pd.concat([_copies(m, ids, n) for n, ids in sets.items()], ignore_index=True)
    definitions = pd.concat([_copies(defs, ids, n) for n, ids in sets.items()], ignore_index=True)
    level = build_level(mentions, definitions, tables.baseline.iloc[:0], params, cache.encode,
                        clusters_degenerate=tables.clusters_degenerate)
    one, *_, four = measure_level(level, params, cfg.seed)
    assert four.components["score_definitions"] > one.components["score_definitions"] + 0.2
    assert four.index > one.index, (one.index, four.index)


def test_random_half_samples_stay_inside_the_full_sample_ci(cfg, run_paths):
    """Five random halves of a 24-passage sample (six of each sense): at least four inside its 95% CI.

    The halves are random, not stratified: with exactly equal shares of each sense a smaller sample has more
    pairs across senses among its distinct pairs, and would sit above the full sample by construction.
    """
    pool = [t for sense in SENSE_PASSAGES for t in sense[:6]]
    tables, cache = _tables(cfg, run_paths, {"pool": pool})
    m = tables.mentions.assign(id=tables.mentions["id"].astype(int))
    rng = np.random.default_rng(cfg.seed)
    sets = {"full": list(range(1, 25)), **{f"half{k}": sorted(rng.choice(24, 12, replace=False) + 1)
                                           for k in range(5)}}
    groups = pd.concat([_copies(m, ids, name) for name, ids in sets.items()], ignore_index=True)
    level = build_level(groups, tables.definitions.iloc[:0], tables.baseline.iloc[:0], PARAMS, cache.encode,
                        clusters_degenerate=tables.clusters_degenerate)
    results = {r.group: r for r in measure_level(level, PARAMS, cfg.seed)}
    full = results.pop("full")
    assert full.ci_low < full.index < full.ci_high
    assert all(h.index_components == full.index_components for h in results.values())
    inside = [full.ci_low <= h.index <= full.ci_high for h in results.values()]
    assert sum(inside) >= 4, ([h.index for h in results.values()], full.ci_low, full.ci_high)


def test_shuffled_labels_are_not_significantly_different(cfg, run_paths):
    """Random document labels: p > 0.05 in all but about 5% of labellings; a real difference is found."""
    texts = [t for sense in SENSE_PASSAGES for t in sense[:10]]
    tables, cache = _tables(cfg, run_paths, {"all": texts})
    p_values = []
    for seed in range(20):
        labels = np.random.default_rng(seed).permutation(np.repeat(["a", "b"], 20))
        m = tables.mentions.assign(group=labels)
        level = build_level(m, tables.definitions, tables.baseline.iloc[:0], PARAMS, cache.encode)
        p_values.append(compare_level(level, "a", "b", PARAMS, cfg.seed).p_value)
    assert np.mean(np.array(p_values) <= 0.05) <= 0.15, p_values
    assert np.median(p_values) > 0.2, p_values
    # the test can fail: one sense against a mix of the three others is a real difference
    _, real, _ = _measure(cfg, run_paths, {"one": HEALTH_PASSAGES,
                                           "mix": FILM_PASSAGES[:4] + KNOWLEDGE_PASSAGES[:4] + OTHER_PASSAGES[:4]},
                          compare=("one", "mix"))
    assert real.difference < 0 and real.p_value <= 0.05, real


def test_off_sense_mentions_do_not_move_the_default_index(cfg, run_paths):
    alone, _, _ = _measure(cfg, run_paths, {"g": HEALTH_PASSAGES}, senses="participatory")
    mixed, _, tables = _measure(cfg, run_paths, {"g": HEALTH_PASSAGES + FILM_PASSAGES[:6] + OTHER_PASSAGES[:6]},
                                senses="participatory")
    assert tables.n_found == 24 and len(tables.mentions) == 12
    assert mixed["g"].index == pytest.approx(alone["g"].index)
    assert (mixed["g"].ci_low, mixed["g"].ci_high) == pytest.approx((alone["g"].ci_low, alone["g"].ci_high))
    everything, _, _ = _measure(cfg, run_paths, {"g": HEALTH_PASSAGES + FILM_PASSAGES[:6] + OTHER_PASSAGES[:6]},
                                senses="all")
    # every sense kept: the film and other mentions show up as sense spread (12 + 6 + 6 mentions: about 0.6),
    # and the index states that it is built from more scores than the filtered one (not comparable to it)
    e = everything["g"]
    assert e.components["score_sense_spread"] >= 0.4, e.components["score_sense_spread"]
    assert "score_sense_spread" in e.index_components and "score_sense_spread" not in alone["g"].index_components
