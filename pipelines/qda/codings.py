"""The machine codings: every coding colens exports, derived from the pipeline's tables, as one frame of
(doc_id, start, end, branch, value, score, note, task, model), with the codes of each branch.

Offsets are character offsets (Unicode code points) into `documents.text`, which is what REFI-QDA's
`startPosition`/`endPosition` count in a plain-text source. Export and import both call `machine_codings`, so the
import compares a researcher's project with exactly what the export wrote (when the tables have not changed since).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from pipelines.config import Config
from pipelines.modeling import MODEL_FILE
from pipelines.paths import Paths
from pipelines.tables import TABLES

COLUMNS = ["doc_id", "start", "end", "branch", "value", "score", "note", "task", "model"]
DEFINITION_KINDS = ("target definition", "glossary definition")
AGENCY_ROLES = ("agent", "partner", "object", "absent")  # users' role in a relation (agency.extract)


@dataclass
class Branch:
    """One code branch: its child codes (value, display name) in codebook order, and its codings."""

    children: list[tuple[str, str]]
    codings: pd.DataFrame
    notes: list[str] = field(default_factory=list)  # what the summary line should say (e.g. a missing table)


def model_tag(paths: Paths, name: str) -> str:
    """A model's name with the first 8 hex digits of its file's sha256, so the machine user names the model."""
    path = paths.models / name / MODEL_FILE
    if not path.exists():
        return name
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return f"{name}@{digest.hexdigest()[:8]}"


def _frame(df: pd.DataFrame, branch: str, task: str, model: str) -> pd.DataFrame:
    out = df.assign(branch=branch, task=task, model=model)
    out["start"], out["end"] = out["start"].astype(int), out["end"].astype(int)
    out["doc_id"], out["value"] = out["doc_id"].astype(str), out["value"].astype(str)
    out["score"] = pd.to_numeric(out["score"], errors="coerce")
    return out[COLUMNS].drop_duplicates(["doc_id", "start", "end", "value"]).reset_index(drop=True)


def _probabilities(row: pd.Series, labels: list[str]) -> str:
    return ", ".join(f"p_{lab} {row[f'p_{lab}']:.3f}" for lab in labels
                     if f"p_{lab}" in row and pd.notna(row[f"p_{lab}"]))


def _score(value: float) -> str:
    return "n/a" if pd.isna(value) else f"{float(value):.4f}"


def _senses(paths: Paths, cfg: Config) -> Branch:
    from pipelines.senses.settings import LABELS, MODEL_NAME

    s = TABLES["senses"].read(paths).merge(
        TABLES["mentions"].read(paths, columns=["mention_id", "start", "end", "surface"]), on="mention_id")
    s["value"], s["score"] = s["sense"], s["sense_score"]
    s["note"] = [f"sense {r.sense} (score {_score(r.sense_score)}) of the mention '{r.surface}'; sentence-level sense "
                 f"{r.sense_sentence}; {_probabilities(r, LABELS)}" for _, r in s.iterrows()]
    return Branch([(lab, lab) for lab in LABELS], _frame(s, "sense", "senses", model_tag(paths, MODEL_NAME)))


def _definitions(paths: Paths, cfg: Config) -> Branch:
    from pipelines.definitions.settings import MODEL_NAME

    d = TABLES["definitions"].read(paths)
    d["value"] = [DEFINITION_KINDS[0] if t else DEFINITION_KINDS[1] for t in d["is_target_term"].astype(bool)]
    d["note"] = [f"{r.value} of '{r.term}' (score {_score(r.score)}, pattern {r.pattern}); definiens: {r.definiens}; "
                 f"evidence: {r.evidence}" for r in d.itertuples()]
    return Branch([(k, k) for k in DEFINITION_KINDS],
                  _frame(d, "definition", "definitions", model_tag(paths, MODEL_NAME)))


def _levels(paths: Paths, cfg: Config) -> Branch:
    """The passage each level was graded on: the mention's paragraph or sentence (`levels.context`)."""
    from pipelines.levels.settings import LABELS, MODEL_NAME, LevelsParams

    context = cfg.section("levels", LevelsParams).context
    lv = TABLES["levels"].read(paths)
    sents = TABLES["sentences"].read(paths, columns=["doc_id", "sent_id", "para_id", "start", "end"])
    if context == "paragraph":
        paras = TABLES["paragraphs"].read(paths, columns=["doc_id", "para_id", "start", "end"])
        spans = sents[["doc_id", "sent_id", "para_id"]].merge(paras, on=["doc_id", "para_id"])
    else:
        spans = sents
    lv = lv.merge(spans[["doc_id", "sent_id", "start", "end"]], on=["doc_id", "sent_id"])
    lv["value"] = lv["level"]
    lv["score"] = [r.get(f"p_{r['level']}") for _, r in lv.iterrows()]
    lv["note"] = [f"level {r.level} of this {context} (score {_score(r.score)}); {_probabilities(r, LABELS)}; "
                  f"evidence: {r.evidence}" for _, r in lv.iterrows()]
    return Branch([(lab, lab) for lab in LABELS], _frame(lv, "level", "levels", model_tag(paths, MODEL_NAME)))


