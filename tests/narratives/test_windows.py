"""Sentence windows for long paragraphs and their params (pipelines.narratives.windows / settings; no models)."""

import pytest
from pydantic import ValidationError

from pipelines.narratives.settings import NarrativesParams
from pipelines.narratives.windows import sentence_spans, sentence_windows


def test_sentence_spans_keep_offsets_and_abbreviations():
    text = "Dr. Okafor et al. interviewed 12 nurses. “I was never asked,” one said. Themes (e.g. power) emerged!  Next."
    spans = sentence_spans(text)
    parts = [text[s:e] for s, e in spans]
    assert parts == ["Dr. Okafor et al. interviewed 12 nurses.", "“I was never asked,” one said.",
                     "Themes (e.g. power) emerged!", "Next."]
    windows = sentence_windows(text, 1, 3)
    assert len(windows) == 4 + 3 + 2 and (0, len(text)) not in windows
    assert sentence_windows("One sentence only.", 2, 3) == [(0, 18)] and sentence_windows("  ", 1, 3) == []
    with pytest.raises(ValueError, match="min_sentences"):
        sentence_windows(text, 3, 2)


def test_window_params_are_checked():
    with pytest.raises(ValidationError, match="window_min_sentences"):
        NarrativesParams(window_min_sentences=3, window_max_sentences=2)
