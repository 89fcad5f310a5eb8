"""The annotation loop: uncertainty sampling, agreement statistics, and the export -> label -> import -> retrain
round trip on a model trained in a temporary folder."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from pipelines.annotate.agreement import agreement, read_labels
from pipelines.annotate.sampling import least_sure, uncertainty
from pipelines.annotate.tasks import TASKS, TaskError, get_task
from pipelines.cli import app
from pipelines.config import Config
from pipelines.paths import ROOT, Paths

ANNOTATIONS = ROOT / "corpora" / "annotations" / "narratives" / "annotations.jsonl"


def test_margin_and_entropy_pick_the_least_sure():
    p = np.array([[0.9, 0.1], [0.55, 0.45], [0.7, 0.3], [0.5, 0.5]])
    assert list(least_sure(p, 2, "margin")) == [3, 1]
    assert list(least_sure(p, 2, "entropy")) == [3, 1]
    assert uncertainty(p, "entropy")[3] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="unknown sampling strategy"):
        uncertainty(p, "random")


def test_agreement_matches_hand_computed_kappa_and_alpha(tmp_path):
    # A: y y y n n y ; B: y y n n y y -> p_o = 4/6, p_e = (4/6)^2 + (2/6)^2 = 20/36, kappa = 0.25
    # alpha (nominal, 2 coders): 1 - (n-1) * sum_off / sum_{c!=k} n_c n_k = 1 - 11 * 4 / (2 * 8 * 4) = 0.3125
    a, b = tmp_path / "a.csv", tmp_path / "b.jsonl"
    with open(a, "w", newline="", encoding="utf-8") as h:
        w = csv.writer(h)
        w.writerow(["id", "text", "label"])
        for i, lab in enumerate("yyynny"):
            w.writerow([i, f"t{i}", {"y": "narrative", "n": "not_narrative"}[lab]])
        w.writerow([99, "only in A", "narrative"])
    b.write_text("".join(json.dumps({"id": str(i), "label": {"y": "narrative", "n": "not_narrative"}[lab]}) + "\n"
                         for i, lab in enumerate("yynnyy")), encoding="utf-8")
    res = agreement(read_labels(a, get_task("narratives")), read_labels(b, get_task("narratives")))
    assert res["n_items"] == 6 and res["only_in_a"] == 1
    assert res["cohen_kappa"] == pytest.approx(0.25)
    assert res["krippendorff_alpha"] == pytest.approx(0.3125)
    assert res["confusion"] == [[3, 1], [1, 1]]
    out = CliRunner().invoke(app, ["annotate", "agreement", str(a), str(b), "--task", "narratives"])
    assert out.exit_code == 0 and json.loads(out.stdout)["cohen_kappa"] == pytest.approx(0.25)


def test_agreement_rejects_unknown_label(tmp_path):
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"id": "1", "label": "maybe"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f"{a}:1: unknown label 'maybe'"):
        read_labels(a, get_task("stance"))


def test_unknown_task_and_missing_model_are_clear(tmp_paths, cfg):
    with pytest.raises(TaskError, match="unknown annotation task 'foo'"):
        get_task("foo")
    for name in TASKS:  # every loader takes (paths, cfg) and says what to run when its model is missing
        with pytest.raises(TaskError, match=rf"task '{name}'.*dvc repro"):
            get_task(name).load_model(tmp_paths, cfg)


def test_annotations_file_comes_from_the_train_section(cfg, tmp_paths):
    assert get_task("senses").annotations_path(cfg, tmp_paths) == (
        tmp_paths.root / "corpora" / "annotations" / "senses" / "annotations.jsonl")
    assert get_task("stance").annotations_path(cfg, tmp_paths) == get_task("narratives").annotations_path(
        cfg, tmp_paths)


@pytest.mark.slow
def test_round_trip_export_label_import_retrain(tmp_path, encoder):
    from pipelines.narratives.train import run as train

    # a small annotations file and a params.yaml whose outputs live in tmp_path
    rows = [json.loads(line) for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines()]
    small = [r for s in ("co-opted", "transformative", "neutral") for r in rows if r["stance"] == s][::3]
    small += [r for r in rows if not r["is_narrative"]][::3]
    ann = tmp_path / "annotations.jsonl"
    ann.write_text("".join(json.dumps(r) + "\n" for r in small), encoding="utf-8")
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    raw["paths"] = {k: str(tmp_path / k) for k in ("data", "models", "metrics", "reports", "cache")}
    raw["train_narratives"]["annotations"] = str(ann)
    # the round trip is about the linear models; their fine-tuned second opinions (minutes each) are off
    raw["train_narratives"].update(detection_second_opinion=None, stance_second_opinion=None)
    # (and the shipped stance maps read the stance's second opinion: the stance model's own probabilities decide)
    raw["narratives"].update(detection_second_opinion_weight=0.0, stance_second_opinion_weight=0.0,
                             stance_calibration=None, stance_calibration_with_publisher=None)
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump(raw), encoding="utf-8")
    cfg = Config.load(params)
    first = train(cfg, Paths.from_config(cfg))

    truth = {
        "p1": ("When my son was detained, nobody told us where he was for two days. We are still fighting for answers.", "narrative"),
        "p2": ("\"The staff here are wonderful,\" says Irene, who has attended the day centre for five years.", "narrative"),
        "p3": ("The committee will review the risk register at its next meeting in June.", "not_narrative"),
        "p4": ("Our story as a team began in 2015 when three services merged into one directorate.", "not_narrative"),
        "p5": ("I sleep badly in summer and my mood dips. My GP and I agreed to review my medication in the autumn.", "narrative"),
        "p6": ("Surveys of patient experience will be sent to all discharged patients within four weeks.", "not_narrative"),
    }
    src = tmp_path / "passages.jsonl"
    src.write_text("".join(json.dumps({"id": k, "text": t, "genre": "blog"}) + "\n" for k, (t, _) in truth.items()),
                   encoding="utf-8")
    runner = CliRunner()
    exported = tmp_path / "round1.csv"
    res = runner.invoke(app, ["annotate", "export", "--task", "narratives", "--from", str(src), "--n", "4",
                              "--format", "csv", "--out", str(exported), "--params", str(params)])
    assert res.exit_code == 0, res.output
    with open(exported, newline="", encoding="utf-8") as h:
        picked = list(csv.DictReader(h))
    assert len(picked) == 4 and all(r["label"] == "" for r in picked)
    assert {"model_label", "p_narrative", "p_not_narrative", "uncertainty_margin"} <= set(picked[0])
    margins = [float(r["uncertainty_margin"]) for r in picked]
    assert margins == sorted(margins, reverse=True)

    # an invalid label stops the import and names the row; nothing is written
    bad = tmp_path / "bad.csv"
    with open(bad, "w", newline="", encoding="utf-8") as h:
        w = csv.DictWriter(h, fieldnames=list(picked[0]))
        w.writeheader()
        w.writerows([{**picked[0], "label": "narrative"}, {**picked[1], "label": "story-ish"}])
    res = runner.invoke(app, ["annotate", "import", str(bad), "--task", "narratives", "--params", str(params)])
    assert res.exit_code == 1 and f"{bad}:3: unknown label 'story-ish'" in res.output
    assert len(ann.read_text().splitlines()) == len(small)

    # the researcher labels the exported rows; import merges them
    for r in picked:
        r["label"] = truth[r["id"]][1]
        r["stance"] = "transformative" if r["id"] == "p1" else ""
    with open(exported, "w", newline="", encoding="utf-8") as h:
        w = csv.DictWriter(h, fieldnames=list(picked[0]))
        w.writeheader()
        w.writerows(picked)
    res = runner.invoke(app, ["annotate", "import", str(exported), "--task", "narratives", "--annotator", "ann1",
                              "--params", str(params)])
    assert res.exit_code == 0, res.output
    assert "4 added" in res.output and "dvc repro" in res.output
    merged = [json.loads(line) for line in ann.read_text().splitlines()]
    assert len(merged) == len(small) + 4 and merged[-1]["annotator"] == "ann1"

    # importing the same file again adds nothing; a conflicting relabel is reported, not applied
    flipped = tmp_path / "flip.jsonl"
    flipped.write_text(json.dumps({"id": picked[0]["id"], "text": picked[0]["text"], "label":
                       "not_narrative" if picked[0]["label"] == "narrative" else "narrative"}) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["annotate", "import", str(flipped), "--task", "narratives", "--params", str(params)])
    assert res.exit_code == 0 and "conflict:" in res.output and "kept the existing label" in res.output
    assert [json.loads(line) for line in ann.read_text().splitlines()] == merged

    # retraining picks the new rows up
    second = train(cfg, Paths.from_config(cfg))
    assert second["n_annotations"] == first["n_annotations"] + 4
    import pandas as pd
    examples = pd.read_parquet(tmp_path / "models" / "narratives_detect" / "examples.parquet")
    assert set(truth[r["id"]][0] for r in picked) <= set(examples["text"])

    # the stance task exports narratives and validates stance labels
    res = runner.invoke(app, ["annotate", "export", "--task", "stance", "--from", str(src), "--n", "2",
                              "--format", "jsonl", "--params", str(params)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 2 and {"p_co-opted", "p_transformative", "p_neutral"} <= set(lines[0])
