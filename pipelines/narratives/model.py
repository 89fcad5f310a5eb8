"""The trained narrative detector and stance classifier on the shared template (`modeling.TrainedClassifier`):
`labels`, `predict_proba(texts)`, and the annotated examples nearest to a passage (evidence a researcher can check).

A model rebuilds exactly the features it was trained on: its card names the sentence encoder, the spaCy pipeline,
the feature blocks and their weights (pipelines.narratives.features).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.finetuned import FineTunedClassifier
from pipelines.io import read_table
from pipelines.modeling import ENCODER_KEY, ModelMissing, TrainedClassifier, open_model
from pipelines.narratives.features import featurize, parse
from pipelines.narratives.settings import (
    BLOCKS,
    DETECT_LABELS,
    DETECT_MODEL,
    EXAMPLES_FILE,
    SECOND_OPINION,
    SPACY_KEY,
    STANCE_MODEL,
    STANCES,
    TRAIN_HINT,
    NarrativesParams,
)
from pipelines.paths import Paths
from pipelines.second_opinion import require_finetuned


class NarrativeClassifier(TrainedClassifier):
    """A fitted model on [embedding | cues | voice] blocks, with its annotated examples for `nearest`."""

    def __init__(self, estimator, preferred: list[str], cache: EmbeddingCache, blocks: Sequence[str],
                 cue_weight: float, voice_weight: float, spacy_model: str, examples):
        super().__init__(estimator, preferred, encoder=cache, examples=examples)
        self.blocks = [b for b in BLOCKS if b in blocks]
        self.cue_weight = cue_weight
        self.voice_weight = voice_weight
        self.spacy_model = spacy_model
        #: The model's fine-tuned second opinion when its weight in params.yaml is above 0, else None.
        self.second_opinion: FineTunedClassifier | None = None

    @property
    def needs_parse(self) -> bool:
        return "voice" in self.blocks or "speaker" in self.blocks

    def parse(self, texts: Sequence[str]) -> list:
        return parse(texts, self.spacy_model)

    def featurize(self, texts: list[str], cue_texts: list[str] | None = None,
                  docs: list | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(features, embeddings); cue and voice features from `cue_texts` (parsed as `docs`) when given."""
        if docs is None and self.needs_parse:
            docs = self.parse(cue_texts if cue_texts is not None else texts)
        return featurize(list(texts), self.encoder, self.blocks, self.cue_weight, self.voice_weight, docs, cue_texts)

    def features(self, texts: list[str]) -> np.ndarray:
        return self.featurize(texts)[0]


def _load(paths: Paths, cfg: Config, name: str, preferred: list[str]) -> NarrativeClassifier:
    directory = paths.models / name
    estimator, card = open_model(directory, TRAIN_HINT)
    if not (directory / EXAMPLES_FILE).exists():
        raise ModelMissing(f"{directory}: no {EXAMPLES_FILE} beside the model; run {TRAIN_HINT} first")
    examples = read_table(directory / EXAMPLES_FILE)
    params = card["params"]
    if "blocks" not in params:
        raise ModelMissing(f"{directory}: the model predates the voice features (no 'blocks' in its card); "
                           f"run {TRAIN_HINT} again")
    cache = EmbeddingCache.for_project(cfg, paths, params[ENCODER_KEY], task="narratives")
    return NarrativeClassifier(estimator, preferred, cache, params["blocks"], float(params["cue_weight"]),
                               float(params["voice_weight"]), params.get(SPACY_KEY, cfg.models.spacy), examples)


def _with_second_opinion(clf: NarrativeClassifier, paths: Paths, name: str, weight: float,
                         key: str, also: str = "") -> NarrativeClassifier:
    """`clf` with its fine-tuned second opinion (trained by `train_narratives.<key>`) when its weight is above 0
    (`also`: what else must change for the stage to run without it, added to the error)."""
    if weight > 0:
        try:
            clf.second_opinion = require_finetuned(paths.models / name / SECOND_OPINION, clf.labels,
                                                   f"train_narratives.{key}", f"narratives.{key}_weight", TRAIN_HINT)
        except ModelMissing as exc:
            raise ModelMissing(f"{exc}{also}") from None
    return clf


def load_classifier(paths: Paths, cfg: Config) -> NarrativeClassifier:
    """The narrative detector (labels: narrative, not_narrative) from models/narratives_detect, with its
    fine-tuned second opinion when `narratives.detection_second_opinion_weight` > 0."""
    weight = cfg.section("narratives", NarrativesParams).detection_second_opinion_weight
    return _with_second_opinion(_load(paths, cfg, DETECT_MODEL, DETECT_LABELS), paths, DETECT_MODEL, weight,
                                "detection_second_opinion")


def load_stance_classifier(paths: Paths, cfg: Config) -> NarrativeClassifier:
    """The stance classifier (labels: co-opted, transformative, neutral) from models/narratives_stance, with its
    fine-tuned second opinion when the stance reads it (`narratives.stance_second_opinion_weight` > 0, or a
    stance map with `second.*` inputs)."""
    params = cfg.section("narratives", NarrativesParams)
    readers = params.maps_reading_second_opinion
    also = (f"; {' and '.join(f'narratives.{name}' for name in readers)} read{'s' if len(readers) == 1 else ''} it too "
            "(second.* inputs): refit with scripts/fit_stance_calibration.py --inputs model, or set to null") if readers else ""
    return _with_second_opinion(_load(paths, cfg, STANCE_MODEL, STANCES), paths, STANCE_MODEL,
                                float(params.stance_second_opinion_used), "stance_second_opinion", also)
