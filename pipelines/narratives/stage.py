"""Stage `narratives`: scan every paragraph (the `paragraphs` table) for user narratives and their stance.

Writes the `narratives` table (one row per paragraph, so nothing is silently dropped; every paragraph but the
headings is scored — `candidate` is false, with a null score and `decided_by: heading rule` in the evidence, only
for headings and one-line titles; a quotation paragraph carries the sentence that introduced it, a long paragraph
is scored by sentence windows, see pipelines.narratives.scan) and `narratives_by_genre`; counts to
metrics/narratives_scan.json. Paragraph parses come from the mentions stage's parse store (parse once).
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from pipelines.config import Config
from pipelines.doc_results import open_results, per_document
from pipelines.engine.runner import map_documents
from pipelines.io import to_json, write_json
from pipelines.mentions.parses import ParseStore
from pipelines.narratives.context import paragraph_contexts
from pipelines.narratives.model import load_classifier, load_stance_classifier
from pipelines.narratives.publisher import Publisher, publisher_of
from pipelines.narratives.scan import analyse
from pipelines.narratives.settings import NO_STANCE, STANCES, NarrativesParams
from pipelines.paths import Paths
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES, require

log = logging.getLogger(__name__)
STAGE = "narratives"
METRIC = "narratives_scan"
COLUMNS = [
    "doc_id", "para_id", "start", "end", "text", "genre", "candidate", "is_user_narrative", "score", "stance",
    *[f"p_{s}" for s in STANCES], "critique_of_cooptation", "narrative_type", "evidence",
]
BY_GENRE_COLUMNS = [
    "genre", "n_paragraphs", "n_candidates", "n_narratives", "n_critique_of_cooptation",
    *[c for s in STANCES for c in (f"n_{s}", f"share_{s}")],
]


def _publisher(source: str) -> Publisher:
    """Who publishes a document, from its `source` metadata (an address or a site name)."""
    return publisher_of({"source": source})


def scan_paragraphs(paragraphs: pd.DataFrame, genres: pd.Series, cfg: Config, paths: Paths,
                    docs: list | None = None, sources: pd.Series | None = None) -> pd.DataFrame:
    """The narratives table for `paragraphs` (doc_id, para_id, start, end, text); genre looked up by doc_id;
    `docs` (optional, aligned with the rows) are the paragraphs' stored parses, else paragraphs are parsed;
    `sources` (optional, by doc_id) the documents' `source` metadata, which tells who publishes them."""
    require(paragraphs, ("doc_id", "para_id", "start", "end", "text"), "paragraphs given to the narratives scan")
    params = cfg.section(STAGE, NarrativesParams)
    detector, stance_model = load_classifier(paths, cfg), load_stance_classifier(paths, cfg)
    rows = []
    texts = paragraphs["text"].astype(str).tolist()
    by_doc = {} if sources is None else {d: _publisher(v) for d, v in sources.items()}
    publishers = [by_doc.get(d, Publisher()) for d in paragraphs["doc_id"]]
    contexts = paragraph_contexts(paragraphs, params.context_max_quotes) if params.carry_context else [None] * len(texts)
    for lo in range(0, len(texts), params.batch_size):
        hi = lo + params.batch_size
        batch_docs = None if docs is None else docs[lo:hi]
        for r in analyse(texts[lo:hi], detector, stance_model, params, contexts[lo:hi], batch_docs, publishers[lo:hi]):
            rows.append(
                {
                    "candidate": r.is_candidate,
                    "is_user_narrative": r.is_user_narrative,
                    "score": np.nan if r.score is None else r.score,
                    "stance": r.stance,
                    **{f"p_{s}": r.stance_scores.get(s, np.nan) for s in STANCES},
                    "critique_of_cooptation": bool(r.evidence["critique_of_cooptation"]),
                    "narrative_type": r.evidence["narrative_type"],
                    "evidence": to_json(r.evidence),
                }
            )
    out = paragraphs[["doc_id", "para_id", "start", "end", "text"]].reset_index(drop=True)
    out["genre"] = out["doc_id"].map(genres).fillna("unknown").astype(str)
    out = pd.concat([out, pd.DataFrame(rows, index=out.index)], axis=1)
    return out.reindex(columns=COLUMNS)


