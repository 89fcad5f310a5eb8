"""scripts/narratives_ceiling.py: the shipped figures beside a refit on the labelled paragraphs, group by group."""

from __future__ import annotations

import pytest

from pipelines.embeddings import EmbeddingCache
from tests.narratives.conftest import load_script, write_jsonl

STORIES = {
    "co-opted": "Thanks to the trust's recovery programme I found my confidence again and now I volunteer on {x}.",
    "transformative": "I was restrained on {x} and nobody listened, so we formed a survivors' group to demand change.",
    "neutral": "I spent the winter on {x}; some days I slept all afternoon and my sister brought the shopping.",
}
POLICY = "The board approved the {x} budget and the commissioning plan will be reviewed next quarter."
PLACES = ["ward nine", "the acute unit", "the rehab ward", "the day centre"]


def _files(tmp_path, groups="ABC"):
    gold, pred = [], []
    for g in groups:
        for k, place in enumerate(PLACES):
            for stance, story in STORIES.items():
                rid = f"{g}{stance[:2]}{k}"
                gold.append({"id": rid, "is_user_narrative": True, "stance": stance})
                pred.append({"id": rid, "text": story.format(x=place), "narrative": {
                    "is_user_narrative": True, "stance": stance if k else "neutral",
                    "stance_scores": {"co-opted": 0.3, "transformative": 0.3, "neutral": 0.4},
                    "evidence": {"detector_score": 0.9, "speaker": {"own_voice": 1.0}, "framing": {}}}})
            rid = f"{g}po{k}"
            gold.append({"id": rid, "is_user_narrative": False, "stance": None})
            pred.append({"id": rid, "text": POLICY.format(x=place), "narrative": {
                "is_user_narrative": True, "stance": "neutral", "stance_scores": {"neutral": 1.0},
                "evidence": {"detector_score": 0.6}}})
    write_jsonl(tmp_path / "gold.jsonl", gold)
    write_jsonl(tmp_path / "pred.jsonl", pred)
    return tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"


@pytest.fixture(scope="module")
def embed(cfg):
    cache = EmbeddingCache(cfg.models.sentence_transformer, None, cfg.models.batch_size, cfg.models.encoder_backend)
    return cache.encode


def test_reports_the_shipped_figures_beside_the_refit(tmp_path, embed, capsys):
    gold, pred = _files(tmp_path)
    report = load_script("narratives_ceiling").main([str(gold), str(pred), "--group-prefix", "1"], embed=embed)
    # every paragraph called a narrative: precision 36 / 48, recall 1
    assert report["paragraphs"] == 48 and report["narratives"] == 36 and report["stances"] == 36
    assert report["detection_f1"] == pytest.approx(2 * 0.75 / 1.75)
    # shipped stance: right on k = 1..3, neutral on k = 0 (so co-opted and transformative recall 3 / 4, precision 1)
    assert report["stance_f1"] == pytest.approx(2 * 0.75 / 1.75)
    # the refit reads the embeddings: the policy lines and each story kind are apart
    assert report["detection_f1_refit"] == 1.0 and report["stance_f1_all_narratives_refit"] == 1.0
    assert "detection_f1_refit\t1.000" in capsys.readouterr().out


def test_a_labelled_id_without_text_is_named(tmp_path, embed):
    gold, pred = _files(tmp_path)
    lines = pred.read_text(encoding="utf-8").splitlines()
    pred.write_text("\n".join([lines[0].replace('"text"', '"body"')] + lines[1:]) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="pred.jsonl: no narrative field or text for 1 labelled ids"):
        load_script("narratives_ceiling").main([str(gold), str(pred)], embed=embed)


def test_one_group_is_refused(tmp_path, embed):
    gold, pred = _files(tmp_path, groups="A")
    with pytest.raises(SystemExit, match="one group only with --group-prefix 1"):
        load_script("narratives_ceiling").main([str(gold), str(pred), "--group-prefix", "1"], embed=embed)
