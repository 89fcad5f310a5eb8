"""Finding the project a user works in, and `colens run`'s checks before any work."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.qda.settings import QdaParams
from pipelines.root import ROOT, find_root
from pipelines.workflow.folder import RunError, prepare
from pipelines.workflow.project import Project


def _params_with(tmp_path: Path, **changes) -> Path:
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            raw[section][name] = value
        else:
            raw[section] = value
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def test_find_root_is_the_nearest_folder_with_params(tmp_path, monkeypatch):
    _params_with(tmp_path, seed=3)
    deep = tmp_path / "notebooks" / "drafts"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_root() == tmp_path.resolve()
    assert Project.open().root == tmp_path.resolve() and Project.open().cfg.seed == 3
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    outside.mkdir()
    assert find_root(outside) == ROOT  # no project around: this checkout


def test_run_refuses_bad_folders_before_any_work(tmp_path):
    params = ROOT / "params.yaml"
    with pytest.raises(RunError, match="not a folder"):
        prepare(tmp_path / "missing", tmp_path / "out", params)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with pytest.raises(RunError, match="must not be inside the corpus"):
        prepare(corpus, corpus / "out", params)
    nomodels = _params_with(tmp_path, paths__models="nowhere")
    with pytest.raises(RunError, match="no trained model"):
        prepare(corpus, tmp_path / "out", nomodels)
    result = CliRunner().invoke(app, ["run", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "not a folder of documents" in result.output


def test_prepared_params_pin_corpus_and_models(tmp_path, repro_root):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    written = prepare(corpus, tmp_path / "out", Path(repro_root) / "params.yaml")  # a checkout with trained models
    project = Project.open(written.parent)
    assert project.paths.corpus == corpus.resolve() and project.paths.models == (Path(repro_root) / "models").resolve()
    assert project.paths.data == (tmp_path / "out" / "data").resolve()
    xsd = project.cfg.section("qda", QdaParams).xsd
    assert Path(xsd) == (Path(repro_root) / "../shared/refi/Project.xsd").resolve()


@pytest.mark.slow
def test_run_analyses_a_folder_end_to_end(tmp_path, repro_root):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))[:2]
    for path in seeds:
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out"), "--no-progress",
                                      "--params", str(Path(repro_root) / "params.yaml")])
    assert result.exit_code == 0, result.output
    assert f"documents     {len(seeds)}" in result.output and "report" in result.output
    project = Project.open(tmp_path / "out")
    assert len(project.table("documents")) == len(seeds)
    assert (project.paths.reports / "index.html").stat().st_size > 0
    assert project.figure("levels_genre").layout.title.text
    rows = project.classify(["Co-production means people who use services and staff share power as equals."])
    assert rows[0]["sense"]["label"] == "participatory" and rows[0]["definition"]["is_definition"]
