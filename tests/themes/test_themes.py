"""Literature themes: each default theme is found on a passage written to express it, an off-theme passage gets
none, evidence sits at its offsets, the params are validated, and the pipeline's table slices the document text."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from pydantic import ValidationError

from pipelines.config import Config, ConfigError
from pipelines.embeddings import EmbeddingCache
from pipelines.nlp import load_spacy, parse_texts
from pipelines.tables import TABLES
from pipelines.themes.frame import build_frame
from pipelines.themes.score import Passage, match_terms, score_passages, sentence_spans
from pipelines.themes.settings import DEFAULT_THEMES, ThemesParams, ThemeSpec
from pipelines.themes.stage import COLUMNS

# Passages written for these tests, one per default theme, each about co-production.
WRITTEN = {
    "definitions": "What does co-production actually mean? The term is used so loosely that there is no agreed "
                   "definition, and each service understands the concept in its own way.",
    "power_dynamics": "Co-production asks professionals to give up some of their power. The imbalance of power "
                      "between clinicians and patients does not disappear because both sit on the same committee.",
    "negotiating_roles": "Co-facilitating the course, the nurse and the peer trainer had to negotiate their roles: "
                         "who would lead each session, how much personal experience each would disclose, and where "
                         "the boundary of a professional identity lay.",
    "influence_on_practice": "After co-producing the workshops, the psychiatrists said it had changed their "
                             "clinical practice: they now use plainer language with patients and see their own "
                             "expertise differently.",
    "decision_making": "In our co-produced research project, decisions about the study design were made jointly; "
                       "the service user researchers had an equal say on the agenda and decided which questions "
                       "the team would pursue.",
    "organisational_narrative": "Too often co-production is window dressing: the trust tells a story about "
                                "itself as listening and inclusive, while the involvement stays tokenistic and "
                                "nothing changes in its culture.",
}
OFF_THEME = ("The co-production workshop takes place on 8 March in the library meeting room from 10am to 12pm. "
             "Tea and coffee will be provided, and parking is free at the rear of the building.")


@pytest.fixture(scope="module")
def scored(cfg):
    params = ThemesParams()
    nlp = load_spacy(cfg.models.spacy)
    encoder = EmbeddingCache(cfg.models.sentence_transformer, None, cfg.models.batch_size)
    frame = build_frame(params, encoder, nlp)
    texts = [*WRITTEN.values(), OFF_THEME]
    passages = [Passage(t, d, sentence_spans(d)) for t, d in zip(texts, parse_texts(nlp, texts))]
    return frame, passages, score_passages(passages, frame, params, encoder)


def test_each_theme_is_found_on_the_passage_written_for_it(scored):
    frame, _, results = scored
    for i, theme in enumerate(WRITTEN):
        by_theme = {s.theme: s for s in results[i]}
        assert by_theme[theme].assigned, (theme, by_theme[theme])
        off = {s.theme: s for s in results[-1]}[theme]
        assert by_theme[theme].score > off.score + 0.1, (theme, by_theme[theme].score, off.score)


def test_off_theme_passage_gets_no_theme(scored):
    _, _, results = scored
    assert [s.theme for s in results[-1] if s.assigned] == []


def test_evidence_sits_at_its_offsets(scored):
    _, passages, results = scored
    for passage, scores in zip(passages, results):
        for s in scores:
            assert 1 <= len(s.sentences) <= ThemesParams().max_evidence_sentences
            for ev in s.sentences:
                assert passage.text[ev["start"] : ev["end"]] == ev["text"]
            for t in s.terms:
                assert passage.text[t["start"] : t["end"]] == t["text"]
    power = {s.theme: s for s in results[1]}["power_dynamics"]
    assert [t["text"] for t in power.terms if t["term"] == "power"] == ["power", "power"]


def test_seed_terms_match_by_lemma_and_ignore_hyphens(cfg):
    nlp = load_spacy(cfg.models.spacy)
    keys = build_frame(ThemesParams(themes=[ThemeSpec(name="t", description="a theme about deciding things together",
                                                      seed_terms=["decision-making", "decide", "role"])]),
                       EmbeddingCache(cfg.models.sentence_transformer, None), nlp).term_keys[0]
    doc = next(parse_texts(nlp, ["They decided on roles; decision making was shared."]))
    found = match_terms(doc, keys)
    assert [(f["term"], f["text"]) for f in found] == [("decide", "decided"), ("role", "roles"),
                                                       ("decision-making", "decision making")]


def test_params_are_typed_and_bounded(tmp_path):
    assert [t.name for t in ThemesParams().themes] == [t.name for t in DEFAULT_THEMES]
    assert len(DEFAULT_THEMES) == 6 and all(t.threshold is not None for t in DEFAULT_THEMES)
    with pytest.raises(ValidationError):
        ThemesParams(threshold=1.5)
    with pytest.raises(ValidationError):
        ThemeSpec(name="Bad Name", description="long enough description here", seed_terms=["x"])
    with pytest.raises(ValidationError):
        ThemeSpec(name="ok", description="long enough description here", seed_terms=[])
    with pytest.raises(ValidationError, match="repeat"):
        ThemesParams(themes=[DEFAULT_THEMES[0], DEFAULT_THEMES[0]])
    params = tmp_path / "params.yaml"
    params.write_text("lexicon: {concepts: {}}\nthemes: {term_weight: 2}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="themes.term_weight"):
        Config.load(params)


def test_pipeline_table_has_the_columns_and_offsets_slice_the_paragraph(repro_paths):
    themes = TABLES["themes"].read(repro_paths)
    assert list(themes.columns[: 11]) == COLUMNS[:11]
    assert len(themes) > 0 and themes["assigned"].any()
    docs = TABLES["documents"].read(repro_paths, columns=["doc_id", "text"]).set_index("doc_id")["text"]
    paragraphs = TABLES["paragraphs"].read(repro_paths).set_index(["doc_id", "para_id"])["text"]
    n_themes = themes["theme"].nunique()
    assert (themes.groupby(["doc_id", "para_id"]).size() == n_themes).all()  # one row per passage x theme
    for row in themes.itertuples():
        text = docs[row.doc_id]
        assert text[row.start : row.end] == paragraphs[(row.doc_id, row.para_id)]
        for ev in json.loads(row.evidence_sentences) + json.loads(row.evidence_terms):
            assert row.start <= ev["start"] < ev["end"] <= row.end
            assert text[ev["start"] : ev["end"]] == ev["text"]
    groups = TABLES["themes_by_group"].read(repro_paths)
    corpus = groups[groups["level"] == "corpus"].set_index("theme")
    assigned = themes[themes["assigned"]].groupby("theme").size()
    assert all(int(corpus.loc[t, "n_assigned"]) == int(assigned.get(t, 0)) for t in corpus.index)


def test_no_passages_give_empty_shares_and_a_no_data_figure():
    from pipelines.figures import is_no_data, theme_shares
    from pipelines.themes.stage import by_group

    groups = by_group(pd.DataFrame(columns=COLUMNS), ["definitions", "power_dynamics"])
    assert groups["n_passages"].tolist() == [0, 0] and groups["share"].tolist() == [0.0, 0.0]
    assert is_no_data(theme_shares(groups))


def test_shares_count_passages_once_per_group():
    from pipelines.themes.stage import by_group

    rows = pd.DataFrame({"doc_id": ["a", "a", "b", "b"], "para_id": [0, 0, 0, 0], "genre": ["blog"] * 4,
                         "year": ["2020", "2020", "2021", "2021"], "theme": ["x", "y", "x", "y"],
                         "assigned": [True, True, False, True]})
    groups = by_group(rows, ["x", "y"]).set_index(["level", "group", "theme"])
    assert groups.loc[("corpus", "all", "x"), "n_passages"] == 2 and groups.loc[("corpus", "all", "y"), "share"] == 1.0
    assert groups.loc[("year", "2021", "x"), "n_assigned"] == 0 and groups.loc[("genre", "blog", "x"), "share"] == 0.5
