"""Export → edit → import on the real pipeline outputs of the bundled corpus (the `repro_root` fixture): the file
validates, an unedited project imports as zero changes, and a researcher's edits become annotations for the
matching tasks, with conflicts reported and bad projects refused before anything is written."""

from __future__ import annotations

import json
import shutil
import uuid
import zipfile

import pytest
import yaml
from lxml import etree
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.config import Config
from pipelines.paths import ROOT, Paths
from pipelines.qda.archive import schema
from pipelines.qda.codings import all_codings, machine_codings
from pipelines.qda.ids import code_guid
from pipelines.qda.reader import read_qdpx
from pipelines.qda.settings import QdaParams
from pipelines.qda.writer import NS, PROJECT_FILE, q
from pipelines.tables import TABLES
from tests.qda.helpers import find, rewrite

pytestmark = pytest.mark.slow  # the repro's tables and models
TASK_SECTIONS = {"senses": "train_senses", "levels": "train_levels", "narratives": "train_narratives",
                 "definitions": "train_definitions"}
runner = CliRunner()


@pytest.fixture()
def project(tmp_path, repro_root):
    """A params.yaml reading the repro's outputs and writing annotations to copies in tmp_path."""
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    raw["paths"] = {k: str(repro_root / v) for k, v in raw["paths"].items()}
    raw["qda"]["xsd"] = str((ROOT / raw["qda"]["xsd"]).resolve())  # REFI's schema beside the checkout
    files = {}
    for task, section in TASK_SECTIONS.items():
        src = repro_root / raw[section]["annotations"]
        files[task] = tmp_path / "annotations" / task / "annotations.jsonl"
        files[task].parent.mkdir(parents=True)
        shutil.copy(src, files[task])
        raw[section]["annotations"] = str(files[task])
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    cfg = Config.load(params)
    return {"params": params, "cfg": cfg, "paths": Paths.from_config(cfg), "files": files, "tmp": tmp_path}


def _export(project, name="c.qdpx"):
    out = project["tmp"] / name
    res = runner.invoke(app, ["export", "qdpx", str(out), "--params", str(project["params"])])
    assert res.exit_code == 0, res.output
    return out, res.output


def _import(project, path, *extra):
    return runner.invoke(app, ["import", "qdpx", str(path), "--annotator", "rita", "--params",
                               str(project["params"]), *extra])


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_validates_and_an_unedited_project_imports_as_no_change(project):
    out, output = _export(project)
    with zipfile.ZipFile(out) as zf:
        assert schema(_limits().schema).validate(etree.fromstring(zf.read(PROJECT_FILE)).getroottree())
    branches = machine_codings(project["paths"], project["cfg"], QdaParams().codes)
    codings = all_codings(branches)
    n_docs = len(TABLES["documents"].read(project["paths"], columns=["doc_id"]))
    assert f"{n_docs} sources, {len(codings)} codings" in output
    assert "literature themes left out" in output or "theme" in codings["branch"].values
    # no loss: every coding comes back at its offsets, on its code, with its note, by its machine user
    back = read_qdpx(out, _limits())
    docs = TABLES["documents"].read(project["paths"], columns=["doc_id", "text"]).set_index("doc_id")["text"]
    by_source = {s.guid: s for s in back.sources.values()}
    got = {(c.start, c.end, c.code, c.description) for c in back.codings}
    want = {(r.start, r.end, code_guid(r.branch, r.value), r.note) for r in codings.itertuples()}
    assert got == want
    assert {s.text for s in by_source.values()} == set(docs)
    assert any(n.startswith("colens 0.") and "senses model senses@" in n for n in back.users.values())
    before = {t: f.read_bytes() for t, f in project["files"].items()}
    res = _import(project, out)
    assert res.exit_code == 0, res.output
    assert f"{len(codings)} machine codings; 0 added and 0 removed" in res.output
    assert {t: f.read_bytes() for t, f in project["files"].items()} == before


