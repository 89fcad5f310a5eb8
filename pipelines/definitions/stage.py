"""DVC stage `definitions`: every sentence and two-sentence window of every document, read for definitions of the
target concept and (generic mode) of any term; the target's definitions are grouped into families.

Sentences are those of the `sentences` table, cut from the mentions stage's paragraph parses (`ParseStore`: never
parsed again). Target definitions are kept only when the defining term's mention is in sense (the senses table,
via `pipelines.senses.select`; the `senses.exclude_off_sense` switch keeps every sense): a film "co-production is
a joint venture between two studios" is not a definition of the participatory concept. The sense is recorded in
the evidence. Writes the `definitions` and `definition_families` tables and metrics/definitions_corpus.json.
"""

from __future__ import annotations

import bisect
import json
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Iterator

import numpy as np
import pandas as pd

from pipelines.config import Config
from pipelines.definitions.detector import Definition, Detector
from pipelines.definitions.families import build_families
from pipelines.definitions.generic import target_anchors, term_name
from pipelines.definitions.model import load_classifier
from pipelines.definitions.settings import DefinitionsParams
from pipelines.doc_results import open_results, per_document
from pipelines.embeddings import EmbeddingCache
from pipelines.engine.runner import map_documents
from pipelines.io import to_json, write_json
from pipelines.mentions.parses import ParseStore
from pipelines.nlp import load_spacy
from pipelines.paths import Paths
from pipelines.senses.select import in_sense_mentions
from pipelines.senses.settings import ALL, DEFINITION_SENSES, SensesParams, sense_filter
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES
from pipelines.text.spans import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)
STAGE = "definitions"
DEF_COLUMNS = list(TABLES["definitions"].columns)
METRIC = "definitions_corpus"
DOCS_PER_BATCH = 200  # documents whose paragraph parses are held in memory at once


class SentenceMap:
    """One document's sentences (one Doc each) joined into one Doc, with offsets mapped back to the document text;
    `sents` are the joined Doc's spans of the table's sentences, one per row."""

    def __init__(self, sents: pd.DataFrame, docs: list):
        from spacy.tokens import Doc

        self.doc = Doc.from_docs(docs, ensure_whitespace=True)
        self.sent_ids = sents["sent_id"].tolist()
        self.starts = sents["start"].astype(int).tolist()
        self.cum, pos = [], 0
        self.sents, tok = [], 0
        for d in docs:
            self.cum.append(pos)
            pos += len(d.text) + (0 if d.text.endswith(" ") else 1)
            self.sents.append(self.doc[tok : tok + len(d)])
            tok += len(d)

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.cum, offset) - 1)

    def to_doc(self, offset: int) -> int:
        k = self.index(offset)
        return self.starts[k] + (offset - self.cum[k])


def _row(doc_id: str, smap: SentenceMap, d: Definition, text: str) -> dict:
    conv = smap.to_doc
    start, end = conv(d.start), conv(d.end)
    k0, k1 = smap.index(d.start), smap.index(max(d.start, d.end - 1))
    evidence = {**d.evidence, "term_start": conv(d.term_start), "term_end": conv(d.term_end),
                "definiens_start": conv(d.definiens_start), "definiens_end": conv(d.definiens_end),
                "sent_ids": [smap.sent_ids[k] for k in range(k0, k1 + 1)], "surface": d.term}
    definiens = text[evidence["definiens_start"] : evidence["definiens_end"]] if text else d.definiens
    return {"def_id": f"{doc_id}:{start}:{evidence['term_start']}", "doc_id": doc_id, "sent_id": smap.sent_ids[k0],
            "start": start, "end": end, "text": text[start:end] if text else doc_text(smap.doc)[d.start : d.end],
            "term": d.term, "is_target_term": d.is_target_term, "definiens": definiens or d.definiens,
            "score": float(d.score), "pattern": d.pattern, "evidence": to_json(evidence), "family_id": -1}


def mention_senses(paths: Paths) -> dict[tuple[str, int], str]:
    """(doc_id, start) of every target mention -> its sense (the senses table joined with the mentions table)."""
    table = in_sense_mentions(paths, ALL)
    return {(str(d), int(s)): str(v) for d, s, v in zip(table["doc_id"], table["start"], table["sense"])}


def definition_sense(senses: dict[tuple[str, int], str], doc_id: str, term_start: int, term_end: int) -> str | None:
    """The sense of the target mention the definition's term starts with (None: no such mention)."""
    for start in range(term_start, term_end):
        if (doc_id, start) in senses:
            return senses[(doc_id, start)]
    return None


