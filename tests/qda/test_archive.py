"""Fast tests on hand-made projects: schema validity, character offsets over non-ASCII text, stable output, and
every kind of bad .qdpx refused with a message naming the file and the element."""

from __future__ import annotations

import random
import zipfile

import pytest
from lxml import etree
from pydantic import ValidationError

from pipelines.paths import ROOT
from pipelines.qda.archive import Limits, QdaFileError, parse_project, schema
from pipelines.qda.reader import read_qdpx
from pipelines.qda.settings import QdaParams
from pipelines.qda.writer import PROJECT_FILE
from tests.qda.helpers import TEXT, find, rewrite, tiny_codings, write_tiny

SCHEMA = ROOT.parent / "shared" / "refi" / "Project.xsd"  # REFI's schema beside the checkout, never copied in
LIMITS = Limits(64 << 20, 100.0, 1000, SCHEMA)


def test_export_is_schema_valid_and_reads_back_without_loss(tmp_path):
    path = write_tiny(tmp_path / "t.qdpx")
    with zipfile.ZipFile(path) as zf:
        tree = etree.fromstring(zf.read(PROJECT_FILE)).getroottree()
        assert schema(SCHEMA).validate(tree), schema(SCHEMA).error_log
        assert sorted(zf.namelist())[0] == PROJECT_FILE and all(
            n.startswith("sources/") and n.endswith(".txt") for n in zf.namelist() if n != PROJECT_FILE)
    project = read_qdpx(path, LIMITS)
    (src,) = project.sources.values()
    assert src.text == TEXT
    want = tiny_codings()
    got = sorted((c.start, c.end, c.description) for c in project.codings)
    assert got == sorted(zip(want["start"], want["end"], want["note"]))
    assert set(project.users.values()) == {"colens test · senses model m"}
    assert {c.name for c in project.codes.values()} == {"sense", "participatory", "knowledge"}


def test_offsets_count_code_points_over_non_ascii_text(tmp_path):
    """é, curly quotes and an emoji before the selection: the same characters come back from the exported .txt."""
    path = write_tiny(tmp_path / "t.qdpx")
    with zipfile.ZipFile(path) as zf:
        (txt,) = [n for n in zf.namelist() if n.startswith("sources/")]
        exported = zf.read(txt).decode("utf-8")
    assert exported == TEXT
    project = read_qdpx(path, LIMITS)
    assert {exported[c.start:c.end] for c in project.codings} == {"co‑production", "coproduction"}
    later = [c for c in project.codings if exported[c.start:c.end] == "coproduction"][0]
    assert later.start > TEXT.index("🎉")  # the emoji (4 UTF-8 bytes, 2 UTF-16 units) counts as one character
    assert len(TEXT[:later.start].encode("utf-8")) > later.start  # bytes would land elsewhere: offsets are characters


def test_re_export_is_byte_identical(tmp_path):
    a, b = write_tiny(tmp_path / "a" / "t.qdpx"), write_tiny(tmp_path / "b" / "t.qdpx")
    assert a.read_bytes() == b.read_bytes()


def test_not_a_zip(tmp_path):
    bad = tmp_path / "x.qdpx"
    bad.write_text("<Project/>", encoding="utf-8")
    with pytest.raises(QdaFileError, match=rf"{bad}: not a \.qdpx"):
        read_qdpx(bad, LIMITS)


def test_zip_without_project_qde(tmp_path):
    bad = rewrite(write_tiny(tmp_path / "t.qdpx"), tmp_path / "x.qdpx",
                  members=lambda m: {k: v for k, v in m.items() if k != PROJECT_FILE})
    with pytest.raises(QdaFileError, match=rf"{bad}: no project\.qde"):
        read_qdpx(bad, LIMITS)


def test_schema_invalid_xml_names_the_element(tmp_path):
    def drop_end(root):
        del find(root, "PlainTextSelection")[0].attrib["endPosition"]

    bad = rewrite(write_tiny(tmp_path / "t.qdpx"), tmp_path / "x.qdpx", drop_end)
    with pytest.raises(QdaFileError, match=r"not valid QDA-XML 1\.0 \(Project\.xsd\) at PlainTextSelection "
                                           r"[0-9a-f-]{36}, line \d+: .*endPosition.* missing"):
        read_qdpx(bad, LIMITS)


