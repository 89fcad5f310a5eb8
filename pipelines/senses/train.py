"""DVC stage `train_senses`: fit the sense classifier on the annotated sentences, score it on a held-out part
it never saw (plus cross-validation on the training part), and save it with its model card.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import numpy as np

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.io import write_json
from pipelines.modeling import ModelCard, fit_with_holdout, save_model
from pipelines.paths import Paths
from pipelines.senses.annotations import Example, load_annotations
from pipelines.senses.features import build_estimator, feature_frame
from pipelines.senses.model import MODEL_NAME
from pipelines.senses.settings import LABELS, TrainSensesParams
from pipelines.text.lexicon import lexicon_for
from pipelines.stage_entry import stage_context

log = logging.getLogger(__name__)
TASK = "Sense of each mention of co-production: " + ", ".join(LABELS)


def _resolve(paths: Paths, p: str) -> Path:
    q = Path(p)
    return q if q.is_absolute() else paths.root / q


def _misses(examples: list[Example], idx: np.ndarray, pred: np.ndarray) -> list[dict]:
    return [
        {"id": examples[i].id, "label": examples[i].label, "predicted": str(p), "genre": examples[i].genre}
        for i, p in zip(idx, pred)
        if examples[i].label != p
    ]


def train(cfg: Config, paths: Paths) -> dict:
    """Train, evaluate, save; returns the metrics written to metrics/senses.json."""
    params: TrainSensesParams = cfg.section("train_senses", TrainSensesParams)
    examples = load_annotations(_resolve(paths, params.annotations), lexicon_for(cfg.lexicon))
    y = np.array([e.label for e in examples])
    cache = EmbeddingCache(cfg.models.sentence_transformer, paths.cache, cfg.models.batch_size)
    X = feature_frame([e.span for e in examples], cache, params.window_words)
    dim = (X.shape[1] - 1) // 2
    estimator = build_estimator(dim, params.C, params.tfidf_weight, cfg.seed)

    ev = fit_with_holdout(estimator, X, y, LABELS, params.test_size, params.cv_folds, cfg.seed)
    model, cv, heldout, train_idx, test_idx, pred = ev.model, ev.cv, ev.heldout, ev.train_idx, ev.test_idx, ev.predicted
    misses = _misses(examples, test_idx, pred)

    counts = dict(Counter(y.tolist()))
    card = ModelCard(
        name=MODEL_NAME,
        task=TASK,
        labels=LABELS,
        training_data=f"{params.annotations} (written for colens; guide in GUIDE.md beside it)",
        n_train=len(train_idx),
        n_heldout=len(test_idx),
        label_counts={lab: counts.get(lab, 0) for lab in LABELS},
        features=(
            f"{cfg.models.sentence_transformer} embeddings of the sentence and of a +/-{params.window_words}-word "
            "window centred on the mention; TF-IDF (1-2 grams) of that window with the mention as one token"
        ),
        params={**params.model_dump(), "encoder": cfg.models.sentence_transformer, "seed": cfg.seed},
        cv_scores=cv,
        heldout_scores=heldout,
        notes=[
            "The saved model is trained on the training part only, so the held-out scores describe it.",
            "Annotated sentences are realistic prose written for this project, not sampled from a corpus; "
            "expect lower scores on scraped text with navigation chrome.",
            *[f"held-out miss: {m['id']} ({m['genre']}) annotated {m['label']}, predicted {m['predicted']}"
              for m in misses],
        ],
    )
    save_model(model, paths.model(MODEL_NAME), card)
    metrics = {
        "n_annotated": len(examples),
        "n_train": len(train_idx),
        "n_heldout": len(test_idx),
        "label_counts": card.label_counts,
        "cv": cv,
        "heldout": heldout,
        "heldout_macro_f1": heldout["macro_f1"],
        "heldout_errors": misses,
    }
    write_json(metrics, paths.metric(MODEL_NAME))
    return metrics


def main() -> None:
    cfg, paths = stage_context()
    metrics = train(cfg, paths)
    log.info(
        "senses: %d annotated; cv macro-F1 %.3f; held-out macro-F1 %.3f (n=%d)",
        metrics["n_annotated"], metrics["cv"]["macro_f1"], metrics["heldout_macro_f1"], metrics["n_heldout"],
    )


if __name__ == "__main__":
    main()
