"""Labels and the typed `train_narratives:` / `narratives:` sections of params.yaml."""

from __future__ import annotations

from pipelines.config import Section

#: Detector labels (the positive class first) and stance labels; order fixes model columns and p_<label> fields.
DETECT_LABELS: list[str] = ["narrative", "not_narrative"]
STANCES: list[str] = ["co-opted", "transformative", "neutral"]
NO_STANCE = "n/a"

DETECT_MODEL = "narratives_detect"
STANCE_MODEL = "narratives_stance"


class TrainNarrativesParams(Section):
    """How the two narrative models are trained (stage `train_narratives`)."""

    annotations: str = "corpora/annotations/narratives/annotations.jsonl"
    test_size: float = 0.25  # share of annotated passages held out (stratified)
    cv_folds: int = 5
    C_detect: float = 2.0  # inverse regularisation, narrative detector
    C_stance: float = 2.0  # inverse regularisation, stance classifier
    cue_weight: float = 0.5  # scale of the cue/framing block next to the unit-norm sentence embedding


class NarrativesParams(Section):
    """How paragraphs are scanned (stage `narratives`, `colens classify`)."""

    threshold: float = 0.5  # detector probability above which a candidate is a user narrative
    n_neighbours: int = 3  # nearest annotated examples reported as evidence
    batch_size: int = 256  # paragraphs classified per batch
    scan_all: bool = False  # true: send every paragraph to the classifier, not only cue-pass candidates
