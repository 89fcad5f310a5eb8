"""Collocate windows on real spaCy parses, collocation scores checked by hand, keyness signs on a toy corpus."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from scipy.stats import chi2_contingency

from pipelines.usage.collocates import content_units, score_collocates, window_lemmas
from pipelines.usage.keyness import keyness, log_likelihood, log_ratio

SENTENCE = "In the Recovery College, clinicians and service users co-produce the courses with 3 peer trainers."


def _span(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_window_lemmas_keeps_content_lemmas_either_side(nlp):
    doc = nlp(SENTENCE)
    start, end = _span(SENTENCE, "co-produce")
    # content words: recovery college clinician service user | course peer trainer ("the", "and", "with", "3" go)
    assert window_lemmas(doc, start, end, window=2) == ["service", "user", "course", "peer"]
    assert window_lemmas(doc, start, end, window=5) == [
        "recovery", "college", "clinician", "service", "user", "course", "peer", "trainer"]
    assert window_lemmas(doc, start, end, window=0) == []


def test_window_skips_other_node_occurrences_and_merges_compounds(nlp):
    text = "Co-production needs user-led boards; co-production is not consultation of service-users."
    doc = nlp(text)
    first, second = (0, 13), _span(text[1:], "co-production")
    second = (second[0] + 1, second[1] + 1)
    got = window_lemmas(doc, *second, window=3, skip_spans=[first])
    assert got == ["need", "user-led", "board", "consultation", "service-user"]
    units = content_units(doc)
    assert "user-led" in [u.lemma for u in units if u.content]


def test_window_rejects_span_outside_doc(nlp):
    with pytest.raises(ValueError, match="outside the Doc"):
        window_lemmas(nlp("short text"), 5, 50)


def test_scores_match_hand_computation():
    windows = [["service", "user", "power"], ["service", "care"], ["power", "service"]]
    corpus = Counter(service=10, user=4, power=5, care=20, other=61)  # N = 100 content tokens
    df = score_collocates(windows, corpus, 100, min_freq=2).set_index("lemma")
    assert set(df.index) == {"service", "power"}  # user and care occur once: below min_freq
    # service: O11 = 3, f_node = 3 windows, C1 = 10, R1 = 7 window tokens, E11 = 7 * 10 / 100 = 0.7
    assert df.loc["service", "freq"] == 3
    assert df.loc["service", "logdice"] == pytest.approx(14 + math.log2(6 / 13))  # 12.8845
    assert df.loc["service", "logdice"] == pytest.approx(12.8845, abs=1e-4)
    assert df.loc["service", "mi"] == pytest.approx(math.log2(3 / 0.7))  # 2.0995
    table = np.array([[3, 7 - 3], [10 - 3, 100 - 7 - 10 + 3]])
    g2 = chi2_contingency(table, correction=False, lambda_="log-likelihood")[0]
    assert df.loc["service", "ll"] == pytest.approx(g2)
    by_hand = 2 * (3 * math.log(3 / 0.7) + 4 * math.log(4 / 6.3) + 7 * math.log(7 / 9.3) + 86 * math.log(86 / 83.7))
    assert df.loc["service", "ll"] == pytest.approx(by_hand)
    # power: O11 = 2, C1 = 5: logDice = 14 + log2(4 / 8) = 13; E11 = 0.35
    assert df.loc["power", "logdice"] == pytest.approx(13.0)
    assert df.loc["power", "mi"] == pytest.approx(math.log2(2 / 0.35))
    assert list(df.index) == ["power", "service"]  # best logDice first


def test_negative_association_has_negative_ll():
    windows = [["care"], ["care"], ["power"], ["power"]]  # R1 = 4: E11(care) = 4 * 80 / 100 = 3.2 > 2
    df = score_collocates(windows, Counter(care=80, power=2, other=18), 100, min_freq=1).set_index("lemma")
    assert df.loc["care", "mi"] < 0 and df.loc["care", "ll"] < 0
    assert df.loc["power", "mi"] > 0 and df.loc["power", "ll"] > 0


def test_inconsistent_counts_are_an_error():
    with pytest.raises(ValueError, match="'power' occurs 2 times in windows but 1"):
        score_collocates([["power"], ["power"]], Counter(power=1, x=10), 11, min_freq=1)
    with pytest.raises(ValueError, match="corpus_size"):
        score_collocates([["a", "b", "c"]], Counter(a=1, b=1, c=1), 2, min_freq=1)


def test_keyness_signs_on_toy_corpus():
    a = Counter(power=10, care=5, x=85)    # 100 tokens: power is typical of A
    b = Counter(power=1, care=50, x=149)   # 200 tokens: care is typical of B
    df = keyness({"A": a, "B": b}, min_freq=1, against="pairwise").set_index("lemma")
    assert set(df["genre_a"]) == {"A"} and set(df["genre_b"]) == {"B"}
    assert df.loc["power", "ll"] > 0 and df.loc["power", "log_ratio"] == pytest.approx(math.log2((10 / 100) / (1 / 200)))
    assert df.loc["care", "ll"] < 0 and df.loc["care", "log_ratio"] < 0
    # Rayson & Garside (2000): E1 = 100 * 11 / 300, E2 = 200 * 11 / 300; G2 = 2 (a ln(a/E1) + b ln(b/E2))
    e1, e2 = 100 * 11 / 300, 200 * 11 / 300
    assert df.loc["power", "ll"] == pytest.approx(2 * (10 * math.log(10 / e1) + 1 * math.log(1 / e2)))
    assert df.loc["power", "ll"] == pytest.approx(16.0812, abs=1e-4)
    assert log_likelihood(0, 0, 10, 10) == 0 and log_ratio(0, 4, 100, 100) == pytest.approx(math.log2(0.5 / 4))


def test_keyness_against_rest_and_thresholds():
    counts = {"A": Counter(power=10, x=90), "B": Counter(care=10, x=90), "C": Counter(x=100)}
    df = keyness(counts, min_freq=5, against="rest")
    assert set(df["genre_b"]) == {"rest"} and set(df["genre_a"]) == {"A", "B", "C"}
    row = df[(df.genre_a == "A") & (df.lemma == "power")].iloc[0]
    assert (row.freq_a, row.freq_b) == (10, 0) and row.ll > 0
    assert df[(df.genre_a == "C") & (df.lemma == "power")].iloc[0].ll < 0
    assert keyness({"only": Counter(x=3)}, 1).empty  # one genre: nothing to compare with
    with pytest.raises(ValueError, match="rest' or 'pairwise"):
        keyness(counts, 1, against="others")
