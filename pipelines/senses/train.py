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
from pipelines.modeling import ENCODER_KEY, ModelCard, fit_with_holdout, label_order, save_model
from pipelines.nlp import load_spacy
from pipelines.paths import Paths
from pipelines.senses.annotations import load_annotations, spans
from pipelines.senses.calibration import calibration_report
from pipelines.senses.features import MentionSpan, build_estimator, embedding_dim, feature_frame
from pipelines.senses.second_opinion import FOLDER, render
from pipelines.senses.settings import LABELS, MODEL_NAME, SensesParams, TrainSensesParams
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


def _second_opinion(cfg: Config, paths: Paths, params: TrainSensesParams, mention_spans: list[MentionSpan],
                    y: np.ndarray) -> dict:
    """Fine-tune and export the second opinion (`finetune.py`) on every annotated mention: on the training part
    alone it read real prose worse (docs/development/senses.md), so it has no held-out figure of its own."""
    from pipelines.finetune import train_or_clear

    ft = params.second_opinion
    texts = [render(s, ft.max_chars) for s in mention_spans] if ft else []
    report = train_or_clear(cfg.models.sentence_transformer, texts, y.tolist(), LABELS, ft, cfg.seed,
                            paths.model(MODEL_NAME) / FOLDER, {"max_chars": ft.max_chars} if ft else None)
    return {**report, "weight": cfg.section("senses", SensesParams).second_opinion_weight} if report else {}


def _opinion_notes(opinion: dict) -> list[str]:
    if not opinion:
        return ["No second opinion (train_senses.second_opinion: null): the linear model alone labels every mention."]
    return [
        f"Second opinion on close calls: {opinion['model']} fine-tuned on all {opinion['n_train']} annotated "
        f"mentions ({FOLDER}/, ONNX), blended at weight {opinion['weight']} where the blend can change the label "
        "(senses.second_opinion_weight). It saw the held-out part, so the held-out scores above are the linear "
        "model's alone; its effect is measured on real prose (docs/development/senses.md).",
    ]


def run(cfg: Config, paths: Paths) -> dict:
    """Train, evaluate, save models/senses; write and return metrics/senses.json."""
    params: TrainSensesParams = cfg.section("train_senses", TrainSensesParams)
    examples = load_annotations(paths.root / params.annotations, lexicon_for(cfg.lexicon))
    y = examples["label"].to_numpy()
    cache = EmbeddingCache.for_project(cfg, paths, task="senses")
    mention_spans = spans(examples, load_spacy(cfg.models.spacy))
    X = feature_frame(mention_spans, cache, params.window_words)
    estimator = build_estimator(embedding_dim(X), params.C, params.tfidf_weight, cfg.seed, params.context_weight,
                                params.cue_weight, "balanced" if params.balanced else None)

    ev = fit_with_holdout(estimator, X, y, LABELS, params.test_size, params.cv_folds, cfg.seed)
    misses = _misses(examples, ev.test_idx, ev.predicted)
    _, order = label_order(ev.model, LABELS)
    calibration = calibration_report(y[ev.test_idx], ev.model.predict_proba(X.iloc[ev.test_idx])[:, order], LABELS)
    opinion = _second_opinion(cfg, paths, params, mention_spans, y)

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
            f"{cfg.models.sentence_transformer} embeddings of the sentence, of a +/-{params.window_words}-word "
            "window centred on the mention and of the passage; TF-IDF (1-2 grams) of that window with the mention "
            "as one token; TF-IDF of the passage; lexical cue counts (cues.py) in sentence and passage"
        ),
        params={**params.model_dump(), ENCODER_KEY: cfg.models.sentence_transformer, "seed": cfg.seed},
        cv_scores=ev.cv,
        heldout_scores=ev.heldout,
        notes=[
            "The saved model is trained on the training part only, so the held-out scores describe it.",
            f"Calibration on the held-out part: expected calibration error {calibration['ece']:.3f}, Brier score "
            f"{calibration['brier']:.3f}; a mention with top probability >= 0.75 is right "
            f"{calibration['accuracy_at_0.75']:.0%} of the time ({calibration['n_at_0.75']} of {len(ev.test_idx)}).",
            "Annotated sentences are realistic prose written for this project, not sampled from a corpus; "
            "expect lower scores on scraped text with navigation chrome.",
            *_opinion_notes(opinion),
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
        "heldout_calibration": calibration,
        "heldout_errors": misses,
        **({"second_opinion": opinion} if opinion else {}),
    }
    write_json(metrics, paths.metric(MODEL_NAME))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