def scan_documents(todo: pd.DataFrame, cfg: Config, paths: Paths) -> pd.DataFrame:
    """Narratives rows of every paragraph of the documents `todo` (doc_id, genre, ...), from their stored parses:
    the unit of work of either engine (`pipelines.engine.runner.map_documents`)."""
    paragraphs = TABLES["paragraphs"].read(paths)
    paras = paragraphs[paragraphs["doc_id"].isin(set(todo["doc_id"]))].reset_index(drop=True)
    with ParseStore.open(cfg, paths) as store:
        parsed = store.paragraph_docs(todo, paras)
    docs = [parsed[(d, int(p))] for d, p in zip(paras["doc_id"], paras["para_id"])]
    by_doc = todo.set_index("doc_id")
    return scan_paragraphs(paras, by_doc["genre"], cfg, paths, docs, by_doc["source"] if "source" in todo else None)


def by_genre(table: pd.DataFrame) -> pd.DataFrame:
    """Per genre: paragraphs, candidates, narratives, stance counts and shares, critiques of co-optation."""
    rows = []
    for genre, g in table.groupby("genre", sort=True):
        narr = g[g["is_user_narrative"]]
        row = {"genre": genre, "n_paragraphs": len(g), "n_candidates": int(g["candidate"].sum()),
               "n_narratives": len(narr), "n_critique_of_cooptation": int(g["critique_of_cooptation"].sum())}
        for s in STANCES:
            n = int((narr["stance"] == s).sum())
            row[f"n_{s}"] = n
            row[f"share_{s}"] = n / len(narr) if len(narr) else np.nan
        rows.append(row)
    return pd.DataFrame(rows, columns=BY_GENRE_COLUMNS)


def run(cfg: Config, paths: Paths) -> dict:
    """Scan every paragraph; write both tables and metrics/narratives_scan.json."""
    paragraphs = TABLES["paragraphs"].read(paths).reset_index(drop=True)
    documents = TABLES["documents"].read(paths, columns=["doc_id", "genre", "source", "text", "content_hash"])
    genres = documents.set_index("doc_id")["genre"]
    # a document's rows depend on who publishes it too (the stance map may read it): a known publisher is in the key
    kinds = documents["source"].map(lambda v: _publisher(v).kind)
    documents["result_key"] = documents["content_hash"].where(kinds == "unknown",
                                                              documents["content_hash"] + "|publisher=" + kinds)

    known = set(documents["doc_id"])  # the paragraphs table's order first
    order = list(dict.fromkeys([*(d for d in paragraphs["doc_id"] if d in known), *documents["doc_id"]]))
    with open_results(cfg, paths, STAGE) as results:
        table, n_computed = per_document(results, documents.set_index("doc_id").loc[order].reset_index(), COLUMNS,
                                         lambda todo: map_documents(cfg, paths, todo, scan_documents), key="result_key")
    log.info("narratives: %d of %d documents read, the rest reused (engine.reuse_results)", n_computed,
             len(documents))
    table["genre"] = table["doc_id"].map(genres).fillna("unknown").astype(str)  # metadata may change alone
    TABLES["narratives"].write(table, paths)
    TABLES["narratives_by_genre"].write(by_genre(table), paths)
    narr = table[table["is_user_narrative"]]
    metrics = {
        "n_paragraphs": len(table),
        "n_candidates": int(table["candidate"].sum()),
        "n_narratives": len(narr),
        "stance_counts": {s: int((narr["stance"] == s).sum()) for s in [*STANCES, NO_STANCE]},
        "n_critique_of_cooptation": int(table["critique_of_cooptation"].sum()),
    }
    write_json(metrics, paths.metric(METRIC))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
