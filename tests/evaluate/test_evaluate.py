"""`colens evaluate`: predictions joined to stand-off gold rows by the hash of their text, F1 as scikit-learn
computes it, an interval over pages, and every gold row or prediction line that could not be used reported."""

import csv
import json

import numpy as np
import pytest
from sklearn.metrics import f1_score
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.evaluate.gold import GoldFileError, join_predictions, read_gold, text_sha256
from pipelines.evaluate.measures import TASKS, f1_from_confusion, score
from pipelines.evaluate.report import evaluate

NARRATIVE_COLUMNS = ("id", "source_url", "sha256", "is_user_narrative", "stance")


def write_gold(path, rows, columns=NARRATIVE_COLUMNS):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        w = csv.writer(handle, delimiter="\t", lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)


def narrative_pred(text, detected, stance="n/a", ident="x"):
    return {"id": ident, "text": text, "narrative": {"is_user_narrative": detected, "stance": stance if detected else "n/a"}}


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")


@pytest.mark.parametrize("averaged", [[1], [0, 1], [0, 1, 2]])
def test_f1_from_confusion_matches_scikit_learn(averaged):
    rng = np.random.default_rng(0)
    y, p = rng.integers(0, 3, 200), rng.integers(0, 3, 200)
    confusion = np.zeros((3, 3), dtype=int)
    np.add.at(confusion, (y, p), 1)
    assert f1_from_confusion(confusion, averaged) == pytest.approx(
        f1_score(y, p, labels=averaged, average="macro", zero_division=0))


def test_predictions_join_by_text_hash_and_what_cannot_join_is_reported(tmp_path):
    texts = ["I was admitted in May and nobody asked me.", "The trust runs a patient panel.",
             "We were told the centre would stay open."]
    gold = tmp_path / "g.tsv"
    write_gold(gold, [("Z001", "https://a.example/1", text_sha256(texts[0]), "true", "transformative"),
                      ("Z002", "https://a.example/1", text_sha256(texts[1]), "false", "n/a"),
                      ("Z003", "https://b.example/2", text_sha256(texts[2]), "true", "")])
    preds = tmp_path / "p.jsonl"
    write_jsonl(preds, [narrative_pred(texts[0], True, "transformative", "other-id-1"),
                        narrative_pred(texts[1] + " ", False),              # one byte more: not the gold passage
                        narrative_pred(texts[2], False),
                        {"id": "e", "line": 4, "error": "not valid JSON"}, "{broken"])
    rows = read_gold(gold, ("is_user_narrative", "stance"))
    joined = join_predictions(rows, preds)
    assert [g["id"] for g, _ in joined.pairs] == ["Z001", "Z003"]
    assert joined.unmatched_gold == ["Z002"] and joined.not_in_gold == 1
    assert len(joined.error_lines) == 2 and all(str(preds) in e for e in joined.error_lines)


def test_stance_counts_a_missed_narrative_as_wrong_and_skips_disagreed_stances(tmp_path):
    texts = [f"Passage number {i} about what happened to me." for i in range(4)]
    gold = tmp_path / "g.tsv"
    write_gold(gold, [("Z1", "u1", text_sha256(texts[0]), "true", "co-opted"),
                      ("Z2", "u2", text_sha256(texts[1]), "true", "transformative"),
                      ("Z3", "u3", text_sha256(texts[2]), "true", ""),          # stance not agreed
                      ("Z4", "u4", text_sha256(texts[3]), "false", "n/a")])
    preds = tmp_path / "p.jsonl"
    write_jsonl(preds, [narrative_pred(texts[0], True, "co-opted"), narrative_pred(texts[1], False),
                        narrative_pred(texts[2], True, "neutral"), narrative_pred(texts[3], True, "neutral")])
    result = evaluate("narratives", preds, gold, replicates=200)
    stance, detection = result["measures"]["stance"], result["measures"]["detection"]
    assert stance["n"] == 2
    assert stance["estimate"] == pytest.approx(f1_score(["co-opted", "transformative"], ["co-opted", "n/a"],
                                                        labels=["co-opted", "transformative"], average="macro"))
    assert detection["n"] == 4 and detection["estimate"] == pytest.approx(f1_score([1, 1, 1, 0], [1, 0, 1, 1]))
    assert detection["per_label"]["true"]["precision"] == pytest.approx(2 / 3)


