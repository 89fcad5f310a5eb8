"""Level labels and the typed `train_levels:` / `levels:` sections of params.yaml."""

from __future__ import annotations

from typing import Literal

from pipelines.config import Section

#: Class order of the model and of the p_<label> columns.
LABELS: list[str] = ["descriptive", "intermediate", "transformative", "n/a"]
NA = "n/a"


def prob_column(label: str) -> str:
    """Column name of a label's probability ('n/a' -> 'p_na', a safe Parquet name)."""
    return "p_" + label.replace("/", "")


class TrainLevelsParams(Section):
    """How the level classifier is trained (stage `train_levels`)."""

    annotations: str = "corpora/annotations/levels/annotations.jsonl"
    test_size: float = 0.25  # stratified share held out from training
    cv_folds: int = 5
    C: float = 4.0  # inverse regularisation of the logistic regression
    tfidf_weight: float = 1.0  # scale of the word/bigram TF-IDF block next to the embeddings
    cue_weight: float = 1.0  # scale of the cue-lexicon counts


class LevelsParams(Section):
    """How in-sense mentions are labelled (stage `levels`)."""

    context: Literal["sentence", "paragraph"] = "sentence"  # the claim text given to the classifier
    n_neighbours: int = 3  # nearest annotated examples kept as evidence
    batch_size: int = 256
