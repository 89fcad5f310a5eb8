"""DVC stage `senses`: give every target mention in the mentions table a sense, so later analyses can drop the
homonyms (film co-productions, STS co-production, metabolites, joint products) via `select.py`.
"""

from __future__ import annotations

import logging

import pandas as pd

from pipelines.config import Config
from pipelines.doc_results import open_results, per_document, row_keys
from pipelines.engine.runner import open_engine, partitions, worker_cached
from pipelines.io import write_json
from pipelines.modeling import open_model
from pipelines.paths import Paths
from pipelines.senses.discourse import smooth
from pipelines.senses.model import CONTEXT, SCOPE, SenseClassifier, classify_mentions, load_classifier, sense_columns
from pipelines.senses.settings import IN_SENSE, LABELS, MODEL_NAME, TRAIN_HINT, SensesParams
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES

CORPUS_METRIC = "senses_corpus"
STAGE = "senses"  # its rows in cache/doc_results.sqlite
COLUMNS = ["mention_id", "doc_id", "sense", "sense_score", *(f"p_{lab}" for lab in LABELS), "in_sense",
           "sense_sentence"]
#: What the stage reads of a mention row; a document's rows are reused while all of these are unchanged.
READ = ("mention_id", "is_target", "start", "end", "sent_start", "sentence", CONTEXT, SCOPE)
log = logging.getLogger(__name__)


