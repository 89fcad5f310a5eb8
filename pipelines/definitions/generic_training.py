"""Training of generic mode's sentence model (part of stage `train_definitions`): both annotation files, a
stratified held-out part never trained on, cross-validation over the rest, and the term-naming accuracy of the
detector as applied. Saves models/definitions/generic with its own card.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from pipelines.config import Config
from pipelines.definitions.annotations import Example, load_annotations
from pipelines.definitions.detector import Detector
from pipelines.definitions.model import positive_scores
from pipelines.definitions.sentence_model import GENERIC_DIR, fit_sentence_model, text_features, unit_features
from pipelines.definitions.settings import LABELS, MODEL_NAME, POSITIVE, DefinitionsParams, TrainDefinitionsParams
from pipelines.embeddings import EmbeddingCache
from pipelines.modeling import ENCODER_KEY, ModelCard, holdout_split, save_model
from pipelines.paths import Paths
from pipelines.text.lexicon import Lexicon


def _prf(y: np.ndarray, p: np.ndarray) -> dict:
    pr, rc, f1, _ = precision_recall_fscore_support(y, p, average="binary", zero_division=0)
    return {"n": int(len(y)), "positives": int(y.sum()), "precision": float(pr), "recall": float(rc), "f1": float(f1),
            "accuracy": float(np.mean(y == p)) if len(y) else 0.0}


def naming_accuracy(examples: list[Example], docs: list, detector: Detector, idx, target: str) -> float:
    """Share of held-out definitions whose best-scoring unit names (overlaps) the annotated term."""
    hits, n = 0, 0
    for i in idx:
        ex = examples[i]
        if ex.label != POSITIVE:
            continue
        n += 1
        found = detector.detect_doc(docs[i], None, target)
        if not found:
            continue
        best = max(found, key=lambda d: d.score)
        t0 = ex.text.find(ex.term)
        hits += int(best.term_end > t0 and best.term_start < t0 + len(ex.term))
    return hits / n if n else 0.0


def train_sentence_model(cfg: Config, paths: Paths, params: TrainDefinitionsParams, applied: DefinitionsParams,
                         lexicon: Lexicon, nlp, candidate_estimator) -> dict:
    """Fit, score and save the sentence model; returns its metrics."""
    target_file = load_annotations(paths.root / params.annotations, lexicon)
    generic_files = [load_annotations(paths.root / f, lexicon) for f in params.generic_annotations]
    examples = target_file + [e for exs in generic_files for e in exs]
    origin = ["target"] * len(target_file) + ["generic"] * (len(examples) - len(target_file))
    texts = [e.text for e in examples]
    y = np.array([int(e.label == POSITIVE) for e in examples])
    feats = text_features(nlp, texts)
    encoder = EmbeddingCache.for_project(cfg, paths, task="definitions")
    emb = encoder.encode(texts)
    strata = [f"{lab}|{o}" for lab, o in zip(y, origin)]
    train_idx, test_idx = holdout_split(strata, params.test_size, cfg.seed)
    th = applied.generic_threshold

    def fit(idx):
        return fit_sentence_model([feats[i] for i in idx], emb[idx], y[idx], params.generic_C,
                                  params.generic_embed_weight, cfg.seed, params.generic_length_bins)

    folds = []
    k = max(2, min(params.cv_folds, int(min(np.bincount(y[train_idx])))))
    for tr, te in StratifiedKFold(k, shuffle=True, random_state=cfg.seed).split(train_idx, y[train_idx]):
        m = fit(train_idx[tr])
        s = np.array(m.scores([feats[i] for i in train_idx[te]], emb[train_idx[te]]))
        folds.append(_prf(y[train_idx[te]], (s >= th).astype(int)))
    cv = {key: float(np.mean([f[key] for f in folds])) for key in ("precision", "recall", "f1", "accuracy")}
    model = fit(train_idx)
    s = np.array(model.scores([feats[i] for i in test_idx], emb[test_idx]))
    heldout = _prf(y[test_idx], (s >= th).astype(int))
    gen_test = np.array([i for i in test_idx if origin[i] == "generic"])
    s_gen = np.array(model.scores([feats[i] for i in gen_test], emb[gen_test]))
    heldout_generic = _prf(y[gen_test], (s_gen >= th).astype(int))
    docs = list(nlp.pipe(texts, batch_size=64))
    detector = Detector(lexicon, lambda f: positive_scores(candidate_estimator, f), applied.threshold,
                        applied.windows, lambda units: model.scores([unit_features(u) for u in units],
                                                                    encoder.encode([u.text for u in units])), th,
                        fallback_threshold=applied.fallback_threshold,
                        window_threshold=applied.window_threshold)
    naming = naming_accuracy(examples, docs, detector, gen_test, cfg.lexicon.target)
    metrics = {"heldout": heldout, "heldout_generic_file": heldout_generic, "cv": {"folds": k, **cv},
               "threshold": th, "n_annotations": len(examples), "n_train": int(len(train_idx)),
               "n_heldout": int(len(test_idx)), "heldout_term_naming_accuracy": naming}
    counts = {lab: int(sum(e.label == lab for e in examples)) for lab in LABELS}

    def as_card(sc: dict, n: int) -> dict:
        return {"n": n, "macro_f1": sc["f1"], "accuracy": sc["accuracy"], "confusion_matrix": [], **sc}

    card = ModelCard(
        name=f"{MODEL_NAME}/{GENERIC_DIR}",
        task="Generic mode (`--term ANY`): does this sentence or two-sentence window define some term? Frozen "
             "MiniLM embedding of the text beside cue and parse features, logistic regression; the defined term is "
             "named by rules over the parse (naming.py) and pattern readings.",
        labels=LABELS,
        training_data=f"{' + '.join([params.annotations, *params.generic_annotations])} (written for colens)",
        n_train=int(len(train_idx)), n_heldout=int(len(test_idx)), label_counts=counts,
        features="MiniLM sentence embedding; defining-form cues (is called, known as, type of, process by which, "
                 "refers to, means, defined as, we define, glossary headword, appositive and parenthetical "
                 "glosses); non-defining signals (examples, evaluation, history, numbers, questions, instructions, "
                 "reported speech); parse facts (root lemma, subject kind, finite verb, person names)",
        params={"C": params.generic_C, "embed_weight": params.generic_embed_weight,
                "length_bins": params.generic_length_bins, "threshold": th,
                ENCODER_KEY: cfg.models.sentence_transformer, "seed": cfg.seed},
        cv_scores=as_card(cv, int(len(train_idx))), heldout_scores=as_card(heldout, int(len(test_idx))),
        notes=[f"Held-out P/R/F1 {heldout['precision']:.3f} / {heldout['recall']:.3f} / {heldout['f1']:.3f} "
               f"(generic file only: F1 {heldout_generic['f1']:.3f}); term named correctly for "
               f"{naming:.1%} of held-out generic definitions.",
               "The table's macro-F1 column reports the definition-class F1.",
               "generic.jsonl was written and labelled once by one project helper (no second pass); defwrite.jsonl "
               "was written by another helper and labelled twice independently (is_definition agreed on 1199 of "
               "1200 sentences, term too on 1175; the 1198 agreed sentences are used). Held-out figures measure "
               "text written like the training set, not real prose."],
    )
    save_model(model.to_state(), paths.model(MODEL_NAME) / GENERIC_DIR, card)
    return metrics
