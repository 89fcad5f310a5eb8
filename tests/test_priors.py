"""Prior correction shared by the sense and level classifiers."""

import numpy as np
import pytest

from pipelines.priors import check_prior_weights, reweight

LABELS = ["a", "b", "c"]


def test_reweight_scales_and_renormalises_rows():
    p = np.array([[0.2, 0.5, 0.3], [0.6, 0.2, 0.2]])
    out = reweight(p, {"c": 0.5}, LABELS)
    assert np.allclose(out.sum(axis=1), 1.0)
    assert np.allclose(out[0], np.array([0.2, 0.5, 0.15]) / 0.85)
    assert out[1, 2] < p[1, 2] and out[1, 0] > p[1, 0]


def test_no_weights_leave_probabilities_untouched():
    p = np.array([[0.2, 0.5, 0.3]])
    assert reweight(p, {}, LABELS) is p


def test_unknown_labels_and_non_positive_weights_are_refused():
    assert check_prior_weights({"a": 0.5}, LABELS, "level") == {"a": 0.5}
    with pytest.raises(ValueError, match=r"unknown level\(s\) \['z'\]"):
        check_prior_weights({"z": 0.5}, LABELS, "level")
    with pytest.raises(ValueError, match="must be > 0"):
        check_prior_weights({"a": 0.0}, LABELS, "level")
