"""Usage's corpus scan with per-document results kept between runs (`engine.reuse_results`): the same counts and
windows, in the same order, as a scan without the store; a second run reads no parse, and a document whose mentions
changed is the only one read again (on the bundled corpus's real parses)."""

from __future__ import annotations

from pipelines.doc_results import DocResults
from pipelines.mentions.parses import ParseStore
from pipelines.tables import TABLES
from pipelines.usage.scan import scan_corpus


def _same(a, b) -> None:
    assert list(a.corpus.items()) == list(b.corpus.items())  # counts and their first-seen order
    assert {g: list(c.items()) for g, c in a.by_genre.items()} == {g: list(c.items()) for g, c in b.by_genre.items()}
    assert list(a.windows.items()) == list(b.windows.items())
    assert list(a.scoring_windows.items()) == list(b.scoring_windows.items())
    assert a.paragraphs == b.paragraphs


def test_stored_scan_equals_a_plain_scan_and_reads_only_changed_documents(cfg, repro_paths, tmp_path):
    documents = TABLES["documents"].read(repro_paths)
    paragraphs = TABLES["paragraphs"].read(repro_paths)
    mentions = TABLES["mentions"].read(repro_paths)
    targets = mentions[mentions["is_target"].astype(bool)].reset_index(drop=True)
    nodes = targets[["doc_id", "start", "end"]]
    parses = ParseStore.open(cfg, repro_paths)
    read: list[str] = []

    def paragraph_docs(docs, paras):
        read.extend(paras["doc_id"].astype(str).unique())
        return parses.paragraph_docs(docs, paras)

    try:
        plain = scan_corpus(documents, paragraphs, targets, nodes, paragraph_docs, 5)
        with DocResults(tmp_path, "usage-scan", "sig") as store:
            read.clear()
            first = scan_corpus(documents, paragraphs, targets, nodes, paragraph_docs, 5, store=store)
            n_docs = len(set(read))
            read.clear()
            again = scan_corpus(documents, paragraphs, targets, nodes, paragraph_docs, 5, store=store)
            assert read == []  # every document reused
            changed_doc = str(targets["doc_id"].iloc[-1])
            fewer = targets.drop(index=targets.index[-1]).reset_index(drop=True)
            edited = scan_corpus(documents, paragraphs, fewer, fewer[["doc_id", "start", "end"]], paragraph_docs, 5,
                                 store=store)
            assert set(read) == {changed_doc}
        edited_plain = scan_corpus(documents, paragraphs, fewer, fewer[["doc_id", "start", "end"]], paragraph_docs, 5)
    finally:
        parses.close()
    assert n_docs > 1
    _same(first, plain)
    _same(again, plain)
    _same(edited, edited_plain)
