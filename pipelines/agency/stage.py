"""DVC stage `agency`: agent / partner relations in in-sense mention sentences and trigger-verb sentences.

Writes the `agency` table (one row per agent-partner pair per trigger; a trigger that names no party only when
`agency.bare_triggers`), the per-genre `agency_profile` and the stage's metrics. Sentences are read from the
mentions stage's paragraph parses (the parse store), never re-parsed.
"""

from __future__ import annotations

import hashlib
import logging

import numpy as np
import pandas as pd

from pipelines.agency.extract import AgencyExtractor, trigger_regex
from pipelines.agency.profile import agency_profile
from pipelines.agency.settings import AgencyParams
from pipelines.config import Config
from pipelines.doc_results import open_results, per_document
from pipelines.io import write_json
from pipelines.mentions.parses import ParseStore
from pipelines.paths import Paths
from pipelines.senses.select import in_sense_mentions
from pipelines.senses.settings import SensesParams, sense_filter
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES

COLUMNS = ["doc_id", "sent_id", "mention_id", "genre", "verb", "agent", "agent_category", "partner",
           "partner_category", "voice", "users_role", "sentence"]
#: Documents whose paragraph Docs are held in memory at once.
DOC_CHUNK = 200
STAGE = "agency"  # its rows in cache/doc_results.sqlite
log = logging.getLogger(__name__)


