"""DVC stage `train_definitions`: fit the candidate classifier on the annotated sentences and measure it honestly.

Candidates come from the patterns (generic mode, so generic-term definitions train the same model); a candidate
is positive when its term and definiens overlap the annotated ones. Scores are sentence-level, with the
`definitions:` threshold and windows: target-term mode and generic mode, on a held-out part never trained on,
plus cross-validation over training sentences.
"""

from __future__ import annotations

import logging
import re

import numpy as np
from sklearn.model_selection import StratifiedKFold

from pipelines.config import Config
from pipelines.definitions.annotations import Example, load_annotations
from pipelines.definitions.detector import Detector, Scored, model_features
from pipelines.definitions.generic import term_name
from pipelines.definitions.generic_training import train_sentence_model
from pipelines.definitions.model import make_estimator, positive_scores
from pipelines.definitions.patterns import find_candidates
from pipelines.definitions.settings import (
    LABELS,
    MODEL_NAME,
    NEGATIVE,
    POSITIVE,
    DefinitionsParams,
    TrainDefinitionsParams,
)
from pipelines.io import write_json
from pipelines.modeling import ModelCard, holdout_split, save_model, score_predictions
from pipelines.nlp import load_spacy
from pipelines.paths import Paths
from pipelines.stage_entry import run_stage
from pipelines.text.lexicon import Lexicon, lexicon_for

log = logging.getLogger(__name__)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return inter / max(1, min(a[1] - a[0], b[1] - b[0]))


def candidate_label(ex: Example, item: Scored) -> str:
    """Positive when the candidate names the annotated term and covers the annotated definiens."""
    if ex.label != POSITIVE or (item.cand.facts.get("fallback") and not ex.is_target):
        return NEGATIVE  # a fallback reading is of a target mention: positive only where the target is defined
    t0 = ex.text.find(ex.term)
    d0 = ex.text.find(ex.definiens)
    c = item.cand
    term_ok = _overlap((t0, t0 + len(ex.term)), (c.term_start, c.term_end)) > 0
    definiens_ok = _overlap((d0, d0 + len(ex.definiens)), (c.definiens_start, c.definiens_end)) >= 0.5
    if term_ok and definiens_ok:
        return POSITIVE
    # One annotation names one term, but coordinated terms share the definiens ("X and Y refer to D") and each
    # clause of a paired contrast defines its own term (GUIDE.md): those candidates are definitions too.
    if definiens_ok and _COORDINATED.match(ex.text, t0 + len(ex.term), c.term_start):
        return POSITIVE
    if (c.pattern == "contrastive" and c.facts.get("contrast_paired") and not item.window
            and any(x.pattern == "contrastive" for x in _annotated_candidates(ex, item))):
        return POSITIVE
    return NEGATIVE


_COORDINATED = re.compile(r"[’”\"']?\s*(?:and|or|&)\s+[‘“\"']?$")


def _annotated_candidates(ex: Example, item: Scored):
    """The candidates of `ex` for its annotated term (read again from the patterns, offsets of the sentence)."""
    t0 = ex.text.find(ex.term)
    d0 = ex.text.find(ex.definiens)
    return [c for c in find_candidates(ex.text, 0, len(ex.text), t0, t0 + len(ex.term))
            if _overlap((d0, d0 + len(ex.definiens)), (c.definiens_start, c.definiens_end)) >= 0.5]


def _tokens(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def token_f1(pred: str, gold: str) -> float:
    p, g = _tokens(pred), _tokens(gold)
    common = sum(min(p.count(w), g.count(w)) for w in set(p))
    if not p or not g or not common:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)


