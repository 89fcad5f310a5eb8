"""Stage `train_narratives`: the narrative detector and the stance classifier, trained on the annotated passages
with the shared protocol (held-out split, CV, skops + model card, annotated examples beside each model);
held-out scores to metrics/narratives.json.

Both models read the feature blocks named in `train_narratives.detect_blocks` / `stance_blocks` (frozen sentence
embedding, cue/framing counts, parse-based voice features). A `linear` model is one logistic regression over all
blocks; a `stacked` model first fits a logistic regression on the embedding alone and then a second one on its
out-of-fold score next to the cue and voice features, so that a few readable features are not drowned by 384
embedding dimensions. Blocks and model kinds were chosen by comparing them on a real-prose development set.
When the annotations carry two independent labelling passes (`is_narrative_a` / `stance_a`, `is_narrative_b` /
`stance_b`), their agreement goes into the cards and the metrics.
"""

from __future__ import annotations

import logging
from typing import Any

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import StackingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import Pipeline

from pipelines.config import Config
from pipelines.embeddings import EmbeddingCache
from pipelines.finetuned import FineTuneParams
from pipelines.io import write_json, write_table
from pipelines.modeling import ENCODER_KEY, ModelCard, fit_with_holdout, save_model
from pipelines.narratives.annotations import load_annotations, pass_labels
from pipelines.narratives.cues import FEATURE_NAMES
from pipelines.narratives.features import featurize, parse
from pipelines.narratives.settings import (
    DETECT_LABELS, DETECT_MODEL, EXAMPLES_FILE, SECOND_OPINION, SPACY_KEY, STANCE_MODEL, STANCES, TrainNarrativesParams,
)
from pipelines.narratives.voice import SPEAKER_FEATURES, VOICE_FEATURES
from pipelines.paths import Paths
from pipelines.stage_entry import run_stage

log = logging.getLogger(__name__)
METRIC = "narratives"


def _logistic(C: float, seed: int) -> LogisticRegression:
    return LogisticRegression(C=C, class_weight="balanced", max_iter=5000, random_state=seed)


def _select(columns: list[int]) -> ColumnTransformer:
    return ColumnTransformer([("keep", "passthrough", columns)], remainder="drop")


def build_estimator(kind: str, C: float, C_embedding: float, n_features: int, embedding_dim: int, n_classes: int,
                    folds: int, seed: int):
    """The model over [embedding | other blocks] columns: `linear` (one logistic regression) or `stacked` (a
    logistic regression on the embedding columns, then one on its out-of-fold decision scores + the other
    columns). Without an embedding block, or without other blocks, a stacked model is a linear one."""
    if kind == "linear" or embedding_dim == 0 or embedding_dim == n_features:
        return _logistic(C, seed)
    k = 1 if n_classes == 2 else n_classes  # decision-score columns the first stage hands on
    first = Pipeline([("embedding", _select(list(range(embedding_dim)))), ("lr", _logistic(C_embedding, seed))])
    final = Pipeline([
        ("scores_and_features", _select(list(range(k)) + list(range(k + embedding_dim, k + n_features)))),
        ("lr", _logistic(C, seed)),
    ])
    return StackingClassifier([("embedding", first)], final_estimator=final, passthrough=True,
                              stack_method="decision_function",
                              cv=StratifiedKFold(folds, shuffle=True, random_state=seed))


def _describe(blocks: list[str], cfg: Config, params: TrainNarrativesParams) -> str:
    parts = []
    if "embedding" in blocks:
        parts.append(f"{cfg.models.sentence_transformer} sentence embedding (unit norm, frozen)")
    if "cues" in blocks:
        parts.append(f"{len(FEATURE_NAMES)} cue/framing counts x {params.cue_weight}: {', '.join(FEATURE_NAMES)}")
    if "voice" in blocks:
        parts.append(f"{len(VOICE_FEATURES)} parse-based voice features ({cfg.models.spacy}) x {params.voice_weight}: "
                     f"{', '.join(VOICE_FEATURES)}")
    if "speaker" in blocks:
        parts.append(f"{len(SPEAKER_FEATURES)} who-speaks features x {params.voice_weight}: {', '.join(SPEAKER_FEATURES)}")
    return " + ".join(parts)


