"""scripts/fit_stance_calibration.py: reads labelled ids and `colens classify` output, prints a params block."""

from __future__ import annotations

import json

import numpy as np
import pytest
import yaml

from pipelines.narratives.calibration import StanceCalibration
from pipelines.narratives.settings import STANCES
from tests.narratives.conftest import load_script, write_jsonl


def _script():
    return load_script("fit_stance_calibration")


def _files(tmp_path, n=120):
    rng = np.random.default_rng(1)
    gold, pred = [], []
    for k in range(n):
        s = dict(zip(STANCES, np.round(rng.dirichlet([1.0, 1.0, 1.0]), 4).tolist()))
        truth = min(s, key=s.get)
        rid = f"{'AB'[k % 2]}{k:03d}"
        gold.append({"id": rid, "is_user_narrative": True, "stance": truth})
        pred.append({"id": rid, "narrative": {"is_user_narrative": True, "stance": max(s, key=s.get), "stance_scores": s,
                                              "evidence": {"critique_of_cooptation": False}}})
    gold.append({"id": "A999", "is_user_narrative": False, "stance": "n/a"})
    write_jsonl(tmp_path / "gold.jsonl", gold)
    write_jsonl(tmp_path / "pred.jsonl", pred)
    return tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"


def test_prints_a_block_params_yaml_accepts_and_reports_each_group(tmp_path, capsys):
    gold, pred = _files(tmp_path)
    _script().main([str(gold), str(pred), "--C", "10", "--group-prefix", "1"])
    out, err = capsys.readouterr()
    block = yaml.safe_load(out)["stance_calibration"]
    cal = StanceCalibration(**block)
    assert cal.labels == STANCES and all(cal.coef[k][k] < 0 for k in range(3))
    assert "120 labelled narratives" in err and "leave one group out over 2 groups: 0.000 as in PRED.jsonl" in err


def test_labelled_ids_missing_from_the_predictions_are_named(tmp_path):
    gold, pred = _files(tmp_path)
    pred.write_text(pred.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    with pytest.raises(SystemExit, match="pred.jsonl: no narrative field for 1 labelled ids"):
        _script().main([str(gold), str(pred)])


def test_a_map_of_both_models_reads_the_second_opinion_from_the_evidence(tmp_path, capsys):
    gold, pred = _files(tmp_path)
    rows = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
    for row in rows:  # the second opinion knows the annotated stance: the one the stance model rates lowest
        s = row["narrative"]["stance_scores"]
        row["narrative"]["evidence"]["stance_second_opinion"] = {k: 0.8 if k == min(s, key=s.get) else 0.1 for k in s}
    write_jsonl(pred, rows)
    _script().main([str(gold), str(pred), "--inputs", "blend", "--group-prefix", "1"])
    out, err = capsys.readouterr()
    cal = StanceCalibration(**yaml.safe_load(out)["stance_calibration"])
    assert cal.reads_second_opinion and cal.features[3:] == [f"second.{s}" for s in STANCES]
    assert "-> 1.000" in err  # left-out groups decided by the opinion the map learned to trust
    del rows[0]["narrative"]["evidence"]["stance_second_opinion"]
    write_jsonl(pred, rows)
    with pytest.raises(SystemExit, match="no stance_second_opinion in the evidence of 1 narratives"):
        _script().main([str(gold), str(pred), "--inputs", "all"])


def test_a_map_with_the_publisher_is_fitted_and_decides_where_the_publisher_is_known(tmp_path, capsys):
    gold, pred = _files(tmp_path)
    golds = {g["id"]: g for g in map(json.loads, gold.read_text(encoding="utf-8").splitlines())}
    rows = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
    for k, row in enumerate(rows):  # a news page's narratives are neutral; others as the scores say
        ev = row["narrative"]["evidence"]
        ev["stance_second_opinion"] = dict(row["narrative"]["stance_scores"])
        if k % 3 == 0:
            ev["publisher"] = {"kind": "news", "read_from": "url: https://news.example.com/a"}
            golds[row["id"]]["stance"] = "neutral"
    write_jsonl(pred, rows)
    write_jsonl(gold, list(golds.values()))
    with pytest.raises(SystemExit, match="--with-publisher needs --inputs all"):
        _script().main([str(gold), str(pred), "--with-publisher"])
    _script().main([str(gold), str(pred), "--inputs", "all", "--with-publisher", "--C", "10", "--group-prefix", "1"])
    out, err = capsys.readouterr()
    cal = StanceCalibration(**yaml.safe_load(out)["stance_calibration_with_publisher"])
    news = cal.features.index("publisher.news")
    assert cal.coef[STANCES.index("neutral")][news] > cal.coef[STANCES.index("co-opted")][news]
    assert "40 of 120 narratives the map learns from have a known publisher" in err
    assert "leave one group out over 2 groups" in err
