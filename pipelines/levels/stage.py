"""DVC stage `levels`: a Needham & Carr level, probabilities and evidence for every in-sense claim.

Reads the in-sense target mentions (pipelines.senses.select), grades the paragraph around each (or its sentence) by
the codebook (`LevelClassifier.grade`), and writes the levels table plus level counts and shares per document and
per genre. A paragraph with two mentions is one claim: the counts are of distinct graded passages.
"""

from __future__ import annotations

import logging

import pandas as pd

from pipelines.config import Config
from pipelines.doc_results import open_results, per_document, row_keys
from pipelines.io import to_json, write_json
from pipelines.levels.model import LevelClassifier, load_classifier
from pipelines.levels.settings import LABELS, LevelsParams, prob_column
from pipelines.paths import Paths
from pipelines.senses.select import in_sense_mentions
from pipelines.senses.settings import SensesParams, sense_filter
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES

log = logging.getLogger(__name__)

COLUMNS = ["mention_id", "doc_id", "sent_id", "genre", "text", "level", *map(prob_column, LABELS), "evidence"]
STAGE = "levels"  # its per-document results in cache/doc_results.sqlite
CLAIM = "claim_text"  # the passage graded for a mention (`claim_texts`)
#: What a document's levels rows are computed from; its stored rows are reused while all of these are unchanged.
READ = ("mention_id", "sent_id", "genre", CLAIM)


def claim_texts(mentions: pd.DataFrame, paths: Paths, context: str) -> pd.Series:
    """The text classified for each mention: its sentence, or its whole paragraph."""
    if context == "sentence":
        return mentions["sentence"].astype(str)
    paragraphs = TABLES["paragraphs"]
    paras = paragraphs.read(paths, columns=["doc_id", "para_id", "text"])
    joined = mentions[["doc_id", "para_id"]].merge(paras, on=["doc_id", "para_id"], how="left")
    missing = joined["text"].isna()
    if missing.any():
        raise ValueError(f"{paragraphs.path(paths)}: {int(missing.sum())} mention(s) point to a missing paragraph")
    return joined["text"].astype(str).set_axis(mentions.index)


def label_mentions(mentions: pd.DataFrame, texts: pd.Series, clf: LevelClassifier,
                   params: LevelsParams) -> pd.DataFrame:
    """Levels table rows: each distinct passage is graded once (claims, blend, evidence), in batches."""
    unique = list(dict.fromkeys(texts.tolist()))
    grades = []
    for i in range(0, len(unique), params.batch_size):
        grades.extend(clf.grade(unique[i : i + params.batch_size], params))
    row_of = {t: i for i, t in enumerate(unique)}
    out = pd.DataFrame({
        "mention_id": mentions["mention_id"].to_numpy(),
        "doc_id": mentions["doc_id"].to_numpy(),
        "sent_id": mentions["sent_id"].astype("int64").to_numpy(),
        "genre": mentions["genre"].astype(str).to_numpy() if "genre" in mentions else "unknown",
        "text": texts.to_numpy(),
    })
    picked = [grades[row_of[t]] for t in texts]
    for lab in LABELS:
        out[prob_column(lab)] = [g.scores[lab] for g in picked]
    out["level"] = [g.label for g in picked]
    out["evidence"] = [to_json(g.evidence) for g in picked]
    return out.reindex(columns=COLUMNS)


def _col(prefix: str, label: str) -> str:
    return prefix + label.replace("/", "")


COUNT_COLUMNS = [_col(p, lab) for p in ("n_", "share_") for lab in LABELS]


def _counts(claims: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    table = pd.crosstab([claims[k] for k in keys], claims["level"]).reindex(columns=LABELS, fill_value=0)
    table.columns = [_col("n_", lab) for lab in LABELS]
    out = table.reset_index()
    n_cols = [_col("n_", lab) for lab in LABELS]
    out.insert(len(keys), "n_claims", out[n_cols].sum(axis=1))
    for lab in LABELS:
        out[_col("share_", lab)] = out[_col("n_", lab)] / out["n_claims"]
    return out


def claims(levels: pd.DataFrame) -> pd.DataFrame:
    """One row per graded passage (a paragraph, or a sentence with `levels.context: sentence`) of each document:
    two mentions in one paragraph are one claim."""
    return levels.drop_duplicates(["doc_id", "text"])[["doc_id", "sent_id", "genre", "level"]]


def by_document(levels: pd.DataFrame) -> pd.DataFrame:
    """doc_id, genre, n_claims, n_<label>, share_<label>."""
    empty = pd.DataFrame(columns=["doc_id", "genre", "n_claims", *COUNT_COLUMNS])
    return empty if levels.empty else _counts(claims(levels), ["doc_id", "genre"])


def by_genre(levels: pd.DataFrame) -> pd.DataFrame:
    """genre, n_documents, n_claims, n_<label>, share_<label>."""
    cols = ["genre", "n_documents", "n_claims", *COUNT_COLUMNS]
    if levels.empty:
        return pd.DataFrame(columns=cols)
    c = claims(levels)
    out = _counts(c, ["genre"])
    out.insert(1, "n_documents", out["genre"].map(c.groupby("genre")["doc_id"].nunique()))
    return out[cols]


def run(cfg: Config, paths: Paths) -> dict:
    """Label the in-sense claims; write the levels tables and metrics/levels_applied.json. A document whose claim
    rows (mentions, genre, passages) are unchanged reuses its stored levels (`engine.reuse_results`); the model is
    loaded only to grade others."""
    params: LevelsParams = cfg.section("levels", LevelsParams)
    senses: SensesParams = cfg.section("senses", SensesParams)
    mentions = in_sense_mentions(paths, sense_filter(senses.exclude_off_sense))
    mentions = mentions.assign(**{CLAIM: claim_texts(mentions, paths, params.context)})

    def compute(todo: pd.DataFrame) -> pd.DataFrame:
        mine = mentions[mentions["doc_id"].isin(set(todo["doc_id"]))]
        return label_mentions(mine, mine[CLAIM], load_classifier(paths, cfg), params)

    with open_results(cfg, paths, STAGE) as results:
        levels, n_computed = per_document(results, row_keys(mentions, [c for c in READ if c in mentions]), COLUMNS,
                                          compute)
    log.info("levels: %d of %d documents read, the rest reused (engine.reuse_results)", n_computed,
             mentions["doc_id"].nunique())
    TABLES["levels"].write(levels, paths)
    TABLES["level_by_document"].write(by_document(levels), paths)
    genres = by_genre(levels)
    TABLES["level_by_genre"].write(genres, paths)
    summary = {"n_mentions": int(len(levels)), "n_claims": int(genres["n_claims"].sum()) if len(genres) else 0,
               "level_counts": levels["level"].value_counts().to_dict()}
    write_json(summary, paths.metric("levels_applied"))
    return summary


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
