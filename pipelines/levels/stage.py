"""DVC stage `levels`: a Needham & Carr level, probabilities and evidence for every in-sense claim.

Reads the in-sense target mentions (pipelines.senses.select), classifies the mention's sentence (or
paragraph), and writes levels.parquet plus per-document and per-genre counts and shares.
"""

from __future__ import annotations

import logging

import pandas as pd

from pipelines.config import Config
from pipelines.io import read_table, to_json, write_json, write_table
from pipelines.levels.aggregate import by_document, by_genre
from pipelines.levels.model import LevelClassifier, load_classifier
from pipelines.levels.settings import LABELS, LevelsParams, prob_column
from pipelines.paths import Paths
from pipelines.senses.select import in_sense_mentions
from pipelines.senses.settings import SensesParams, sense_filter
from pipelines.stage_entry import stage_context

log = logging.getLogger(__name__)
COLUMNS = ["mention_id", "doc_id", "sent_id", "genre", "text", "level", *map(prob_column, LABELS), "evidence"]


def claim_texts(mentions: pd.DataFrame, paths: Paths, context: str) -> pd.Series:
    """The text classified for each mention: its sentence, or its whole paragraph."""
    if context == "sentence":
        return mentions["sentence"].astype(str)
    paras = read_table(paths.paragraphs, columns=["doc_id", "para_id", "text"])
    joined = mentions[["doc_id", "para_id"]].merge(paras, on=["doc_id", "para_id"], how="left")
    missing = joined["text"].isna()
    if missing.any():
        raise ValueError(f"{paths.paragraphs}: {int(missing.sum())} mention(s) point to a missing paragraph")
    return joined["text"].astype(str).set_axis(mentions.index)


def label_mentions(mentions: pd.DataFrame, texts: pd.Series, clf: LevelClassifier,
                   params: LevelsParams) -> pd.DataFrame:
    """levels.parquet rows: each distinct text is classified once, in batches."""
    unique = list(dict.fromkeys(texts.tolist()))
    probs, evidence = [], []
    for i in range(0, len(unique), params.batch_size):
        batch = unique[i : i + params.batch_size]
        probs.extend(clf.predict_proba(batch).tolist())
        evidence.extend(to_json(e) for e in clf.explain(batch, params.n_neighbours))
    row_of = {t: i for i, t in enumerate(unique)}
    out = pd.DataFrame({
        "mention_id": mentions["mention_id"].to_numpy(),
        "doc_id": mentions["doc_id"].to_numpy(),
        "sent_id": mentions["sent_id"].astype("int64").to_numpy(),
        "genre": mentions["genre"].astype(str).to_numpy() if "genre" in mentions else "unknown",
        "text": texts.to_numpy(),
    })
    idx = [row_of[t] for t in texts]
    for j, lab in enumerate(clf.labels):
        out[prob_column(lab)] = [probs[i][j] for i in idx]
    out["level"] = [clf.labels[max(range(len(clf.labels)), key=probs[i].__getitem__)] for i in idx]
    out["evidence"] = [evidence[i] for i in idx]
    return out.reindex(columns=COLUMNS)


def run(cfg: Config, paths: Paths) -> dict:
    params: LevelsParams = cfg.section("levels", LevelsParams)
    senses: SensesParams = cfg.section("senses", SensesParams)
    mentions = in_sense_mentions(paths, sense_filter(senses.exclude_off_sense))
    clf = load_classifier(paths)
    levels = label_mentions(mentions, claim_texts(mentions, paths, params.context), clf, params)
    out = paths.stage("levels")
    write_table(levels, out / "levels.parquet")
    write_table(by_document(levels), out / "level_by_document.parquet")
    genres = by_genre(levels)
    write_table(genres, out / "level_by_genre.parquet")
    summary = {"n_mentions": int(len(levels)), "n_claims": int(genres["n_claims"].sum()) if len(genres) else 0,
               "level_counts": levels["level"].value_counts().to_dict()}
    write_json(summary, paths.metric("levels_applied"))
    return summary


def main() -> None:
    cfg, paths = stage_context()
    print(f"levels: {run(cfg, paths)}")


if __name__ == "__main__":
    main()
