"""The trained level classifier: graded-level probabilities for texts (`labels`, `predict_proba`, `nearest`),
and `grade`, which applies the codebook to a passage — its claims (sentences with the term) are classified with
the whole passage, the passage takes the level of the blend, and the evidence names the deciding claim.
Used by the `levels` stage, `colens classify` and `colens annotate`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.levels.annotations import load_annotations
from pipelines.levels.features import claims, feature_frame, find_cues
from pipelines.levels.settings import LABELS, LEVELS, MODEL_NAME, NA, TRAIN_HINT, LevelsParams
from pipelines.modeling import ENCODER_KEY, TrainedClassifier, open_model
from pipelines.paths import Paths
from pipelines.priors import reweight
from pipelines.text.lexicon import Lexicon, lexicon_for


@dataclass
class Grade:
    """A passage's level, its scores over every label (`n/a` included) and the evidence for it."""

    label: str
    scores: dict[str, float]
    evidence: dict


class LevelClassifier(TrainedClassifier):
    """Needham & Carr level probabilities (descriptive / intermediate / transformative) with evidence."""

    def __init__(self, estimator, encoder: EmbeddingCache, lexicon: Lexicon, examples: pd.DataFrame | None = None):
        super().__init__(estimator, LEVELS, encoder=encoder, examples=examples)
        if sorted(self.labels) != sorted(LEVELS):
            raise ValueError(f"level model has classes {self.labels}, expected {LEVELS}: retrain with train_levels")
        self.lexicon = lexicon

    def features(self, texts: list[str]) -> pd.DataFrame:
        return feature_frame(texts, self.encoder)

    def grade(self, texts: list[str], params: LevelsParams) -> list[Grade]:
        """The codebook's passage level for each text that holds a participatory claim (the caller decides that):
        `(1 - claim_weight) * P(passage) + claim_weight * mean P(claim)`, unless a claim holds a higher level with
        probability >= `claim_threshold` (the highest level the passage advocates wins: that claim's probabilities
        are the passage's); tempered by `temperature`. Passage and claim probabilities are read after
        `prior_weights`. A text shorter than `min_words` is too little to judge."""
        parts = [claims(t, lambda s: bool(self.lexicon.find_target(s))) for t in texts]
        flat = [c.text for cs in parts for c in cs]
        passage_p = reweight(self.predict_proba(list(texts)), params.prior_weights, self.labels)
        claim_p = reweight(self.predict_proba(flat), params.prior_weights, self.labels)
        near = self.nearest(list(texts), params.n_neighbours)
        out, k = [], 0
        for text, cs, pp, nn in zip(texts, parts, passage_p, near):
            cp = claim_p[k : k + len(cs)]
            k += len(cs)
            if len(text.split()) < params.min_words:
                out.append(Grade(NA, {lab: float(lab == NA) for lab in LABELS},
                                 {"reason": f"fewer than {params.min_words} words: too little to judge"}))
                continue
            blend = (1.0 - params.claim_weight) * pp + params.claim_weight * cp.mean(axis=0)
            best = int(blend.argmax())
            deciding = int(cp[:, best].argmax())
            escalated = _higher_claim(cp, best, params.claim_threshold)
            if escalated is not None:  # the codebook: the highest level a claim of the passage advocates
                deciding, best = escalated
                blend = cp[deciding]
            blend = _temper(blend, params.temperature)
            scores = {lab: float(blend[LEVELS.index(lab)]) if lab in LEVELS else 0.0 for lab in LABELS}
            out.append(Grade(self.labels[best], scores, {
                "claims": [{"text": c.text, "start": c.start, "end": c.end, "label": self.labels[int(p.argmax())],
                            "scores": {lab: round(float(v), 4) for lab, v in zip(self.labels, p)}}
                           for c, p in zip(cs, cp)],
                "deciding_claim": deciding,
                "decided_by": "claim" if escalated is not None else "passage",
                "cues": [c.as_dict() for c in find_cues(text)],
                "nearest": nn,
            }))
        return out


def _higher_claim(claim_p: np.ndarray, level: int, threshold: float) -> tuple[int, int] | None:
    """(claim, level) of the highest graded level above `level` that some claim holds with probability at least
    `threshold`, or None. LEVELS are ordered descriptive < intermediate < transformative."""
    for higher in range(claim_p.shape[1] - 1, level, -1):
        if claim_p[:, higher].max() >= threshold:
            return int(claim_p[:, higher].argmax()), higher
    return None


def _temper(p: np.ndarray, temperature: float) -> np.ndarray:
    """Probabilities with their log-odds divided by `temperature` (1: unchanged)."""
    if temperature == 1.0:
        return p
    logits = np.log(np.clip(p, 1e-12, 1.0)) / temperature
    e = np.exp(logits - logits.max())
    return e / e.sum()


def load_classifier(paths: Paths, cfg: Config) -> LevelClassifier:
    """The model saved by `train_levels` (models/levels), with the encoder and annotations named in its card."""
    estimator, card = open_model(paths.models / MODEL_NAME, TRAIN_HINT)
    params = card["params"]
    encoder = EmbeddingCache.for_project(cfg, paths, params[ENCODER_KEY], task="levels")
    ann_path = paths.root / params["annotations"]  # an absolute path stays as it is
    examples = load_annotations(ann_path) if ann_path.exists() else None
    return LevelClassifier(estimator, encoder, lexicon_for(cfg.lexicon), examples)