class Prepared:
    """Parsed annotations with their candidates in both modes, computed once."""

    def __init__(self, examples: list[Example], nlp, lexicon: Lexicon, target: str, windows: bool):
        self.examples = examples
        self.target = target
        self.nlp = nlp
        self.detector = Detector(lexicon, lambda f: [0.0] * len(f), 0.5, windows)
        self.docs = list(nlp.pipe([e.text for e in examples], batch_size=64))
        self.generic = [self.detector.candidates(d, None) for d in self.docs]
        self.targeted = [self.detector.candidates(d, [target]) for d in self.docs]

    def training_data(self, idx) -> tuple[list[dict], list[str]]:
        X, y = [], []
        for i in idx:
            # generic candidates, plus the target mode's fallback readings (a mention no pattern reads)
            for item in self.generic[i] + [it for it in self.targeted[i] if it.cand.facts.get("fallback")]:
                X.append(model_features(item))
                y.append(candidate_label(self.examples[i], item))
        return X, y

    def evaluate(self, estimator, idx, applied: DefinitionsParams) -> dict:
        """Sentence-level scores in target and generic mode, plus term naming and definiens extraction, with the
        `definitions:` thresholds."""
        det = self.detector
        det.threshold, det.fallback_threshold = applied.threshold, applied.fallback_threshold
        det.window_threshold = applied.window_threshold
        t_true, t_pred, g_true, g_pred, exact, f1s, names = [], [], [], [], [], [], []
        for i in idx:
            ex, doc = self.examples[i], self.docs[i]
            for mode, items, truth, preds in (("target", self.targeted[i], ex.is_target, (t_true, t_pred)),
                                              ("generic", self.generic[i], ex.label == POSITIVE, (g_true, g_pred))):
                scores = positive_scores(estimator, [model_features(it) for it in items])
                found = [d for d in det.decide(doc, items, scores, self.target) if d.is_definition]
                preds[0].append(POSITIVE if truth else NEGATIVE)
                preds[1].append(POSITIVE if found else NEGATIVE)
                if truth and found:
                    best = max(found, key=lambda d: d.score)
                    if mode == "generic":
                        names.append(best.term == term_name(ex.term))
                    exact.append(best.definiens == ex.definiens)
                    f1s.append(token_f1(best.definiens, ex.definiens))
        out = {}
        for mode, (yt, yp) in (("target", (t_true, t_pred)), ("generic", (g_true, g_pred))):
            sc = score_predictions(yt, yp, LABELS)
            pc = sc["per_class"][POSITIVE]
            out[mode] = {"precision": pc["precision"], "recall": pc["recall"], "f1": pc["f1"],
                         "support": pc["support"], "n": sc["n"], "accuracy": sc["accuracy"],
                         "confusion_matrix": sc["confusion_matrix"]}
        out["definiens_exact"] = float(np.mean(exact)) if exact else 0.0
        out["definiens_token_f1"] = float(np.mean(f1s)) if f1s else 0.0
        out["generic_term_accuracy"] = float(np.mean(names)) if names else 0.0
        return out


def cross_validate(prep: Prepared, train_idx: np.ndarray, params: TrainDefinitionsParams,
                   applied: DefinitionsParams, seed: int) -> dict:
    strata = np.array([f"{prep.examples[i].label}|{prep.examples[i].is_target}" for i in train_idx])
    k = max(2, min(params.cv_folds, int(min(np.unique(strata, return_counts=True)[1]))))
    folds = []
    for tr, te in StratifiedKFold(k, shuffle=True, random_state=seed).split(train_idx, strata):
        X, y = prep.training_data(train_idx[tr])
        est = make_estimator(params.C, seed).fit(X, y)
        folds.append(prep.evaluate(est, train_idx[te], applied))
    mean = lambda mode, key: float(np.mean([f[mode][key] for f in folds]))  # noqa: E731
    return {"folds": k, **{mode: {key: mean(mode, key) for key in ("precision", "recall", "f1", "accuracy")}
                           for mode in ("target", "generic")},
            "definiens_token_f1": float(np.mean([f["definiens_token_f1"] for f in folds]))}


