"""End to end on the bundled seeds: manifest, cleaning of each seed's chrome, and co-production mentions kept."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipelines.ingest.stage import run_ingest
from pipelines.paths import Paths
from pipelines.tables import TABLES
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def ingested(cfg, tmp_path_factory):
    root = tmp_path_factory.mktemp("ingest_seeds")
    p = Paths.from_config(cfg, root=root)
    paths = Paths(**{**p.__dict__, "corpus": SEEDS, "metadata": SEEDS / cfg.corpus.metadata})
    summary = run_ingest(cfg, paths)
    docs = pd.read_parquet(TABLES["documents"].path(paths)).set_index("doc_id")
    removals = pd.read_parquet(TABLES["removals"].path(paths))
    manifest = pd.read_csv(TABLES["manifest"].path(paths), keep_default_na=False)
    metrics = json.loads(paths.metric("ingest").read_text())
    return summary, docs, removals, manifest, metrics


def raw(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def removed(removals, doc_id):
    return removals[removals.doc_id == doc_id]


def test_manifest_lists_every_seed_ok_and_metadata_skipped(ingested):
    _, docs, _, manifest, metrics = ingested
    rows = manifest.set_index("file")
    for f in SEEDS.glob("*.txt"):
        assert rows.loc[f.name, "status"] == "ok"
        assert rows.loc[f.name, "size_bytes"] == f.stat().st_size
        assert len(rows.loc[f.name, "content_hash"]) == 64
    assert rows.loc["metadata.csv", "status"] == "skipped"
    assert rows.loc["metadata.csv", "reason"] == "metadata file"
    assert sorted(docs.index) == [f"seed00{i}" for i in range(5)]
    assert metrics["files"] == {"ok": 5, "skipped": 1, "failed": 0}
    assert metrics["documents"] == 5 and metrics["languages"] == {"en": 5}
    assert metrics["words"] == int(docs.n_words.sum())


def test_documents_follow_the_table_contract(ingested):
    _, docs, removals, _, _ = ingested
    assert list(docs.reset_index().columns) == [
        "doc_id", "source_file", "record", "format", "title", "genre", "year", "authors", "journal", "doi",
        "source", "title_source", "authors_source", "year_source", "language", "text", "raw_text", "content_hash", "n_chars", "n_words", "near_duplicate_of",
    ]
    assert docs.loc["seed003", "year"] == "unknown" and docs.loc["seed000", "year"] == "2018"
    assert docs.loc["seed003", "year_source"] == "none" and docs.loc["seed000", "year_source"] == "metadata_csv"
    assert docs.loc["seed004", "authors"] == "Kristina Bakke Aakerblom; Ottar Ness"
    assert docs.loc["seed000", "journal"] == "unknown"
    assert docs.near_duplicate_of.isna().all()
    # Every removal is a span of raw_text, and text is raw_text with the removals cut out.
    for doc_id, doc in docs.iterrows():
        spans = removed(removals, doc_id).sort_values("start")
        pieces, pos = [], 0
        for r in spans.itertuples():
            assert doc.raw_text[r.start:r.end] == r.text and r.start >= pos
            pieces.append(doc.raw_text[pos:r.start])
            pos = r.end
        assert "".join(pieces) + doc.raw_text[pos:] == doc.text
        assert doc.n_chars == len(doc.text)


def test_seed000_abstract_once_and_table_gone(ingested):
    _, docs, removals, _, _ = ingested
    text, source = docs.loc["seed000", "text"], raw("000")
    opening = "Co\u2010production between service users and clinicians"
    assert source.count(opening) == 2 and text.count(opening) == 1
    assert text == source[: source.index(opening, source.index(opening) + 1)].rstrip("\n")
    assert "\u2010" in text  # original characters kept
    reasons = set(removed(removals, "seed000").reason)
    assert reasons == {"repeated block", "metadata table"}


def test_seed001_author_bios_gone(ingested):
    _, docs, removals, _, _ = ingested
    text, source = docs.loc["seed001", "text"], raw("001")
    assert text == source[: source.index("\n\nAuthors")]
    for gone in ("Gillard ~ Steve", "Reader in Social", "View all articles", "Go back"):
        assert gone not in text
    assert {"author bios", "author link", "navigation"} <= set(removed(removals, "seed001").reason)


def test_seed002_repository_chrome_gone(ingested):
    _, docs, removals, _, _ = ingested
    text, source = docs.loc["seed002", "text"], raw("002")
    assert text == source[source.index("Abstract\n"): source.index("\n| Item Type")]
    rem = removed(removals, "seed002")
    by_reason = rem.groupby("reason").text.apply("".join)
    assert "(KAR id:111396)" in by_reason["repository record"]
    assert "Creative Commons" in by_reason["license"]
    assert "Download this file" in by_reason["download link"]
    assert "Preview" in by_reason["navigation"]
    assert "Publisher pdf" in by_reason["file label"]
    assert "Depositing User" in by_reason["repository record"]
    assert "Export to:" in by_reason["repository record"] and "RefWorks" in by_reason["repository record"]
    assert "orcid.org" in by_reason["bare link"]
    assert "Total Views" in by_reason["view counter"]
    assert "There are no former institutional units." in by_reason["metadata table"]


def test_seed003_site_chrome_gone(ingested):
    _, docs, removals, _, _ = ingested
    text, source = docs.loc["seed003", "text"], raw("003")
    assert text == source[: source.index("\n\nViews: 174")]
    rem = removed(removals, "seed003")

    def reason_of(snippet: str) -> str:
        return rem[rem.text.str.contains(snippet, regex=False)].reason.item()

    assert reason_of("Views: 174") == "view counter"
    assert reason_of("Add a Comment") == "comment prompt"
    assert reason_of("You need to be a member") == "membership notice"
    assert reason_of("Join Co-production") == "membership notice"
    assert reason_of("\u00a9 2024") == "copyright"
    assert reason_of("Report an Issue") == "site footer"


def test_seed004_login_and_keyphrases_gone(ingested):
    _, docs, removals, _, _ = ingested
    text, source = docs.loc["seed004", "text"], raw("004")
    assert text == source[source.index("Peer support workers"): source.index("\nKeyphrases")]
    assert set(removed(removals, "seed004").reason) == {"sign-in prompt", "trailing label"}


def test_every_prose_mention_of_co_production_survives(ingested, lexicon):
    """Mentions in text = mentions in the real prose; only chrome (site name, bios, keyword field) and the duplicate lose any."""
    _, docs, removals, _, _ = ingested
    for doc_id, doc in docs.iterrows():
        in_text = len(lexicon.find_target(doc.text))
        in_raw = len(lexicon.find_target(doc.raw_text))
        rem = removed(removals, doc_id)
        lost = {r.reason: len(lexicon.find_target(r.text)) for r in rem.itertuples() if lexicon.find_target(r.text)}
        assert in_text == in_raw - sum(lost.values()), doc_id
        assert set(lost) <= {"repeated block", "membership notice", "author bios", "repository record"}, (doc_id, lost)
    assert len(lexicon.find_target(docs.loc["seed000", "text"])) * 2 == len(
        lexicon.find_target(docs.loc["seed000", "raw_text"]))
    notice = removals[(removals.doc_id == "seed003") & (removals.reason == "membership notice")].text.iloc[0]
    assert "Co-production practitioners network" in notice