def candidate_sentences(paths: Paths, params: AgencyParams, senses: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sentences to read: doc_id, sent_id, para_id, start, sentence, genre; target mentions with in_sense)."""
    targets = in_sense_mentions(paths, "all")
    targets["in_sense"] = targets["in_sense"] | (senses == "all")
    sents = TABLES["sentences"].read(paths, columns=["doc_id", "sent_id", "para_id", "start", "end", "text"])
    sents = sents.rename(columns={"text": "sentence"})
    chosen = targets[targets["in_sense"]][["doc_id", "sent_id"]]
    if params.include_trigger_sentences:
        with_trigger = sents[sents["sentence"].str.contains(trigger_regex(params))]
        chosen = pd.concat([chosen, with_trigger[["doc_id", "sent_id"]]])
    docs = TABLES["documents"].read(paths, columns=["doc_id", "genre"])
    chosen = (chosen.drop_duplicates(["doc_id", "sent_id"])
              .merge(sents, on=["doc_id", "sent_id"], how="left", validate="one_to_one")
              .merge(docs, on="doc_id", how="left"))
    if chosen["sentence"].isna().any():
        row = chosen[chosen["sentence"].isna()].iloc[0]
        raise KeyError(f"sentence {row['sent_id']} of document {row['doc_id']!r} is not in the sentences table "
                       "(mentions and sentences come from different runs; re-run the mentions stage)")
    chosen["genre"] = chosen["genre"].fillna("unknown").astype(str)
    return chosen.reset_index(drop=True), targets


def sentence_docs(sentences: pd.DataFrame, documents: pd.DataFrame, paragraphs: pd.DataFrame,
                  paragraph_docs) -> list:
    """One self-contained Doc per row of `sentences` (in order), cut from its paragraph's stored parse, and the
    character offset in the document where that Doc starts."""
    para_start = {(str(d), int(p)): int(s) for d, p, s in
                  zip(paragraphs["doc_id"], paragraphs["para_id"], paragraphs["start"])}
    out: list = [None] * len(sentences)
    doc_ids = list(dict.fromkeys(sentences["doc_id"].astype(str)))
    for i in range(0, len(doc_ids), DOC_CHUNK):
        chunk = set(doc_ids[i : i + DOC_CHUNK])
        mask = sentences["doc_id"].astype(str).isin(chunk).to_numpy()
        rows = sentences[mask]
        wanted = set(zip(rows["doc_id"].astype(str), rows["para_id"].astype(int)))
        paras = paragraphs[[k in wanted for k in zip(paragraphs["doc_id"].astype(str),
                                                     paragraphs["para_id"].astype(int))]]
        parsed = paragraph_docs(documents[documents["doc_id"].astype(str).isin(chunk)], paras)
        parsed = {(str(d), int(p)): doc for (d, p), doc in parsed.items()}
        for pos, rec in zip(np.flatnonzero(mask), rows.itertuples(index=False)):
            key = (str(rec.doc_id), int(rec.para_id))
            if key not in parsed:
                raise KeyError(f"sentence {rec.sent_id} of document {rec.doc_id!r}: paragraph {rec.para_id} is not "
                               "in the paragraphs table (re-run the mentions stage)")
            p0 = para_start[key]
            span = parsed[key].char_span(int(rec.start) - p0, int(rec.end) - p0, alignment_mode="expand")
            if span is None:
                raise ValueError(f"sentence {rec.sent_id} of document {rec.doc_id!r} ({rec.start}..{rec.end}) lies "
                                 f"outside its paragraph (stale tables; re-run the mentions stage)")
            out[pos] = (span.as_doc(), p0 + span.start_char)
    return out


def extract_table(sentences: pd.DataFrame, targets: pd.DataFrame, extractor: AgencyExtractor,
                  docs: list) -> pd.DataFrame:
    """Rows of the agency table; triggers on off-sense target mentions are skipped, on in-sense ones linked.
    `docs[i]` is (Doc, document offset of its start) for sentence row i."""
    by_sent = {k: g for k, g in targets.groupby(["doc_id", "sent_id"])}
    rows = []
    for rec, (doc, base) in zip(sentences.itertuples(index=False), docs):
        mentions = by_sent.get((rec.doc_id, rec.sent_id), targets.iloc[:0])
        local_start, local_end = mentions["start"] - base, mentions["end"] - base
        off = [(s, e) for s, e, ok in zip(local_start, local_end, mentions["in_sense"]) if not ok]
        for r in extractor.extract(doc, skip=off):
            if r.bare and not extractor.params.bare_triggers:
                continue
            hit = mentions[(local_start < r.end) & (local_end > r.start) & mentions["in_sense"]]
            rows.append({
                "doc_id": rec.doc_id, "sent_id": int(rec.sent_id),
                "mention_id": hit["mention_id"].iat[0] if len(hit) else None, "genre": rec.genre,
                "verb": r.verb, "agent": r.agent, "agent_category": r.agent_category, "partner": r.partner,
                "partner_category": r.partner_category, "voice": r.voice, "users_role": r.users_role,
                "sentence": rec.sentence,
            })
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["sent_id"] = out["sent_id"].astype("int64")
    return out


def document_keys(documents: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """doc_id and the key its agency rows are stored under: the content hash with the document's target mentions
    and whether each is in sense (the senses stage's verdicts are an input of this stage, not of the text alone)."""
    flags = (targets.sort_values("mention_id")
             .assign(flag=lambda t: t["mention_id"].astype(str) + "=" + t["in_sense"].astype(int).astype(str))
             .groupby("doc_id")["flag"].agg(",".join))
    keyed = documents[["doc_id", "content_hash"]].astype(str).copy()
    keyed["content_hash"] = [hashlib.sha256(f"{h}|{flags.get(d, '')}".encode()).hexdigest()
                             for d, h in zip(keyed["doc_id"], keyed["content_hash"])]
    return keyed


def run(cfg: Config, paths: Paths) -> dict:
    """Write the agency and agency_profile tables and the metrics; return the metrics. Documents whose text and
    target-mention senses are unchanged reuse their stored rows (`engine.reuse_results`)."""
    params: AgencyParams = cfg.section("agency", AgencyParams)
    senses: SensesParams = cfg.section("senses", SensesParams)
    sentences, targets = candidate_sentences(paths, params, sense_filter(senses.exclude_off_sense))
    documents = TABLES["documents"].read(paths, columns=["doc_id", "genre", "text", "content_hash"])
    paragraphs = TABLES["paragraphs"].read(paths, columns=["doc_id", "para_id", "start", "end"])
    extractor = AgencyExtractor(params)

    def compute(todo: pd.DataFrame) -> pd.DataFrame:
        mine = sentences[sentences["doc_id"].isin(set(todo["doc_id"]))].reset_index(drop=True)
        store = ParseStore.open(cfg, paths)
        try:
            docs = sentence_docs(mine, documents, paragraphs, store.paragraph_docs)
        finally:
            store.close()
        return extract_table(mine, targets[targets["doc_id"].isin(set(todo["doc_id"]))], extractor, docs)

    with open_results(cfg, paths, STAGE) as results:
        table, n_computed = per_document(results, document_keys(documents, targets), COLUMNS, compute)
    log.info("agency: %d of %d documents read, the rest reused (engine.reuse_results)", n_computed, len(documents))
    table["sent_id"] = table["sent_id"].astype("int64")
    table["genre"] = table["doc_id"].map(documents.set_index("doc_id")["genre"]).fillna("unknown").astype(str)
    TABLES["agency"].write(table, paths)
    TABLES["agency_profile"].write(agency_profile(table, params.top_pairs), paths)
    summary = {
        "n_sentences_parsed": int(len(sentences)),
        "n_relations": int(len(table)),
        "users_role": table["users_role"].value_counts().to_dict(),
        "agent_category": table["agent_category"].value_counts().to_dict(),
    }
    write_json(summary, paths.metric("agency"))
    return summary


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
