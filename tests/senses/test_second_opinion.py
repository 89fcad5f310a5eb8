"""The second opinion on close sense calls: what the fine-tuned model reads, which mentions it is asked about, and
that asking it only there gives the labels a blend of every mention would give."""

import numpy as np
import pytest

from pipelines.senses.features import MentionSpan
from pipelines.senses.second_opinion import blend_close_calls, close_calls, render
from pipelines.senses.settings import LABELS


class Fixed:
    """A stand-in second opinion: a mention's text is the row of probabilities it answers; counts what it is asked."""

    settings = {"max_chars": 600}

    def __init__(self, rows: np.ndarray, labels=LABELS):
        self.rows, self.labels, self.asked = rows, list(labels), []

    def proba(self, texts):
        self.asked.extend(texts)
        return self.rows[[int(t) for t in texts]]


def test_render_marks_the_mention_and_centres_the_window():
    sentence = "The crisis line was co-produced with carers."
    passage = "A" * 500 + " " + sentence + " " + "B" * 500
    span = MentionSpan(sentence, 20, 31, context=passage)
    text = render(span, 200)
    assert len(text) == 200 and "[co-produced]" in text
    at = text.index("[co-produced]")
    assert 80 <= at <= 110  # centred on the mention
    assert render(MentionSpan("Co-production matters.", 0, 13), 600) == "[Co-production] matters."
    assert render(MentionSpan("no mention here", 0, 0), 5) == "no me"


def test_close_calls_are_the_rows_a_blend_could_change():
    proba = np.array([[0.50, 0.45, 0.05], [0.80, 0.15, 0.05], [0.70, 0.28, 0.02], [0.71, 0.28, 0.01]])
    # weight 0.3: a margin under 0.3 / 0.7 = 0.4286 can be overturned
    assert close_calls(proba, 0.3).tolist() == [True, False, True, False]
    assert not close_calls(proba, 0.0).any() and close_calls(proba, 1.0).all()


def test_blending_close_calls_gives_the_labels_of_a_full_blend():
    rng = np.random.default_rng(3)
    linear = rng.dirichlet(np.full(len(LABELS), 0.4), size=400)
    other = rng.dirichlet(np.full(len(LABELS), 0.3), size=400)
    spans = [MentionSpan(str(i), 0, 0) for i in range(400)]
    opinion = Fixed(other)
    out = blend_close_calls(linear, spans, opinion, 0.3, {}, LABELS)
    full = 0.7 * linear + 0.3 * other
    assert (out.argmax(axis=1) == full.argmax(axis=1)).all()
    asked = {int(t) for t in opinion.asked}
    assert asked == set(np.flatnonzero(close_calls(linear, 0.3)))
    assert 0 < len(asked) < 400
    untouched = [i for i in range(400) if i not in asked]
    assert np.array_equal(out[untouched], linear[untouched])
    assert np.allclose(out.sum(axis=1), 1.0)


def test_no_opinion_or_weight_zero_leaves_the_linear_model():
    linear = np.array([[0.5, 0.5, 0, 0, 0, 0]])
    spans = [MentionSpan("0", 0, 0)]
    assert blend_close_calls(linear, spans, None, 0.3, {}, LABELS) is linear
    opinion = Fixed(np.array([[0, 1.0, 0, 0, 0, 0]]))
    assert blend_close_calls(linear, spans, opinion, 0.0, {}, LABELS) is linear and not opinion.asked


def test_the_prior_reweights_the_opinion_too():
    linear = np.array([[0.5, 0.5, 0, 0, 0, 0]])
    opinion = Fixed(np.array([[0.4, 0.6, 0, 0, 0, 0]]))
    out = blend_close_calls(linear, [MentionSpan("0", 0, 0)], opinion, 0.5, {"knowledge": 0.5}, LABELS)
    assert out[0, 0] > out[0, 1]  # 0.6 knowledge halved: 0.3 against 0.4, renormalised