def apply_sense_filter(defs: pd.DataFrame, senses: dict[tuple[str, int], str], keep: str) -> tuple[pd.DataFrame, dict]:
    """Record each target definition's sense in its evidence; unless `keep` is "all", drop target definitions
    whose term mention is in neither of the codebook's definition senses (participatory, knowledge) or has no sense
    row. Counts of what was dropped come back."""
    counts = {"off_sense": 0, "no_sense": 0}
    keep_rows, evidence = [], []
    for row in defs.itertuples(index=False):
        ev = json.loads(row.evidence)
        ok = True
        if row.is_target_term:
            sense = definition_sense(senses, row.doc_id, int(ev["term_start"]), int(ev["term_end"]))
            ev["sense"] = sense or "unknown"
            if keep != ALL and sense not in DEFINITION_SENSES:
                counts["no_sense" if sense is None else "off_sense"] += 1
                ok = False
        keep_rows.append(ok)
        evidence.append(to_json(ev))
    out = defs.assign(evidence=evidence)[keep_rows].reset_index(drop=True)
    return out, counts


def coordinated_target(d: Definition, detector: Detector, text: str, target: str) -> Definition | None:
    """A definition of "X and TARGET" (or "TARGET and X") found for X defines the target too (GUIDE.md: coordinated
    terms share the definiens): the same definition, named after the target's mention. None when no coordinated
    term is the target."""
    names = [t for t in d.evidence.get("terms", []) if detector.lexicon.find(t, [target])]
    if d.is_target_term or not names:
        return None
    for ts, te in target_anchors(detector.lexicon, text, d.start, d.end, [target]):
        if text[ts:te] in names:
            return replace(d, term=term_name(text[ts:te]), term_start=ts, term_end=te, is_target_term=True,
                           evidence={**d.evidence, "coordinated_with": d.term})
    return None


def sentence_docs(store: ParseStore, documents: pd.DataFrame, paragraphs: pd.DataFrame,
                  sentences: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame, list[Doc]]]:
    """Per document (doc_id order): its sentence rows in reading order and one Doc per row, cut from the stored
    paragraph parse (`sentences` offsets are document offsets; each row lies inside its paragraph)."""
    sentences = sentences.sort_values(["doc_id", "start"]).reset_index(drop=True)
    ids = sorted(sentences["doc_id"].unique())
    for lo in range(0, len(ids), DOCS_PER_BATCH):
        batch = set(ids[lo : lo + DOCS_PER_BATCH])
        paras = paragraphs[paragraphs["doc_id"].isin(batch)]
        parsed = store.paragraph_docs(documents[documents["doc_id"].isin(batch)], paras)
        para_start = {(d, int(p)): int(s) for d, p, s in zip(paras["doc_id"], paras["para_id"], paras["start"])}
        for doc_id, group in sentences[sentences["doc_id"].isin(batch)].groupby("doc_id", sort=True):
            docs = []
            for para_id, start, end in zip(group["para_id"], group["start"], group["end"]):
                key = (doc_id, int(para_id))
                if key not in parsed:
                    raise ValueError(f"sentences table: document {doc_id} sentence at {start} names paragraph "
                                     f"{para_id}, which the paragraphs table lacks; re-run the mentions stage")
                offset = para_start[key]
                span = parsed[key].char_span(int(start) - offset, int(end) - offset)
                if span is None:
                    raise ValueError(f"sentences table: document {doc_id} sentence {start}-{end} does not fall on "
                                     f"token boundaries of its paragraph's parse; re-run the mentions stage")
                docs.append(span.as_doc())
            yield doc_id, group, docs


def glossary_threshold(params: DefinitionsParams, genre: str) -> float:
    """The score a definition of another term needs to enter the corpus glossary in a document of `genre`."""
    if genre in params.glossary_textbook_genres:
        return params.generic_threshold
    return max(params.glossary_threshold, params.generic_threshold)


def glossary_entries(found: list[Definition], covered: set, threshold: float) -> list[Definition]:
    """Generic readings that enter the glossary: definitions scoring `threshold` or more, with a term that is a
    well-formed noun phrase, not the target, and not at a sentence or window a target definition already holds."""
    return [d for d in found if d.is_definition and d.score >= threshold and d.term and not d.is_target_term
            and (d.sent_index, d.evidence["window"]) not in covered]


def find_definitions(parsed: Iterator[tuple[str, pd.DataFrame, list[Doc]]], documents: pd.DataFrame,
                     detector: Detector, target: str, params: DefinitionsParams) -> pd.DataFrame:
    """Target-term definitions and the generic glossary of every document, one row per definition."""
    texts = dict(zip(documents["doc_id"], documents["text"]))
    genres = dict(zip(documents["doc_id"], documents["genre"])) if "genre" in documents else {}
    rows = []
    for doc_id, group, docs in parsed:
        smap = SentenceMap(group, docs)
        text = texts.get(doc_id, "")
        if text and any(text[s:e] != t for s, e, t in zip(group["start"], group["end"], group["text"])):
            raise ValueError(f"sentences table: sentence offsets of document {doc_id} do not match its text in "
                             f"the documents table; re-run the mentions stage")
        target_defs = [d for d in detector.detect_doc(smap.doc, [target], target, smap.sents) if d.is_definition]
        covered = {(d.sent_index, d.evidence["window"]) for d in target_defs}
        generic = glossary_entries(detector.detect_doc(smap.doc, None, target, smap.sents), covered,
                                   glossary_threshold(params, str(genres.get(doc_id, "unknown"))))
        promoted = [coordinated_target(d, detector, doc_text(smap.doc), target) for d in generic]
        target_defs += [p for p in promoted if p is not None]
        generic = [d for d, p in zip(generic, promoted) if p is None]
        for d in target_defs + generic:
            row = _row(doc_id, smap, d, text)
            if len(row["definiens"].split()) > params.max_definiens_words:
                ev = json.loads(row["evidence"])
                row["evidence"] = to_json({**ev, "run_on": True})
            rows.append(row)
    return pd.DataFrame(rows, columns=DEF_COLUMNS)


