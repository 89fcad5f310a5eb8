"""DVC stage `agency`: agent / partner relations in in-sense mention sentences and trigger-verb sentences.

Writes agency.parquet (one row per agent-partner pair per trigger) and agency_profile.parquet (per genre).
"""

from __future__ import annotations

import logging
import re

import pandas as pd

from pipelines.agency.extract import AgencyExtractor
from pipelines.agency.parse import load_agency_nlp, parse
from pipelines.agency.profile import agency_profile
from pipelines.agency.settings import AgencyParams
from pipelines.config import Config
from pipelines.io import read_table, write_json, write_table
from pipelines.paths import Paths
from pipelines.senses.select import in_sense_mentions
from pipelines.senses.settings import SensesParams, sense_filter
from pipelines.stage_entry import stage_context

log = logging.getLogger(__name__)
COLUMNS = ["doc_id", "sent_id", "mention_id", "genre", "verb", "agent", "agent_category", "partner",
           "partner_category", "voice", "users_role", "sentence"]


def trigger_regex(params: AgencyParams) -> re.Pattern[str]:
    """A cheap pre-filter for sentences that may hold a trigger verb (parsed only if it matches)."""
    stems = {w.replace("co-", "co-?")[:-1] if w.endswith("e") else w.replace("co-", "co-?")
             for w in params.object_verbs + params.joint_verbs}
    stems |= {"led"}
    return re.compile(r"(?<![\w])(?:" + "|".join(sorted(stems)) + r")\w*", re.IGNORECASE)


def candidate_sentences(paths: Paths, params: AgencyParams, senses: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sentences to parse: doc_id, sent_id, sentence, genre; target mentions with local offsets and in_sense)."""
    targets = in_sense_mentions(paths, "all")
    targets["in_sense"] = targets["in_sense"] | (senses == "all")
    targets["local_start"] = targets["start"] - targets["sent_start"]
    targets["local_end"] = targets["end"] - targets["sent_start"]
    docs = read_table(paths.documents, columns=["doc_id", "genre"])
    chosen = targets[targets["in_sense"]][["doc_id", "sent_id", "sentence"]]
    if params.include_trigger_sentences:
        sents = read_table(paths.sentences, columns=["doc_id", "sent_id", "text"]).rename(columns={"text": "sentence"})
        chosen = pd.concat([chosen, sents[sents["sentence"].str.contains(trigger_regex(params))]])
    chosen = chosen.drop_duplicates(["doc_id", "sent_id"]).merge(docs, on="doc_id", how="left")
    chosen["genre"] = chosen["genre"].fillna("unknown").astype(str)
    return chosen.reset_index(drop=True), targets


def extract_table(sentences: pd.DataFrame, targets: pd.DataFrame, extractor: AgencyExtractor, nlp,
                  batch_size: int) -> pd.DataFrame:
    """agency.parquet rows; triggers on off-sense target mentions are skipped, on in-sense ones linked."""
    by_sent = {k: g for k, g in targets.groupby(["doc_id", "sent_id"])}
    rows = []
    docs = parse(nlp, sentences["sentence"].tolist(), batch_size)
    for rec, doc in zip(sentences.itertuples(index=False), docs):
        mentions = by_sent.get((rec.doc_id, rec.sent_id), targets.iloc[:0])
        off = [(s, e) for s, e, ok in zip(mentions["local_start"], mentions["local_end"], mentions["in_sense"]) if not ok]
        for r in extractor.extract(doc, skip=off):
            hit = mentions[(mentions["local_start"] < r.end) & (mentions["local_end"] > r.start) & mentions["in_sense"]]
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


def run(cfg: Config, paths: Paths) -> dict:
    params: AgencyParams = cfg.section("agency", AgencyParams)
    senses: SensesParams = cfg.section("senses", SensesParams)
    sentences, targets = candidate_sentences(paths, params, sense_filter(senses.exclude_off_sense))
    table = extract_table(sentences, targets, AgencyExtractor(params), load_agency_nlp(cfg.models.spacy),
                          params.batch_size)
    out = paths.stage("agency")
    write_table(table, out / "agency.parquet")
    write_table(agency_profile(table, params.top_pairs), out / "agency_profile.parquet")
    summary = {
        "n_sentences_parsed": int(len(sentences)),
        "n_relations": int(len(table)),
        "users_role": table["users_role"].value_counts().to_dict(),
        "agent_category": table["agent_category"].value_counts().to_dict(),
    }
    write_json(summary, paths.metric("agency"))
    return summary


def main() -> None:
    cfg, paths = stage_context()
    print(f"agency: {run(cfg, paths)}")


if __name__ == "__main__":
    main()
