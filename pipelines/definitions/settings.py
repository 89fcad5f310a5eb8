"""The `definitions:` section of params.yaml (typed, so a typo is an error)."""

from __future__ import annotations

from pipelines.config import Section


class DefinitionsParams(Section):
    annotations: str = "corpora/annotations/definitions/annotations.jsonl"
    threshold: float = 0.5           # is_definition = score >= threshold
    heldout_fraction: float = 0.25   # annotated sentences never seen in training
    cv_folds: int = 5
    C: float = 1.0                   # inverse regularisation of the logistic regression
    windows: bool = True             # also read two-sentence windows ("What is X? It is ...")
    max_definiens_words: int = 80    # longer spans are recorded but flagged as run-on in the evidence
    families_max_k: int = 8
    families_min_silhouette: float = 0.08  # below this, one family is the better description
    families_merge_similarity: float = 0.6 # two definitions: same family when cosine >= this
    family_top_terms: int = 5