def agreement(df: pd.DataFrame) -> dict[str, Any]:
    """Agreement of the two labelling passes where the records have both: narrative or not, and stance on
    passages both passes call narratives. Empty when no record has two passes."""
    a, b = pass_labels(df, "a"), pass_labels(df, "b")
    both = (a["is_narrative"].notna() & b["is_narrative"].notna()).to_numpy()
    if not both.any():
        return {}
    na, nb = a.loc[both, "is_narrative"].astype(bool), b.loc[both, "is_narrative"].astype(bool)
    out: dict[str, Any] = {
        "n_double_labelled": int(both.sum()),
        "narrative_agreement": float((na.to_numpy() == nb.to_numpy()).mean()),
        "narrative_kappa": float(cohen_kappa_score(na, nb)) if len(set(na) | set(nb)) > 1 else 1.0,
        "n_single_labelled": int((~both).sum()),
    }
    st = both & (a["is_narrative"] == True).to_numpy() & (b["is_narrative"] == True).to_numpy()  # noqa: E712
    st &= (a["stance"].isin(STANCES) & b["stance"].isin(STANCES)).to_numpy()
    if st.any():
        sa, sb = a.loc[st, "stance"].astype(str), b.loc[st, "stance"].astype(str)
        out.update({
            "n_stance_double_labelled": int(st.sum()),
            "stance_agreement": float((sa.to_numpy() == sb.to_numpy()).mean()),
            "stance_kappa": float(cohen_kappa_score(sa, sb, labels=STANCES)),
        })
    return out