def with_paragraphs(mentions: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Mention rows with the text of their paragraph (`paragraph`), the passage the classifier reads, and of their
    document (`document`: its paragraphs joined), which a codebook rule reads for who the work is done with.

    The document column holds references to one string per document (object dtype), not a copy per mention: as a
    string column it cost the length of a document for each of its mentions (hundreds of MB on a 1M-word corpus)."""
    text = paragraphs.set_index(["doc_id", "para_id"])["text"]
    keys = pd.MultiIndex.from_arrays([mentions["doc_id"], mentions["para_id"]])
    documents = {str(doc): "\n\n".join(texts.astype(str))
                 for doc, texts in paragraphs.groupby("doc_id", sort=False)["text"]}
    scope = pd.Series([documents.get(str(doc), "") for doc in mentions["doc_id"]], index=mentions.index, dtype=object)
    return mentions.assign(**{CONTEXT: text.reindex(keys).fillna("").to_numpy(), SCOPE: scope})


def classify_partition(batch: pd.DataFrame, cfg: Config, paths: Paths) -> pd.DataFrame:
    """Sense columns of a batch of target mention rows: the unit of work of either engine (`pipelines.engine`).
    The model file is read once per process (a Dask worker keeps it; a retrained file is read again); the
    classifier and its embedding cache are made per batch (a SQLite connection stays in its thread)."""
    model = paths.models / MODEL_NAME
    stamp = "|".join(f"{f.name}:{f.stat().st_mtime_ns}" for f in sorted(model.glob("*")) if f.is_file()) \
        if model.is_dir() else ""
    opened = worker_cached(f"senses-model:{model}:{stamp}", lambda: open_model(model, TRAIN_HINT))
    return classify_mentions(load_classifier(paths, cfg, opened), batch)


def label_mentions(clf: SenseClassifier, mentions: pd.DataFrame, batch_size: int, engine=None, cfg=None,
                   paths=None) -> pd.DataFrame:
    """Senses table rows for the target mentions of `mentions` (schema in docs/ARCHITECTURE.md), classified in
    batches of `batch_size` rows: with `clf` here (no engine, or the local one: the model is already loaded), or,
    given a Dask `engine` (with `cfg` and `paths`), as its tasks (`classify_partition`, the same batches: the same
    rows come back)."""
    target = mentions[mentions["is_target"].astype(bool)].reset_index(drop=True)
    batches = partitions(target, batch_size)
    if engine is None or engine.kind == "local":
        parts = [classify_mentions(clf, batch) for batch in batches]
    else:
        parts = [part.reset_index(drop=True) for part in engine.map(classify_partition, batches, cfg, paths)]
    empty = classify_mentions(clf, target.iloc[0:0])
    senses = pd.concat(parts, ignore_index=True) if parts else empty
    return pd.concat([target[["mention_id", "doc_id"]], senses], axis=1)


def smooth_by_document(senses: pd.DataFrame, labels: list[str], weight: float,
                       confident: float = 0.75) -> pd.DataFrame:
    """Blend each vague mention's probabilities with its document's confidence-weighted mean ("one sense per
    discourse", `discourse.py`): a bare "what makes co-production work?" takes the sense of the document around
    it, a mention at least `confident` of its own sense keeps it. The unsmoothed label stays in
    `sense_sentence` for auditing."""
    cols = [f"p_{lab}" for lab in labels]
    raw = senses[cols].to_numpy(dtype=float)
    blended = smooth(raw, senses["doc_id"].tolist(), weight, confident) if len(senses) else raw
    out = pd.concat([senses[["mention_id", "doc_id"]].reset_index(drop=True), sense_columns(blended, labels)],
                    axis=1)
    out["sense_sentence"] = [labels[i] for i in raw.argmax(axis=1)] if len(raw) else []
    return out


def corpus_metrics(senses: pd.DataFrame, mentions: pd.DataFrame, labels: list[str]) -> dict:
    """Sense counts overall and per genre, and how many mentions later analyses keep."""
    genre = mentions.set_index("mention_id")["genre"] if "genre" in mentions else None
    df = senses.assign(genre=senses["mention_id"].map(genre) if genre is not None else "unknown")
    per_genre = {
        g: {lab: int((part["sense"] == lab).sum()) for lab in labels} for g, part in df.groupby("genre")
    }
    return {
        "n_target_mentions": int(len(df)),
        "n_in_sense": int(df["in_sense"].sum()),
        "share_in_sense": float(df["in_sense"].mean()) if len(df) else None,
        "counts": {lab: int((df["sense"] == lab).sum()) for lab in labels},
        "per_genre": per_genre,
        "in_sense_label": IN_SENSE,
        "n_changed_by_document": int((df["sense"] != df["sense_sentence"]).sum()) if "sense_sentence" in df else 0,
    }


def document_keys(mentions: pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """doc_id and a key per document with mentions: a hash of everything the stage reads of its mention rows (their
    sentences, passages, document text and offsets, and the `extra` columns), under which its senses rows are
    stored."""
    cols = [c for c in (*READ, *extra) if c in mentions and c != SCOPE]
    return row_keys(mentions, cols, once=[SCOPE] if SCOPE in mentions else [])  # the document text: one per document


def run(cfg: Config, paths: Paths) -> dict:
    """Label every target mention, write the senses table and metrics/senses_corpus.json. A document whose mention
    rows are unchanged reuses its stored senses (`engine.reuse_results`); the model is loaded only to read others."""
    params: SensesParams = cfg.section("senses", SensesParams)
    mentions = TABLES["mentions"].read(paths)
    if TABLES["paragraphs"].path(paths).exists():
        mentions = with_paragraphs(mentions, TABLES["paragraphs"].read(paths))
    else:  # written by the same stage as mentions, so only a hand-made mentions table lacks it
        log.warning("no paragraphs table beside the mentions table: each mention is read in its sentence alone")

    def compute(todo: pd.DataFrame) -> pd.DataFrame:
        clf = load_classifier(paths, cfg)
        mine = mentions[mentions["doc_id"].isin(set(todo["doc_id"]))]
        with open_engine(cfg, paths) as engine:
            labelled = label_mentions(clf, mine, params.batch_size, engine, cfg, paths)
        return smooth_by_document(labelled, clf.labels, params.discourse_weight, params.confident)

    with open_results(cfg, paths, STAGE) as results:
        senses, n_computed = per_document(results, document_keys(mentions), COLUMNS, compute)
    log.info("senses: %d of %d documents read, the rest reused (engine.reuse_results)", n_computed,
             mentions["doc_id"].nunique())
    TABLES["senses"].write(senses, paths)
    metrics = {**corpus_metrics(senses, mentions, LABELS), "exclude_off_sense": params.exclude_off_sense}
    write_json(metrics, paths.metric(CORPUS_METRIC))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
