"""Stable doc_ids, language detection and near-duplicate flags."""

from __future__ import annotations

import pandas as pd

from pipelines.ingest.dedup import NearDuplicateIndex
from pipelines.ingest.doc_ids import IdRegistry, base_id, record_id, slug
from pipelines.ingest.language import LanguageDetector
from tests.conftest import SEEDS
from tests.ingest.helpers import PROSE, ingest_folder

GERMAN = (
    "Koproduktion bedeutet, dass Menschen, die soziale Dienste nutzen, gemeinsam mit Fachleuten diese Dienste "
    "planen, gestalten und bewerten. In der psychiatrischen Versorgung ist der Begriff weit verbreitet."
)


def test_ids_come_from_paths_and_records_not_run_order():
    assert slug("Reports/NHS plan 2019.pdf") == "reports-nhs-plan-2019-pdf"
    assert base_id("a/b.txt", "unknown") == "a-b-txt" and base_id("a/b.txt", "seed7") == "seed7"
    assert record_id("refs-ris", None) == "refs-ris" and record_id("refs-ris", 0) == "refs-ris-r0001"
    ids = IdRegistry()
    assert ids.claim("a-b-txt", "a/b.txt") == "a-b-txt"
    clash = ids.claim("a-b-txt", "a b.txt")
    assert clash.startswith("a-b-txt-") and clash != "a-b-txt"


def test_adding_files_keeps_existing_ids(cfg, tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "b.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "metadata.csv").write_text("doc_id,file,genre\n,b.txt,blog\n", encoding="utf-8")
    first = ingest_folder(cfg, corpus, tmp_path / "o1")[1]
    (corpus / "a.txt").write_text(GERMAN, encoding="utf-8")
    second = ingest_folder(cfg, corpus, tmp_path / "o2")[1].set_index("source_file")
    assert first.doc_id.tolist() == ["sub-b-txt"]
    assert second.loc["sub/b.txt", "doc_id"] == "sub-b-txt" and second.loc["a.txt", "doc_id"] == "a-txt"
    # metadata row found by base name for a file in a sub-folder; an empty doc_id falls back to the path id
    assert second.loc["sub/b.txt", "genre"] == "blog" and second.loc["a.txt", "genre"] == "unknown"
    assert second.loc["a.txt", "language"] == "de" and second.loc["sub/b.txt", "language"] == "en"


def test_language_short_texts_are_unknown_and_results_reproducible():
    detector = LanguageDetector(min_chars=50, seed=13)
    assert detector.detect("Co-production.") == "unknown"
    assert detector.detect("   ") == "unknown"
    assert [detector.detect(GERMAN) for _ in range(3)] == ["de"] * 3
    assert detector.detect(PROSE) == "en"


def test_near_duplicates_flag_the_earlier_most_similar_document():
    blog = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    index = NearDuplicateIndex(threshold=0.8, shingle_words=5, num_perm=128, seed=13)
    assert index.add("a", blog) is None
    assert index.add("b", GERMAN) is None
    assert index.add("c", blog.replace("window dressing", "tokenism")) == "a"  # one phrase changed
    assert index.add("d", blog) == "a"  # identical to a: the most similar earlier document
    assert index.add("e", "") is None
    assert index.add("f", "Completely different text about film co-productions and television quotas.") is None


def test_near_duplicate_documents_stay_in_the_table(cfg, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "two.txt").write_text(PROSE + "\n\nViews: 3", encoding="utf-8")
    _, docs, _, _, metrics = ingest_folder(cfg, corpus, tmp_path / "out")
    docs = docs.set_index("doc_id")
    assert pd.isna(docs.loc["one-txt", "near_duplicate_of"]) and docs.loc["two-txt", "near_duplicate_of"] == "one-txt"
    assert metrics["near_duplicates"] == 1 and metrics["documents"] == 2
