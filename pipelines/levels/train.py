"""DVC stage `train_levels`: fit the Needham & Carr level classifier on the annotated passages.

Follows pipelines.modeling: stratified held-out split, CV on the training part, held-out scores in
metrics/levels.json and the model card; the model (skops) goes to models/levels.
"""

from __future__ import annotations

import logging
from collections import Counter


from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.io import write_json
from pipelines.levels.annotations import load_annotations
from pipelines.levels.features import build_estimator, feature_frame
from pipelines.levels.settings import LABELS, TrainLevelsParams
from pipelines.modeling import ModelCard, fit_with_holdout, save_model, score_predictions
from pipelines.paths import Paths
from pipelines.stage_entry import stage_context

log = logging.getLogger(__name__)
MODEL_NAME = "levels"


def train(cfg: Config, paths: Paths) -> dict:
    """Train, evaluate and save the level model; returns the metrics written to metrics/levels.json."""
    params: TrainLevelsParams = cfg.section("train_levels", TrainLevelsParams)
    ann_path = paths.root / params.annotations
    ann = load_annotations(ann_path)
    embedder = EmbeddingCache(cfg.models.sentence_transformer, paths.cache, cfg.models.batch_size)
    X = feature_frame(ann["text"].tolist(), embedder)
    y = ann["label"].to_numpy()
    n_dims = sum(c.startswith("e") and c[1:].isdigit() for c in X.columns)
    estimator = build_estimator(n_dims, params.C, params.tfidf_weight, params.cue_weight, cfg.seed)

    ev = fit_with_holdout(estimator, X, y, LABELS, params.test_size, params.cv_folds, cfg.seed)
    model, cv, heldout, train_idx, test_idx = ev.model, ev.cv, ev.heldout, ev.train_idx, ev.test_idx
    held_genres = {
        g: score_predictions(y[test_idx][m], model.predict(X.iloc[test_idx][m]), LABELS)["macro_f1"]
        for g in sorted(set(ann["genre"].iloc[test_idx]))
        for m in [(ann["genre"].iloc[test_idx] == g).to_numpy()]
    }
    log.info("levels: held-out macro-F1 %.3f (n=%d), CV %.3f", heldout["macro_f1"], len(test_idx), cv["macro_f1"])

    card = ModelCard(
        name=MODEL_NAME,
        task="Needham & Carr level of a co-production claim (what the text describes, not what it claims)",
        labels=LABELS,
        training_data=f"{params.annotations} (written for colens; see GUIDE.md beside it)",
        n_train=len(train_idx),
        n_heldout=len(test_idx),
        label_counts=dict(sorted(Counter(y).items())),
        features=f"{cfg.models.sentence_transformer} sentence embeddings, cue-lexicon counts per level "
        "(pipelines/levels/cues.py), word uni/bigram TF-IDF; class-balanced logistic regression",
        params={**params.model_dump(), "sentence_transformer": cfg.models.sentence_transformer, "seed": cfg.seed},
        cv_scores=cv,
        heldout_scores=heldout,
        notes=[
            "The held-out part was never used for fitting or model selection.",
            "Annotations are short constructed passages; expect lower scores on long, noisy sentences.",
            "Statements that define a level (e.g. 'transformative co-production requires a relocation of power') "
            "are labelled with that level; evaluative or meta statements without practice are n/a.",
        ],
    )
    # The model served to later stages is the one evaluated above (trained without the held-out part).
    save_model(model, paths.model(MODEL_NAME), card)
    metrics = {
        "heldout": heldout,
        "heldout_macro_f1_by_genre": held_genres,
        "cv": cv,
        "n_annotations": int(len(ann)),
        "label_counts": dict(Counter(y)),
    }
    write_json(metrics, paths.metric(MODEL_NAME))
    return metrics


def main() -> None:
    cfg, paths = stage_context()
    m = train(cfg, paths)
    print(f"levels: held-out macro-F1 {m['heldout']['macro_f1']:.3f} (n={m['heldout']['n']}); "
          f"CV macro-F1 {m['cv']['macro_f1']:.3f}")


if __name__ == "__main__":
    main()
