"""The definition labels, the model's name, and the typed `train_definitions:` / `definitions:` sections of
params.yaml (typed, so a typo is an error)."""

from __future__ import annotations

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
    test_size: float = 0.25  # annotated sentences never seen in training (stratified)
    cv_folds: int = 5
    C: float = 1.0  # inverse regularisation of the logistic regression


class DefinitionsParams(Section):
    """How definitions are found and grouped (stage `definitions`, `colens classify`, `colens elasticity`)."""

    threshold: float = 0.5  # is_definition = score >= threshold
    windows: bool = True  # also read two-sentence windows ("What is X? It is ...")
    max_definiens_words: int = 80  # longer spans are recorded but flagged as run-on in the evidence
    families_max_k: int = 8
    families_min_silhouette: float = 0.08  # below this, one family is the better description
    families_merge_similarity: float = 0.6  # two definitions: same family when cosine >= this
    family_top_terms: int = 5
