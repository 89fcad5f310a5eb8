"""DVC stage `train_levels`: fit the Needham & Carr level classifier on the annotated passages.

The model grades passages that hold a participatory claim (descriptive / intermediate / transformative); `n/a` is
decided before it (no in-sense mention, too little text). Follows pipelines.modeling: stratified held-out split, CV
on the training part, held-out scores in metrics/levels.json and the model card (with the agreement of the two
labelling passes); the model (skops) goes to models/levels.
"""

from __future__ import annotations

from collections import Counter

from sklearn.base import clone

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.io import write_json
from pipelines.levels.annotations import agreement, load_all
from pipelines.levels.features import build_estimator, feature_frame
from pipelines.levels.settings import LEVELS, MODEL_NAME, TrainLevelsParams
from pipelines.modeling import ENCODER_KEY, ModelCard, fit_with_holdout, save_model, score_predictions
from pipelines.paths import Paths
from pipelines.stage_entry import run_stage


def run(cfg: Config, paths: Paths) -> dict:
    """Train, evaluate and save models/levels; write and return metrics/levels.json."""
    params: TrainLevelsParams = cfg.section("train_levels", TrainLevelsParams)
    every = load_all(paths.root / params.annotations)
    passes = agreement(every)
    ann = every[every["label"].isin(LEVELS)].reset_index(drop=True)
    embedder = EmbeddingCache.for_project(cfg, paths, task="levels")
    X = feature_frame(ann["text"].tolist(), embedder)
    y = ann["label"].to_numpy()
    n_dims = sum(c.startswith("e") and c[1:].isdigit() for c in X.columns)
    estimator = build_estimator(n_dims, params.C, params.cue_weight, cfg.seed)

    ev = fit_with_holdout(estimator, X, y, LEVELS, params.test_size, params.cv_folds, cfg.seed)
    model, test_idx = ev.model, ev.test_idx
    held_genres = {
        g: score_predictions(y[test_idx][m], model.predict(X.iloc[test_idx][m]), LEVELS)["macro_f1"]
        for g in sorted(set(ann["genre"].iloc[test_idx]))
        for m in [(ann["genre"].iloc[test_idx] == g).to_numpy()]
    }
    card = ModelCard(
        name=MODEL_NAME,
        task="Needham & Carr level of a passage about participatory co-production (codebook: the highest level "
             "the passage claims or advocates; what is described wins over what is merely claimed)",
        labels=LEVELS,
        training_data=f"{params.annotations} (written for colens in the register of real pages; two independent "
                      f"labelling passes agree on {passes['n_agreed']} of {passes['n']} passages, Cohen's kappa "
                      f"{passes['cohen_kappa']:.2f}; agreed graded passages only; see GUIDE.md beside it)",
        n_train=len(ev.train_idx),
        n_heldout=len(test_idx),
        label_counts=dict(sorted(Counter(y).items())),
        features=f"{cfg.models.sentence_transformer} sentence embeddings and cue-lexicon counts per level "
        "(pipelines/levels/features.py); class-balanced logistic regression. Passages are graded as a blend of the "
        "whole passage and its claims (levels.claim_weight)",
        params={**params.model_dump(), ENCODER_KEY: cfg.models.sentence_transformer, "seed": cfg.seed},
        cv_scores=ev.cv,
        heldout_scores=ev.heldout,
        notes=[
            "The held-out part was never used for fitting or model selection.",
            "n/a is not a model class: a passage without a participatory mention, or with fewer than "
            "levels.min_words words, is n/a before the model runs.",
            "Held-out passages were written for colens; the README reports the score on real passages "
            "(corpora/realdev/levels.tsv), which is lower and is the one to trust.",
        ],
    )
    if params.refit_on_all:
        # Real-prose scores still rise with training data (README), so the served model sees every agreed passage;
        # the held-out scores above are those of the same estimator fitted without the held-out part.
        model = clone(estimator).fit(X, y)
        card.notes.append("The served model is refitted on every agreed passage (train_levels.refit_on_all); the "
                          "held-out scores are those of the same estimator fitted without the held-out part.")
    save_model(model, paths.model(MODEL_NAME), card)
    metrics = {
        "heldout": ev.heldout,
        "heldout_macro_f1_by_genre": held_genres,
        "cv": ev.cv,
        "n_annotations": int(len(every)),
        "n_trained_on": int(len(ann)),
        "label_counts": dict(Counter(y)),
        "labelling_agreement": passes,
    }
    write_json(metrics, paths.metric(MODEL_NAME))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
