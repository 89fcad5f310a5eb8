"""The `definition` field of `colens classify` (pipelines.definitions.annotator): the field, `--term ANY`, and
target definitions of an off-sense mention; the annotator requires the `mentions` and `sense` fields."""

from __future__ import annotations

import json

import pytest
import yaml

from pipelines.config import Config


class NoSenses:
    """A `sense` field that labels no mention (no sense model in the test's folder): nothing is filtered."""

    name = "sense"
    requires = ("mentions",)

    def annotate(self, passages, ctx) -> None:
        for p in passages:
            p.result[self.name] = {"label": "none", "scores": {}, "per_mention": []}


@pytest.mark.slow
def test_classify_definition_field(def_env, tmp_path, monkeypatch):
    from pipelines.classify import annotators, runner
    from pipelines.classify.passage import Context
    from pipelines.definitions.annotator import DefinitionAnnotator

    assert "pipelines.definitions.annotator:DefinitionAnnotator" in annotators.ANNOTATORS
    assert DefinitionAnnotator.requires == ("mentions", "sense")
    with pytest.raises(annotators.AnnotatorOrderError, match="sense"):
        annotators.load_annotators(["pipelines.classify.mention_field:MentionAnnotator",
                                    "pipelines.definitions.annotator:DefinitionAnnotator"])
    chain = [*annotators.load_annotators(["pipelines.classify.mention_field:MentionAnnotator"]), NoSenses(),
             DefinitionAnnotator()]
    annotators.check_order(chain)
    monkeypatch.setattr(runner, "load_annotators", lambda: chain)
    lines = [{"id": 1, "text": "Co-production refers to patients and staff designing services together as equals."},
             {"id": 2, "text": "Co-production is essential. Everyone says so."},
             {"id": 3, "text": "Peer support: help from people who have been through something similar."},
             "not json"]
    inp = tmp_path / "in.jsonl"
    inp.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = runner.classify_file(inp, out, Context(def_env["cfg"], None, def_env["paths"]))
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert summary.n_ok == 3 and "in.jsonl:4" in summary.errors[0]
    d = rows[0]["definition"]
    assert d["is_definition"] and d["term"] == "co-production" and d["evidence"]["pattern"] == "refers_to"
    assert d["definiens"] == "patients and staff designing services together as equals"
    assert not rows[1]["definition"]["is_definition"]
    assert not rows[2]["definition"]["is_definition"]  # not the target term

    anyc = Context(def_env["cfg"], "ANY", def_env["paths"])
    summary = runner.classify_file(inp, out, anyc)
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert rows[2]["definition"]["is_definition"] and rows[2]["definition"]["term"] == "peer support"
    assert DefinitionAnnotator.name == "definition"


@pytest.mark.slow
@pytest.mark.parametrize("sense,exclude,expected", [("film_media", True, False), ("film_media", False, True),
                                                    ("participatory", True, True), (None, True, True)])
def test_classify_flags_off_sense_target_definitions(sense, exclude, expected, def_env, tmp_path):
    from pipelines.classify.passage import Context, Passage
    from pipelines.definitions.annotator import DefinitionAnnotator

    raw = yaml.safe_load(def_env["params"].read_text(encoding="utf-8"))
    raw["senses"]["exclude_off_sense"] = exclude
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump(raw), encoding="utf-8")
    cfg = Config.load(params)
    text = "Co-production is a partnership in which two studios share the costs and rights of a feature film."
    p = Passage(1, text, {})
    if sense is not None:
        p.result["sense"] = {"label": sense, "scores": {}, "per_mention": [{"start": 0, "end": 13, "label": sense,
                                                                            "score": 0.9}]}
    DefinitionAnnotator().annotate([p], Context(cfg, None, def_env["paths"]))
    d = p.result["definition"]
    assert d["evidence"]["sense"] == sense and d["evidence"]["off_sense"] is (sense == "film_media")
    assert d["is_definition"] is expected
