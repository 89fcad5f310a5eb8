"""The `concept_profiles` rows of some concepts as a side-by-side text summary or a JSON-ready dict."""

from __future__ import annotations

import json
import math

import pandas as pd

from pipelines.compare.profile import FACETS, OK

#: Facets shown as shares (key: share) in the text summary, with their row titles.
SHARE_FACETS = {"sense": "senses", "level": "N&C levels", "scope": "scope", "agency": "users' role"}


def _num(v: float, fmt: str = ".2f") -> str:
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else format(v, fmt)


def _cell(rows: pd.DataFrame, facet: str) -> str:
    part = rows[rows["facet"] == facet]
    if part.empty:
        return "-"
    if facet in SHARE_FACETS:
        if part["value"].isna().all():
            return str(part["key"].iloc[0])
        shown = part[part["count"] > 0]
        return ", ".join(f"{k} {v:.0%}" for k, v in zip(shown["key"], shown["value"])) or "none"
    if facet == "collocate":
        return ", ".join(f"{k} ({v:.1f})" for k, v in zip(part["key"], part["value"]))
    if facet == "definition":
        return ", ".join(f"{k}: {c}" for k, c in zip(part["key"], part["count"]))
    if facet == "elasticity":
        v = dict(zip(part["key"], part["value"]))
        if "index" not in v or math.isnan(v["index"]):
            return str(part["detail"].iloc[0]).split(":")[0] or "not measured"
        return f"{_num(v['index'])} [{_num(v.get('ci_low'))}, {_num(v.get('ci_high'))}]"
    return "; ".join(part["detail"].astype(str))


def text_summary(table: pd.DataFrame, concepts: list[str], width: int = 38) -> str:
    """One block per facet, one line per concept: a readable side-by-side comparison, then the tests and notes."""
    lines: list[str] = []
    heads = {c: table[table["concept"] == c] for c in concepts}
    name_w = max(len(c) for c in concepts) + 2
    lines.append("mentions (kept / all, documents, status)")
    for c, rows in heads.items():
        r = rows.iloc[0]
        status = r["status"] if r["status"] == OK else f"{r['status']} (needs {int(r['min_mentions'])})"
        lines.append(f"  {c:<{name_w}}{int(r['n_kept'])} / {int(r['n_mentions'])}, {int(r['n_docs'])} doc(s), {status}")
    titles = {**SHARE_FACETS, "definition": "definitions (family: n)", "collocate": "top collocates (logDice)",
              "elasticity": "elasticity index [95% CI]"}
    for facet in ["sense", "definition", "collocate", "level", "scope", "agency", "elasticity"]:
        lines.append(titles[facet])
        for c, rows in heads.items():
            cell = _cell(rows, facet) if (rows["status"].iloc[0] == OK or facet == "elasticity") else "(too small)"
            lines.append(f"  {c:<{name_w}}{cell}")
    tests = table[(table["facet"] == "comparison") & table["concept"].isin(concepts)]
    if len(tests):
        lines.append("permutation tests (elasticity stage, concept level)")
        lines += [f"  {d}" for d in tests["detail"]]
    notes: dict[str, list[str]] = {}
    for c, rows in heads.items():
        for note in str(rows.iloc[0]["detail"]).split(". ")[1:]:
            if note.strip():
                notes.setdefault(note.strip().rstrip("."), []).append(c)
    if notes:
        lines.append("notes")
        lines += [f"  {', '.join(cs)}: {note}." for note, cs in notes.items()]
    return "\n".join(lines)


def json_summary(table: pd.DataFrame, concepts: list[str]) -> dict:
    """{concept: {status, n_mentions, n_kept, n_docs, min_mentions, facets: {facet: [{key, value, count, detail}]}}}."""
    out = {}
    for c in concepts:
        rows = table[table["concept"] == c]
        r = rows.iloc[0]
        facets = {}
        for facet in FACETS:
            part = rows[rows["facet"] == facet]
            if len(part):
                facets[facet] = [{"key": k, "value": None if pd.isna(v) else float(v), "count": int(n),
                                  "detail": _detail(d)} for k, v, n, d in
                                 zip(part["key"], part["value"], part["count"], part["detail"])]
        out[c] = {"status": r["status"], "n_mentions": int(r["n_mentions"]), "n_kept": int(r["n_kept"]),
                  "n_docs": int(r["n_docs"]), "min_mentions": int(r["min_mentions"]), "facets": facets}
    return out


def _detail(text: str):
    """Evidence stored as JSON comes back as an object; other details stay text."""
    if isinstance(text, str) and text.startswith("{"):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text
