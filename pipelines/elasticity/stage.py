"""DVC stage `elasticity`: the index per document, genre, year and corpus with bootstrap CIs (+ metrics).

Reads usage contexts, definitions, sentences and the sense filter; writes the `elasticity` table, the
`comparisons` table (permutation tests between measurable genres, and between years) and the stage's metrics.
"""

from __future__ import annotations

import itertools
import logging

import pandas as pd
from scipy.stats import false_discovery_control

from pipelines.config import Config
from pipelines.elasticity.groups import OK
from pipelines.elasticity.index import COMPONENTS, SCORES
from pipelines.elasticity.inputs import (
    load_baseline,
    load_definitions,
    load_mentions,
    with_level,
)
from pipelines.elasticity.measure import (
    build_level,
    compare_level,
    measure_level,
    resolve_depth,
)
from pipelines.elasticity.settings import ElasticityParams
from pipelines.embeddings import EmbeddingCache
from pipelines.io import write_json
from pipelines.paths import Paths
from pipelines.senses.settings import SensesParams, sense_filter
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES

log = logging.getLogger(__name__)

COMPARED_LEVELS = ("genre", "year")
COMPARISON_COLUMNS = ["level", "group_a", "group_b", "difference", "p_value", "p_adjusted", "n_perm"]
RESULT_COLUMNS = ["level", "group", "n_mentions", "n_docs", "n_units", "index", "ci_low", "ci_high",
                  *COMPONENTS, *SCORES, "baseline_source", "status"]


def run(cfg: Config, paths: Paths) -> dict:
    """Measure every level, write the elasticity and comparisons tables and the metrics; return the metrics."""
    table, comparisons, metrics = measure_corpus(cfg, paths)
    TABLES["elasticity"].write(table, paths)
    TABLES["comparisons"].write(comparisons, paths)
    write_json(metrics, paths.metric("elasticity"))
    log.info("elasticity: %d groups (%d measured)", len(table), int((table["status"] == OK).sum()))
    return metrics


def measure_corpus(cfg: Config, paths: Paths) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """Every level's groups, the pairwise comparisons, and the corpus-level metrics."""
    params = cfg.section("elasticity", ElasticityParams)
    senses = sense_filter(cfg.section("senses", SensesParams).exclude_off_sense)
    cache = EmbeddingCache(cfg.models.sentence_transformer, paths.cache, cfg.models.batch_size)
    sentences = TABLES["sentences"].read(paths)
    mentions = load_mentions(paths, senses)
    definitions = load_definitions(paths, sentences)
    baseline = load_baseline(paths, sentences, params, cfg.seed)
    meta = TABLES["documents"].read(paths, columns=["doc_id", "genre", "year"])
    levels, pooled = {}, None
    for level in params.levels:
        levels[level] = build_level(*(with_level(t, level, meta) for t in (mentions, definitions, baseline)),
                                    params, cache.encode, pooled)
        pooled = levels[level].pooled
    # One collocate depth for every group of every level, so all their collocate scores are comparable.
    params = resolve_depth(list(levels.values()), params)
    log.info("elasticity: collocate depth %s tokens", params.rarefy_collocates)
    rows, comparisons = [], []
    for level, data in levels.items():
        results = measure_level(data, params, cfg.seed)
        for r in results:
            comp = {k: r.components.get(k) for k in (*COMPONENTS, *SCORES, "baseline_source")}
            rows.append({"level": level, "group": r.group, "n_mentions": r.n_mentions, "n_docs": r.n_docs,
                         "n_units": r.n_units, "index": r.index, "ci_low": r.ci_low, "ci_high": r.ci_high,
                         **comp, "status": r.status})
        ok = [r.group for r in results if r.status == OK] if level in COMPARED_LEVELS else []
        tests = []
        for a, b in compared_pairs(level, ok, params.year_comparisons):
            c = compare_level(data, a, b, params, cfg.seed)
            tests.append({"level": level, "group_a": a, "group_b": b, "difference": c.difference,
                          "p_value": c.p_value, "n_perm": c.n_perm})
        comparisons += with_adjusted_p(tests)
    table = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    comp_table = pd.DataFrame(comparisons, columns=COMPARISON_COLUMNS)
    return table, comp_table, corpus_metrics(table, senses)


def compared_pairs(level: str, groups: list[str], years: str) -> list[tuple[str, str]]:
    """Which groups of a level are tested against each other: every pair of genres; consecutive years (in
    calendar order, `unknown` left out) unless `year_comparisons: all`. Documents are never paired (a quadratic
    number of tests)."""
    if level == "year" and years == "consecutive":
        ordered = sorted((g for g in groups if g.isdigit()), key=int)
        return list(zip(ordered, ordered[1:]))
    return list(itertools.combinations(groups, 2))


def with_adjusted_p(tests: list[dict]) -> list[dict]:
    """Add Benjamini–Hochberg adjusted p-values over the tests of one level (false discovery rate)."""
    if tests:
        adjusted = false_discovery_control([t["p_value"] for t in tests], method="bh")
        for t, q in zip(tests, adjusted):
            t["p_adjusted"] = float(q)
    return tests


def corpus_metrics(table: pd.DataFrame, senses: str) -> dict:
    """The corpus row as the stage's metrics, plus how many groups per level could be measured."""
    corpus = table[table["level"] == "corpus"]
    row = corpus.iloc[0].to_dict() if len(corpus) else {}
    per_level = {lvl: {"groups": int(len(g)), "ok": int((g["status"] == OK).sum())}
                 for lvl, g in table.groupby("level")}
    return {
        "senses": senses,
        "corpus": {k: row.get(k) for k in ("index", "ci_low", "ci_high", "n_mentions", "n_docs", "status")},
        "components": {k: row.get(k) for k in (*COMPONENTS, *SCORES, "baseline_source")},
        "levels": per_level,
    }


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
