"""DVC stage `elasticity`: the index per document, genre, year and corpus with bootstrap CIs (+ metrics).

Reads usage contexts, definitions, sentences and the sense filter; writes the `elasticity` table, the
`comparisons` table (permutation tests between measurable genres, and between years) and the stage's metrics.
"""

from __future__ import annotations

import itertools
import logging

import pandas as pd
from scipy.stats import false_discovery_control
from threadpoolctl import threadpool_limits

from pipelines.config import Config
from pipelines.elasticity.clusters import stage_verdict
from pipelines.elasticity.depth import collocate_tokens, depth_from_totals, is_measurable
from pipelines.elasticity.groups import OK
from pipelines.elasticity.index import COMPONENTS, SCORES
from pipelines.elasticity.inputs import (
    load_baseline,
    load_concept_mentions,
    load_definitions,
    load_mentions,
    with_level,
)
from pipelines.elasticity.measure import (
    LevelData,
    build_level,
    compare_level,
    group_stats,
    measure_level,
)
from pipelines.elasticity.settings import ElasticityParams
from pipelines.embeddings import EmbeddingCache
from pipelines.io import write_json
from pipelines.paths import Paths
from pipelines.senses.settings import SensesParams, sense_filter
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES

log = logging.getLogger(__name__)

COMPARED_LEVELS = ("genre", "year", "concept")
COMPARISON_COLUMNS = ["level", "group_a", "group_b", "difference", "p_value", "p_adjusted", "n_perm",
                      "index_components"]
RESULT_COLUMNS = ["level", "group", "n_mentions", "n_docs", "n_units", "index", "ci_low", "ci_high",
                  *COMPONENTS, *SCORES, "baseline_source", "status", "status_detail", "index_components"]
UNIT_NAMES = {"document": "paragraphs"}
#: BLAS threads for the bootstrap and permutation arithmetic: its many small matrix products gain nothing from a
#: second thread on an idle 2-core machine (7.6 s against 7.9 s at 100k words, identical outputs) and, beside
#: other processes, threads fighting for cores slowed the stage from 6 s to 30-50 s.
BLAS_THREADS = 1
#: Content words either side of a mention counted as collocates at the `concept` level (usage.window's default).
CONCEPT_WINDOW = 5


def run(cfg: Config, paths: Paths) -> dict:
    """Measure every level, write the elasticity and comparisons tables and the metrics; return the metrics."""
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
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
    cache = EmbeddingCache.for_project(cfg, paths)
    sentences = TABLES["sentences"].read(paths)
    mentions = load_mentions(paths, senses)
    definitions = load_definitions(paths, sentences)
    baseline = load_baseline(paths, sentences, params, cfg.seed)
    meta = TABLES["documents"].read(paths, columns=["doc_id", "genre", "year"])
    degenerate = stage_verdict(paths)
    levels, pooled = {}, None
    for level in (lv for lv in params.levels if lv != "concept"):
        levels[level] = build_level(*(with_level(t, level, meta) for t in (mentions, definitions, baseline)),
                                    params, cache.encode, pooled, degenerate, UNIT_NAMES.get(level, "documents"))
        pooled = levels[level].pooled
    # One collocate depth for every group of every level, so all their collocate scores are comparable.
    params = params.model_copy(update={"rarefy_collocates": run_depth(levels, params)})
    log.info("elasticity: collocate depth %s tokens", params.rarefy_collocates)
    if "concept" in params.levels:
        levels["concept"] = concept_level(paths, cfg, params, baseline, meta, cache.encode, pooled)
    rows, comparisons = [], []
    for level, data in levels.items():
        lp = params.for_level(level)
        if level == "concept":  # its own collocate procedure: its own depth, shared by its concepts
            lp = lp.model_copy(update={"rarefy_collocates": run_depth({level: data}, params.model_copy(
                update={"rarefy_collocates": "auto"}))})
        results = measure_level(data, lp, cfg.seed)
        for r in results:
            comp = {k: r.components.get(k) for k in (*COMPONENTS, *SCORES, "baseline_source")}
            rows.append({"level": level, "group": r.group, "n_mentions": r.n_mentions, "n_docs": r.n_docs,
                         "n_units": r.n_units, "index": r.index, "ci_low": r.ci_low, "ci_high": r.ci_high,
                         **comp, "status": r.status, "status_detail": r.status_detail,
                         "index_components": ",".join(r.index_components)})
        ok = [r.group for r in results if r.status == OK and r.index is not None] if level in COMPARED_LEVELS else []
        tests = []
        for a, b in compared_pairs(level, ok, params.year_comparisons, cfg.lexicon.target):
            c = compare_level(data, a, b, lp, cfg.seed)
            tests.append({"level": level, "group_a": a, "group_b": b, "difference": c.difference,
                          "p_value": c.p_value, "n_perm": c.n_perm,
                          "index_components": ",".join(c.index_components)})
        comparisons += with_adjusted_p(tests)
    table = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    comp_table = pd.DataFrame(comparisons, columns=COMPARISON_COLUMNS)
    return table, comp_table, corpus_metrics(table, senses)


def run_depth(levels: dict[str, LevelData], params: ElasticityParams) -> int | str:
    """The collocate depth for these levels: fixed, or from the smallest group measurable at its own level."""
    if params.rarefy_collocates != "auto":
        return params.rarefy_collocates
    totals = [collocate_tokens(s) for level, data in levels.items() for s in group_stats(data).values()
              if is_measurable(s, params.for_level(level))]
    return depth_from_totals(totals, params)


def concept_level(paths, cfg: Config, params: ElasticityParams, baseline: pd.DataFrame, meta: pd.DataFrame,
                  encode, pooled) -> LevelData:
    """The target and its neighbouring concepts, each a group, measured by one procedure (see inputs)."""
    concepts = [cfg.lexicon.target, *[c for c in params.neighbours if c != cfg.lexicon.target]]
    mentions = load_concept_mentions(paths, concepts, CONCEPT_WINDOW)
    in_doc = mentions[["doc_id", "concept"]].drop_duplicates()
    base = baseline.drop(columns=[c for c in ("concept",) if c in baseline.columns]).merge(in_doc, on="doc_id")
    defs = pd.DataFrame({"doc_id": pd.Series(dtype=str), "para_id": pd.Series(dtype=str),
                         "concept": pd.Series(dtype=str), "definiens": pd.Series(dtype=str),
                         "family": pd.Series(dtype=int)})
    tables = [with_level(t, "concept", meta) for t in (mentions, defs, base)]
    return build_level(*tables, params, encode, pooled, True, "documents")


def compared_pairs(level: str, groups: list[str], years: str, target: str = "") -> list[tuple[str, str]]:
    """Which groups of a level are tested against each other: every pair of genres; consecutive years (in
    calendar order, `unknown` left out) unless `year_comparisons: all`; the target concept against each
    neighbour. Documents are never paired (a quadratic number of tests)."""
    if level == "concept":
        return [(target, g) for g in groups if g != target] if target in groups else []
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
        "senses_kept": senses,
        "whole_corpus": {k: row.get(k) for k in ("index", "ci_low", "ci_high", "n_mentions", "n_docs", "status")},
        "components": {k: row.get(k) for k in (*COMPONENTS, *SCORES, "baseline_source", "index_components")},
        "groups_measured": per_level,
        "concepts": {r["group"]: {k: (None if pd.isna(r[k]) else r[k])
                                  for k in ("index", "ci_low", "ci_high", "n_mentions", "status")}
                     for r in table[table["level"] == "concept"].to_dict("records")},
    }


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
