"""Labels and the typed `train_narratives:` / `narratives:` sections of params.yaml."""

from __future__ import annotations

from pydantic import model_validator

from pipelines.config import Section

#: Detector labels (the positive class first) and stance labels; order fixes model columns and p_<label> fields.
DETECT_LABELS: list[str] = ["narrative", "not_narrative"]
STANCES: list[str] = ["co-opted", "transformative", "neutral"]
NO_STANCE = "n/a"

DETECT_MODEL = "narratives_detect"  # models/narratives_detect
STANCE_MODEL = "narratives_stance"  # models/narratives_stance
TRAIN_HINT = "`dvc repro train_narratives` (or `python -m pipelines.narratives.train`)"
#: The annotated examples saved beside each model (id, text, label, genre): nearest-example evidence.
EXAMPLES_FILE = "examples.parquet"


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
    carry_context: bool = True  # quotation paragraphs inherit the preceding paragraph's quote-introducing sentence
    context_max_quotes: int = 8  # at most this many quotation paragraphs in a row inherit one introduction
    long_paragraph_sentences: int = 4  # paragraphs with more sentences are scored by sentence windows
    window_min_sentences: int = 2  # smallest sentence window scored in a long paragraph (a lone sentence loses who speaks)
    window_max_sentences: int = 3  # largest sentence window scored in a long paragraph (best window wins)

    @model_validator(mode="after")
    def _check_windows(self) -> NarrativesParams:
        if not 1 <= self.window_min_sentences <= self.window_max_sentences:
            raise ValueError(
                "narratives: need 1 <= window_min_sentences <= window_max_sentences, got "
                f"{self.window_min_sentences} and {self.window_max_sentences}"
            )
        if self.long_paragraph_sentences < 1 or self.context_max_quotes < 1:
            raise ValueError("narratives: long_paragraph_sentences and context_max_quotes must be at least 1")
        return self
