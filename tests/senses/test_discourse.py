"""One sense per discourse within a passage: vague mentions follow, confident mentions never change."""

import numpy as np

from pipelines.senses.discourse import group_mean, smooth, smooth_group

#          part  know  film  life  econ  other
SURE_P = [0.90, 0.02, 0.02, 0.02, 0.02, 0.02]
SURE_F = [0.05, 0.02, 0.88, 0.01, 0.02, 0.02]
VAGUE_K = [0.30, 0.40, 0.10, 0.05, 0.10, 0.05]


def test_vague_mention_follows_its_passage():
    out = smooth_group(np.asarray([SURE_P, SURE_P, VAGUE_K]), weight=0.5, confident=0.75)
    assert out[2].argmax() == 0 and np.allclose(out.sum(axis=1), 1.0)


def test_confident_mention_is_never_overridden():
    rows = np.asarray([SURE_P, SURE_P, SURE_P, SURE_F])
    out = smooth_group(rows, weight=1.0, confident=0.75)
    assert np.allclose(out, rows)


def test_single_mention_weight_zero_and_groups_are_left_alone():
    assert np.allclose(smooth_group(np.asarray([VAGUE_K]), 0.5, 0.75), [VAGUE_K])
    rows = np.asarray([SURE_P, VAGUE_K, VAGUE_K])
    assert np.allclose(smooth_group(rows, 0.0, 0.75), rows)
    out = smooth(rows, ["a", "a", "b"], 0.5, 0.75)
    assert out[1].argmax() == 0 and out[2].argmax() == 1


def test_group_mean_weighs_by_confidence():
    mean = group_mean(np.asarray([SURE_F, VAGUE_K]))
    assert mean.argmax() == 2 and np.isclose(mean.sum(), 1.0)
