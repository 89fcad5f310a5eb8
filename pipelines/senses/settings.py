"""The sense labels, the model's name, and the typed `senses:` / `train_senses:` sections of params.yaml."""

from __future__ import annotations

from pydantic import Field, field_validator

from pipelines.config import Section
from pipelines.finetuned import FineTuneParams
from pipelines.priors import check_prior_weights

#: The sense under study first; order fixes the p_<label> columns and the model's class order.
LABELS: list[str] = ["participatory", "knowledge", "film_media", "life_sciences", "economics", "other"]
IN_SENSE = "participatory"
#: Senses in which a definition defines the target concept (the codebook: participatory or knowledge).
DEFINITION_SENSES: tuple[str, ...] = ("participatory", "knowledge")
ALL = "all"
NONE = "none"  # the passage label of the `sense` field when a passage has no target mention
MODEL_NAME = "senses"  # models/senses and metrics/senses.json
TRAIN_HINT = "`dvc repro train_senses` (or `python -m pipelines.senses.train`)"


class SenseFineTuneParams(FineTuneParams):
    """The second opinion on close calls (`second_opinion.py`; 3 epochs chosen on real prose)."""

    max_chars: int = Field(600, ge=50)  # characters of passage read around the mention


class TrainSensesParams(Section):
    """How the sense classifier is trained (stage `train_senses`)."""

    annotations: str = "corpora/annotations/senses/annotations.jsonl"
    test_size: float = Field(0.25, gt=0.0, lt=1.0)  # stratified share held out from training
    cv_folds: int = Field(5, ge=2)
    window_words: int = Field(12, ge=1)  # words either side of the mention fed to the TF-IDF features
    C: float = Field(4.0, gt=0.0)  # inverse regularisation of the logistic regression
    tfidf_weight: float = Field(1.0, ge=0.0)  # scale of the TF-IDF block relative to the embedding blocks
    context_weight: float = Field(0.5, ge=0.0)  # scale of the passage TF-IDF block
    cue_weight: float = Field(1.0, ge=0.0)  # scale of the lexical cue block (cues.py)
    balanced: bool = True  # class-balanced weights (True) or the annotated proportions (False)
    second_opinion: SenseFineTuneParams | None = SenseFineTuneParams()  # null: no fine-tuned second opinion is trained


class SensesParams(Section):
    """How mentions are labelled (stage `senses`) and whether later analyses drop off-sense mentions."""

    exclude_off_sense: bool = True
    discourse_weight: float = Field(0.5, ge=0.0, le=1.0)  # weight of the document's mean sense per mention
    confident: float = Field(0.75, ge=0.0, le=1.0)  # a mention this sure of its sense is never smoothed
    batch_size: int = Field(256, ge=1)
    # Prior correction: the model is trained with balanced classes, real corpora are mostly participatory; a
    # sense's probability is multiplied by its weight (default 1) and rows renormalised before any rule.
    prior_weights: dict[str, float] = Field(default_factory=dict)
    # Weight of the fine-tuned model in a blend with the linear one, taken where it can change the label
    # (`second_opinion.py`); 0: the linear model alone.
    second_opinion_weight: float = Field(0.3, ge=0.0, le=1.0)

    @field_validator("prior_weights")
    @classmethod
    def _known_senses(cls, v: dict[str, float]) -> dict[str, float]:
        return check_prior_weights(v, LABELS, "sense")


def sense_filter(exclude_off_sense: bool) -> str:
    """The `senses` argument of `select.in_sense_mentions` implied by `senses.exclude_off_sense`."""
    return IN_SENSE if exclude_off_sense else ALL
