"""Ad-hoc passage sets (`colens elasticity IN.jsonl --group-by FIELD`): JSON Lines -> the three input tables.

Each line is a passage (`id`, `text`, the group field, optional `doc_id`, default: the passage is its own
document). Target mentions are found with the lexicon, given a sense by the trained sense classifier (unless
`senses="all"`), contexts and collocates follow the usage rules, definitions come from the definitions detector.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.config import Config
from pipelines.elasticity.baseline import is_baseline_sentence
from pipelines.elasticity.measure import (
    BASELINE_COLUMNS,
    DEFINITION_COLUMNS,
    MENTION_COLUMNS,
    Encode,
)
from pipelines.elasticity.settings import ElasticityParams
from pipelines.io import read_jsonl
from pipelines.paths import Paths
from pipelines.senses.settings import ALL, IN_SENSE
from pipelines.text.spans import doc_text


@dataclass
class PassageSet:
    """Valid passages and the reasons other lines were not used (file:line: problem)."""

    rows: list[dict] = field(default_factory=list)  # id, text, group, doc_id, line
    errors: list[str] = field(default_factory=list)


@dataclass
class PassageTables:
    mentions: pd.DataFrame
    definitions: pd.DataFrame
    baseline: pd.DataFrame
    n_found: int = 0  # target mentions before the sense filter


def read_passages(path: Path, group_by: str) -> PassageSet:
    """Passages from JSON Lines; a malformed line is reported by file and line and the rest are kept."""
    out = PassageSet()
    for rec in read_jsonl(path):
        if rec.error is not None:
            out.errors.append(rec.error)
            continue
        data = rec.data
        where = f"{path}:{rec.line_no}"
        if group_by not in data or data[group_by] is None:
            out.errors.append(f"{where}: missing group field '{group_by}'")
            continue
        if isinstance(data[group_by], (dict, list)):
            out.errors.append(f"{where}: group field '{group_by}' must be a string or number")
            continue
        doc_id = data.get("doc_id")
        if doc_id is not None and not isinstance(doc_id, (str, int)):
            out.errors.append(f"{where}: 'doc_id' must be a string or number")
            continue
        out.rows.append({
            "id": data["id"], "text": data["text"], "group": str(data[group_by]), "line": rec.line_no,
            "doc_id": str(doc_id) if doc_id is not None else f"line{rec.line_no}",
        })
    return out


def _sentence_of(doc, start: int, end: int) -> tuple[int, int]:
    for s in doc.sents:
        if s.start_char < end and s.end_char > start:
            return s.start_char, s.end_char
    return 0, len(doc_text(doc))


def _senses(found: list[tuple[dict, object, object]], cfg: Config, paths: Paths) -> list[str]:
    """Sense label of every (passage, doc, match) with the trained sense classifier."""
    from pipelines.senses.features import MentionSpan
    from pipelines.senses.model import load_classifier

    if not found:
        return []
    clf = load_classifier(paths, cfg)
    spans = []
    for _, doc, m in found:
        a, b = _sentence_of(doc, m.start, m.end)
        spans.append(MentionSpan(doc_text(doc)[a:b], m.start - a, m.end - a))
    proba = clf.predict_proba_spans(spans)
    return [clf.labels[i] for i in proba.argmax(axis=1)]


def _definitions(parsed: list[tuple[dict, object]], ctx) -> list[dict]:
    from pipelines.definitions.model import detector_for

    detector, _, concepts, target = detector_for(ctx, None)
    out = []
    for row, doc in parsed:
        for d in detector.detect_doc(doc, concepts, target):
            if d.is_definition and d.is_target_term and d.definiens.strip():
                out.append({"group": row["group"], "unit": row["doc_id"], "doc_id": row["doc_id"],
                            "definiens": d.definiens})
    return out


def passage_tables(
    passages: PassageSet, cfg: Config, paths: Paths, params: ElasticityParams, senses: str, encode: Encode,
    min_tokens: int, window: int, with_definitions: bool = True,
) -> PassageTables:
    """Mentions (sense-filtered, with context, collocates, shared usage clusters), definitions, baseline.

    `min_tokens` and `window` are the usage stage's context and collocate rules (`usage:` params).
    `with_definitions=False` skips the definitions detector: definitional diversity is then undefined.
    """
    from pipelines.classify.passage import Context
    from pipelines.usage.clusters import fit_usage_clusters
    from pipelines.usage.collocates import window_lemmas
    from pipelines.usage.contexts import context_for_passage

    if senses != ALL and senses != IN_SENSE:
        raise ValueError(f"senses must be '{IN_SENSE}' or '{ALL}', got '{senses}'")
    ctx = Context(cfg, paths=paths)
    docs = list(ctx.nlp.pipe([r["text"] for r in passages.rows], batch_size=64))
    found = [(r, d, m) for r, d in zip(passages.rows, docs) for m in ctx.lexicon.find_target(r["text"])]
    n_found = len(found)
    if senses != ALL:
        labels = _senses(found, cfg, paths)
        found = [f for f, lab in zip(found, labels) if lab == senses]
    kept_docs = {(r["group"], r["doc_id"]) for r, _, _ in found}
    mention_rows = [{
        "group": r["group"], "unit": r["doc_id"], "doc_id": r["doc_id"], "id": r["id"],
        "context": context_for_passage(r["text"], m.start, m.end, ctx.nlp, min_tokens),
        "collocates": list(window_lemmas(d, m.start, m.end, window=window)),
    } for r, d, m in found]
    mentions = pd.DataFrame(mention_rows, columns=[*MENTION_COLUMNS, "id"])
    if len(mentions):
        texts = mentions["context"].tolist()
        mentions["cluster"], _ = fit_usage_clusters(texts, encode(texts), cfg.seed)
    parsed = [(r, d) for r, d in zip(passages.rows, docs) if (r["group"], r["doc_id"]) in kept_docs]
    defs = pd.DataFrame(_definitions(parsed, ctx) if parsed and with_definitions else [], columns=[*DEFINITION_COLUMNS])
    if len(defs):
        from pipelines.definitions.families import assign_families

        texts = defs["definiens"].tolist()
        defs["family"] = np.asarray(assign_families(texts, encode(texts), cfg.seed))
    base = []
    for r, d in parsed:
        marks = [(m.start, m.end) for m in ctx.lexicon.find_target(r["text"])]
        for s in d.sents:
            if is_baseline_sentence(s.text) and not any(s.start_char < b and s.end_char > a for a, b in marks):
                base.append({"group": r["group"], "unit": r["doc_id"], "doc_id": r["doc_id"], "text": s.text.strip()})
    return PassageTables(mentions, defs, pd.DataFrame(base, columns=[*BASELINE_COLUMNS]), n_found)