def test_interval_resamples_pages_and_holds_the_estimate(tmp_path):
    rng = np.random.default_rng(1)
    rows, preds = [], []
    for i in range(120):
        text = f"Paragraph {i}."
        gold_n = bool(rng.random() < 0.4)
        rows.append(({"id": f"Z{i}", "source_url": f"https://p{i // 3}.example", "sha256": text_sha256(text),
                      "is_user_narrative": str(gold_n).lower(), "stance": "n/a"},
                     narrative_pred(text, gold_n if rng.random() < 0.8 else not gold_n)))
    m = TASKS["narratives"][2][0]
    out = score(m, rows, replicates=500)
    lo, hi = out["ci"]
    assert out["pages"] == 40 and lo < out["estimate"] < hi and hi - lo < 0.4
    one_page = [({**g, "source_url": "same"}, p) for g, p in rows]
    assert score(m, one_page, replicates=500)["ci"] == [score(m, one_page)["estimate"]] * 2


def test_a_bad_gold_file_is_named_with_its_problem(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tsource_url\tsha256\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"bad\.tsv: missing column\(s\) is_user_narrative, stance"):
        read_gold(bad, ("is_user_narrative", "stance"))
    write_gold(bad, [("Z1", "u", "abc", "true", "n/a")])
    with pytest.raises(GoldFileError, match=r"bad\.tsv:2: sha256 'abc' is not 64 hex digits"):
        read_gold(bad, ("is_user_narrative", "stance"))


def test_cli_prints_the_figures_and_refuses_bad_input(tmp_path):
    text = "I was discharged without a plan."
    gold, preds = tmp_path / "g.tsv", tmp_path / "p.jsonl"
    write_gold(gold, [("Q1", "u", text_sha256(text), "true", "neutral"), ("R1", "u", "0" * 64, "false", "n/a")])
    write_jsonl(preds, [narrative_pred(text, True, "neutral")])
    runner = CliRunner()
    res = runner.invoke(app, ["evaluate", "narratives", str(preds), "--gold", str(gold), "--sets", "Q",
                              "--out", str(tmp_path / "r.json")])
    assert res.exit_code == 0, res.output
    assert "1 of 1 gold rows scored" in res.output and "detection: 1.000" in res.output
    assert json.loads((tmp_path / "r.json").read_text())["measures"]["detection"]["estimate"] == 1.0
    assert runner.invoke(app, ["evaluate", "stories", str(preds)]).exit_code == 2
    missing = runner.invoke(app, ["evaluate", "narratives", str(preds), "--gold", str(tmp_path / "none.tsv")])
    assert missing.exit_code == 2 and "none.tsv: no such gold file" in missing.output


