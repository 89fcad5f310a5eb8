"""The `elasticity` stage end to end on upstream tables written here (real MiniLM embeddings), and the CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipelines.config import Config
from pipelines.elasticity.stage import RESULT_COLUMNS, run
from pipelines.io import write_table
from pipelines.senses.settings import LABELS
from pipelines.tables import TABLES
from tests.elasticity.samples import FILM, PARTICIPATORY

OTHER = [
    "The report was published in the spring after a long consultation with staff.",
    "Waiting lists for community services grew steadily over the period we studied.",
    "Funding arrangements changed twice during the three years of the programme.",
    "Interviews were transcribed verbatim and coded by two researchers independently.",
    "The local authority also runs housing, libraries and leisure centres.",
    "Several participants asked for the findings to be shared in plain language.",
]
DEFINIENS = [
    "an equal and reciprocal relationship between professionals and people using services",
    "sharing power between service users and staff in planning and delivering support",
    "a film made jointly by companies from two countries",
]


def _docs():
    """Six documents: two participatory mentions, one film mention and three plain sentences each."""
    docs = []
    for i in range(6):
        sents = [PARTICIPATORY[i], OTHER[i], FILM[i], OTHER[(i + 1) % 6], PARTICIPATORY[(i + 6) % 10],
                 OTHER[(i + 2) % 6]]
        docs.append((f"d{i}", "blog" if i < 3 else "policy", "2020" if i % 2 else "2021", sents))
    return docs


def _write_upstream(paths, lexicon):
    documents, sentences, mentions, senses, contexts, definitions = [], [], [], [], [], []
    for doc_id, genre, year, sents in _docs():
        text = ""
        documents.append({"doc_id": doc_id, "genre": genre, "year": year, "text": " ".join(sents)})
        for sid, s in enumerate(sents):
            start = len(text) + (1 if text else 0)
            text = (text + " " + s) if text else s
            sentences.append({"doc_id": doc_id, "sent_id": sid, "para_id": sid // 2, "start": start,
                              "end": start + len(s), "text": s})
            for m in lexicon.find_target(s):
                mid = f"{doc_id}:{start + m.start}"
                sense = "film_media" if s in FILM else "participatory"
                mentions.append({"mention_id": mid, "doc_id": doc_id, "concept": "co-production", "is_target": True,
                                 "start": start + m.start, "end": start + m.end, "surface": m.surface,
                                 "lemma": m.lemma, "pos": m.pos, "sent_id": sid, "para_id": sid // 2, "sentence": s,
                                 "sent_start": start, "left": s[:m.start], "right": s[m.end:], "genre": genre,
                                 "year": year, "title": doc_id})
                senses.append({"mention_id": mid, "doc_id": doc_id, "sense": sense, "sense_score": 0.9,
                               "sense_sentence": sense,
                               **{f"p_{lab}": float(lab == sense) for lab in LABELS},
                               "in_sense": sense == "participatory"})
                contexts.append({"mention_id": mid, "doc_id": doc_id, "genre": genre, "year": year, "context": s,
                                 "cluster": 2 if s in FILM else int(PARTICIPATORY.index(s) >= 6),
                                 "collocates": [w.strip(".,").lower() for w in s.split()[:8]]})
        fam = int(doc_id[1:]) % 2
        definitions.append({"def_id": f"{doc_id}:def", "doc_id": doc_id, "sent_id": 0, "definiens": DEFINIENS[fam],
                            "family_id": fam, "is_target_term": True})
        definitions.append({"def_id": f"{doc_id}:x", "doc_id": doc_id, "sent_id": 2, "definiens": DEFINIENS[2],
                            "family_id": -1, "is_target_term": False})
    for name, rows in [("documents", documents), ("sentences", sentences), ("mentions", mentions),
                       ("senses", senses), ("contexts", contexts), ("definitions", definitions)]:
        write_table(pd.DataFrame(rows), TABLES[name].path(paths))


@pytest.fixture()
def stage_cfg(cfg):
    raw = cfg.model_dump()
    raw["elasticity"] = {**raw.get("elasticity", {}), "n_boot": 300, "n_perm": 99, "min_baseline": 5}
    return Config.model_validate(raw)


@pytest.mark.slow
def test_stage_measures_levels_with_cis_and_drops_off_sense_mentions(stage_cfg, tmp_paths, lexicon):
    _write_upstream(tmp_paths, lexicon)
    metrics = run(stage_cfg, tmp_paths)
    table, comparisons = TABLES["elasticity"].read(tmp_paths), TABLES["comparisons"].read(tmp_paths)
    assert list(table.columns) == RESULT_COLUMNS
    assert set(table["level"]) == {"document", "genre", "year", "corpus", "concept"}
    corpus = table[table["level"] == "corpus"].iloc[0]
    assert corpus["n_mentions"] == 12 and corpus["n_docs"] == 6 and corpus["status"] == "ok"
    assert corpus["ci_low"] <= corpus["index"] <= corpus["ci_high"]
    assert corpus["n_definitions"] == 6 and corpus["definition_families"] == pytest.approx(2.0)
    assert corpus["baseline_source"] == "own"
    # one index composition per level, stated on every row
    for _, rows in table[table["status"] == "ok"].groupby("level"):
        assert rows["index_components"].nunique() == 1
    # filtered to one sense, the sense spread is not measured (it would be 0 by construction)
    assert "score_sense_spread" not in corpus["index_components"] and pd.isna(corpus["score_sense_spread"])
    docs = table[table["level"] == "document"]
    assert (docs["status"] == "too_small").all() and docs["index"].isna().all()
    assert docs["status_detail"].str.contains("needs at least 8 mentions in 3 paragraphs").all()
    assert metrics["whole_corpus"]["index"] == pytest.approx(corpus["index"]) and metrics["senses_kept"] == "participatory"
    assert comparisons.empty or set(comparisons["level"]) <= {"genre", "year", "concept"}
    # the target beside its neighbours, found alike (here only co-production occurs): all 18 mentions
    concept = table[table["level"] == "concept"].set_index("group")
    assert concept.loc["co-production", "n_mentions"] == 18 and concept.loc["co-production", "status"] == "ok"
    assert concept.loc["co-production", "index_components"] == "score_usage,score_collocates"
    assert metrics["concepts"]["co-production"]["index"] == pytest.approx(concept.loc["co-production", "index"])


def test_stage_names_the_missing_upstream_file(stage_cfg, tmp_paths):
    with pytest.raises(FileNotFoundError, match="sentences.parquet"):
        run(stage_cfg, tmp_paths)


@pytest.mark.slow
def test_cli_reports_malformed_lines_and_measures_the_rest(tmp_path, repro_root):
    """Run where the models were trained (a clean checkout has none until `dvc repro`)."""
    import subprocess

    from tests.repro import tool_env

    inp = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": i, "text": t, "site": "a" if i % 2 else "b"}) for i, t in enumerate(PARTICIPATORY)]
    lines.insert(3, "{not json")
    lines.insert(5, json.dumps({"id": "x", "text": "Co-production with carers."}))
    inp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.json"
    res = subprocess.run(["python", "-m", "pipelines", "elasticity", str(inp), "--group-by", "site", "--senses", "all",
                          "--no-definitions", "--out", str(out)], cwd=repro_root, env=tool_env(),
                         capture_output=True, text=True, timeout=900)
    output = res.stdout + res.stderr
    assert res.returncode == 0, output
    assert f"{inp}:4: not valid JSON" in output and f"{inp}:6: missing group field 'site'" in output
    result = json.loads(out.read_text())
    assert "groups" in set(result) <= {"groups", "notes"}
    groups = {g["group"]: g for g in result["groups"]}
    assert set(groups) == {"a", "b"} and groups["a"]["n_mentions"] == 5 and groups["a"]["status"] == "too_small"
    assert set(groups["a"]) >= {"group", "n_mentions", "n_docs", "index", "ci_low", "ci_high", "components"}


def test_compared_pairs_are_all_genres_and_consecutive_years():
    from pipelines.elasticity.stage import compared_pairs

    assert compared_pairs("genre", ["a", "b", "c"], "consecutive") == [("a", "b"), ("a", "c"), ("b", "c")]
    assert compared_pairs("year", ["2021", "unknown", "2009", "2014"], "consecutive") == [
        ("2009", "2014"), ("2014", "2021")]
    assert len(compared_pairs("year", ["2009", "2014", "2021"], "all")) == 3


def test_adjusted_p_values_control_the_false_discovery_rate():
    from pipelines.elasticity.stage import with_adjusted_p

    tests = with_adjusted_p([{"p_value": p} for p in (0.01, 0.04, 0.03, 0.5)])
    assert [round(t["p_adjusted"], 4) for t in tests] == [0.04, 0.0533, 0.0533, 0.5]
    assert with_adjusted_p([]) == []


@pytest.mark.slow
def test_stage_with_every_sense_measures_the_sense_spread(stage_cfg, tmp_paths, lexicon):
    _write_upstream(tmp_paths, lexicon)
    raw = stage_cfg.model_dump()
    raw["senses"] = {**raw["senses"], "exclude_off_sense": False}
    raw["elasticity"] = {**raw["elasticity"], "levels": ["corpus"]}
    run(Config.model_validate(raw), tmp_paths)
    corpus = TABLES["elasticity"].read(tmp_paths).iloc[0]
    assert corpus["n_mentions"] == 18
    # 12 participatory and 6 film mentions: the chance that two different mentions differ in sense
    assert corpus["score_sense_spread"] == pytest.approx(1 - (12 * 11 + 6 * 5) / (18 * 17))
    assert "score_sense_spread" in corpus["index_components"]


def test_stage_measures_with_one_blas_thread(stage_cfg, tmp_paths, monkeypatch):
    """The bootstrap arithmetic runs with BLAS_THREADS BLAS threads (oversubscribed cores slowed it fivefold), and
    the process's own limit is back afterwards."""
    from threadpoolctl import threadpool_info, threadpool_limits

    import pipelines.elasticity.stage as stage

    def blas_threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    seen = []

    def measure(cfg, paths):
        seen.append(blas_threads())
        return pd.DataFrame(columns=RESULT_COLUMNS), pd.DataFrame(columns=stage.COMPARISON_COLUMNS), {}

    monkeypatch.setattr(stage, "measure_corpus", measure)
    monkeypatch.setattr(stage, "write_json", lambda *a, **k: None)
    monkeypatch.setattr(stage, "TABLES", {name: type("T", (), {"write": lambda self, *a: None})()
                                          for name in ("elasticity", "comparisons")})
    with threadpool_limits(limits=2, user_api="blas"):  # whatever the environment set, the stage sets its own
        run(stage_cfg, tmp_paths)
        after = blas_threads()
    assert seen == [{stage.BLAS_THREADS}] and after == {2}
