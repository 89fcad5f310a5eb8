"""`colens import qdpx`: what a researcher changed in the QDA software, as annotations.

The machine codings are re-derived from the tables (`codings.machine_codings`, as the export wrote them) and
compared with the project's codings on colens's codes, keyed by (document, start, end, code). Each passage whose
codes changed becomes one labelled row for its annotation task, holding the codes it carries now: a sense per
mention (senses), a level per passage (levels), user narrative or not (narratives), a stance (stance), definition
or not (definitions). Rows are merged by `annotate.importer.merge_rows`, the validation and conflict rules of
`colens annotate import`; every task's rows are validated before any file is written. Changes that cannot be a
label (a sense removed with no sense in its place, two levels on one passage) are listed, and codes without an
annotation task (agency, usage cluster, definition family, literature theme) are counted, never dropped silently.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from pipelines.annotate.importer import ImportReport, merge_rows
from pipelines.annotate.tasks import get_task
from pipelines.config import Config
from pipelines.definitions.settings import LABELS as DEFINITION_LABELS
from pipelines.narratives.settings import DETECT_LABELS
from pipelines.paths import Paths
from pipelines.qda.archive import Limits, QdaFileError
from pipelines.qda.codebook import Code, build_codebook, codes_by_guid
from pipelines.qda.export import machine_project
from pipelines.qda.ids import coding_guid, selection_guid, source_guid
from pipelines.qda.reader import QdaProject, read_qdpx
from pipelines.qda.settings import BRANCHES, STANCE, QdaParams
from pipelines.tables import TABLES

#: Code branch -> the annotation task its changes feed (merge order: narratives before stance, same file).
TASK_OF = {"narrative": "narratives", STANCE: "stance", "level": "levels", "sense": "senses",
           "definition": "definitions"}
NOT_ANNOTATABLE = [b for b in BRANCHES if b not in TASK_OF]


class Key(NamedTuple):
    doc_id: str
    start: int
    end: int
    branch: str
    value: str


@dataclass
class QdaImport:
    path: Path
    n_codings: int = 0
    n_machine: int = 0
    added: list[Key] = field(default_factory=list)
    removed: list[Key] = field(default_factory=list)
    rows: dict[str, list[tuple[str, dict]]] = field(default_factory=dict)  # task -> (where, labelled row)
    skipped: list[str] = field(default_factory=list)  # changes that cannot become a label, each with why
    not_annotatable: dict[str, tuple[int, int]] = field(default_factory=dict)  # branch -> (added, removed)
    reports: dict[str, ImportReport] = field(default_factory=dict)


def limits(params: QdaParams, root: Path) -> Limits:
    """The import limits of `params`, the schema path read relative to the project `root`."""
    return Limits(params.max_uncompressed_mb << 20, params.max_ratio, params.max_members,
                  (root / params.xsd).resolve())


def _match_codes(project: QdaProject, roots: list[Code]) -> dict[str, Code]:
    """Each project code's colens code: by GUID, else by its path of names (software that renews GUIDs on import
    keeps names); QdaFileError for a code colens did not export."""
    known = codes_by_guid(roots)
    by_path = {}
    for root in roots:
        by_path[(root.name,)] = root
        for child in root.children:
            by_path[(root.name, child.name)] = child

    def names(g: str) -> tuple[str, ...]:
        code = project.codes[g]
        return (*names(code.parent), code.name) if code.parent in project.codes else (code.name,)

    out = {}
    for g, code in project.codes.items():
        match = known.get(g) or by_path.get(names(g))
        if match is None:
            raise QdaFileError(f"{project.path}: Code {g} ({code.name!r}) is not a colens code; colens imports "
                               "changes to the codes it exported (move your own codes to another project or remove "
                               "them)")
        out[g] = match
    return out


def _match_sources(project: QdaProject, docs: pd.DataFrame) -> dict[str, str]:
    """Each project source's doc_id: by GUID (checking the text is still the document's), else by identical text;
    QdaFileError for a source that is not a document, or whose text differs."""
    by_guid = {source_guid(r.doc_id, r.content_hash): r for r in docs.itertuples(index=False)}
    by_text: dict[str, list[str]] = defaultdict(list)
    for r in docs.itertuples(index=False):
        by_text[r.text].append(r.doc_id)
    out = {}
    for g, src in project.sources.items():
        doc = by_guid.get(g)
        if doc is not None and src.text != doc.text:
            raise QdaFileError(f"{project.path}: TextSource {g} ({src.name!r}): its text differs from document "
                               f"{doc.doc_id}'s, so its offsets cannot be trusted; export again")
        if doc is not None:
            out[g] = doc.doc_id
        elif len(by_text.get(src.text, [])) == 1:
            out[g] = by_text[src.text][0]
        else:
            why = "its text is that of several documents" if by_text.get(src.text) else (
                "added in the QDA software, or its text changed since the export")
            raise QdaFileError(f"{project.path}: TextSource {g} ({src.name!r}) is not a document of this project "
                               f"as it is now ({why})")
    return out


def _project_keys(project: QdaProject, roots: list[Code], docs: pd.DataFrame) -> dict[Key, str]:
    """Each coding on colens's codes as a Key -> its selection's guid; QdaFileError for an unknown code or source
    or a text that differs from the document's."""
    codes, doc_of = _match_codes(project, roots), _match_sources(project, docs)
    keys: dict[Key, str] = {}
    for c in project.codings:
        code = codes.get(c.code)
        if code is None:
            raise QdaFileError(f"{project.path}: PlainTextSelection {c.selection}: Coding {c.guid} refers to code "
                               f"{c.code}, which is not in the project's codebook")
        if not code.codable:
            raise QdaFileError(f"{project.path}: PlainTextSelection {c.selection}: code {code.name!r} groups codes "
                               "and is not codable; use one of its children")
        keys.setdefault(Key(doc_of[c.source], c.start, c.end, code.branch, code.value), c.selection)
    return keys