def test_real_classify_output_scores_on_a_stand_off_set(cfg, repro_paths, tmp_path):
    """End to end with the real models: passages classified by `colens classify`, scored against their hashes."""
    from pipelines.classify.passage import Context
    from pipelines.classify.runner import classify_file

    passages = {
        "N1": ("When I was sectioned nobody explained my rights to me. I complained for a year before anyone "
               "listened, and now I sit on the panel that rewrote the leaflet.", "true"),
        "N2": ("The trust's involvement team meets on the first Tuesday of each month in the education centre; "
               "agendas are published a week before.", "false"),
        "D1": ("Co-production is a way of working in which people who use services and professionals share power "
               "and responsibility as equal partners.", None),
    }
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": f"in-{k}", "text": t} for k, (t, _) in passages.items()])
    classify_file(inp, out, Context(cfg, "co-production", repro_paths))
    narr, defs = tmp_path / "n.tsv", tmp_path / "d.tsv"
    write_gold(narr, [(k, "u" + k, text_sha256(t), lab, "transformative" if lab == "true" else "n/a")
                      for k, (t, lab) in passages.items() if lab])
    write_gold(defs, [(k, "u" + k, text_sha256(t), "true" if k == "D1" else "false") for k, (t, _) in passages.items()],
               ("id", "source_url", "sha256", "definition"))
    n = evaluate("narratives", out, narr, replicates=100)
    d = evaluate("definitions", out, defs, replicates=100)
    assert not n["prediction_errors"] and n["scored_rows"] == 2 and d["scored_rows"] == 3
    assert d["measures"]["definition"]["estimate"] == 1.0
    assert n["measures"]["detection"]["estimate"] == 1.0


def test_baseline_comparison_is_paired_by_page(tmp_path):
    rng = np.random.default_rng(2)
    texts = [f"Paragraph {i} of the set." for i in range(90)]
    truth = [bool(rng.random() < 0.4) for _ in texts]
    gold = tmp_path / "g.tsv"
    write_gold(gold, [(f"Z{i}", f"https://p{i // 2}.example", text_sha256(t), str(y).lower(), "n/a")
                      for i, (t, y) in enumerate(zip(texts, truth))])
    better, worse = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_jsonl(better, [narrative_pred(t, y if rng.random() < 0.95 else not y) for t, y in zip(texts, truth)])
    write_jsonl(worse, [narrative_pred(t, y if rng.random() < 0.6 else not y) for t, y in zip(texts[:-1], truth)])
    result = evaluate("narratives", better, gold, replicates=400, baseline=worse)
    c = result["comparison"]["detection"]
    assert result["baseline_unmatched"] == 1 and c["n"] == 89
    assert c["difference"] == pytest.approx(c["candidate"] - c["baseline"]) and c["difference"] > 0.2
    assert c["ci"][0] < c["difference"] < c["ci"][1] and c["ci"][0] > 0 and c["share_ahead"] > 0.99
    same = evaluate("narratives", better, gold, replicates=200, baseline=better)["comparison"]["detection"]
    assert same["difference"] == 0 and same["ci"] == [0, 0] and same["share_ahead"] == 0
    res = CliRunner().invoke(app, ["evaluate", "narratives", str(better), "--gold", str(gold), "--baseline", str(worse)])
    assert res.exit_code == 0 and "detection against the baseline:" in res.output


def test_several_sets_are_also_scored_one_by_one(tmp_path):
    texts = {f"{s}{i}": f"Paragraph {i} of set {s}." for s in ("QA", "QB") for i in range(6)}
    gold, preds = tmp_path / "g.tsv", tmp_path / "p.jsonl"
    write_gold(gold, [(k, f"https://{k}.example", text_sha256(t), str(i % 2 == 0).lower(), "n/a")
                      for i, (k, t) in enumerate(texts.items())])
    write_jsonl(preds, [narrative_pred(t, k.startswith("QA") or i % 2 == 0) for i, (k, t) in enumerate(texts.items())])
    both = evaluate("narratives", preds, gold, sets=["QA", "QB"], replicates=100)
    alone = evaluate("narratives", preds, gold, sets=["QB"], replicates=100)
    assert set(both["per_set"]) == {"QA", "QB"} and both["scored_rows"] == 12
    assert both["per_set"]["QB"]["detection"]["estimate"] == alone["measures"]["detection"]["estimate"] == 1.0
    assert both["per_set"]["QA"]["detection"]["estimate"] == pytest.approx(f1_score([1, 0] * 3, [1] * 6))
    assert "per_set" not in alone and "set QA: detection" in CliRunner().invoke(
        app, ["evaluate", "narratives", str(preds), "--gold", str(gold), "--sets", "QA,QB"]).output
