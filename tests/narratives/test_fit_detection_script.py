"""scripts/fit_detection_calibration.py: reads labelled ids and `colens classify` output, prints a params block."""

from __future__ import annotations

import numpy as np
import pytest
import yaml

from pipelines.narratives.calibration import DetectionCalibration
from tests.narratives.conftest import load_script, write_jsonl


def _script():
    return load_script("fit_detection_calibration")


def _files(tmp_path, n=200):
    """Paragraphs whose detector score is high, but those that talk about stories are never narratives."""
    rng = np.random.default_rng(2)
    gold, pred = [], []
    for k in range(n):
        talk = k % 3 == 0
        truth = not talk and k % 2 == 0
        score = round(float(rng.uniform(0.6, 0.95) if truth or talk else rng.uniform(0.02, 0.3)), 4)
        rid = f"{'AB'[(k // 2) % 2]}{k:03d}"
        gold.append({"id": rid, "is_user_narrative": truth})
        pred.append({"id": rid, "narrative": {"is_user_narrative": score >= 0.3, "score": score, "evidence": {
            "detector_score": score, "voice_veto": False, "speaker": {"own_voice": 0.8} if truth else {},
            "cues": {"story_word": ["stories", "story"]} if talk else {}}}})
    gold.append({"id": "A999", "is_user_narrative": None})  # annotators disagreed: not counted
    write_jsonl(tmp_path / "gold.jsonl", gold)
    write_jsonl(tmp_path / "pred.jsonl", pred)
    return tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"


def test_prints_a_block_params_yaml_accepts_and_reports_the_gain(tmp_path, capsys):
    gold, pred = _files(tmp_path)
    _script().main([str(gold), str(pred), "--C", "10", "--group-prefix", "1"])
    out, err = capsys.readouterr()
    cal = DetectionCalibration(**yaml.safe_load(out)["detection_calibration"])
    assert dict(zip(cal.features, cal.coef))["cue.story_word"] < 0
    assert "200 labelled paragraphs" in err
    before, after = (float(x) for x in err.split("leave one group out over 2 groups: ")[1].split(" as in PRED.jsonl -> "))
    assert after > before + 0.1


def test_unreadable_lines_and_missing_ids_are_named(tmp_path):
    gold, pred = _files(tmp_path)
    pred.write_text(pred.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    with pytest.raises(SystemExit, match="pred.jsonl: no narrative field for 1 labelled ids"):
        _script().main([str(gold), str(pred)])
    gold.write_text(gold.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"gold.jsonl:202: not valid JSON"):
        _script().main([str(gold), str(pred)])
