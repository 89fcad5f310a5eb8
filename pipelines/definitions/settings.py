"""The definition labels, the model's name, and the typed `train_definitions:` / `definitions:` sections of
params.yaml (typed, so a typo is an error)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipelines.config import Section

#: Candidate labels, the positive class first (its order fixes the model's probability columns).
POSITIVE, NEGATIVE = "definition", "not_definition"
LABELS: list[str] = [POSITIVE, NEGATIVE]
MODEL_NAME = "definitions"  # models/definitions and metrics/definitions.json
TRAIN_HINT = "`dvc repro train_definitions` (or `python -m pipelines.definitions.train`)"


class TrainDefinitionsParams(Section):
    """How the candidate classifier is trained (stage `train_definitions`); it is scored with the `definitions:`
    threshold and windows, so the held-out scores are those of the detector as applied."""

    annotations: str = "corpora/annotations/definitions/annotations.jsonl"
    test_size: float = Field(0.25, gt=0.0, lt=1.0)  # annotated sentences never seen in training (stratified)
    cv_folds: int = Field(5, ge=2)
    C: float = Field(1.0, gt=0.0)  # inverse regularisation of the logistic regression
    refit_on_all: bool = True  # after scoring, serve a candidate model refitted on every annotated sentence
    # sentences only the target-mode candidate model reads (co-production's real-prose forms and their hard
    # negatives); generic mode's sentence model keeps to `annotations` and `generic_annotations`
    target_annotations: list[str] = ["corpora/annotations/definitions/target_forms.jsonl"]
    # generic mode's sentence model (sentence_model.py): trained on both annotation files
    generic_annotations: list[str] = ["corpora/annotations/definitions/generic.jsonl",
                                      "corpora/annotations/definitions/defwrite.jsonl"]
    generic_C: float = Field(1.0, gt=0.0)
    generic_embed_weight: float = Field(1.0, ge=0.0)  # weight of the MiniLM embedding beside the cue features
    generic_length_bins: bool = False  # the sentence's word-count bin as a feature (it learned the written set's lengths)


class DefinitionsParams(Section):
    """How definitions are found and grouped (stage `definitions`, `colens classify`, `colens elasticity`)."""

    threshold: float = Field(0.5, ge=0.0, le=1.0)  # is_definition = score >= threshold
    # a mention no pattern reads (the fallback candidate) needs this score instead: on real prose such readings
    # were almost never definitions; None: the same threshold as every candidate
    fallback_threshold: float | None = Field(None, ge=0.0, le=1.0)
    # a two-sentence window reading (an anaphor or a naming sentence linking the two) needs this score; None: the
    # same threshold as every candidate (a window's fallback reading keeps `fallback_threshold`)
    window_threshold: float | None = Field(None, ge=0.0, le=1.0)
    windows: bool = True  # also read two-sentence windows ("What is X? It is ...")
    # generic mode: "linked" reads a window only when its sentences are linked (a question or lead-in, or an anaphor
    # opening the second); "all" reads every adjacent pair
    generic_windows: Literal["linked", "all"] = "linked"
    generic_threshold: float = Field(0.65, ge=0.0, le=1.0)  # generic mode (`--term ANY`): is_definition = unit score >= this
    # generic mode: a unit that no cue reads (no pattern reading, its term named only as the sentence's subject or not
    # at all, no defining form in its text) needs this score; None: `generic_threshold` (never below it)
    generic_fallback_threshold: float | None = Field(None, ge=0.0, le=1.0)
    # the corpus glossary (definitions of other terms in the `definitions` stage) keeps a generic definition scoring at
    # least this, except in the genres below, which keep `generic_threshold` (textbook sentences need the lower bar,
    # co-production pages the higher one: GP1 / TB1, 2026-12-05); never below `generic_threshold`
    glossary_threshold: float = Field(0.65, ge=0.0, le=1.0)
    glossary_textbook_genres: list[str] = []
    max_definiens_words: int = Field(80, ge=1)  # longer spans are recorded but flagged as run-on in the evidence
    families_max_k: int = Field(8, ge=2)
    families_min_silhouette: float = Field(0.08, ge=-1.0, le=1.0)  # below this, one family is the better description
    families_merge_similarity: float = Field(0.6, ge=0.0, le=1.0)  # two definitions: same family when cosine >= this
    family_top_terms: int = Field(5, ge=1)
    family_singleton_min_score: float = Field(0.8, ge=0.0, le=1.0)  # a one-definition family scored below this is flagged