def _check_same_outputs(project: QdaProject, keys: dict[Key, str], machine: set[Key]) -> None:
    """A coding colens wrote (its guid is the one colens derives) that the tables no longer give means the pipeline
    ran again since the export: comparing would report machine drift as researcher changes."""
    by_selection = {c.selection: c for c in project.codings}
    for key, sel in keys.items():
        if key not in machine and by_selection[sel].guid == coding_guid(selection_guid(*key)):
            raise QdaFileError(f"{project.path}: Coding {by_selection[sel].guid} was exported by colens but the "
                               "current tables no longer give it; the pipeline has run since the export; "
                               "export again and redo the changes there")


def _mention_of(key: Key, mentions: pd.DataFrame) -> pd.Series | str:
    """The target mention a sense coding is on (the one whose span it equals, else the one it overlaps)."""
    m = mentions[mentions["doc_id"] == key.doc_id]
    exact = m[(m["start"] == key.start) & (m["end"] == key.end)]
    hits = exact if len(exact) else m[(m["start"] < key.end) & (m["end"] > key.start)]
    if len(hits) == 1:
        return hits.iloc[0]
    return f"covers {len(hits)} mentions of the target; code one mention at a time"


def _definition_parts(key: Key, text: str, definitions: pd.DataFrame, mentions: pd.DataFrame) -> tuple[str, str] | None:
    """(term, definiens) for a definition coding: colens's own when it found one at these offsets, else the target
    mention inside the selection and the selected text after it."""
    d = definitions[(definitions["doc_id"] == key.doc_id) & (definitions["start"] == key.start)
                    & (definitions["end"] == key.end)]
    if len(d):
        return str(d.iloc[0]["term"]), str(d.iloc[0]["definiens"])
    m = mentions[(mentions["doc_id"] == key.doc_id) & (mentions["start"] >= key.start) & (mentions["end"] <= key.end)]
    if not len(m):
        return None
    first = m.sort_values("start").iloc[0]
    definiens = text[int(first["end"]) - key.start:].strip(" \t\r\n:,;.-–—")
    return (str(first["surface"]), definiens) if definiens else None


