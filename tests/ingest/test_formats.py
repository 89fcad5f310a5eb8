"""Every supported input format, from fixtures the tests write: one document per file or per record."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.ingest.helpers import PROSE, ingest_folder

RIS = f"""TY  - JOUR
AU  - Needham, Catherine
AU  - Carr, Sarah
TI  - Co-production: an emerging evidence base
JO  - Social Care Institute for Excellence
PY  - 2009
DO  - 10.1000/scie.31
AB  - {PROSE}
ER  -

TY  - JOUR
TI  - A record without an abstract
PY  - 2010
ER  -
"""

BIB = f"""@article{{smith2019,
  author = {{Smith, Jo and Patel, Ravi}},
  title = {{{{Co-production}} in community mental health}},
  journal = {{Health Expectations}},
  year = {{2019}},
  doi = {{10.1111/hex.1}},
  abstract = {{{PROSE}}}
}}
"""

SCOPUS = (
    '\ufeff"Authors","Title","Year","Source title","DOI","Abstract","EID"\n'
    f'"Lee A.; Kim B.","Coproduction and recovery","2020","BMJ Open","10.1136/bmj.1","{PROSE}","2-s2.0-1"\n'
    '"Doe C.","No abstract here","2021","BMJ Open","","[No abstract available]","2-s2.0-2"\n'
)

WOS = (
    "PT\tAU\tTI\tSO\tPY\tDI\tAB\tUT\n"
    f"J\tGarcia, M; Chen, L\tCo-creation versus co-production\tPublic Management Review\t2018\t10.1/pmr\t{PROSE}\tWOS:1\n"
)

MEDLINE = f"""PMID- 29758123
TI  - Co-production in a Recovery College: the meaning of co-production for
      clinicians.
FAU - Dalgarno, Mark
FAU - Oates, Jennifer
DP  - 2018 Jun
JT  - Journal of psychiatric and mental health nursing
AID - 10.1111/jpm.12469 [doi]
AB  - {PROSE[:120]}
      {PROSE[120:]}

