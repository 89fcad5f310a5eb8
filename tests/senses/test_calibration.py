"""The calibration report of the model card: ECE, Brier and accuracy of confident predictions."""

import numpy as np

from pipelines.senses.calibration import calibration_report

LABELS = ["a", "b"]


def test_perfect_and_overconfident_predictions():
    sure_right = calibration_report(["a", "b"], np.asarray([[1.0, 0.0], [0.0, 1.0]]), LABELS)
    assert sure_right["ece"] == 0.0 and sure_right["brier"] == 0.0 and sure_right["accuracy_at_0.75"] == 1.0
    sure_wrong = calibration_report(["a", "b"], np.asarray([[0.0, 1.0], [1.0, 0.0]]), LABELS)
    assert sure_wrong["ece"] == 1.0 and sure_wrong["brier"] == 2.0 and sure_wrong["n_at_0.75"] == 2
    assert calibration_report([], np.zeros((0, 2)), LABELS)["n_at_0.75"] == 0
