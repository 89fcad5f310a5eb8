"""Stage `train_narratives`: the narrative detector and the stance classifier, trained on the annotated passages
with the shared protocol (held-out split, CV, skops + model card, annotated examples beside each model);
held-out scores to metrics/narratives.json.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.io import write_json, write_table
from pipelines.modeling import ENCODER_KEY, ModelCard, fit_with_holdout, save_model
from pipelines.narratives.annotations import load_annotations
from pipelines.narratives.cues import FEATURE_NAMES
from pipelines.narratives.features import featurize
from pipelines.narratives.settings import (
    DETECT_LABELS, DETECT_MODEL, EXAMPLES_FILE, STANCE_MODEL, STANCES, TrainNarrativesParams,
)
from pipelines.paths import Paths
from pipelines.stage_entry import run_stage

log = logging.getLogger(__name__)
METRIC = "narratives"


def _estimator(C: float, seed: int) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)


def _fit_one(
    name: str, task: str, X: np.ndarray, y: np.ndarray, labels: list[str], C: float, cfg: Config,
    params: TrainNarrativesParams, paths: Paths, examples: pd.DataFrame,
) -> dict[str, Any]:
    """Split, cross-validate, fit on the training part, score the held-out part, save model + card + examples."""
    ev = fit_with_holdout(_estimator(C, cfg.seed), X, y, labels, params.test_size, params.cv_folds, cfg.seed)
    est, cv, held, train, test = ev.model, ev.cv, ev.heldout, ev.train_idx, ev.test_idx
    counts = {lab: int((y == lab).sum()) for lab in labels}
    card = ModelCard(
        name=name,
        task=task,
        labels=labels,
        training_data=f"{params.annotations} (written for colens; see GUIDE.md beside it)",
        n_train=len(train),
        n_heldout=len(test),
        label_counts=counts,
        features=f"{cfg.models.sentence_transformer} sentence embedding (unit norm) + "
        f"{len(FEATURE_NAMES)} cue/framing counts x {params.cue_weight}: {', '.join(FEATURE_NAMES)}",
        params={"C": C, "class_weight": "balanced", "cue_weight": params.cue_weight,
                ENCODER_KEY: cfg.models.sentence_transformer, "seed": cfg.seed, "test_size": params.test_size},
        cv_scores=cv,
        heldout_scores=held,
        notes=[
            "Trained on the training part only: the held-out scores are those of this very model.",
            "Annotations are written for colens in realistic prose; scores on a real corpus may be lower.",
        ],
    )
    directory = paths.model(name)
    save_model(est, directory, card)
    write_table(examples, directory / EXAMPLES_FILE)
    log.info("%s: held-out macro-F1 %.3f (n=%d)", name, held["macro_f1"], held["n"])
    return {"cv": cv, "heldout": held, "n_train": len(train), "n_heldout": len(test), "label_counts": counts}


def _example_table(df: pd.DataFrame) -> pd.DataFrame:
    """What nearest-example evidence shows: id, text and the label (stance, or not_narrative)."""
    label = np.where(df["is_narrative"], "narrative/" + df["stance"].fillna("unlabelled").astype(str), "not_narrative")
    return pd.DataFrame({"id": df["id"].astype(str), "text": df["text"], "label": label, "genre": df["genre"]})


def run(cfg: Config, paths: Paths) -> dict[str, Any]:
    """Train and store both models; writes and returns the metrics."""
    params = cfg.section("train_narratives", TrainNarrativesParams)
    source = paths.root / params.annotations
    df = load_annotations(source)
    cache = EmbeddingCache(cfg.models.sentence_transformer, paths.cache, cfg.models.batch_size)
    X, _ = featurize(df["text"].tolist(), cache, params.cue_weight)
    examples = _example_table(df)

    detect = _fit_one(
        DETECT_MODEL, "Does the passage present the experience or voice of a person who uses services?",
        X, df["detect_label"].to_numpy(), DETECT_LABELS, params.C_detect, cfg, params, paths, examples,
    )
    labelled = (df["is_narrative"] & df["stance"].isin(STANCES)).to_numpy()
    stance = _fit_one(
        STANCE_MODEL, "Stance of a user narrative: co-opted by the institution, transformative, or neutral (GUIDE §1)",
        X[labelled], df.loc[labelled, "stance"].to_numpy(), STANCES, params.C_stance, cfg, params, paths,
        examples[labelled].reset_index(drop=True),
    )
    metrics = {
        "n_annotations": int(len(df)),
        "n_narratives": int(df["is_narrative"].sum()),
        "detect_f1_narrative": detect["heldout"]["per_class"]["narrative"]["f1"],
        "detect_macro_f1": detect["heldout"]["macro_f1"],
        "stance_macro_f1": stance["heldout"]["macro_f1"],
        "detect": detect,
        "stance": stance,
        "genres": df["genre"].value_counts().to_dict(),
    }
    write_json(metrics, paths.metric(METRIC))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
