"""The smaller hostile cases: mixed and wide encodings, malformed RIS records, ';' in a doc_id, names differing
only in case, and language detection fast enough for a large export, with progress."""

from __future__ import annotations

import logging
import random
import time

import pandas as pd

from pipelines.ingest.decoding import decode_bytes
from pipelines.ingest.language import LanguageDetector, plainly_english
from pipelines.ingest.readers.ris import read_ris
from tests.hostile.builders import PROSE
from tests.ingest.helpers import ingest_folder

OTHER_LANGUAGES = {
    "de": "Die Koproduktion von Gesundheitsdiensten wird in der Politik als Möglichkeit gefördert, Macht zwischen "
          "den Menschen, die Dienste nutzen, und Fachleuten zu teilen. Kritiker meinen, der Begriff werde gedehnt.",
    "fr": "La coproduction des services de santé mentale a été promue comme un moyen de partager le pouvoir entre "
          "les personnes qui utilisent les services et les professionnels. Les critiques disent que le mot s'use.",
    "nl": "Coproductie van zorgdiensten wordt in het beleid gepromoot als een manier om macht te delen tussen de "
          "mensen die diensten gebruiken en professionals. Critici stellen dat het begrip wordt opgerekt.",
}


def test_a_mixed_encoding_file_is_decoded_line_by_line():
    data = "caf\u00e9 in UTF-8\n".encode() + "caf\u00e9 \u2013 in cp1252\n".encode("cp1252") + b"plain\n"
    text, note = decode_bytes(data)
    assert text == "caf\u00e9 in UTF-8\ncaf\u00e9 \u2013 in cp1252\nplain\n"
    assert note.startswith("mixed encodings: 1 of 3 line(s) decoded as cp1252")
    whole, note = decode_bytes("caf\u00e9\n".encode("cp1252"))
    assert whole == "caf\u00e9\n" and note.startswith("decoded as cp1252")


def test_utf16_and_utf32_are_recognised_by_their_byte_order_mark(cfg, tmp_path):
    for codec in ("utf-16", "utf-16-be", "utf-32"):
        bom = {"utf-16-be": b"\xfe\xff"}.get(codec, b"")
        text, note = decode_bytes(bom + PROSE.encode(codec))
        assert text == PROSE and "byte-order mark" in note, codec
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "wide.txt").write_bytes(PROSE.encode("utf-16"))
    _, docs, _, manifest, _ = ingest_folder(cfg, corpus, tmp_path / "out")
    assert manifest.loc["wide.txt", "status"] == "ok" and "UTF-16" in manifest.loc["wide.txt", "reason"]
    assert docs.text.iloc[0].startswith("Co-production means")


def test_malformed_ris_records_are_counted_not_dropped_silently():
    ris = ("TY  - JOUR\nTI  - One\nAB  - First abstract.\nER  - \n\n"
           "TI  - No type line\nAB  - Lost by the parser.\nER  - \n\n"
           "TY  - JOUR\nTI  - Two\nAB  - Second abstract.\nER  - \n")
    result = read_ris(ris.encode())
    assert len(result.records) == 2
    assert any("1 of 3 RIS record(s) could not be parsed" in n for n in result.notes)


def test_a_semicolon_in_a_doc_id_cannot_corrupt_the_manifest(cfg, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "b.txt").write_text(PROSE.upper(), encoding="utf-8")
    (corpus / "metadata.csv").write_text("doc_id,file\nx;y,a.txt\nz\x01w,b.txt\n", encoding="utf-8")
    _, docs, _, manifest, _ = ingest_folder(cfg, corpus, tmp_path / "out")
    assert sorted(docs.doc_id) == ["x-y", "z-w"]
    assert [manifest.loc[f, "doc_ids"].split(";") for f in ("a.txt", "b.txt")] == [["x-y"], ["z-w"]]


def test_adding_a_name_that_differs_in_case_keeps_existing_ids(cfg, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(PROSE, encoding="utf-8")
    (corpus / "a b.txt").write_text(PROSE + " Second.", encoding="utf-8")
    _, before, *_ = ingest_folder(cfg, corpus, tmp_path / "out1")
    (corpus / "A.txt").write_text(PROSE + " Third.", encoding="utf-8")
    (corpus / "a-b.txt").write_text(PROSE + " Fourth.", encoding="utf-8")
    _, after, *_ = ingest_folder(cfg, corpus, tmp_path / "out2")
    ids_before = dict(zip(before.source_file, before.doc_id))
    ids_after = dict(zip(after.source_file, after.doc_id))
    assert ids_before == {"a.txt": "a-txt", "a b.txt": "a-b-txt"}
    assert {k: ids_after[k] for k in ids_before} == ids_before
    assert ids_after["A.txt"].startswith("a-txt-") and ids_after["a-b.txt"].startswith("a-b-txt-")
    assert len(set(ids_after.values())) == 4


def test_language_detection_is_fast_for_english_and_still_asks_langdetect_otherwise():
    detector = LanguageDetector(50, seed=13)
    for lang, text in OTHER_LANGUAGES.items():
        assert not plainly_english(text) and detector.detect(text) == lang
    abstracts = [f"Study {i}: " + PROSE for i in range(5000)]
    start = time.perf_counter()
    assert {detector.detect(t) for t in abstracts} == {"en"}
    per_record_ms = (time.perf_counter() - start) / len(abstracts) * 1000
    assert per_record_ms < 1.0, per_record_ms  # langdetect alone takes about 12 ms a record
    assert detector.n_quick == 5000 and detector.n_langdetect == 3


def test_a_large_export_ingests_quickly_with_progress(cfg, tmp_path, caplog):
    corpus = tmp_path / "c"
    corpus.mkdir()
    n = 3000
    rng = random.Random(5)
    vocabulary = PROSE.lower().replace(".", "").split()
    with open(corpus / "export.ris", "w", encoding="utf-8") as out:
        for i in range(n):  # distinct abstracts of English words, as in a real export
            words = " ".join(rng.choice(vocabulary) if k % 3 else f"term{rng.randrange(5000)}" for k in range(90))
            out.write(f"TY  - JOUR\nTI  - Paper {i}\nPY  - 2019\nAB  - {PROSE} The {words}.\nER  - \n\n")
    caplog.set_level(logging.INFO, logger="pipelines.ingest")
    start = time.perf_counter()
    _, docs, *_ = ingest_folder(cfg, corpus, tmp_path / "out")
    seconds = time.perf_counter() - start
    assert len(docs) == n and set(docs.language) == {"en"}
    progress = [r.getMessage() for r in caplog.records if "documents (" in r.getMessage()]
    assert len(progress) >= n // 1000 and "3000 documents" in progress[-1]
    print(f"{n} records in {seconds:.1f}s ({seconds / n * 1000:.2f} ms a record)")
    assert seconds / n < 0.02  # 100k records in well under 35 minutes even on a busy machine
    assert isinstance(docs, pd.DataFrame)