def test_wrong_namespace_is_not_qda_xml(tmp_path):
    bad = rewrite(write_tiny(tmp_path / "t.qdpx"), tmp_path / "x.qdpx",
                  members=lambda m: {**m, PROJECT_FILE: b"<?xml version='1.0'?><Project name='x'/>"})
    with pytest.raises(QdaFileError, match=rf"{bad}: project\.qde: not valid QDA-XML"):
        read_qdpx(bad, LIMITS)


def test_offsets_outside_the_text_name_the_selection(tmp_path):
    guid = {}

    def stretch(root):
        sel = find(root, "PlainTextSelection")[0]
        sel.set("endPosition", str(len(TEXT) + 5))
        guid["sel"] = sel.get("guid")

    bad = rewrite(write_tiny(tmp_path / "t.qdpx"), tmp_path / "x.qdpx", stretch)
    with pytest.raises(QdaFileError, match=rf"{bad}: PlainTextSelection {guid['sel']}.*outside its text"):
        read_qdpx(bad, LIMITS)


@pytest.mark.parametrize("name", ["../evil.txt", "sources/../../evil.txt", "/etc/evil.txt", "C:/evil.txt",
                                  "sources\\..\\evil.txt"])
def test_member_paths_that_escape_are_refused(tmp_path, name):
    bad = rewrite(write_tiny(tmp_path / "t.qdpx"), tmp_path / "x.qdpx", members=lambda m: {**m, name: b"x"})
    with pytest.raises(QdaFileError, match="escapes the archive"):
        read_qdpx(bad, LIMITS)


def test_zip_bombs_are_refused(tmp_path):
    src = write_tiny(tmp_path / "t.qdpx")
    bomb = rewrite(src, tmp_path / "bomb.qdpx", members=lambda m: {**m, "sources/zeros.txt": b"\0" * (8 << 20)})
    with pytest.raises(QdaFileError, match=r"zeros\.txt.*ratio over qda\.max_ratio.*zip bomb"):
        read_qdpx(bomb, LIMITS)
    noise = random.Random(0).randbytes(2 << 20)  # incompressible: over the size limit, not the ratio
    big = rewrite(src, tmp_path / "big.qdpx", members=lambda m: {**m, "sources/big.txt": noise})
    with pytest.raises(QdaFileError, match=r"uncompressed, over qda\.max_uncompressed_mb"):
        read_qdpx(big, Limits(1 << 20, 100.0, 1000, SCHEMA))
    with pytest.raises(QdaFileError, match="more than qda.max_members"):
        read_qdpx(src, Limits(64 << 20, 100.0, 1, SCHEMA))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&d;"/>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Description>&x;</Description></Project>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, XXE], ids=["entity-expansion", "external-entity"])
def test_entities_and_dtds_are_refused(tmp_path, xml):
    with pytest.raises(QdaFileError, match="DOCTYPE; DTDs and entities are refused"):
        parse_project(xml, tmp_path / "x.qdpx", SCHEMA)
    bad = rewrite(write_tiny(tmp_path / "t.qdpx"), tmp_path / "x.qdpx", members=lambda m: {**m, PROJECT_FILE: xml})
    with pytest.raises(QdaFileError, match=rf"{bad}: project\.qde: declares a DOCTYPE"):
        read_qdpx(bad, LIMITS)


def test_text_outside_the_project_is_not_read(tmp_path):
    def external(root):
        find(root, "TextSource")[0].set("plainTextPath", "file:///etc/passwd")

    bad = rewrite(write_tiny(tmp_path / "t.qdpx"), tmp_path / "x.qdpx", external)
    with pytest.raises(QdaFileError, match=r"TextSource .*plainTextPath 'file:///etc/passwd' is outside the project"):
        read_qdpx(bad, LIMITS)


def test_qda_params_are_typed_and_bounded():
    assert QdaParams().codes[0] == "sense"
    for bad in ({"max_ratio": 1}, {"max_uncompressed_mb": 0}, {"codes": ["senses"]}, {"codes": []},
                {"user_name": "colens {when}"}, {"unknown": 1}):
        with pytest.raises(ValidationError):
            QdaParams(**bad)


def test_a_missing_schema_refuses_the_import_and_says_where_to_point(tmp_path):
    path = write_tiny(tmp_path / "p.qdpx")
    with pytest.raises(QdaFileError, match=r"not there; download it .* set qda.xsd"):
        read_qdpx(path, Limits(64 << 20, 100.0, 1000, tmp_path / "absent.xsd"))
