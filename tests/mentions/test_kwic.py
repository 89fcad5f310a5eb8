"""`colens kwic`: selection, AntConc-style sorting, aligned and highlighted output, CSV, clear errors."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.config import Config
from pipelines.io import write_table
from pipelines.mentions import kwic
from pipelines.mentions.stage import run
from pipelines.paths import ROOT, Paths
from pipelines.tables import TABLES

DOCS = pd.DataFrame([
    dict(doc_id="d1", genre="blog", year="2020", title="Blog post", content_hash="h1",
         text="We value co-production with carers.\n\nTrue coproduction needs power and co-design."),
    dict(doc_id="d2", genre="policy", year="2019", title="Policy paper", content_hash="h2",
         text="Services must co-produce plans. Alpha co-production zebra."),
])
runner = CliRunner()


def write_params(tmp_path, data_dir) -> str:
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    raw["paths"].update(data=str(data_dir), metrics=str(tmp_path / "metrics"), cache=str(tmp_path / "cache"))
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def params_file(tmp_path_factory):
    """A params.yaml whose outputs live in a temp folder, with the stage already run on DOCS."""
    tmp = tmp_path_factory.mktemp("kwic")
    params = write_params(tmp, tmp / "data")
    cfg = Config.load(params)
    paths = Paths.from_config(cfg)
    write_table(DOCS, TABLES["documents"].path(paths))
    run(cfg, paths)
    return params


def kwic_run(params, *args, **kwargs):
    return runner.invoke(app, ["kwic", *args, "--params", params], **kwargs)


def keywords(output: str, width: int = 50) -> list[str]:
    """The keyword column of each line: after the hit number and the right-aligned left context."""
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines[0].split()[:2] == ["#", "left"] and lines[0].split()[-2:] == ["doc_id", "sense"]  # the header
    return [line[5 + 2 + width + 2 :].split()[0] for line in lines[1:]]


@pytest.mark.parametrize("sort,expected", [
    ("doc", ["co-production", "coproduction", "co-produce", "co-production"]),
    ("left", ["co-production", "co-produce", "coproduction", "co-production"]),    # alpha, must, true, value
    ("right", ["coproduction", "co-produce", "co-production", "co-production"]),  # needs, plans, with, zebra
])
def test_sorting_orders_by_document_or_neighbouring_words(params_file, sort, expected):
    result = kwic_run(params_file, "co-production", "--sort", sort)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()][1:]
    assert keywords(result.stdout) == expected
    docs = [line.split()[-1] for line in lines]
    assert docs == {"doc": ["d1", "d1", "d2", "d2"], "left": ["d2", "d2", "d1", "d1"],
                    "right": ["d1", "d2", "d1", "d2"]}[sort]


def test_left_sort_reads_words_leftwards_from_the_keyword():
    rows = pd.DataFrame(dict(doc_id=["a", "b"], title="t", genre="g", year="y", start=[0, 0], end=[1, 1],
                             left=["zz apple the ", "aa banana the "], surface="co-production", right=""))
    lines = kwic.sort_lines(kwic.concordance(rows, 20), "left")
    assert lines["doc_id"].tolist() == ["a", "b"]  # L1 ties ('the'), L2 decides: apple < banana; L3 ignored


def test_left_context_is_right_aligned_and_keyword_highlighted(params_file):
    width = 30
    plain = kwic_run(params_file, "coproduction", "--width", str(width))
    lines = plain.stdout.splitlines()[1:]
    assert len(lines) == 4
    column = 5 + 2 + width + 2
    assert all(line[column:].startswith(("co-produc", "coproduc")) for line in lines)
    assert lines[0][:column].rstrip().endswith("We value")
    assert len(lines[0][column - 2 - width : column - 2]) == width
    coloured = kwic_run(params_file, "coproduction", color=True)
    assert "\x1b[" in coloured.stdout and "\x1b[" not in plain.stdout


def test_genre_filter_all_and_limit(params_file):
    result = kwic_run(params_file, "all", "--genre", "blog")
    assert keywords(result.stdout) == ["co-production", "coproduction", "co-design"]
    limited = kwic_run(params_file, "all", "--limit", "2")
    assert len(limited.stdout.splitlines()) == 1 + 2 and "2 of 5 concordance lines" in limited.stderr


def test_csv_export(params_file, tmp_path):
    out = tmp_path / "k.csv"
    result = kwic_run(params_file, "co-produce", "--sort", "right", "--width", "12", "--csv", str(out))
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == kwic.CSV_COLUMNS
    first = rows[0]
    text = DOCS.set_index("doc_id").loc[first["doc_id"], "text"]
    assert first["doc_id"] == "d1" and first["keyword"] == "coproduction" and first["genre"] == "blog"
    assert text[int(first["start"]) : int(first["end"])] == first["keyword"]
    assert first["right"] == " needs power" and first["left"] == "arers. True " and first["year"] == "2020"
    assert [r["keyword"] for r in rows] == keywords(result.stdout, width=12)


@pytest.mark.parametrize("args,message", [
    (["tokenism"], "unknown term 'tokenism': known concepts are co-production, co-creation"),
    (["co-production", "--genre", "film"], "unknown genre 'film': valid genres are blog, policy"),
    (["co-production", "--sort", "middle"], "unknown sort 'middle'"),
    (["co-production", "--width", "500"], "exceeds the stored context (mentions.context_chars = 100)"),
])
def test_bad_requests_are_clear_errors(params_file, args, message):
    result = kwic_run(params_file, *args)
    assert result.exit_code == 2 and message in result.stderr


def test_missing_mentions_table_says_run_dvc_repro(tmp_path):
    result = kwic_run(write_params(tmp_path, tmp_path / "nothing"), "co-production")
    assert result.exit_code == 2 and "`dvc repro`" in result.stderr and "the `mentions` stage" in result.stderr


def test_sense_column_filter_exact_spelling_and_summary(params_file):
    paths = Paths.from_config(Config.load(params_file))
    mentions = TABLES["mentions"].read(paths)
    target = mentions[mentions["is_target"].astype(bool)].sort_values(["doc_id", "start"]).reset_index(drop=True)
    senses = ["participatory", "film_media", "participatory", "participatory"][: len(target)]
    TABLES["senses"].write(pd.DataFrame({
        "mention_id": target["mention_id"], "doc_id": target["doc_id"], "sense": senses, "sense_score": 0.9,
        "in_sense": [s == "participatory" for s in senses], "sense_sentence": "x"}), paths)
    try:
        default = kwic_run(params_file, "co-production")
        assert default.exit_code == 0, default.output
        body = default.stdout.splitlines()[1:]
        assert len(body) == len(target) - 1 and all(line.endswith("participatory") for line in body)
        every = kwic_run(params_file, "co-production", "--sense", "all")
        assert "film_media" in every.stdout and len(every.stdout.splitlines()) == 1 + len(target)
        film = kwic_run(params_file, "co-production", "--sense", "film_media")
        assert len(film.stdout.splitlines()) == 2
        exact = kwic_run(params_file, "coproduction", "--exact", "--sense", "all")
        assert keywords(exact.stdout) == ["coproduction"]
        summary = kwic_run(params_file, "co-production", "--summary", "--sense", "all")
        assert "spelling:" in summary.stdout and "sense:" in summary.stdout and "film_media" in summary.stdout
        bad = kwic_run(params_file, "all", "--exact")
        assert bad.exit_code == 2 and "--exact needs a spelling" in bad.stderr
    finally:
        TABLES["senses"].path(paths).unlink()
