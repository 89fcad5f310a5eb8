"""Fine-tuned second opinions: switching one off removes its export, and a stale or missing one is refused with
what to do (the training and export themselves are tested with the real models in tests/senses and
tests/narratives)."""

from __future__ import annotations

import pytest

from pipelines.finetune import train_or_clear
from pipelines.finetuned import ONNX_FILE, SETTINGS_FILE
from pipelines.modeling import ModelMissing
from pipelines.second_opinion import require_finetuned


def test_a_second_opinion_switched_off_removes_the_earlier_export(tmp_path):
    target = tmp_path / "model" / "second_opinion"
    target.mkdir(parents=True)
    (target / ONNX_FILE).write_bytes(b"stale")
    (target / SETTINGS_FILE).write_text("{}", encoding="utf-8")
    assert train_or_clear("all-MiniLM-L6-v2", ["a text"], ["x"], ["x", "y"], None, 13, target) == {}
    assert not target.exists()
    assert train_or_clear("all-MiniLM-L6-v2", [], [], ["x", "y"], None, 13, target) == {}  # nothing to remove


def test_a_missing_second_opinion_names_both_remedies(tmp_path):
    with pytest.raises(ModelMissing, match=r"train_x\.opinion: null\?\); run `dvc repro train_x`, or set x\.weight: 0"):
        require_finetuned(tmp_path / "second_opinion", ["a", "b"], "train_x.opinion", "x.weight", "`dvc repro train_x`")