def _narratives(paths: Paths, cfg: Config) -> Branch:
    """User-narrative paragraphs (branch `narrative`) and, beneath them, their stance (branch `stance`)."""
    from pipelines.narratives.settings import DETECT_MODEL, STANCE_MODEL, STANCES
    from pipelines.qda.settings import STANCE

    n = TABLES["narratives"].read(paths)
    n = n[n["is_user_narrative"].astype(bool)].copy()
    n["value"] = ""
    n["note"] = [f"user narrative (score {_score(r.score)}); evidence: {r.evidence}" for r in n.itertuples()]
    narr = _frame(n, "narrative", "narratives", model_tag(paths, DETECT_MODEL))
    st = n[n["stance"].isin(STANCES)].copy()
    st["value"] = st["stance"]
    st["score"] = [r.get(f"p_{r['stance']}") for _, r in st.iterrows()]
    st["note"] = [f"stance {r.stance} (score {_score(r.score)}); {_probabilities(r, STANCES)}; critique of "
                  f"co-optation: {bool(r.critique_of_cooptation)}" for _, r in st.iterrows()]
    stance = _frame(st, STANCE, "stance", model_tag(paths, STANCE_MODEL))
    return Branch([("", "")] + [(s, s) for s in STANCES], pd.concat([narr, stance], ignore_index=True))


def _agency(paths: Paths, cfg: Config) -> Branch:
    """Users' role in each co-production relation, coded on its sentence (relations of a sentence merged)."""
    ag = TABLES["agency"].read(paths).merge(
        TABLES["sentences"].read(paths, columns=["doc_id", "sent_id", "start", "end"]), on=["doc_id", "sent_id"])
    ag["value"], ag["score"] = ag["users_role"], float("nan")
    ag["note"] = [f"users' role {r.users_role}: {r.agent} ({r.agent_category}) / {r.verb} / {r.partner or '-'} "
                  f"({r.partner_category}), {r.voice} voice" for r in ag.itertuples()]
    ag["note"] = ag.groupby(["doc_id", "start", "end", "value"])["note"].transform(lambda s: " | ".join(s))
    roles = list(AGENCY_ROLES) + sorted(set(ag["value"]) - set(AGENCY_ROLES))
    return Branch([(r, r) for r in roles], _frame(ag, "agency", "agency", "dependency rules"))


def _usage_clusters(paths: Paths, cfg: Config) -> Branch:
    topics = TABLES["topics"].read(paths)
    names = {str(t.topic): f"C{t.topic}: {t.label}" for t in topics.itertuples()}
    method = str(topics["method"].iloc[0]) if "method" in topics and len(topics) else "clustering"
    c = TABLES["contexts"].read(paths, columns=["mention_id", "doc_id", "cluster"]).merge(
        TABLES["mentions"].read(paths, columns=["mention_id", "start", "end"]), on="mention_id")
    c["value"], c["score"] = c["cluster"].astype(str), float("nan")
    c["note"] = [f"usage cluster {names.get(v, v)}" for v in c["value"]]
    children = [(k, v) for k, v in names.items()] + [(v, f"C{v}") for v in sorted(set(c["value"]) - set(names))]
    return Branch(children, _frame(c, "usage_cluster", "usage", method))


def _families(paths: Paths, cfg: Config) -> Branch:
    fam = TABLES["definition_families"].read(paths)
    names = {str(f.family_id): str(f.label) for f in fam.itertuples()}
    d = TABLES["definitions"].read(paths)
    d = d[d["family_id"].astype(str).isin(names)].copy()
    d["value"] = d["family_id"].astype(str)
    d["note"] = [f"definition family {names[v]}" for v in d["value"]]
    return Branch(list(names.items()), _frame(d, "definition_family", "definition families", "clustering"))


def _themes(paths: Paths, cfg: Config) -> Branch:
    """Literature themes assigned to passages, when the catalogue has a `themes` table (else left out, said so)."""
    table = TABLES.get("themes")
    if table is None or not table.exists(paths):
        why = "not in the catalogue" if table is None else f"{table.path(paths)} not found"
        return Branch([], pd.DataFrame(columns=COLUMNS), [f"literature themes left out (themes table {why})"])
    t = table.read(paths)
    t = t[t["assigned"].astype(bool)].copy()

    def listed(v) -> str:
        return "; ".join(map(str, v)) if isinstance(v, (list, tuple)) or hasattr(v, "tolist") else str(v)

    t["value"] = t["theme"].astype(str)
    t["note"] = [f"theme {r.theme} (score {_score(r.score)}); terms: {listed(r.evidence_terms)}; sentences: "
                 f"{listed(r.evidence_sentences)}" for r in t.itertuples()]
    themes = sorted(set(t["value"]) | set(table.read(paths, columns=["theme"])["theme"].astype(str)))
    return Branch([(v, v) for v in themes], _frame(t, "theme", "themes", "literature themes"))


#: Branch key -> how its codes and codings are derived (order = codebook order).
DERIVE: dict[str, Callable[[Paths, Config], Branch]] = {
    "sense": _senses,
    "definition": _definitions,
    "level": _levels,
    "narrative": _narratives,
    "agency": _agency,
    "usage_cluster": _usage_clusters,
    "definition_family": _families,
    "theme": _themes,
}


def machine_codings(paths: Paths, cfg: Config, branches: list[str]) -> dict[str, Branch]:
    """Each requested branch's codes and codings, in codebook order."""
    return {b: DERIVE[b](paths, cfg) for b in DERIVE if b in branches}


def all_codings(branches: dict[str, Branch]) -> pd.DataFrame:
    """Every branch's codings in one frame, ordered by document, offsets and code (a stable export order)."""
    frames = [b.codings for b in branches.values() if len(b.codings)]
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    df = pd.concat(frames, ignore_index=True)
    return df.sort_values(["doc_id", "start", "end", "branch", "value"], kind="stable").reset_index(drop=True)