def _fit_one(
    name: str, task: str, X: np.ndarray, y: np.ndarray, labels: list[str], C: float, blocks: list[str], kind: str,
    embedding_dim: int, cfg: Config, params: TrainNarrativesParams, paths: Paths, examples: pd.DataFrame,
    passes: dict[str, Any], extra_notes: list[str] | None = None,
) -> dict[str, Any]:
    """Split, cross-validate, fit on the training part, score the held-out part, save model + card + examples."""
    dim = embedding_dim if "embedding" in blocks else 0
    estimator = build_estimator(kind, C, params.C_embedding, X.shape[1], dim, len(labels), params.cv_folds, cfg.seed)
    ev = fit_with_holdout(estimator, X, y, labels, params.test_size, params.cv_folds, cfg.seed)
    est, cv, held, train, test = ev.model, ev.cv, ev.heldout, ev.train_idx, ev.test_idx
    counts = {lab: int((y == lab).sum()) for lab in labels}
    notes = [
        "Trained on the training part only: the held-out scores are those of this very model.",
        "Annotations are written for colens in the register of real pages; real-prose development figures are "
        "reported in corpora/annotations/narratives/GUIDE.md §6.",
    ]
    if passes:
        notes.append("Two independent labelling passes on " + f"{passes['n_double_labelled']} passages: narrative "
                     f"agreement {passes['narrative_agreement']:.3f} (kappa {passes['narrative_kappa']:.3f})"
                     + (f"; stance agreement {passes['stance_agreement']:.3f} (kappa {passes['stance_kappa']:.3f}, "
                        f"n={passes['n_stance_double_labelled']})" if "stance_agreement" in passes else "")
                     + "; only agreed labels are trained on.")
        if passes.get("n_single_labelled"):
            notes.append(f"{passes['n_single_labelled']} passages carry one labelling pass only (see GUIDE.md §5); "
                         "agreement figures cover the double-labelled passages alone.")
    notes.extend(extra_notes or [])
    card = ModelCard(
        name=name,
        task=task,
        labels=labels,
        training_data=f"{params.annotations} (written for colens; see GUIDE.md beside it)",
        n_train=len(train),
        n_heldout=len(test),
        label_counts=counts,
        features=_describe(blocks, cfg, params),
        params={"C": C, "C_embedding": params.C_embedding, "model": kind, "class_weight": "balanced",
                "blocks": blocks, "cue_weight": params.cue_weight, "voice_weight": params.voice_weight, ENCODER_KEY: cfg.models.sentence_transformer,
                SPACY_KEY: cfg.models.spacy, "seed": cfg.seed, "test_size": params.test_size,
                "labelling_passes": passes},
        cv_scores=cv,
        heldout_scores=held,
        notes=notes,
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


def training_rows(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Which records train the detector (all but `use: stance`) and the stance model (narratives with an agreed
    stance, all but `use: detection`)."""
    detecting = (df["use"] != "stance").to_numpy()
    labelled = (df["is_narrative"] & df["stance"].isin(STANCES) & (df["use"] != "detection")).to_numpy()
    return detecting, labelled


def _second_opinion(cfg: Config, paths: Paths, model: str, params: FineTuneParams | None, texts: list[str],
                    labels: list[str], classes: list[str]) -> dict[str, Any]:
    """Fine-tune and export a model's second opinion (`pipelines.finetune`) into its folder on all of its training
    passages, held-out part included; none (and any earlier one removed) when its params are null."""
    from pipelines.finetune import train_or_clear

    return train_or_clear(cfg.models.sentence_transformer, texts, labels, classes, params, cfg.seed,
                          paths.model(model) / SECOND_OPINION)


def _opinion_notes(opinion: dict[str, Any], what: str, key: str) -> list[str]:
    if not opinion:
        return []
    return [f"Second opinion: {opinion['model']} fine-tuned on all {opinion['n_train']} {what} "
            f"({SECOND_OPINION}/, ONNX), blended with this model's probabilities at narratives.{key}_weight; it saw "
            "the held-out part, so the held-out scores are this model's alone (real-prose figures: "
            "docs/development/narratives.md)."]


def run(cfg: Config, paths: Paths) -> dict[str, Any]:
    """Train and store both models; writes and returns the metrics."""
    params = cfg.section("train_narratives", TrainNarrativesParams)
    source = paths.root / params.annotations
    df = load_annotations(source)
    texts = df["text"].tolist()
    cache = EmbeddingCache.for_project(cfg, paths, task="narratives")
    needs_parse = bool({"voice", "speaker"} & {*params.detect_blocks, *params.stance_blocks})
    docs = parse(texts, cfg.models.spacy) if needs_parse else None
    X_detect, emb = featurize(texts, cache, params.detect_blocks, params.cue_weight, params.voice_weight, docs)
    X_stance, _ = featurize(texts, cache, params.stance_blocks, params.cue_weight, params.voice_weight, docs)
    dim = emb.shape[1]
    examples = _example_table(df)
    passes = agreement(df)

    detecting, labelled = training_rows(df)
    detect_opinion = _second_opinion(cfg, paths, DETECT_MODEL, params.detection_second_opinion,
                                     df.loc[detecting, "text"].tolist(), df.loc[detecting, "detect_label"].tolist(),
                                     DETECT_LABELS)
    detect = _fit_one(
        DETECT_MODEL, "Does the passage present the experience or voice of a person who uses services?",
        X_detect[detecting], df.loc[detecting, "detect_label"].to_numpy(), DETECT_LABELS, params.C_detect,
        params.detect_blocks, params.detect_model, dim, cfg, params, paths,
        examples[detecting].reset_index(drop=True), passes,
        _opinion_notes(detect_opinion, "passages the detector trains on", "detection_second_opinion"),
    )
    opinion = _second_opinion(cfg, paths, STANCE_MODEL, params.stance_second_opinion,
                              df.loc[labelled, "text"].tolist(), df.loc[labelled, "stance"].tolist(), STANCES)
    stance = _fit_one(
        STANCE_MODEL, "Stance of a user narrative: co-opted by the institution, transformative, or neutral (GUIDE §2)",
        X_stance[labelled], df.loc[labelled, "stance"].to_numpy(), STANCES, params.C_stance, params.stance_blocks,
        params.stance_model, dim, cfg, params, paths, examples[labelled].reset_index(drop=True), passes,
        _opinion_notes(opinion, "stance-labelled narratives", "stance_second_opinion"),
    )
    metrics = {
        "n_annotations": int(len(df)),
        "n_narratives": int(df["is_narrative"].sum()),
        "detect_f1_narrative": detect["heldout"]["per_class"]["narrative"]["f1"],
        "detect_macro_f1": detect["heldout"]["macro_f1"],
        "stance_macro_f1": stance["heldout"]["macro_f1"],
        "detect": detect,
        "stance": stance,
        "labelling_passes": passes,
        "genres": df["genre"].value_counts().to_dict(),
        **({"detection_second_opinion": detect_opinion} if detect_opinion else {}),
        **({"stance_second_opinion": opinion} if opinion else {}),
    }
    write_json(metrics, paths.metric(METRIC))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
