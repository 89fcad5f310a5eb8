"""`colens compare`: a clear error for unknown terms; the stage's table and the CLI on real pipeline outputs."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.compare.gather import UnknownConcept, resolve_concepts
from pipelines.compare.settings import CompareParams
from pipelines.tables import TABLES
from pipelines.text.lexicon import lexicon_for


def test_terms_resolve_to_concepts_and_unknown_terms_list_the_known_ones(cfg):
    lexicon = lexicon_for(cfg.lexicon)
    assert resolve_concepts(["coproduction", "co-creation", "co‐production"], lexicon) == ["co-production",
                                                                                          "co-creation"]
    with pytest.raises(UnknownConcept) as err:
        resolve_concepts(["co-production", "co-whatever"], lexicon)
    assert "unknown concept 'co-whatever'" in str(err.value)
    assert all(c in str(err.value) for c in cfg.lexicon.concepts)


def test_cli_unknown_term_is_a_one_line_error():
    out = CliRunner().invoke(app, ["compare", "co-production", "cooperation"])
    assert out.exit_code == 1
    assert "error: unknown concept 'cooperation'" in out.output and "co-creation" in out.output
    assert "Traceback" not in out.output


def test_params_bound_the_section():
    with pytest.raises(ValueError):
        CompareParams(top_collocates=0)
    with pytest.raises(ValueError):
        CompareParams(concepts=[])


@pytest.mark.slow
def test_real_outputs_cover_every_default_concept_and_the_cli_prints_them(cfg, repro_paths):
    params = cfg.section("compare", CompareParams)
    table = TABLES["concept_profiles"].read(repro_paths)
    heads = table.drop_duplicates("concept").set_index("concept")
    assert list(heads.index) == params.concepts
    assert set(heads["status"]) <= {"ok", "too_small"}
    target = cfg.lexicon.target
    assert heads.loc[target, "status"] == "ok"
    # the target's collocates are the usage stage's corpus collocates (same code, same mentions)
    usage = TABLES["collocates"].read(repro_paths)
    corpus = usage[usage["scope"] == "corpus"].head(params.top_collocates)
    mine = table[(table["concept"] == target) & (table["facet"] == "collocate")]
    assert list(mine["key"]) == list(corpus["lemma"])
    # elasticity rows are the elasticity stage's own
    e = TABLES["elasticity"].read(repro_paths)
    row = e[(e["level"] == "concept") & (e["group"] == target)].iloc[0]
    mine = table[(table["concept"] == target) & (table["facet"] == "elasticity")].set_index("key")
    assert mine.loc["index", "value"] == pytest.approx(row["index"])
    for concept in params.concepts:
        rows = table[table["concept"] == concept]
        if concept != target:
            assert rows["facet"].eq("comparison").sum() == 1
        if rows["status"].iat[0] == "too_small":
            assert rows["n_kept"].iat[0] < params.min_mentions

    runner = CliRunner()
    params_file = str(repro_paths.root / "params.yaml")
    out = runner.invoke(app, ["compare", *params.concepts, "--params", params_file])
    assert out.exit_code == 0, out.output
    for concept in params.concepts:
        assert concept in out.output
    assert "Is co-production more elastic than co-creation?" in out.output
    data = json.loads(runner.invoke(app, ["compare", "coproduction", "engagement", "--json", "--params",
                                          params_file]).stdout)
    assert list(data) == ["co-production", "engagement"]  # engagement is not profiled by default: computed now
    assert data["engagement"]["facets"]["elasticity"][0]["detail"].startswith("not measured")
