"""DVC stage `train_senses`: fit the sense classifier on the annotated sentences, score it on a held-out part
it never saw (plus cross-validation on the training part), and save it with its model card.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.io import write_json
from pipelines.modeling import ENCODER_KEY, ModelCard, fit_with_holdout, save_model
from pipelines.paths import Paths
from pipelines.senses.annotations import load_annotations, spans
from pipelines.senses.features import build_estimator, feature_frame
from pipelines.senses.settings import LABELS, MODEL_NAME, TrainSensesParams
from pipelines.stage_entry import run_stage
from pipelines.text.lexicon import lexicon_for

TASK = "Sense of each mention of co-production: " + ", ".join(LABELS)


def _misses(examples: pd.DataFrame, idx: np.ndarray, pred: np.ndarray) -> list[dict]:
    rows = examples.iloc[idx]
    return [
        {"id": r.id, "label": r.label, "predicted": str(p), "genre": str(r.genre)}
        for r, p in zip(rows.itertuples(index=False), pred)
        if r.label != p
    ]


def run(cfg: Config, paths: Paths) -> dict:
    """Train, evaluate, save models/senses; write and return metrics/senses.json."""
    params: TrainSensesParams = cfg.section("train_senses", TrainSensesParams)
    examples = load_annotations(paths.root / params.annotations, lexicon_for(cfg.lexicon))
    y = examples["label"].to_numpy()
    cache = EmbeddingCache(cfg.models.sentence_transformer, paths.cache, cfg.models.batch_size)
    X = feature_frame(spans(examples), cache, params.window_words)
    dim = (X.shape[1] - 1) // 2
    estimator = build_estimator(dim, params.C, params.tfidf_weight, cfg.seed)

    ev = fit_with_holdout(estimator, X, y, LABELS, params.test_size, params.cv_folds, cfg.seed)
    misses = _misses(examples, ev.test_idx, ev.predicted)

    counts = dict(Counter(y.tolist()))
    card = ModelCard(
        name=MODEL_NAME,
        task=TASK,
        labels=LABELS,
        training_data=f"{params.annotations} (written for colens; guide in GUIDE.md beside it)",
        n_train=len(ev.train_idx),
        n_heldout=len(ev.test_idx),
        label_counts={lab: counts.get(lab, 0) for lab in LABELS},
        features=(
            f"{cfg.models.sentence_transformer} embeddings of the sentence and of a +/-{params.window_words}-word "
            "window centred on the mention; TF-IDF (1-2 grams) of that window with the mention as one token"
        ),
        params={**params.model_dump(), ENCODER_KEY: cfg.models.sentence_transformer, "seed": cfg.seed},
        cv_scores=ev.cv,
        heldout_scores=ev.heldout,
        notes=[
            "The saved model is trained on the training part only, so the held-out scores describe it.",
            "Annotated sentences are realistic prose written for this project, not sampled from a corpus; "
            "expect lower scores on scraped text with navigation chrome.",
            *[f"held-out miss: {m['id']} ({m['genre']}) annotated {m['label']}, predicted {m['predicted']}"
              for m in misses],
        ],
    )
    save_model(ev.model, paths.model(MODEL_NAME), card)
    metrics = {
        "n_annotated": len(examples),
        "n_train": len(ev.train_idx),
        "n_heldout": len(ev.test_idx),
        "label_counts": card.label_counts,
        "cv": ev.cv,
        "heldout": ev.heldout,
        "heldout_macro_f1": ev.heldout["macro_f1"],
        "heldout_errors": misses,
    }
    write_json(metrics, paths.metric(MODEL_NAME))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
