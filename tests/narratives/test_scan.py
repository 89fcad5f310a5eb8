"""The narrative scan (pipelines.narratives.scan) with the trained models: the seed 002 critique of co-optation,
and quotations scoring higher with the sentence that introduced them."""

from __future__ import annotations

import pytest

from pipelines.narratives.scan import analyse
from pipelines.narratives.settings import NarrativesParams
from tests.conftest import SEEDS
from tests.narratives.conftest import CURATED_BLOG

pytestmark = pytest.mark.slow


def test_seed002_commodity_point_is_found_as_critique_of_cooptation(trained):
    cfg, _, _, detector, stance = trained
    text = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    para = next(p for p in text.splitlines() if "commodity" in p)
    [r] = analyse([para], detector, stance, cfg.section("narratives", NarrativesParams))
    assert r.is_user_narrative and r.stance == "transformative"
    assert r.evidence["critique_of_cooptation"] and r.evidence["narrative_type"] == "discussed"
    assert len(r.evidence["nearest_examples"]) == 3
    assert {"id", "label", "similarity", "text"} <= set(r.evidence["nearest_examples"][0])


def test_quotes_without_their_introduction_score_lower(trained):
    cfg, _, _, detector, stance = trained
    params = cfg.section("narratives", NarrativesParams)
    alone = analyse(CURATED_BLOG[1:4], detector, stance, params)
    intro = "Some of the comments shared by participants who came along included:"
    carried = analyse(CURATED_BLOG[1:4], detector, stance, params, [intro] * 3)
    assert sum(r.score for r in carried) > sum(r.score for r in alone)
    with pytest.raises(ValueError, match="contexts"):
        analyse(CURATED_BLOG[1:4], detector, stance, params, [intro])
