"""A further concept's collocation scan reuses the first scan's corpus counts and reads only its own mentions'
paragraphs, with the same windows and counts as a full scan (on the bundled corpus's real parses)."""

from __future__ import annotations

from pipelines.mentions.parses import ParseStore
from pipelines.tables import TABLES
from pipelines.usage.scan import scan_corpus


def test_scan_with_earlier_counts_equals_a_full_scan(cfg, repro_paths):
    documents = TABLES["documents"].read(repro_paths)
    paragraphs = TABLES["paragraphs"].read(repro_paths)
    mentions = TABLES["mentions"].read(repro_paths)
    by_concept = {c: m.reset_index(drop=True) for c, m in mentions.groupby("concept")}
    first, second = sorted(by_concept, key=lambda c: -len(by_concept[c]))[:2]
    store = ParseStore.open(cfg, repro_paths)
    read = []

    def paragraph_docs(docs, paras):
        read.append(len(paras))
        return store.paragraph_docs(docs, paras)

    try:
        def scan(concept, counts=None):
            m = by_concept[concept]
            return scan_corpus(documents, paragraphs, m, m[["doc_id", "start", "end"]], paragraph_docs, 5, counts)

        earlier = scan(first)
        full_read = sum(read)
        full = scan(second)
        read.clear()
        reused = scan(second, counts=earlier)
    finally:
        store.close()
    assert reused.windows == full.windows and reused.scoring_windows == full.scoring_windows
    assert reused.corpus == full.corpus and reused.by_genre == full.by_genre and reused.paragraphs == full.paragraphs
    assert sum(read) == len(by_concept[second].drop_duplicates(["doc_id", "para_id"])) < full_read