def run(cfg: Config, paths: Paths) -> dict:
    """Train, score and save the model (models/definitions); writes and returns metrics/definitions.json."""
    params: TrainDefinitionsParams = cfg.section("train_definitions", TrainDefinitionsParams)
    applied: DefinitionsParams = cfg.section("definitions", DefinitionsParams)
    lexicon = lexicon_for(cfg.lexicon)
    examples = [ex for f in (params.annotations, *params.target_annotations)
                for ex in load_annotations(paths.root / f, lexicon)]
    strata = [f"{e.label}|{e.is_target}" for e in examples]
    train_idx, test_idx = holdout_split(strata, params.test_size, cfg.seed)
    prep = Prepared(examples, load_spacy(cfg.models.spacy), lexicon, cfg.lexicon.target, applied.windows)
    cv = cross_validate(prep, train_idx, params, applied, cfg.seed)
    X, y = prep.training_data(train_idx)
    estimator = make_estimator(params.C, cfg.seed).fit(X, y)
    heldout = prep.evaluate(estimator, test_idx, applied)
    counts = {lab: sum(e.label == lab for e in examples) for lab in LABELS}
    metrics = {
        "heldout": heldout, "cv": cv, "threshold": applied.threshold, "fallback_threshold": applied.fallback_threshold,
        "window_threshold": applied.window_threshold,
        "n_annotations": len(examples), "n_train": int(len(train_idx)), "n_heldout": int(len(test_idx)),
        "n_target_definitions": sum(e.is_target for e in examples), "label_counts": counts,
        "n_candidates_train": len(y), "n_positive_candidates_train": y.count(POSITIVE),
    }
    write_json(metrics, paths.metric(MODEL_NAME))

    def as_card(sc: dict) -> dict:  # the card's table reads n / macro_f1 / accuracy: report the target mode
        return {"n": sc["target"]["n"], "macro_f1": sc["target"]["f1"], "accuracy": sc["target"].get("accuracy", 0),
                "confusion_matrix": sc["target"].get("confusion_matrix", []), **sc}

    card = ModelCard(
        name=MODEL_NAME,
        task="Does this sentence (or two-sentence window) define a term? Candidates from lexical/dependency "
             "patterns, scored by logistic regression; the sentence score is its best candidate's P(definition).",
        labels=LABELS,
        training_data=f"{' + '.join([params.annotations, *params.target_annotations])} (written for colens)",
        n_train=int(len(train_idx)), n_heldout=int(len(test_idx)), label_counts=counts,
        features="pattern and cue flags, attribution/citation, modality and negation, term position and parse "
                 "(dependency, determiner, wh-clause, question), definiens length, genus noun, relative clause, "
                 "evaluative vocabulary, participant vocabulary, part of speech",
        params={**params.model_dump(), "threshold": applied.threshold,
                "fallback_threshold": applied.fallback_threshold, "window_threshold": applied.window_threshold,
                "windows": applied.windows,
                "seed": cfg.seed},
        cv_scores=as_card({**cv, "target": {**cv["target"], "n": len(train_idx)}}),
        heldout_scores=as_card(heldout),
        notes=[f"Held-out target-term definition P/R/F1: {heldout['target']['precision']:.3f} / "
               f"{heldout['target']['recall']:.3f} / {heldout['target']['f1']:.3f}; generic mode F1 "
               f"{heldout['generic']['f1']:.3f}; definiens token F1 {heldout['definiens_token_f1']:.3f}.",
               "The table's macro-F1 column reports the definition-class F1 in target-term mode.",
               "Annotations are single-annotator sentences written for this project; scores on other corpora "
               "will differ, especially for long run-on sentences."],
    )
    served = estimator
    if params.refit_on_all:
        # Which sentences fall in the held-out quarter moved borderline real-prose scores more than any feature
        # did, so the served model sees every annotated sentence; the scores above are those of the same
        # estimator fitted without the held-out part.
        served = make_estimator(params.C, cfg.seed).fit(*prep.training_data(np.arange(len(examples))))
        card.notes.append("The served model is refitted on every annotated sentence (train_definitions.refit_on_all); "
                          "the held-out and cross-validated scores are those of the same estimator fitted without "
                          "the held-out part.")
    save_model(served, paths.model(MODEL_NAME), card)
    # generic mode's sentence model (models/definitions/generic), scored beside the candidate model that never
    # saw the held-out sentences; the candidate model above serves target mode
    metrics["generic_sentence_model"] = train_sentence_model(cfg, paths, params, applied, lexicon, prep.nlp,
                                                             estimator)
    write_json(metrics, paths.metric(MODEL_NAME))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