def _rows(imp: QdaImport, keys: dict[Key, str], machine: dict[Key, str], docs: pd.DataFrame, paths: Paths) -> None:
    """Fill `imp.rows` and `imp.skipped` from the changed passages (see module docstring)."""
    text_of = docs.set_index("doc_id")["text"]
    genre_of = docs.set_index("doc_id")["genre"]
    mentions = TABLES["mentions"].read(paths, columns=["mention_id", "doc_id", "is_target", "start", "end", "surface",
                                                       "sentence", "sent_start"])
    mentions = mentions[mentions["is_target"].astype(bool)]
    definitions = TABLES["definitions"].read(paths, columns=["doc_id", "start", "end", "term", "definiens"])
    source = f"colens import qdpx {imp.path.name}"

    def where(key: Key) -> str:
        if key in keys:
            return f"{imp.path}: PlainTextSelection {keys[key]}"
        return f"{imp.path}: colens coding {coding_guid(machine[key])} (removed)"

    def unit(key: Key):
        if key.branch != "sense":
            return (key.doc_id, key.start, key.end)
        m = _mention_of(key, mentions)
        if isinstance(m, str):
            imp.skipped.append(f"{where(key)}: sense {key.value!r} {m}")
            return None
        return m["mention_id"]

    units: dict[Key, object] = {}

    def unit_of(key: Key):
        if key not in units:
            units[key] = unit(key)
        return units[key]

    now: dict[tuple, set[str]] = defaultdict(set)  # (branch, unit) -> the values coded there now
    for key in sorted(keys):
        if key.branch in TASK_OF and (u := unit_of(key)) is not None:
            now[(key.branch, u)].add(key.value)
    touched: dict[tuple, Key] = {}  # (branch, unit) -> the first changed coding there
    for key in sorted(set(imp.added) | set(imp.removed)):
        if key.branch in TASK_OF and (u := unit_of(key)) is not None:
            touched.setdefault((key.branch, u), key)

    for (branch, u), key in sorted(touched.items(), key=lambda kv: kv[1]):
        values = sorted(now.get((branch, u), set()))
        base = {"genre": str(genre_of.get(key.doc_id, "unknown")), "source": source}
        text = str(text_of[key.doc_id])[key.start:key.end]
        span_id = f"{key.doc_id}:{key.start}-{key.end}"
        task = TASK_OF[branch]
        if branch == "narrative":
            stances = sorted(now.get((STANCE, u), set()))
            row = {"id": span_id, "text": text, "label": DETECT_LABELS[0] if values else DETECT_LABELS[1],
                   "stance": stances[0] if values and len(stances) == 1 else ""}
        elif branch == "definition":
            row = {"id": span_id, "text": text, "label": DEFINITION_LABELS[0] if values else DEFINITION_LABELS[1],
                   "term": "", "definiens": ""}
            if values:
                parts = _definition_parts(key, text, definitions, mentions)
                if parts is None:
                    imp.skipped.append(f"{where(key)}: definition with no target term inside the selection and no "
                                       "colens definition at these offsets; add it with `colens annotate import "
                                       "--task definitions` giving its term and definiens")
                    continue
                row["term"], row["definiens"] = parts
        elif branch == STANCE and not values and not now.get(("narrative", u)):
            continue  # the narrative itself was removed: its `not_narrative` row says so
        elif len(values) != 1:
            what = f"carries {', '.join(values)}" if values else "lost its code with none in its place"
            per = "mention" if branch == "sense" else "passage"
            imp.skipped.append(f"{where(key)}: {BRANCHES.get(branch, branch)} {what}; one {branch} per {per} is "
                               "needed for a label")
            continue
        elif branch == STANCE and not now.get(("narrative", u)):
            imp.skipped.append(f"{where(key)}: stance {values[0]!r} on a passage not coded as a user narrative")
            continue
        elif branch == "sense":
            m = mentions[mentions["mention_id"] == u].iloc[0]
            row = {"id": str(u), "text": str(m["sentence"]), "label": values[0], "mention": str(m["surface"])}
        else:
            row = {"id": span_id, "text": text, "label": values[0]}
        imp.rows.setdefault(task, []).append((where(key), {**row, **base}))

    for branch in NOT_ANNOTATABLE:
        n_add = sum(k.branch == branch for k in imp.added)
        n_rem = sum(k.branch == branch for k in imp.removed)
        if n_add or n_rem:
            imp.not_annotatable[branch] = (n_add, n_rem)


def compare(path: Path, cfg: Config, paths: Paths) -> QdaImport:
    """Read `path` and work out the labelled rows its changes give (nothing written)."""
    params = cfg.section("qda", QdaParams)
    project = read_qdpx(path, limits(params, paths.root))
    branches, codings = machine_project(cfg, paths, params)
    docs = TABLES["documents"].read(paths, columns=["doc_id", "content_hash", "text", "genre"])
    keys = _project_keys(project, build_codebook(branches), docs)
    machine = {Key(r.doc_id, int(r.start), int(r.end), r.branch, r.value):
               selection_guid(r.doc_id, r.start, r.end, r.branch, r.value) for r in codings.itertuples(index=False)}
    _check_same_outputs(project, keys, set(machine))
    imp = QdaImport(path, len(project.codings), len(machine))
    imp.added = sorted(set(keys) - set(machine))
    imp.removed = sorted(set(machine) - set(keys))
    _rows(imp, keys, machine, docs, paths)
    return imp


def import_qdpx(path: Path, cfg: Config, paths: Paths, annotator: str, dry_run: bool = False) -> QdaImport:
    """Compare, validate every task's rows (nothing written if any is invalid), then merge them (unless dry_run)."""
    imp = compare(path, cfg, paths)
    tasks = [t for t in TASK_OF.values() if imp.rows.get(t)]
    for name in tasks:  # validation of every task first: an invalid row anywhere imports nothing
        task = get_task(name)
        imp.reports[name] = merge_rows(imp.rows[name], task, task.annotations_path(cfg, paths), annotator, True)
    if not dry_run:
        for name in tasks:
            task = get_task(name)
            imp.reports[name] = merge_rows(imp.rows[name], task, task.annotations_path(cfg, paths), annotator)
    return imp
