"""`colens export qdpx`: the project's documents and machine codings as a REFI-QDA project for QDA software."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pandas as pd

from pipelines import __version__
from pipelines.config import Config
from pipelines.paths import Paths
from pipelines.qda.codebook import build_codebook
from pipelines.qda.codings import Branch, all_codings, machine_codings
from pipelines.qda.settings import BRANCHES, STANCE, QdaParams
from pipelines.qda.writer import VARIABLES, write_qdpx
from pipelines.tables import TABLES, TableError

DOC_COLUMNS = ["doc_id", "content_hash", "text", *VARIABLES]


@dataclass
class ExportSummary:
    path: Path
    n_sources: int
    n_codings: int
    n_codes: int
    per_branch: dict[str, int]
    users: list[str]
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        counts = ", ".join(f"{b} {n}" for b, n in self.per_branch.items())
        extra = "".join(f"; {n}" for n in self.notes)
        return (f"{self.path}: {self.n_sources} sources, {self.n_codings} codings under {self.n_codes} codes "
                f"({counts}) by {len(self.users)} machine users{extra}")


def user_names(codings: pd.DataFrame, template: str) -> dict[tuple[str, str], str]:
    """(task, model) -> the machine user's name from the `qda.user_name` template."""
    pairs = codings[["task", "model"]].drop_duplicates().itertuples(index=False) if len(codings) else []
    return {(t, m): template.format(version=__version__, task=t, model=m) for t, m in pairs}


def machine_project(cfg: Config, paths: Paths, params: QdaParams) -> tuple[dict[str, Branch], pd.DataFrame]:
    """The exported branches and all their codings (the import re-derives exactly these)."""
    branches = machine_codings(paths, cfg, params.codes)
    return branches, all_codings(branches)


def _documents(paths: Paths, codings: pd.DataFrame) -> Iterator[dict]:
    """The documents one at a time (read in batches), each checked to hold its codings: a table out of step with
    documents is an error, never a selection on the wrong characters."""
    spans = codings.groupby("doc_id")["end"].max().to_dict() if len(codings) else {}
    empty = codings[(codings["start"] < 0) | (codings["end"] <= codings["start"])] if len(codings) else codings
    if len(empty):
        r = empty.iloc[0]
        raise TableError(f"{len(empty)} {r.branch} coding(s) have empty or negative spans (first: {r.doc_id} "
                         f"{r.start}-{r.end})")
    seen = set()
    for batch in TABLES["documents"].batches(paths, DOC_COLUMNS):
        for doc in batch.to_dict(orient="records"):
            seen.add(doc["doc_id"])
            if spans.get(doc["doc_id"], 0) > len(doc["text"]):
                raise TableError(f"codings of document {doc['doc_id']} end at {spans[doc['doc_id']]}, beyond its "
                                 f"{len(doc['text'])} characters; re-run `dvc repro` so the tables match documents")
            yield doc
    unknown = sorted(set(spans) - seen)
    if unknown:
        raise TableError(f"codings name documents not in the documents table ({', '.join(unknown[:5])}); re-run "
                         "`dvc repro`")


def export_project(cfg: Config, paths: Paths, out: Path, params: QdaParams) -> ExportSummary:
    """Write `out` (.qdpx) from the finished pipeline's tables; the summary says what went in and what did not."""
    branches, codings = machine_project(cfg, paths, params)
    roots = build_codebook(branches)
    names = user_names(codings, params.user_name)
    written = write_qdpx(out, out.stem or "colens", f"colens {__version__}", _documents(paths, codings), roots,
                         codings, names)
    counts = codings["branch"].value_counts().to_dict() if len(codings) else {}
    per_branch = {b: counts[b] for b in [*BRANCHES, STANCE] if b in counts}
    notes = [n for b in branches.values() for n in b.notes]
    return ExportSummary(out, written.n_sources, written.n_codings, sum(len(list(r.walk())) for r in roots),
                         {k: int(v) for k, v in per_branch.items()}, written.users, notes)