PMID- 29758124
TI  - Second record
DP  - 2019
AB  - Peer support workers in co-production and co-creation: protocol for a scoping review of services.
"""

HTML = f"""<html><head><title>Co-production blog</title><meta name="author" content="Ann Writer"></head>
<body><nav><a href="/">Home</a> | <a href="/login">Login</a></nav>
<article><h1>Why co-production matters</h1><p>{PROSE}</p>
<p>A second paragraph explains how peer support workers co-produce services with clinicians.</p></article>
<footer>Copyright 2024 Example Trust. All rights reserved.</footer></body></html>"""


def _write(folder, name, content):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _pdf_bytes(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("A PDF about co-production")
    pdf.set_author("Report Author")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def _docx(path, paragraphs):
    import docx

    document = docx.Document()
    document.core_properties.title = "A Word document on co-production"
    document.core_properties.author = "Word Author"
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(path)


@pytest.fixture(scope="module")
def corpus_result(cfg, tmp_path_factory):
    corpus = tmp_path_factory.mktemp("formats")
    _write(corpus, "notes/plain.txt", PROSE + "\n\nLogin / Signup\n")
    _write(corpus, "notes/readme.md", "# Heading\n\n" + PROSE)
    _write(corpus, "web/page.html", HTML)
    _write(corpus, "reports/report.pdf", _pdf_bytes(PROSE))
    _docx(corpus / "reports/paper.docx", ["Introduction", PROSE, "Views: 12"])
    _write(corpus, "exports/refs.ris", RIS)
    _write(corpus, "exports/refs.bib", BIB)
    _write(corpus, "exports/scopus.csv", SCOPUS)
    _write(corpus, "exports/wos.csv", WOS)
    _write(corpus, "exports/pubmed.nbib", MEDLINE)
    _write(corpus, "exports/pubmed-medline.txt", MEDLINE)
    return ingest_folder(cfg, corpus, tmp_path_factory.mktemp("formats_out"))


def _doc(docs, source_file, record=None):
    rows = docs[docs.source_file == source_file]
    if record is not None:
        rows = rows[rows.record == record]
    assert len(rows) == 1, (source_file, record, len(rows))
    return rows.iloc[0]


def test_every_file_is_ok_with_its_format(corpus_result):
    _, _, _, manifest, metrics = corpus_result
    expected = {
        "notes/plain.txt": "text", "notes/readme.md": "markdown", "web/page.html": "html",
        "reports/report.pdf": "pdf", "reports/paper.docx": "docx", "exports/refs.ris": "ris",
        "exports/refs.bib": "bibtex", "exports/scopus.csv": "scopus", "exports/wos.csv": "wos",
        "exports/pubmed.nbib": "medline", "exports/pubmed-medline.txt": "medline",
    }
    assert manifest.status.to_dict() == {f: "ok" for f in expected}
    assert manifest.format.to_dict() == expected
    assert metrics["files"]["ok"] == len(expected)


def test_plain_and_markdown(corpus_result):
    docs = corpus_result[1]
    plain = _doc(docs, "notes/plain.txt")
    assert plain.doc_id == "notes-plain-txt" and plain.text == PROSE and plain.title == "unknown"
    assert plain.language == "en"
    assert _doc(docs, "notes/readme.md").text.endswith(PROSE)


def test_html_main_text_and_metadata(corpus_result):
    doc = _doc(corpus_result[1], "web/page.html")
    assert "equal partners" in doc.text and "peer support workers co-produce" in doc.text
    assert "Login" not in doc.text and "All rights reserved" not in doc.text
    assert doc.title == "Why co-production matters" and doc.authors == "Ann Writer"


def test_pdf_text_and_info(corpus_result):
    doc = _doc(corpus_result[1], "reports/report.pdf")
    assert " ".join(doc.text.split()) == PROSE
    assert doc.title == "A PDF about co-production" and doc.authors == "Report Author"


def test_docx_paragraphs_and_properties(corpus_result):
    doc = _doc(corpus_result[1], "reports/paper.docx")
    assert doc.text == "Introduction\n\n" + PROSE
    assert doc.title == "A Word document on co-production" and doc.authors == "Word Author"


def test_ris_records_keep_their_own_metadata(corpus_result):
    docs, manifest = corpus_result[1], corpus_result[3]
    doc = _doc(docs, "exports/refs.ris", 0)
    assert doc.doc_id == "exports-refs-ris-r0001" and doc.text == PROSE
    assert (doc.title, doc.year, doc.journal, doc.doi) == (
        "Co-production: an emerging evidence base", "2009", "Social Care Institute for Excellence", "10.1000/scie.31")
    assert doc.authors == "Needham, Catherine; Carr, Sarah"
    assert "1 of 2 records have no abstract" in manifest.loc["exports/refs.ris", "reason"]


def test_bibtex_record(corpus_result):
    doc = _doc(corpus_result[1], "exports/refs.bib", 0)
    assert doc.text == PROSE and doc.year == "2019" and doc.doi == "10.1111/hex.1"
    assert doc.title == "Co-production in community mental health" and doc.journal == "Health Expectations"
    assert doc.authors == "Smith, Jo; Patel, Ravi"


def test_scopus_and_wos_csv(corpus_result):
    docs, manifest = corpus_result[1], corpus_result[3]
    scopus = _doc(docs, "exports/scopus.csv", 0)
    assert (scopus.title, scopus.year, scopus.journal, scopus.authors) == (
        "Coproduction and recovery", "2020", "BMJ Open", "Lee A.; Kim B.")
    assert "1 of 2 records have no abstract" in manifest.loc["exports/scopus.csv", "reason"]
    wos = _doc(docs, "exports/wos.csv", 0)
    assert (wos.title, wos.year, wos.journal, wos.doi, wos.authors) == (
        "Co-creation versus co-production", "2018", "Public Management Review", "10.1/pmr", "Garcia, M; Chen, L")


@pytest.mark.parametrize("name", ["exports/pubmed.nbib", "exports/pubmed-medline.txt"])
def test_medline_records(corpus_result, name):
    docs = corpus_result[1]
    first = _doc(docs, name, 0)
    assert first.title == "Co-production in a Recovery College: the meaning of co-production for clinicians."
    assert first.year == "2018" and first.doi == "10.1111/jpm.12469"
    assert first.journal == "Journal of psychiatric and mental health nursing"
    assert first.authors == "Dalgarno, Mark; Oates, Jennifer"
    assert " ".join(first.text.split()) == PROSE
    assert _doc(docs, name, 1).year == "2019"


def test_identical_exports_are_flagged_as_near_duplicates(corpus_result):
    docs, metrics = corpus_result[1], corpus_result[4]
    nbib = _doc(docs, "exports/pubmed.nbib", 1)
    txt = _doc(docs, "exports/pubmed-medline.txt", 1)
    # pubmed-medline.txt sorts before pubmed.nbib, so the .nbib record is the later copy.
    assert nbib.near_duplicate_of == txt.doc_id and pd.isna(txt.near_duplicate_of)
    # The same abstract appears in seven files: every copy after the first is flagged, none dropped.
    prose_docs = docs[docs.text.str.contains("equal partners")].sort_values("doc_id")
    assert prose_docs.near_duplicate_of.notna().sum() >= 5
    assert metrics["near_duplicates"] == int(docs.near_duplicate_of.notna().sum())
    assert len(docs) == len(set(docs.doc_id))
