"""The elasticity figures read the index's composition and the too_small detail when the table has them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.figures.elasticity import elasticity_by
from pipelines.figures.elasticity_components import elasticity_components


def _table() -> pd.DataFrame:
    rows = [
        ("corpus", "corpus", 40, 9, 0.5, 0.4, 0.6, "ok", "", "score_usage,score_collocates,score_sense_spread"),
        ("genre", "blog", 20, 5, 0.45, 0.3, 0.6, "ok", "", "score_usage,score_collocates"),
        ("genre", "policy", 18, 4, 0.55, 0.4, 0.7, "ok", "", "score_usage,score_collocates"),
        ("genre", "news", 2, 1, np.nan, np.nan, np.nan, "too_small",
         "2 mentions in 1 documents; needs at least 10 mentions in 3 documents", ""),
    ]
    t = pd.DataFrame(rows, columns=["level", "group", "n_mentions", "n_docs", "index", "ci_low", "ci_high", "status",
                                    "status_detail", "index_components"])
    for i, s in enumerate(["score_usage", "score_senses", "score_definitions", "score_collocates",
                           "score_sense_spread"]):
        t[s] = np.where(t["status"] == "ok", 0.2 + 0.1 * i, np.nan)
    t.loc[t["group"] == "policy", "score_senses"] = np.nan
    return t


def test_components_draw_sense_spread_and_mark_scores_left_out_of_the_index():
    fig = elasticity_components(_table(), "genre")
    names = [tr.name for tr in fig.data]
    assert names[-1] == "sense spread" and len(names) == 5
    spread = fig.data[-1]
    assert "left out of this level's index" in spread.hovertext[1]  # blog has it, the level's index does not
    assert "left out" not in spread.hovertext[0]  # the corpus index uses it
    assert fig.data[1].marker.pattern.shape[2] == "/"  # policy's undefined cluster score


def test_index_hover_names_its_composition_and_what_a_small_group_needed():
    fig = elasticity_by(_table(), "genre")
    measured, small = fig.data
    assert "from usage, collocates" in measured.hovertext[0]
    assert "needs at least 10 mentions in 3 documents" in small.hovertext[0]


def test_the_corpus_label_stays_inside_the_plot_whatever_the_corpus_value():
    """A corpus line near the right edge (0.82 on the bundled corpus) is labelled on its left, not cut off."""
    for value, anchor, shift in ((0.5, "left", 3), (0.82, "right", -3), (0.99, "right", -3)):
        table = _table()
        table.loc[table["level"] == "corpus", "index"] = value
        (label,) = elasticity_by(table, "genre").layout.annotations
        assert label.text == f"corpus {value:.2f}" and (label.xanchor, label.xshift) == (anchor, shift)