def test_software_that_renews_guids_is_matched_by_names_and_text(project):
    """Some QDA software gives imported codes and sources new GUIDs: codes match by their names, sources by text."""
    out, _ = _export(project)

    def renew(root):
        renamed = {}
        for el in find(root, "Code") + find(root, "TextSource"):
            renamed[el.get("guid")] = "{" + str(uuid.uuid4()).upper() + "}"  # braces and capitals: allowed too
            el.set("guid", renamed[el.get("guid")])
        for ref in find(root, "CodeRef"):
            ref.set("targetGUID", renamed[ref.get("targetGUID")])

    res = _import(project, rewrite(out, project["tmp"] / "renewed.qdpx", renew))
    assert res.exit_code == 0, res.output
    assert "0 added and 0 removed" in res.output


def _limits():
    from pipelines.qda.importer import limits

    return limits(QdaParams(), ROOT)


def _selection(root, code, n=0):
    """The n-th PlainTextSelection coded with `code` (a code GUID)."""
    hits = [s for s in find(root, "PlainTextSelection")
            if s.find(f"{q('Coding')}/{q('CodeRef')}").get("targetGUID") == code]
    return hits[n]


def test_edits_become_annotations_conflicts_are_reported(project):
    out, _ = _export(project)
    paths, files = project["paths"], project["files"]
    mentions = TABLES["mentions"].read(paths)
    senses = TABLES["senses"].read(paths).merge(mentions[["mention_id", "sentence", "surface", "sent_id"]])
    two = senses.drop_duplicates("sentence").iloc[:2]
    # the second mention's sentence is already annotated as `other`: relabelling it is a conflict
    with files["senses"].open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "pre-1", "text": two.iloc[1]["sentence"], "label": "other", "genre": "x",
                             "source": "test", "mention": two.iloc[1]["surface"]}) + "\n")
    paras = TABLES["paragraphs"].read(paths)
    graded = all_codings(machine_codings(paths, project["cfg"], ["level"]))
    ungraded = ~paras.set_index(["doc_id", "start"]).index.isin(graded.set_index(["doc_id", "start"]).index)
    levels_doc = paras[ungraded & (paras["text"].str.len() > 80)].iloc[-1]
    defs = TABLES["definitions"].read(paths)
    target_sent = mentions[mentions["is_target"] & ~mentions["sent_id"].isin(defs["sent_id"])].iloc[0]
    sents = TABLES["sentences"].read(paths).set_index(["doc_id", "sent_id"])
    target_sent = sents.loc[(target_sent["doc_id"], target_sent["sent_id"])]
    doc_guid = {}

    def edit(root):
        for n, row in enumerate(two.itertuples()):  # change two senses
            sel = [s for s in find(root, "PlainTextSelection") if int(s.get("startPosition")) == int(
                mentions.set_index("mention_id").loc[row.mention_id, "start"]) and s.find(
                f"{q('Coding')}/{q('CodeRef')}").get("targetGUID") == code_guid("sense", "participatory")][0]
            coding = sel.find(q("Coding"))
            coding.set("guid", str(uuid.uuid4()))
            coding.find(q("CodeRef")).set("targetGUID", code_guid("sense", ["knowledge", "film_media"][n]))
        narrative = _selection(root, code_guid("narrative"))  # remove a user narrative
        narrative.getparent().remove(narrative)
        for sel in [s for s in find(root, "PlainTextSelection")  # and the stance on it
                    if s.get("startPosition") == narrative.get("startPosition")]:
            sel.getparent().remove(sel)
        agency = _selection(root, code_guid("agency", "absent"))  # remove an agency coding
        agency.getparent().remove(agency)
        for src in find(root, "TextSource"):
            doc_guid[src.get("name").split()[0]] = src
        for doc_id, start, end, code in [(levels_doc["doc_id"], levels_doc["start"], levels_doc["end"],
                                          code_guid("level", "transformative")),
                                         (target_sent.name[0], target_sent["start"], target_sent["end"],
                                          code_guid("definition", "target definition"))]:
            src = doc_guid[doc_id]
            new = etree.Element(q("PlainTextSelection"), guid=str(uuid.uuid4()), startPosition=str(start),
                                endPosition=str(end))
            coding = etree.SubElement(new, q("Coding"), guid=str(uuid.uuid4()))
            etree.SubElement(coding, q("CodeRef"), targetGUID=code)
            src.find(q("PlainTextSelection")).addprevious(new)

    edited = rewrite(out, project["tmp"] / "edited.qdpx", edit)
    before = {t: f.read_bytes() for t, f in files.items()}
    dry = _import(project, edited, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would be added (senses)" in dry.output and "would be added (definitions)" in dry.output
    assert {t: f.read_bytes() for t, f in files.items()} == before  # a dry run writes nothing

    res = _import(project, edited)
    assert res.exit_code == 0, res.output
    assert "agency (users' role): not annotatable, 1 changes seen (0 added, 1 removed)" in res.output
    assert "conflict (senses)" in res.output and "'other' in the annotations, 'film_media' here" in res.output
    new_senses = [r for r in _records(files["senses"]) if r.get("annotator") == "rita"]
    assert [(r["label"], r["text"], r["mention"]) for r in new_senses] == [
        ("knowledge", two.iloc[0]["sentence"], two.iloc[0]["surface"])]
    narr = [r for r in _records(files["narratives"]) if r.get("annotator") == "rita"]
    assert len(narr) == 1 and narr[0]["is_narrative"] is False
    lv = [r for r in _records(files["levels"]) if r.get("annotator") == "rita"]
    assert [(r["label"], r["text"]) for r in lv] == [("transformative", levels_doc["text"])], res.output
    (d,) = [r for r in _records(files["definitions"]) if r.get("annotator") == "rita"]
    assert d["label"] == "definition" and d["text"] == target_sent["text"] and d["term"] in d["text"]
    assert d["definiens"] and d["definiens"] in d["text"]
    from pipelines.definitions.annotations import load_annotations
    from pipelines.text.lexicon import lexicon_for

    load_annotations(files["definitions"], lexicon_for(project["cfg"].lexicon))  # the training loader takes it

    again = _import(project, edited)  # importing the same project twice adds nothing
    assert again.exit_code == 0 and "0 were added" in again.output


@pytest.mark.parametrize("problem", ["unknown-code", "changed-text", "foreign-source", "group-code"])
def test_projects_colens_cannot_match_are_refused_and_nothing_is_imported(project, problem):
    out, _ = _export(project)
    files = project["files"]
    sel_guid = {}

    def edit(root):
        if problem == "unknown-code":
            codes = root.find(f"{q('CodeBook')}/{q('Codes')}")
            etree.SubElement(codes, q("Code"), guid="0f0f0f0f-0000-4000-8000-000000000001", name="my own code",
                             isCodable="true")
        elif problem == "foreign-source":  # an interview the researcher added in the QDA software
            src = etree.SubElement(root.find(q("Sources")), q("TextSource"),
                                   guid="0f0f0f0f-0000-4000-8000-000000000002", name="my interview")
            etree.SubElement(src, q("PlainTextContent")).text = "An interview about co-production."
        elif problem == "group-code":
            sel = find(root, "PlainTextSelection")[0]
            sel.find(f"{q('Coding')}/{q('CodeRef')}").set("targetGUID", code_guid("sense"))
            sel_guid["g"] = sel.get("guid")

    def members(m):
        if problem == "changed-text":
            name = next(n for n in m if n.startswith("sources/"))
            m[name] = m[name].replace(b"co", b"Co", 1)
        return m

    bad = rewrite(out, project["tmp"] / "bad.qdpx", edit, members)
    before = {t: f.read_bytes() for t, f in files.items()}
    res = _import(project, bad)
    assert res.exit_code == 1
    expected = {"unknown-code": r"Code 0f0f0f0f-0000-4000-8000-000000000001 \('my own code'\) is not a colens code",
                "changed-text": r"TextSource [0-9a-f-]{36} .*its text differs from document",
                "foreign-source": r"TextSource 0f0f0f0f-0000-4000-8000-000000000002 \('my interview'\) is not a "
                                  r"document",
                "group-code": rf"PlainTextSelection {sel_guid.get('g')}: code 'sense' groups codes"}[problem]
    assert res.output.startswith(f"error: {bad}: ")
    import re

    assert re.search(expected, res.output), res.output
    assert {t: f.read_bytes() for t, f in files.items()} == before


def test_literature_themes_are_a_branch_coded_from_the_themes_table(project, tmp_path):
    """Assigned rows of the `themes` stage's table are coded under the literature-theme branch, one child per theme
    of the frame; without the table the branch is left out and the export says why."""
    paths = project["paths"]
    themes = TABLES["themes"].read(paths)
    branches = machine_codings(paths, project["cfg"], QdaParams().codes)
    assert [name for name, _ in branches["theme"].children] == sorted(themes["theme"].astype(str).unique())
    codings = branches["theme"].codings
    assigned = themes[themes["assigned"].astype(bool)]
    assert len(codings) == len(assigned) > 0 and not branches["theme"].notes
    assert sorted(zip(codings["doc_id"], codings["start"], codings["value"])) == sorted(
        zip(assigned["doc_id"], assigned["start"].astype(int), assigned["theme"]))

    data = tmp_path / "data"
    data.mkdir()
    for stage in paths.data.iterdir():
        if stage.name != "themes":
            (data / stage.name).symlink_to(stage)
    without = machine_codings(Paths(**{**paths.__dict__, "data": data}), project["cfg"], QdaParams().codes)
    assert without["theme"].codings.empty and "literature themes left out" in without["theme"].notes[0]


def test_agreement_of_an_annotator_with_the_machine(project, tmp_path):
    mentions = TABLES["mentions"].read(project["paths"])
    sents = mentions[mentions["is_target"]].drop_duplicates("sentence").iloc[:6]
    rows = [{"id": f"m{i}", "text": r.sentence, "label": "other" if i == 0 else "participatory", "annotator": "rita",
             "mention": r.surface} for i, r in enumerate(sents.itertuples())]
    rows.append({"id": "x", "text": "Someone else's label.", "label": "economics", "annotator": "bob"})
    human = tmp_path / "human.jsonl"
    human.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = runner.invoke(app, ["annotate", "agreement", str(human), "--task", "senses", "--against-machine",
                              "--annotator", "rita", "--params", str(project["params"])])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output[res.output.index("{"):])
    assert out["n_items"] == 6 and out["b"].startswith("machine")
    assert out["per_label"]["other"]["A"] == 1 and out["observed_agreement"] <= 5 / 6
    bad = runner.invoke(app, ["annotate", "agreement", str(human), "--against-machine"])
    assert bad.exit_code == 2 and "--against-machine needs --task" in bad.output


