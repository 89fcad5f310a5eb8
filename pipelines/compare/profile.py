"""Assemble the `concept_profiles` table from per-concept evidence (pure functions on small tables).

Long format, one row per (concept, facet, key): `facet` is one of FACETS, `key` the category (a sense, a level,
a scope, a users' role, a collocate lemma, a definition family, an elasticity statistic, a compared concept),
`value` its share / score / statistic, `count` the number behind it and `detail` the evidence or the caveat.
Every concept asked for has a `mentions` row (with `status` and the `min_mentions` it needed), so a concept with
too few mentions is listed as `too_small`, never dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd

from pipelines.agency.profile import ROLES
from pipelines.compare.scope import SCOPES, mention_scope
from pipelines.levels.settings import LABELS as LEVEL_LABELS
from pipelines.senses.settings import LABELS as SENSE_LABELS

COLUMNS = ["concept", "status", "n_mentions", "n_kept", "n_docs", "min_mentions", "facet", "key", "value", "count",
           "detail"]
FACETS = ["mentions", "sense", "definition", "collocate", "level", "scope", "agency", "elasticity", "comparison"]
OK, TOO_SMALL = "ok", "too_small"
ELASTICITY_KEYS = ["index", "ci_low", "ci_high"]


@dataclass
class ConceptEvidence:
    """What is known about one concept's mentions: all lexicon mentions with their sense (`mentions`: mention_id,
    doc_id, sense, in_sense, sentence, start, end, sent_start), the level rows of the kept ones (mention_id, doc_id,
    text, level), its collocates (lemma, freq, logdice), the agency relations its triggers head (users_role), and
    its definitions (term, family_id, text) with the family labels."""

    concept: str
    mentions: pd.DataFrame
    levels: pd.DataFrame
    collocates: pd.DataFrame
    agency: pd.DataFrame | None  # None: no agency trigger is a spelling of the concept
    definitions: pd.DataFrame
    family_labels: dict[int, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def status_of(n_kept: int, min_mentions: int) -> tuple[str, str]:
    """(status, detail): `too_small` with what it needed below `min_mentions` kept mentions."""
    if n_kept < min_mentions:
        return TOO_SMALL, f"{n_kept} kept mention(s); needs at least {min_mentions} (compare.min_mentions)"
    return OK, f"{n_kept} kept mention(s)"


def share_rows(facet: str, labels: pd.Series, order: list[str], detail: dict[str, str] | None = None) -> list[dict]:
    """One row per category of `order` (shares of `labels`, zero included) plus any unexpected label after them."""
    counts = labels.astype(str).value_counts()
    total = int(counts.sum())
    keys = order + sorted(k for k in counts.index if k not in order)
    return [{"facet": facet, "key": k, "count": int(counts.get(k, 0)),
             "value": float(counts.get(k, 0)) / total if total else float("nan"),
             "detail": (detail or {}).get(k, "")} for k in keys]


def level_claims(levels: pd.DataFrame) -> pd.Series:
    """The level of each distinct graded passage (two mentions in one paragraph are one claim, as in `levels`)."""
    if levels.empty:
        return pd.Series([], dtype=str)
    return levels.drop_duplicates(["doc_id", "text"])["level"]


def scope_rows(kept: pd.DataFrame) -> list[dict]:
    """Shares of micro / macro / mixed / none over the kept mentions, with the commonest cues as evidence."""
    scopes = [mention_scope(str(r.sentence), int(r.start) - int(r.sent_start), int(r.end) - int(r.sent_start))
              for r in kept.itertuples(index=False)]
    evidence: dict[str, str] = {}
    for label in SCOPES:
        words = pd.Series([w for s in scopes if s.label == label for w in (*s.micro, *s.macro)], dtype=str)
        top = words.value_counts().head(5)
        basis = pd.Series([s.basis for s in scopes if s.label == label], dtype=str).value_counts()
        evidence[label] = json.dumps({"cues": top.to_dict(), "read_in": basis.to_dict()}) if len(basis) else ""
    return share_rows("scope", pd.Series([s.label for s in scopes], dtype=str), SCOPES, evidence)


def definition_rows(ev: ConceptEvidence) -> list[dict]:
    """Definitions of the concept by family (family -1: not clustered into a family)."""
    defs = ev.definitions
    if defs.empty:
        return [{"facet": "definition", "key": "none", "count": 0, "value": 0.0,
                 "detail": "no definition of this concept was found"}]
    fam = defs["family_id"].astype(int)
    rows = []
    for f, part in defs.groupby(fam, sort=True):
        name = ev.family_labels.get(int(f), "no family (definitions are clustered for the target only)"
                                    if int(f) < 0 else f"family {int(f)}")
        rows.append({"facet": "definition", "key": name, "count": int(len(part)), "value": len(part) / len(defs),
                     "detail": str(part["text"].iloc[0])[:300]})
    return rows


def collocate_rows(collocates: pd.DataFrame, top: int) -> list[dict]:
    """The `top` collocates by logDice (value) with their window frequency (count)."""
    best = collocates.sort_values(["logdice", "freq", "lemma"], ascending=[False, False, True]).head(top)
    return [{"facet": "collocate", "key": str(r.lemma), "value": float(r.logdice), "count": int(r.freq),
             "detail": f"MI {r.mi:.2f}, LL {r.ll:.1f}" if hasattr(r, "mi") else ""}
            for r in best.itertuples(index=False)]


def agency_rows(agency: pd.DataFrame | None) -> list[dict]:
    """Shares of users' roles in the relations the concept's triggers head (none: the concept is no trigger)."""
    if agency is None:
        return [{"facet": "agency", "key": "not_a_trigger", "count": 0, "value": float("nan"),
                 "detail": "no agency trigger (agency verbs/nouns) is a spelling of this concept"}]
    return share_rows("agency", agency["users_role"] if len(agency) else pd.Series([], dtype=str), ROLES)


def elasticity_rows(concept: str, target: str, elasticity: pd.DataFrame, comparisons: pd.DataFrame) -> list[dict]:
    """The elasticity stage's own `concept`-level row and its permutation test against the target, read as they
    are (not recomputed); a concept the stage did not measure says so."""
    row = elasticity[(elasticity["level"] == "concept") & (elasticity["group"].astype(str) == concept)]
    if row.empty:
        return [{"facet": "elasticity", "key": "status", "value": float("nan"), "count": 0,
                 "detail": "not measured: the elasticity stage has no concept-level row for it (not in "
                           "elasticity.neighbours, no mentions, or the concept level is off)"}]
    r = row.iloc[0]
    detail = f"{r['status']}" + (f": {r['status_detail']}" if str(r.get("status_detail") or "") else "")
    out = [{"facet": "elasticity", "key": k, "value": float(r[k]) if pd.notna(r[k]) else float("nan"),
            "count": int(r["n_mentions"]), "detail": detail} for k in ELASTICITY_KEYS]
    if concept != target:
        out.append(comparison_row(concept, target, comparisons, str(r["status"]), detail))
    return out


def comparison_row(concept: str, target: str, comparisons: pd.DataFrame, status: str, detail: str) -> dict:
    """'Is <target> more elastic than <concept>?' from the `comparisons` table (difference = index(target) -
    index(concept); the p-value is the elasticity stage's two-sided permutation p)."""
    test = comparisons[(comparisons["level"] == "concept") & (comparisons["group_a"].astype(str) == target)
                       & (comparisons["group_b"].astype(str) == concept)]
    if test.empty:
        why = detail if status != OK else "no permutation test in the comparisons table"
        return {"facet": "comparison", "key": f"{target} vs {concept}", "value": float("nan"), "count": 0,
                "detail": f"Is {target} more elastic than {concept}? No test: {why}"}
    t = test.iloc[0]
    d, p = float(t["difference"]), float(t["p_value"])
    q = float(t["p_adjusted"]) if pd.notna(t.get("p_adjusted")) else float("nan")
    verdict = "yes, by the point estimate" if d > 0 else "no, by the point estimate"
    return {"facet": "comparison", "key": f"{target} vs {concept}", "value": d, "count": int(t["n_perm"]),
            "detail": f"Is {target} more elastic than {concept}? {verdict}: index({target}) - index({concept}) = "
                      f"{d:+.3f}; two-sided permutation test over documents p = {p:.3f} (Benjamini-Hochberg "
                      f"adjusted {q:.3f}, {int(t['n_perm'])} permutations)"}


def concept_profile(ev: ConceptEvidence, target: str, elasticity: pd.DataFrame, comparisons: pd.DataFrame,
                    min_mentions: int, top_collocates: int) -> pd.DataFrame:
    """Every row of one concept's profile; a too_small concept has its mentions and elasticity rows only."""
    m = ev.mentions
    kept = m[m["in_sense"].astype(bool)] if len(m) else m
    status, detail = status_of(len(kept), min_mentions)
    notes = "; ".join(ev.notes)
    rows = [{"facet": "mentions", "key": "n_mentions", "value": float(len(kept)), "count": int(len(m)),
             "detail": detail + (f". {notes}" if notes else "")}]
    if status == OK:
        rows += share_rows("sense", m["sense"], SENSE_LABELS)
        rows += definition_rows(ev)
        rows += collocate_rows(ev.collocates, top_collocates)
        rows += share_rows("level", level_claims(ev.levels), LEVEL_LABELS)
        rows += scope_rows(kept)
        rows += agency_rows(ev.agency)
    rows += elasticity_rows(ev.concept, target, elasticity, comparisons)
    out = pd.DataFrame(rows)
    out.insert(0, "concept", ev.concept)
    out.insert(1, "status", status)
    out.insert(2, "n_mentions", int(len(m)))
    out.insert(3, "n_kept", int(len(kept)))
    out.insert(4, "n_docs", int(kept["doc_id"].nunique()) if len(kept) else 0)
    out.insert(5, "min_mentions", int(min_mentions))
    return out[COLUMNS]


def profiles(evidence: list[ConceptEvidence], target: str, elasticity: pd.DataFrame, comparisons: pd.DataFrame,
             min_mentions: int, top_collocates: int) -> pd.DataFrame:
    """The `concept_profiles` table for every concept of `evidence`, in the order given."""
    parts = [concept_profile(ev, target, elasticity, comparisons, min_mentions, top_collocates) for ev in evidence]
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
    for col in ("n_mentions", "n_kept", "n_docs", "min_mentions", "count"):
        out[col] = out[col].astype("int64")
    out["value"] = out["value"].astype(float)
    return out
