"""How far the narrative models are from a model fitted on your own labelled real paragraphs.

    python -m pipelines classify PARAGRAPHS.jsonl PRED.jsonl --term co-production
    python scripts/narratives_ceiling.py GOLD.jsonl PRED.jsonl [--group-prefix 3] [--C 1.0]

GOLD.jsonl holds one object per paragraph: {"id", "is_user_narrative", "stance"} (stance null where annotators
disagreed); PRED.jsonl is `colens classify` output for the same ids, with `text`. For each group of ids sharing their
first N characters (a labelled set), a logistic regression fitted on the other groups predicts the held group from
what the shipped models read: the paragraph's frozen sentence embedding (the project's encoder) and the scan's own
evidence (the detector's logit and who-speaks values; the stance model's log-probabilities and framing-cue counts).
The report (stdout) sets detection F1 and stance macro-F1 over co-opted and transformative (end to end: a missed
narrative counts wrong; and on every labelled narrative) of PRED.jsonl beside the refitted model's. A refit trained on
real paragraphs of the same kind that does little better says the representation, not the written training data,
holds the figures back. The refit is a measurement only: colens's models train on passages written for the project.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402

from pipelines.narratives.calibration import (  # noqa: E402
    SCORED_STANCES,
    detection_inputs,
    log_scores,
    read_fit_input,
    scored_stance_f1,
)
from pipelines.narratives.settings import NO_STANCE, STANCES  # noqa: E402

MISSED = "missed"


def evidence_features(narr: dict) -> list[float]:
    """The scan's evidence as numbers: detector logit, who-speaks values, framing-cue hits per side, stance log-probs."""
    ev = narr.get("evidence") or {}
    # the detection map's own logit and who-speaks inputs; framing hits stand in for its voice-cue counts
    detection = detection_inputs(ev.get("detector_score", narr.get("score", 0.0)) or 0.0, ev.get("speaker") or {}, {})
    framing = ev.get("framing") or {}
    hits = [np.log1p(sum(len(v) for v in (framing.get(side) or {}).values())) for side in SCORED_STANCES]
    return ([v for k, v in detection.items() if not k.startswith("cue.")] + hits
            + log_scores(narr.get("stance_scores") or {}, STANCES).tolist())


def leave_group_out(X: np.ndarray, y: np.ndarray, groups: np.ndarray, C: float) -> np.ndarray:
    """Each group's predictions from a balanced logistic regression fitted on every other group."""
    out = np.empty(len(y), dtype=object)
    for g in np.unique(groups):
        held = groups == g
        if len(set(y[~held])) < 2:
            raise SystemExit(f"group {g!r}: the other groups hold one label only; label more sets or shorten --group-prefix")
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit(X[~held], y[~held])
        out[held] = model.predict(X[held])
    return out


def encode(texts: list[str]) -> np.ndarray:
    """The project's encoder (params.yaml `models:`), through its embedding cache."""
    from pipelines.config import Config
    from pipelines.embeddings import EmbeddingCache
    from pipelines.paths import Paths

    cfg = Config.load(None)
    return EmbeddingCache.for_project(cfg, Paths.from_config(cfg), task="narratives").encode(texts)


def main(argv: list[str] | None = None, embed=encode) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--group-prefix", type=int, default=3, help="ids sharing this many first characters form a group")
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation of the refit (default 1.0)")
    args = ap.parse_args(argv)
    gold, pred = read_fit_input(args.gold), read_fit_input(args.pred)
    ids = [i for i, g in gold.items() if isinstance(g.get("is_user_narrative"), bool)]
    lost = [i for i in ids if not (pred.get(i) or {}).get("narrative") or not isinstance(pred[i].get("text"), str)]
    if lost:
        raise SystemExit(f"{args.pred}: no narrative field or text for {len(lost)} labelled ids, e.g. {lost[:3]}")
    groups = np.array([i[: args.group_prefix] for i in ids])
    if len(set(groups)) < 2:
        raise SystemExit(f"{args.gold}: one group only with --group-prefix {args.group_prefix}; the refit needs two")
    narr = [pred[i]["narrative"] for i in ids]
    X = np.hstack([embed([pred[i]["text"] for i in ids]), np.array([evidence_features(n) for n in narr])])
    is_narr = np.array([bool(gold[i]["is_user_narrative"]) for i in ids])
    found = np.array([bool(n.get("is_user_narrative")) for n in narr])
    refit_found = leave_group_out(X, is_narr, groups, args.C).astype(bool)
    report = {"paragraphs": len(ids), "narratives": int(is_narr.sum()),
              "detection_f1": float(f1_score(is_narr, found)), "detection_f1_refit": float(f1_score(is_narr, refit_found))}
    st = np.array([k for k, i in enumerate(ids) if is_narr[k] and gold[i].get("stance") in STANCES])
    if len(st):
        y = np.array([gold[ids[k]]["stance"] for k in st])
        shipped = [narr[k].get("stance", NO_STANCE) for k in st]
        refit = leave_group_out(X[st], y, groups[st], args.C)
        report.update({
            "stances": len(st),
            "stance_f1": scored_stance_f1(list(y), [s if found[k] else MISSED for s, k in zip(shipped, st)]),
            "stance_f1_refit": scored_stance_f1(list(y), [s if refit_found[k] else MISSED for s, k in zip(refit, st)]),
            "stance_f1_all_narratives_refit": scored_stance_f1(list(y), list(refit)),
        })
    for key, value in report.items():
        print(f"{key}\t{value:.3f}" if isinstance(value, float) else f"{key}\t{value}")
    return report


if __name__ == "__main__":
    main()
