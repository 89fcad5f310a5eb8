"""Which bar a candidate must clear, and which reading stands for a passage (no model needed)."""

from __future__ import annotations

from pipelines.definitions.detector import Definition, Detector, best_of
from pipelines.definitions.patterns import Candidate


def _detector(fallback: float | None) -> Detector:
    return Detector(None, lambda feats: [0.0] * len(feats), 0.35, fallback_threshold=fallback)


def test_fallback_reading_has_its_own_bar_and_patterns_keep_theirs():
    pattern = Candidate("copula", 0, 13, 17, 40, "be")
    fallback = Candidate("mention", 0, 13, 14, 40, "", "", {"fallback": True})
    det = _detector(0.65)
    assert det.threshold_for(pattern) == 0.35
    assert det.threshold_for(fallback) == 0.65
    assert _detector(None).threshold_for(fallback) == 0.35  # no own bar: the common threshold


def test_a_window_reading_has_its_own_bar_below_the_fallback_one():
    pattern = Candidate("copula", 0, 2, 6, 40, "be")
    fallback = Candidate("mention", 0, 2, 3, 40, "", "", {"fallback": True})
    det = Detector(None, lambda feats: [0.0] * len(feats), 0.35, fallback_threshold=0.65, window_threshold=0.45)
    assert det.threshold_for(pattern, window=True) == 0.45
    assert det.threshold_for(pattern, window=False) == 0.35
    assert det.threshold_for(fallback, window=True) == 0.65  # a window's fallback reading keeps the fallback bar
    assert _detector(None).threshold_for(pattern, window=True) == 0.35


def _definition(is_definition: bool, score: float) -> Definition:
    return Definition(is_definition, score, "co-production", "x", "copula", 0, 1, 0, 0, 1, 1, 1, True)


def test_best_reading_is_a_definition_when_the_passage_has_one():
    fallback_below_its_bar, definition = _definition(False, 0.6), _definition(True, 0.4)
    assert best_of([fallback_below_its_bar, definition]) is definition
    assert best_of([_definition(False, 0.2), fallback_below_its_bar]) is fallback_below_its_bar
    assert best_of([]) is None


def test_a_generic_unit_no_cue_reads_needs_the_generic_fallback_bar():
    from pipelines.definitions.detector import UNCUED_NAMING, Scored

    det = Detector(None, lambda feats: [0.0] * len(feats), 0.35, generic_threshold=0.65,
                   generic_fallback_threshold=0.8)
    reading = Scored(0, False, Candidate("copula", 0, 0, 8, 40, "be"), {}, 0, 40)
    for how in UNCUED_NAMING:
        assert det._generic_bar(None, how) == 0.8
        assert det._generic_bar(reading, how) == 0.65  # a cue pattern reads it: the common bar
    for how in ("headword", "pattern", "cue_slot"):
        assert det._generic_bar(None, how) == 0.65
    # a defining form in the unit's text is a cue too; the bare shape "X is a ..." is not
    assert det._generic_bar(None, "subject", "Peat, which is soil made of partly decayed plants, burns slowly.") == 0.65
    assert det._generic_bar(None, "subject", "The survey is a success that the board welcomed.") == 0.8
    assert Detector(None, lambda f: [], 0.35, generic_threshold=0.65)._generic_bar(None, "none") == 0.65
    # never below the common bar
    assert Detector(None, lambda f: [], 0.35, generic_threshold=0.9,
                    generic_fallback_threshold=0.8)._generic_bar(None, "none") == 0.9