def define_documents(todo: pd.DataFrame, cfg: Config, paths: Paths) -> pd.DataFrame:
    """Definition rows of the documents `todo` (doc_id, text, ...), read from their stored sentence parses: the unit
    of work of either engine (`pipelines.engine.runner.map_documents`; a Dask worker runs it on its partition)."""
    params: DefinitionsParams = cfg.section("definitions", DefinitionsParams)
    ids = set(todo["doc_id"])
    paragraphs = TABLES["paragraphs"].read(paths, ["doc_id", "para_id", "start", "end"])
    sentences = TABLES["sentences"].read(paths, ["doc_id", "sent_id", "para_id", "start", "end", "text"])
    classifier = load_classifier(paths, cfg)  # small model files; the encoder and spaCy load once per process
    with ParseStore.open(cfg, paths) as store:
        docs = sentence_docs(store, todo, paragraphs[paragraphs["doc_id"].isin(ids)],
                             sentences[sentences["doc_id"].isin(ids)])
        return find_definitions(docs, todo, classifier.detector, cfg.lexicon.target, params)


def add_families(defs: pd.DataFrame, documents: pd.DataFrame, cfg: Config, paths: Paths,
                 params: DefinitionsParams) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cluster the target concept's definitions; family_id stays -1 for other terms."""
    meta = documents.set_index("doc_id")[["genre", "year"]]
    target = defs[defs["is_target_term"]].copy()
    target["genre"] = [meta["genre"].get(d, "unknown") for d in target["doc_id"]]
    target["year"] = [meta["year"].get(d, "unknown") for d in target["doc_id"]]
    if target.empty:
        empty = build_families(target, np.zeros((0, 1)), cfg.seed, nlp=None).families
        return defs, empty
    cache = EmbeddingCache.for_project(cfg, paths, task="definitions")
    emb = cache.encode(target["definiens"].tolist())
    table = build_families(target, emb, cfg.seed, load_spacy(cfg.models.spacy), params.family_top_terms,
                           singleton_min_score=params.family_singleton_min_score, max_k=params.families_max_k,
                           min_silhouette=params.families_min_silhouette,
                           merge_similarity=params.families_merge_similarity)
    defs = defs.copy()
    defs.loc[target.index, "family_id"] = table.labels
    defs["family_id"] = defs["family_id"].astype(int)
    return defs, table.families


def run(cfg: Config, paths: Paths) -> dict:
    """Find, sense-filter and group the definitions; write both tables and metrics/definitions_corpus.json."""
    params: DefinitionsParams = cfg.section("definitions", DefinitionsParams)
    documents = TABLES["documents"].read(paths, ["doc_id", "title", "genre", "year", "text", "content_hash"])
    n_sentences = len(TABLES["sentences"].read(paths, ["doc_id"]))
    with open_results(cfg, paths, STAGE) as results:
        defs, n_computed = per_document(results, documents.sort_values("doc_id"), DEF_COLUMNS,
                                        lambda todo: map_documents(cfg, paths, todo, define_documents))
    log.info("definitions: %d of %d documents read, the rest reused (engine.reuse_results)", n_computed,
             len(documents))
    keep = sense_filter(cfg.section("senses", SensesParams).exclude_off_sense)
    defs, dropped = apply_sense_filter(defs, mention_senses(paths), keep)
    if dropped["no_sense"]:
        log.warning("definitions: %d target definition(s) have no matching mention in the senses table; dropped "
                    "(re-run the mentions and senses stages if the lexicon changed)", dropped["no_sense"])
    defs, families = add_families(defs, documents, cfg, paths, params)
    TABLES["definitions"].write(defs, paths)
    TABLES["definition_families"].write(families, paths)
    metrics = {
        "n_documents": int(documents["doc_id"].nunique()), "n_sentences": int(n_sentences),
        "n_target_definitions": int(defs["is_target_term"].sum()),
        "n_generic_definitions": int((~defs["is_target_term"]).sum()),
        "n_documents_defining_target": int(defs.loc[defs["is_target_term"], "doc_id"].nunique()),
        "n_target_definitions_off_sense_dropped": dropped["off_sense"],
        "n_target_definitions_without_sense_dropped": dropped["no_sense"], "senses_kept": keep,
        "n_families": int(len(families)), "threshold": params.threshold,
        "patterns": {str(k): int(v) for k, v in defs["pattern"].value_counts().items()},
    }
    write_json(metrics, paths.metric(METRIC))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
