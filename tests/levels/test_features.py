"""The cue lexicon: each level's phrases found with offsets valid on the original text."""

from pipelines.levels.features import find_cues


def test_cues_find_each_level_with_offsets():
    text = "We consulted patients by survey; peer trainers co\u2010designed it; the user-led board holds the budget."
    cues = find_cues(text)
    levels = {c.level for c in cues}
    assert {"descriptive", "intermediate", "transformative"} <= levels
    for c in cues:
        assert text[c.start:c.end] == c.phrase
    assert any(c.phrase == "co\u2010designed" for c in cues)  # unicode hyphen matched, original offsets
