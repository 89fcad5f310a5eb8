"""Labels and the typed `train_narratives:` / `narratives:` sections of params.yaml."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from pipelines.config import Section
from pipelines.finetuned import FineTuneParams
from pipelines.narratives.calibration import DetectionCalibration, StanceCalibration

#: Detector labels (the positive class first) and stance labels; order fixes model columns and p_<label> fields.
DETECT_LABELS: list[str] = ["narrative", "not_narrative"]
STANCES: list[str] = ["co-opted", "transformative", "neutral"]
NO_STANCE = "n/a"
#: Feature blocks a model may use: the frozen sentence embedding, the word-level cue/framing counts
#: (pipelines.narratives.cues) and the parse-based voice features (pipelines.narratives.voice).
#: `speaker` is the five who-speaks summaries of the voice features (for the stance model).
BLOCKS: tuple[str, ...] = ("embedding", "cues", "voice", "speaker")

DETECT_MODEL = "narratives_detect"  # models/narratives_detect
STANCE_MODEL = "narratives_stance"  # models/narratives_stance
TRAIN_HINT = "`dvc repro train_narratives` (or `python -m pipelines.narratives.train`)"
#: The annotated examples saved beside each model (id, text, label, genre): nearest-example evidence.
EXAMPLES_FILE = "examples.parquet"
SECOND_OPINION = "second_opinion"  # folder of a model's fine-tuned second opinion (models/narratives_detect, _stance)
#: Model-card key naming the spaCy pipeline whose parses the voice features were computed on.
SPACY_KEY = "spacy"


class TrainNarrativesParams(Section):
    """How the two narrative models are trained (stage `train_narratives`)."""

    annotations: str = "corpora/annotations/narratives/annotations.jsonl"
    test_size: float = Field(0.2, gt=0.0, lt=1.0)  # share of annotated passages held out (stratified)
    cv_folds: int = Field(5, ge=2)
    C_detect: float = Field(1.0, gt=0.0)  # inverse regularisation, narrative detector (its final logistic regression)
    C_stance: float = Field(1.0, gt=0.0)  # inverse regularisation, stance classifier
    C_embedding: float = Field(2.0, gt=0.0)  # inverse regularisation of the embedding-only first stage of a stacked model
    cue_weight: float = Field(2.0, ge=0.0)  # scale of the cue/framing block next to the unit-norm sentence embedding
    voice_weight: float = Field(2.0, ge=0.0)  # scale of the parse-based voice and speaker blocks
    detect_blocks: list[str] = ["embedding", "cues", "voice"]  # feature blocks of the detector (chosen on real prose)
    stance_blocks: list[str] = ["embedding", "cues", "speaker"]  # feature blocks of the stance model
    detect_model: Literal["linear", "stacked"] = "stacked"  # one logistic regression, or embedding stage + features
    stance_model: Literal["linear", "stacked"] = "linear"
    # MiniLM fine-tuned on every passage the detector trains on, the detector's second opinion on close calls
    # (pipelines.finetune); null: none
    detection_second_opinion: FineTuneParams | None = FineTuneParams(max_tokens=256)
    # MiniLM fine-tuned on the stance-labelled narratives, the stance's second opinion (pipelines.finetune); null: none
    stance_second_opinion: FineTuneParams | None = FineTuneParams(max_tokens=256)

    @field_validator("detect_blocks", "stance_blocks")
    @classmethod
    def _known_blocks(cls, v: list[str]) -> list[str]:
        unknown = [b for b in v if b not in BLOCKS]
        if unknown or not v:
            raise ValueError(f"feature blocks must be a non-empty list of {', '.join(BLOCKS)}; got {v}")
        return [b for b in BLOCKS if b in v]


#: The `narratives` keys of the stance maps: the one for every passage, and the one that reads who publishes it.
STANCE_MAPS = ("stance_calibration", "stance_calibration_with_publisher")


class NarrativesParams(Section):
    """How paragraphs are scanned (stage `narratives`, `colens classify`). There is no cue gate: every paragraph
    that is not a heading is scored by the detector."""

    threshold: float = Field(0.4, ge=0.0, le=1.0)  # probability from which a paragraph is a user narrative (after the detection calibration)
    n_neighbours: int = Field(3, ge=0)  # nearest annotated examples reported as evidence
    batch_size: int = Field(256, ge=1)  # paragraphs classified per batch
    heading_max_words: int = Field(14, ge=0)  # a line of at most this many words that is not a sentence is a heading (negative)
    carry_context: bool = True  # quotation paragraphs inherit the preceding paragraph's quote-introducing sentence
    context_max_quotes: int = Field(8, ge=0)  # at most this many quotation paragraphs in a row inherit one introduction
    long_paragraph_sentences: int = Field(4, ge=1)  # paragraphs with more sentences are scored by sentence windows
    window_min_sentences: int = 2  # smallest sentence window scored in a long paragraph (a lone sentence loses who speaks)
    window_max_sentences: int = 3  # largest sentence window scored in a long paragraph (best window wins)
    # which voices without a claim of lived experience veto a detected narrative: a media voice only (default;
    # a professional's career frame stays a detector feature: as a veto it dropped true stories on real prose),
    # both, or none
    voice_rule: Literal["media", "staff_and_media", "professional_and_media", "off"] = "staff_and_media"
    stance_weights: dict[str, float] = {}  # stance probability weights (missing: 1.0), applied after the calibration
    stance_calibration: StanceCalibration | None = None  # a map of the stance model's probabilities fitted on real prose
    # a map that also reads who publishes the passage (`publisher.<kind>` inputs): it decides in place of
    # `stance_calibration` wherever the publisher is known (`pipelines.narratives.publisher`); null: never
    stance_calibration_with_publisher: StanceCalibration | None = None
    # weight of the fine-tuned second opinion in the stance: (1 - w) x the stance model's own probabilities + w x its
    # (the calibration then stays evidence only); 0: the calibrated stance model alone
    stance_second_opinion_weight: float = Field(0.5, ge=0.0, le=1.0)
    detection_calibration: DetectionCalibration | None = None  # a map of the detector's score and voice cues fitted on real prose
    # weight of the detector's fine-tuned second opinion on close calls: a paragraph whose score lies in
    # [detection_second_opinion_floor, threshold / (1 - w)) — below the floor the detector's no stands; from the
    # upper edge no blend can change the decision — is decided by (1 - w) x score + w x its; 0: the detector alone
    detection_second_opinion_weight: float = Field(0.3, ge=0.0, lt=1.0)
    detection_second_opinion_floor: float = Field(0.2, ge=0.0, le=1.0)

    def stance_map_key(self, publisher: str = "unknown") -> str:
        """Which of `STANCE_MAPS` serves a passage published by `publisher` (a kind, or unknown): the map that reads
        the publisher where it is known and set, else `stance_calibration`."""
        with_publisher = publisher != "unknown" and self.stance_calibration_with_publisher is not None
        return STANCE_MAPS[1] if with_publisher else STANCE_MAPS[0]

    def stance_map(self, publisher: str = "unknown") -> StanceCalibration | None:
        """The stance map for a passage published by `publisher` (`stance_map_key`); None when it is not set."""
        return getattr(self, self.stance_map_key(publisher))

    @property
    def maps_reading_second_opinion(self) -> list[str]:
        """The keys of `STANCE_MAPS` whose map reads the fine-tuned second opinion (`second.*` inputs)."""
        return [key for key in STANCE_MAPS if (cal := getattr(self, key)) is not None and cal.reads_second_opinion]

    @property
    def stance_second_opinion_used(self) -> bool:
        """Whether the stance reads the fine-tuned second opinion: blended at a weight, or read by a stance map."""
        return self.stance_second_opinion_weight > 0 or bool(self.maps_reading_second_opinion)

    @model_validator(mode="after")
    def _check_windows(self) -> NarrativesParams:
        if not 1 <= self.window_min_sentences <= self.window_max_sentences:
            raise ValueError(
                "narratives: need 1 <= window_min_sentences <= window_max_sentences, got "
                f"{self.window_min_sentences} and {self.window_max_sentences}"
            )
        if any(k not in STANCES or w <= 0 for k, w in self.stance_weights.items()):
            raise ValueError(f"narratives: stance_weights must map {', '.join(STANCES)} to positive numbers")
        for name in STANCE_MAPS:
            cal = getattr(self, name)
            if cal is not None and sorted(cal.labels) != sorted(STANCES):
                raise ValueError(f"narratives.{name}: labels must be {', '.join(STANCES)}")
        if self.long_paragraph_sentences < 1 or self.context_max_quotes < 1:
            raise ValueError("narratives: long_paragraph_sentences and context_max_quotes must be at least 1")
        return self
