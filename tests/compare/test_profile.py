"""The concept_profiles table from small hand-built evidence: columns, shares, too_small, elasticity and tests."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from pipelines.compare.profile import COLUMNS, FACETS, ConceptEvidence, profiles
from pipelines.compare.summary import json_summary, text_summary
from pipelines.tables import TABLES

SENTENCES = [
    "Co-production improved individual services for each patient.",
    "Co-production reshaped national policy and governance.",
    "Co-production matters.",
    "We liked co-production.",
]


def mentions(concept: str, n: int, senses: list[str] | None = None) -> pd.DataFrame:
    rows = []
    for i in range(n):
        s = SENTENCES[i % len(SENTENCES)].replace("Co-production", concept.capitalize()).replace(
            "co-production", concept)
        start = s.lower().index(concept)
        rows.append({"mention_id": f"{concept}:{i}", "doc_id": f"d{i % 2}", "concept": concept, "sentence": s,
                     "sent_start": 100, "start": 100 + start, "end": 100 + start + len(concept),
                     "sense": (senses or ["participatory"] * n)[i]})
    df = pd.DataFrame(rows)
    df["in_sense"] = df["sense"] == "participatory"
    return df


def evidence(concept: str, n: int, senses=None, agency=True) -> ConceptEvidence:
    m = mentions(concept, n, senses)
    kept = m[m["in_sense"]]
    return ConceptEvidence(
        concept=concept, mentions=m,
        levels=pd.DataFrame({"mention_id": kept["mention_id"], "doc_id": kept["doc_id"],
                             "text": kept["sentence"], "level": "intermediate"}),
        collocates=pd.DataFrame({"lemma": ["service", "policy", "user"], "freq": [5, 3, 2],
                                 "logdice": [12.5, 13.0, 11.0], "mi": [1.0, 2.0, 0.5], "ll": [4.0, 6.0, 1.0]}),
        agency=(pd.DataFrame({"users_role": ["partner", "partner", "absent", "agent"]}) if agency else None),
        definitions=pd.DataFrame({"term": [concept], "family_id": [0], "text": [f"{concept} is working together."]}),
        family_labels={0: "F0: working together"},
    )


ELASTICITY = pd.DataFrame([
    {"level": "concept", "group": "co-production", "n_mentions": 40, "index": 0.7, "ci_low": 0.6, "ci_high": 0.8,
     "status": "ok", "status_detail": ""},
    {"level": "concept", "group": "co-creation", "n_mentions": 12, "index": 0.5, "ci_low": 0.4, "ci_high": 0.6,
     "status": "ok", "status_detail": ""},
    {"level": "concept", "group": "co-design", "n_mentions": 2, "index": float("nan"), "ci_low": float("nan"),
     "ci_high": float("nan"), "status": "too_small", "status_detail": "2 mentions; needs at least 10"},
])
COMPARISONS = pd.DataFrame([{"level": "concept", "group_a": "co-production", "group_b": "co-creation",
                             "difference": 0.2, "p_value": 0.03, "p_adjusted": 0.06, "n_perm": 999}])


@pytest.fixture(scope="module")
def table():
    ev = [evidence("co-production", 8, ["participatory"] * 6 + ["film_media"] * 2),
          evidence("co-creation", 6, agency=False), evidence("co-design", 2), evidence("engagement", 5)]
    return profiles(ev, "co-production", ELASTICITY, COMPARISONS, min_mentions=5, top_collocates=2)


def rows(table, concept, facet):
    return table[(table["concept"] == concept) & (table["facet"] == facet)].set_index("key")


def test_columns_match_the_catalogue_and_facets_are_known(table):
    assert list(table.columns) == COLUMNS
    assert set(TABLES["concept_profiles"].columns) <= set(table.columns)
    assert set(table["facet"]) <= set(FACETS)
    assert list(dict.fromkeys(table["concept"])) == ["co-production", "co-creation", "co-design", "engagement"]


def test_sense_shares_over_all_mentions_other_facets_over_kept(table):
    sense = rows(table, "co-production", "sense")
    assert sense.loc["participatory", "value"] == pytest.approx(0.75)
    assert sense.loc["film_media", "count"] == 2 and sense.loc["economics", "count"] == 0
    head = table[table["concept"] == "co-production"].iloc[0]
    assert (head["n_mentions"], head["n_kept"], head["n_docs"]) == (8, 6, 2)
    scope = rows(table, "co-production", "scope")
    assert scope["count"].sum() == 6  # kept mentions only
    assert scope.loc["micro", "count"] == 2 and scope.loc["macro", "count"] == 2 and scope.loc["none", "count"] == 2
    assert json.loads(scope.loc["macro", "detail"])["cues"] == {"national": 2, "policy": 2, "governance": 2}
    level = rows(table, "co-production", "level")
    assert level.loc["intermediate", "value"] == 1.0 and level.loc["intermediate", "count"] == 4  # distinct claims


def test_collocates_top_n_by_logdice_and_agency_roles(table):
    coll = rows(table, "co-production", "collocate")
    assert list(coll.index) == ["policy", "service"] and coll.loc["policy", "count"] == 3
    agency = rows(table, "co-production", "agency")
    assert agency.loc["partner", "value"] == 0.5 and agency.loc["object", "count"] == 0
    assert list(rows(table, "co-creation", "agency").index) == ["not_a_trigger"]
    defs = rows(table, "co-production", "definition")
    assert defs.loc["F0: working together", "count"] == 1


def test_too_small_concept_is_listed_with_what_it_needed(table):
    small = table[table["concept"] == "co-design"]
    assert set(small["status"]) == {"too_small"} and set(small["min_mentions"]) == {5}
    assert set(small["facet"]) == {"mentions", "elasticity", "comparison"}
    assert "needs at least 5" in small[small["facet"] == "mentions"]["detail"].iloc[0]
    ok = table[table["concept"] == "engagement"]
    assert set(ok["status"]) == {"ok"}  # exactly min_mentions is enough


def test_elasticity_is_read_from_the_stage_with_its_permutation_test(table):
    e = rows(table, "co-creation", "elasticity")
    assert e.loc["index", "value"] == 0.5 and e.loc["ci_high", "value"] == 0.6
    test = rows(table, "co-creation", "comparison").iloc[0]
    assert test["value"] == pytest.approx(0.2)
    assert "Is co-production more elastic than co-creation? yes" in test["detail"] and "p = 0.030" in test["detail"]
    untested = rows(table, "co-design", "comparison").iloc[0]
    assert math.isnan(untested["value"]) and "No test: too_small" in untested["detail"]
    unmeasured = rows(table, "engagement", "elasticity")
    assert "not in elasticity.neighbours" in unmeasured.iloc[0]["detail"]
    assert rows(table, "co-production", "comparison").empty  # the target is not tested against itself


def test_summaries_side_by_side_and_json(table):
    text = text_summary(table, ["co-production", "co-design"])
    assert "co-design      (too small)" in text and "too_small (needs 5)" in text
    assert "policy (13.0)" in text and "0.70 [0.60, 0.80]" in text
    data = json_summary(table, ["co-production", "co-design"])
    assert data["co-design"]["status"] == "too_small" and data["co-design"]["min_mentions"] == 5
    macro = data["co-production"]["facets"]["scope"][1]
    assert macro["key"] == "macro" and macro["detail"]["cues"] == {"national": 2, "policy": 2, "governance": 2}


def test_figure_keeps_too_small_concepts_as_labelled_empty_rows(table):
    import numpy as np

    from pipelines.figures import FiguresParams, concept_comparison

    fig = concept_comparison(table, FiguresParams())
    heat = fig.data[0]
    assert list(heat.y) == ["co-production (n=6)", "co-creation (n=6)", "co-design (n=2, too small)",
                            "engagement (n=5)"]
    z = np.array(heat.z, dtype=float)
    assert np.isnan(z[2, :-1]).all()  # too small: no shares drawn
    assert z[0, list(heat.x).index("in sense")] == pytest.approx(0.75)
    assert z[1, list(heat.x).index("elasticity")] == pytest.approx(0.5)
