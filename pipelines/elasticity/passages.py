"""Ad-hoc passage sets (`colens elasticity IN.jsonl --group-by FIELD`): JSON Lines -> the three input tables.

Each line is a passage (`id`, `text`, the group field, optional `doc_id`, default: the passage is its own
document). The passage road builds the fields, as `colens classify` does: `mentions` (the lexicon), `sense` (the
trained sense classifier, unless `senses="all"`), `context` and `collocates` (the usage rules) and, for kept
documents, `target_definitions` (the definitions detector). Usage clusters and definition families are then fit
over the whole set, as the stages fit them over the corpus. With `--senses all` every mention also gets the sense
classifier's probabilities (`p_<sense>` columns) for the sense-spread score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.classify.annotators import check_order, load_annotators
from pipelines.classify.passage import Context, Passage, sense_at
from pipelines.classify.runner import annotate_isolated
from pipelines.config import Config
from pipelines.elasticity.baseline import is_baseline_sentence
from pipelines.elasticity.measure import (
    BASELINE_COLUMNS,
    DEFINITION_COLUMNS,
    MENTION_COLUMNS,
    Encode,
)
from pipelines.io import read_jsonl
from pipelines.paths import Paths
from pipelines.senses.select import keeps
from pipelines.senses.settings import ALL, IN_SENSE

MENTIONS = "pipelines.classify.mention_field:MentionAnnotator"
SENSE = "pipelines.senses.annotator:SenseAnnotator"
USAGE = ["pipelines.usage.annotator:ContextAnnotator", "pipelines.usage.annotator:CollocatesAnnotator"]
DEFINITIONS = "pipelines.elasticity.annotator:TargetDefinitionsAnnotator"


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
    notes: list[str] = field(default_factory=list)  # why a score could not be computed
    clusters_degenerate: bool | None = None  # the usage clustering's own verdict (None: not given)


def _drop_failed(items: list[Passage], failed: dict[int, str], passages) -> None:
    """Remove the passages the annotators failed on, recording each as an error with its input line."""
    for i in sorted(failed, reverse=True):
        passages.errors.append(f"line {items[i].fields.get('line', '?')}: {failed[i]}")
        del items[i]


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


def passage_tables(
    passages: PassageSet, cfg: Config, paths: Paths, senses: str, encode: Encode, with_definitions: bool = True,
) -> PassageTables:
    """Mentions (sense-filtered, with context, collocates, shared usage clusters), definitions, baseline.

    Contexts and collocates follow the usage stage's rules (`usage:` params). `with_definitions=False` skips the
    definitions detector: definitional diversity is then undefined.
    """
    if senses != ALL and senses != IN_SENSE:
        raise ValueError(f"senses must be '{IN_SENSE}' or '{ALL}', got '{senses}'")
    ctx = Context(cfg, paths=paths)
    annotators = load_annotators([MENTIONS, *([SENSE] if senses != ALL else []), *USAGE])
    definers = load_annotators([DEFINITIONS]) if with_definitions else []
    check_order(annotators + definers)
    items = [Passage(id=r["id"], text=r["text"], fields=r) for r in passages.rows]
    _drop_failed(items, annotate_isolated(items, ctx, annotators), passages)
    found = [(p, m, c, w) for p in items
             for m, c, w in zip(p.mentions, p.result["context"], p.result["collocates"])]
    n_found = len(found)
    found = [f for f in found if keeps(sense_at(f[0], f[1].start, f[1].end), senses)]
    mentions = pd.DataFrame([{
        "group": p.fields["group"], "unit": p.fields["doc_id"], "doc_id": p.fields["doc_id"], "id": p.id,
        "context": c["context"], "collocates": list(w["collocates"]),
    } for p, _, c, w in found], columns=[*MENTION_COLUMNS, "id"])
    notes = []
    if len(mentions) and senses == ALL:  # filtered to one sense, the sense spread is 0 by construction
        proba, note = sense_probabilities(ctx, [(p, m) for p, m, _, _ in found])
        notes += [note] if note else []
        if proba is not None:
            mentions = pd.concat([mentions, proba], axis=1)
    degenerate = None
    if len(mentions):
        from pipelines.elasticity.clusters import fit_clusters

        texts = mentions["context"].tolist()
        mentions["cluster"], degenerate = fit_clusters(texts, encode(texts), cfg)
    kept_docs = {(p.fields["group"], p.fields["doc_id"]) for p, _, _, _ in found}
    kept = [p for p in items if (p.fields["group"], p.fields["doc_id"]) in kept_docs]
    ctx.parse(kept)
    _drop_failed(kept, annotate_isolated(kept, ctx, definers), passages)
    defs = pd.DataFrame([{"group": p.fields["group"], "unit": p.fields["doc_id"], "doc_id": p.fields["doc_id"],
                          "definiens": d["definiens"]} for a in definers for p in kept for d in p.result[a.name]],
                        columns=[*DEFINITION_COLUMNS])
    if len(defs):
        from pipelines.definitions.families import assign_families

        texts = defs["definiens"].tolist()
        defs["family"] = np.asarray(assign_families(texts, encode(texts), cfg.seed))
    return PassageTables(mentions, defs, baseline_sentences(kept), n_found, notes, degenerate)


def sense_probabilities(ctx: Context, found: list) -> tuple[pd.DataFrame | None, str]:
    """`p_<sense>` columns for (passage, mention) pairs from the trained sense classifier, or (None, why)."""
    from pipelines.modeling import ModelMissing
    from pipelines.senses.features import mention_in_sentence
    from pipelines.senses.model import load_classifier

    try:
        clf = ctx.memo("senses.classifier", lambda: load_classifier(ctx.paths, ctx.cfg))
    except ModelMissing as exc:
        return None, f"sense spread undefined: {exc}"
    ctx.parse([p for p, _ in found])
    proba = clf.predict_proba_spans([mention_in_sentence(p.doc, m.start, m.end) for p, m in found])
    return pd.DataFrame(proba, columns=[f"p_{lab}" for lab in clf.labels]), ""


def baseline_sentences(passages: list[Passage]) -> pd.DataFrame:
    """Sentences of the parsed passages that hold no mention of the term and are long enough to be a baseline."""
    rows = []
    for p in passages:
        marks = [(m.start, m.end) for m in p.mentions]
        for s in p.doc.sents:
            if is_baseline_sentence(s.text) and not any(s.start_char < b and s.end_char > a for a, b in marks):
                rows.append({"group": p.fields["group"], "unit": p.fields["doc_id"], "doc_id": p.fields["doc_id"],
                             "text": s.text.strip()})
    return pd.DataFrame(rows, columns=[*BASELINE_COLUMNS])
