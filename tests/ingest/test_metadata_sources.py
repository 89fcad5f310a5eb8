"""Metadata is never guessed: each title, authors and year comes from a named source, or stays `unknown`."""

from __future__ import annotations

import datetime

import pytest

from pipelines.config import Config, ConfigError
from tests.ingest.helpers import PROSE, ingest_folder, params_file

FOOTER_PAGE = f"""<html><head><title>Working with carers | Example Council</title></head><body>
<article><h1>Working with carers</h1><p>{PROSE}</p>
<p>Carers told us the new plan was written with them rather than for them, which made a difference.</p></article>
<footer><p>&copy; 2024 Example Council. Registered office: 1 High Street.</p></footer></body></html>"""

DATED_PAGE = f"""<html><head><title>Our recovery college</title>
<meta property="article:published_time" content="2019-03-04T09:00:00+00:00">
<meta name="author" content="Sam Peer"></head><body>
<article><h1>Our recovery college</h1><p>{PROSE}</p>
<p>Courses are planned by peer trainers and clinicians together, and students give feedback each term.</p>
</article><footer>&copy; 2024 Example NHS Trust</footer></body></html>"""

RIS = f"""TY  - JOUR
AU  - Doe, Jane
TI  - Co-producing research with service users
PY  - 2016
AB  - {PROSE}
ER  -
"""


def _docx(path, created_year: int) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Draft strategy"
    document.core_properties.author = "Office User"
    document.core_properties.created = datetime.datetime(created_year, 5, 1)
    document.add_paragraph(PROSE)
    document.save(path)


def _pdf(path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Annual report")
    pdf.set_creation_date(datetime.datetime(2022, 2, 2, tzinfo=datetime.timezone.utc))
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, PROSE)
    path.write_bytes(bytes(pdf.output()))


def _corpus(folder):
    (folder / "web").mkdir(parents=True)
    (folder / "web/footer.html").write_text(FOOTER_PAGE, encoding="utf-8")
    (folder / "web/dated.html").write_text(DATED_PAGE, encoding="utf-8")
    _docx(folder / "strategy.docx", 2021)
    _docx(folder / "listed.docx", 2020)
    _pdf(folder / "report.pdf")
    (folder / "refs.ris").write_text(RIS, encoding="utf-8")
    (folder / "notes.txt").write_text(PROSE, encoding="utf-8")
    (folder / "metadata.csv").write_text("file,year,title\nlisted.docx,2017,Listed strategy\n", encoding="utf-8")
    return folder


def _ingest(tmp_path_factory, name, **ingest):
    tmp = tmp_path_factory.mktemp(name)
    cfg = Config.load(params_file(tmp / "params", **ingest))
    corpus = _corpus(tmp / "corpus")
    _, docs, _, _, metrics = ingest_folder(cfg, corpus, tmp / "out")
    return docs.set_index("source_file"), metrics


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    return _ingest(tmp_path_factory, "meta_default")


@pytest.fixture(scope="module")
def trusting_run(tmp_path_factory):
    return _ingest(tmp_path_factory, "meta_trusting", embedded_metadata=["title", "authors", "year"])


def _fields(docs, file, field):
    return docs.loc[file, field], docs.loc[file, f"{field}_source"]


def test_by_default_no_year_comes_from_a_footer_or_a_file_date(default_run):
    docs, _ = default_run
    for file in ("web/footer.html", "web/dated.html", "strategy.docx", "report.pdf", "notes.txt"):
        assert _fields(docs, file, "year") == ("unknown", "none"), file


def test_metadata_csv_and_export_records_are_used_and_named(default_run):
    docs, _ = default_run
    assert _fields(docs, "listed.docx", "year") == ("2017", "metadata_csv")
    assert _fields(docs, "listed.docx", "title") == ("Listed strategy", "metadata_csv")
    assert _fields(docs, "listed.docx", "authors") == ("Office User", "docx_properties")
    assert _fields(docs, "refs.ris", "year") == ("2016", "record")
    assert _fields(docs, "refs.ris", "authors") == ("Doe, Jane", "record")


def test_embedded_titles_and_authors_are_named_by_their_source(default_run):
    docs, _ = default_run
    assert _fields(docs, "web/dated.html", "authors") == ("Sam Peer", "html_meta")
    assert _fields(docs, "strategy.docx", "title") == ("Draft strategy", "docx_properties")
    assert _fields(docs, "report.pdf", "title") == ("Annual report", "pdf_info")
    assert _fields(docs, "notes.txt", "title") == ("unknown", "none")


def test_metrics_count_documents_by_source(default_run):
    docs, metrics = default_run
    years = metrics["metadata_sources"]["year_source"]
    assert years == {"metadata_csv": 1, "none": 5, "record": 1}
    assert sum(metrics["metadata_sources"]["title_source"].values()) == len(docs)


def test_explicit_dates_are_used_only_when_enabled_and_never_a_footer(trusting_run):
    docs, _ = trusting_run
    assert _fields(docs, "web/dated.html", "year") == ("2019", "html_meta")
    assert _fields(docs, "web/footer.html", "year") == ("unknown", "none")
    assert _fields(docs, "strategy.docx", "year") == ("2021", "docx_properties")
    assert _fields(docs, "report.pdf", "year") == ("2022", "pdf_info")
    assert _fields(docs, "listed.docx", "year") == ("2017", "metadata_csv")


def test_no_embedded_fields_leaves_titles_unknown(tmp_path_factory):
    docs, _ = _ingest(tmp_path_factory, "meta_none", embedded_metadata=[])
    assert _fields(docs, "web/dated.html", "title") == ("unknown", "none")
    assert _fields(docs, "web/dated.html", "authors") == ("unknown", "none")
    assert _fields(docs, "refs.ris", "title") == ("Co-producing research with service users", "record")


def test_an_unknown_embedded_field_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="embedded_metadata"):
        Config.load(params_file(tmp_path, embedded_metadata=["date"]))
