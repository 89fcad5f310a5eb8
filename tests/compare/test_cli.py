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
        elif concept != target:  # scored by the co-production models: graded, with the caveat in its notes
            assert {"sense", "level", "scope", "collocate"} <= set(rows["facet"])
            assert "out of their domain" in rows[rows["facet"] == "mentions"]["detail"].iat[0]

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


def test_stage_refuses_an_unknown_concept_in_params(tmp_path, tmp_paths):
    import yaml

    from pipelines.compare.stage import run
    from pipelines.config import Config, ConfigError
    from pipelines.root import ROOT

    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    raw["compare"]["concepts"] = ["co-production", "co-operation"]
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"compare.concepts: unknown concept 'co-operation'"):
        run(Config.load(path), tmp_paths)


@pytest.mark.slow
def test_seed_004_contrast_is_read_from_the_real_mentions(repro_paths):
    from pipelines.compare.scope import mention_scope

    m = TABLES["mentions"].read(repro_paths)
    rows = m[m["sentence"].str.contains("co-creation seeks to develop service systems", regex=False)]
    got = {r.concept: mention_scope(r.sentence, r.start - r.sent_start, r.end - r.sent_start).label
           for r in rows.itertuples(index=False)}
    assert got == {"co-production": "micro", "co-creation": "macro"}