def test_changes_that_cannot_be_labels_are_listed_not_dropped(project):
    out, _ = _export(project)
    files = project["files"]
    guids = {}

    def edit(root):
        graded = _selection(root, code_guid("level", "intermediate"))  # a second level on a graded passage
        second = etree.Element(q("PlainTextSelection"), guid=str(uuid.uuid4()),
                               startPosition=graded.get("startPosition"), endPosition=graded.get("endPosition"))
        coding = etree.SubElement(second, q("Coding"), guid=str(uuid.uuid4()))
        etree.SubElement(coding, q("CodeRef"), targetGUID=code_guid("level", "transformative"))
        graded.addnext(second)
        guids["level"] = second.get("guid")
        sense = _selection(root, code_guid("sense", "participatory"))  # a sense removed, none in its place
        sense.getparent().remove(sense)
        cluster = _selection(root, code_guid("usage_cluster", "0"))  # a usage cluster removed
        cluster.getparent().remove(cluster)

    edited = rewrite(out, project["tmp"] / "edited.qdpx", edit)
    before = {t: f.read_bytes() for t, f in files.items()}
    res = _import(project, edited)
    assert res.exit_code == 0, res.output
    assert (f"not imported: {edited}: PlainTextSelection {guids['level']}: Needham & Carr level carries "
            "intermediate, transformative; one level per passage") in res.output
    assert "sense lost its code with none in its place; one sense per mention" in res.output
    assert "usage cluster: not annotatable, 1 changes seen (0 added, 1 removed)" in res.output
    assert {t: f.read_bytes() for t, f in files.items()} == before
