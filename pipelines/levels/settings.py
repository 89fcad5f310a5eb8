"""Level labels, the model's name, and the typed `train_levels:` / `levels:` sections of params.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from pipelines.config import Section
from pipelines.priors import check_prior_weights

#: Order of the p_<label> columns and of the `scores` field.
LABELS: list[str] = ["descriptive", "intermediate", "transformative", "n/a"]
NA = "n/a"
#: The graded levels the model chooses between; `n/a` is decided before it (no participatory claim).
LEVELS: list[str] = LABELS[:3]
MODEL_NAME = "levels"  # models/levels and metrics/levels.json
TRAIN_HINT = "`dvc repro train_levels` (or `python -m pipelines.levels.train`)"


def prob_column(label: str) -> str:
    """Column name of a label's probability ('n/a' -> 'p_na', a safe Parquet name)."""
    return "p_" + label.replace("/", "")


class TrainLevelsParams(Section):
    """How the level classifier is trained (stage `train_levels`)."""

    annotations: str = "corpora/annotations/levels/annotations.jsonl"
    test_size: float = Field(0.25, gt=0.0, lt=1.0)  # stratified share held out from training
    cv_folds: int = Field(5, ge=2)
    C: float = Field(16.0, gt=0.0)  # inverse regularisation of the logistic regression
    cue_weight: float = Field(0.5, ge=0.0)  # scale of the cue-lexicon counts next to the unit-norm sentence embedding
    refit_on_all: bool = True  # after scoring, serve a model refitted on every agreed passage (scores stay those above)


class LevelsParams(Section):
    """How in-sense mentions are labelled (stage `levels`)."""

    context: Literal["sentence", "paragraph"] = "paragraph"  # the passage graded for each in-sense mention
    claim_weight: float = Field(0.25, ge=0.0, le=1.0)  # weight of the claims' mean next to the whole passage
    claim_threshold: float = Field(0.6, ge=0.5, le=1.0)  # a claim this sure of a higher level decides the passage
    temperature: float = Field(1.0, gt=0.0)  # divides the logits: >1 softens over-confident probabilities
    # Prior correction: the model is trained with balanced levels, real prose is mostly intermediate; a level's
    # probability (passage and claims alike) is multiplied by its weight (default 1), rows renormalised, before
    # the blend, the claim rule and the temperature.
    prior_weights: dict[str, float] = Field(default_factory=dict)
    min_words: int = Field(4, ge=0)  # fewer words: too little to judge (n/a)
    n_neighbours: int = Field(3, ge=0)  # nearest annotated examples kept as evidence
    batch_size: int = Field(256, ge=1)

    @field_validator("prior_weights")
    @classmethod
    def _known_levels(cls, v: dict[str, float]) -> dict[str, float]:
        return check_prior_weights(v, LEVELS, "level")
