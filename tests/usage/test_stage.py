"""The usage stage end to end: on upstream tables built from written contexts (sense filter, schemas, cache
reuse on a re-run with other params) and on the bundled seeds through the real upstream stages."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from pipelines.config import Config
from pipelines.io import read_table, write_table
from pipelines.paths import ROOT, Paths
from pipelines.senses.settings import LABELS
from pipelines.tables import TABLES
from pipelines.usage.stage import CONTEXT_COLUMNS, run
from tests.usage.samples import BIOLOGY, FILM, MENTAL_HEALTH

pytestmark = pytest.mark.slow  # real models, UMAP, the whole stage

DOCS = [  # doc_id, genre, year, sentences, sense of its mentions
    ("film1", "news", "2019", FILM[:10], "film_media"),
    ("film2", "news", "2020", FILM[10:], "film_media"),
    ("mh1", "blog", "2019", MENTAL_HEALTH[:10], "participatory"),
    ("mh2", "blog", "unknown", MENTAL_HEALTH[10:], "participatory"),
    ("bio1", "journal_abstract", "2020", BIOLOGY[:10], "participatory"),
    ("bio2", "journal_abstract", "2021", BIOLOGY[10:], "participatory"),
]


def _upstream(paths: Paths, lexicon) -> int:
    """documents, paragraphs, sentences, mentions and senses tables as the upstream stages write them;
    returns the number of in-sense target mentions."""
    docs, paras, sents, mentions, senses = [], [], [], [], []
    for doc_id, genre, year, sentences, sense in DOCS:
        text, sid = "", 0
        for p in range(0, len(sentences), 2):  # paragraphs of two sentences
            if text:
                text += "\n\n"
            p_start = len(text)
            for s in sentences[p : p + 2]:
                if len(text) > p_start:
                    text += " "
                start = len(text)
                text += s
                sents.append((doc_id, sid, p // 2, start, len(text), s))
                for m in lexicon.find_target(s):
                    a, b = start + m.start, start + m.end
                    mentions.append(dict(
                        mention_id=f"{doc_id}:{a}", doc_id=doc_id, concept=m.concept, is_target=True, start=a, end=b,
                        surface=m.surface, lemma=m.lemma, pos=m.pos, sent_id=sid, para_id=p // 2, sentence=s,
                        sent_start=start, left=text[max(0, a - 100):a], right=s[m.end:], genre=genre, year=year,
                        title=doc_id))
                    senses.append(dict(mention_id=f"{doc_id}:{a}", doc_id=doc_id, sense=sense, sense_score=0.9,
                                       sense_sentence=sense,
                                       **{f"p_{lab}": float(lab == sense) for lab in LABELS},
                                       in_sense=sense == "participatory"))
                sid += 1
            paras.append((doc_id, p // 2, p_start, len(text), text[p_start:]))
        docs.append(dict(doc_id=doc_id, genre=genre, year=year, title=doc_id, text=text, content_hash=f"h-{doc_id}",
                         near_duplicate_of=None))
    write_table(pd.DataFrame(docs), _path("documents", paths))
    write_table(pd.DataFrame(paras, columns=["doc_id", "para_id", "start", "end", "text"]), _path("paragraphs", paths))
    write_table(pd.DataFrame(sents, columns=["doc_id", "sent_id", "para_id", "start", "end", "text"]),
                _path("sentences", paths))
    write_table(pd.DataFrame(mentions), _path("mentions", paths))
    write_table(pd.DataFrame(senses), _path("senses", paths))
    return sum(s["in_sense"] for s in senses)


def _path(name: str, paths: Paths):
    return TABLES[name].path(paths)


def _read(name: str, paths: Paths) -> pd.DataFrame:
    return TABLES[name].read(paths)


def _with_usage(cfg: Config, **usage) -> Config:
    return Config.model_validate({**cfg.model_dump(), "usage": usage})


def test_stage_on_written_corpus_and_cached_rerun(cfg, lexicon, tmp_paths, caplog):
    n = _upstream(tmp_paths, lexicon)
    assert n >= 40
    metrics = run(_with_usage(cfg, window=5, collocate_min_freq=2, keyness_min_freq=3), tmp_paths)
    out = {k: _read(k, tmp_paths) for k in ("contexts", "topics", "topics_per_genre", "topics_over_time",
                                            "collocates", "keyness")}
    ctx = out["contexts"]
    assert list(ctx.columns) == CONTEXT_COLUMNS and len(ctx) == n == metrics["n_contexts"]
    assert not ctx["doc_id"].str.startswith("film").any()  # off-sense (film) mentions are left out
    assert np.isfinite(ctx[["x", "y"]].to_numpy()).all()
    assert metrics["n_clusters"] >= 2 and "embedding_cache_misses" not in metrics
    node = {"co-production", "co-produce", "co-produced", "co-producer", "production"}
    assert all(0 < len(c) <= 10 and not node & set(c) for c in ctx["collocates"])
    assert "fermentation" in set(ctx.loc[ctx.doc_id == "bio1", "collocates"].explode())
    # the biology and the mental-health usages do not share a cluster
    major = ctx[ctx.cluster >= 0].groupby(ctx["doc_id"].str[:2])["cluster"].agg(lambda s: s.mode().iloc[0])
    assert major["bi"] != major["mh"]
    topics = out["topics"]
    assert topics["size"].sum() == n and set(topics["topic"]) == set(ctx["cluster"])
    per_genre = out["topics_per_genre"]
    assert per_genre.groupby("genre")["n"].sum().to_dict() == ctx["genre"].value_counts().to_dict()
    assert out["topics_over_time"]["year"].iloc[-1] == "unknown"
    col = out["collocates"]
    assert {"corpus", "blog", "journal_abstract"} <= set(col["scope"]) and "news" not in set(col["scope"])
    assert (col["freq"] >= 2).all() and np.isfinite(col[["logdice", "mi", "ll"]].to_numpy()).all()
    key = out["keyness"]
    assert set(key["genre_b"]) == {"rest"} and {"news", "blog", "journal_abstract"} == set(key["genre_a"])
    blog = key[(key.genre_a == "blog")].set_index("lemma")
    assert blog.loc["patient", "ll"] > 0 and blog.loc["patient", "log_ratio"] > 0

    # other params: nothing is embedded again, contexts stay, windows shrink
    with caplog.at_level(logging.INFO, logger="pipelines.usage.stage"):
        run(_with_usage(cfg, window=2, projection="pca", keyness_against="pairwise"), tmp_paths)
    assert f"embedding cache {n} hits, 0 misses" in caplog.text
    ctx2 = _read("contexts", tmp_paths)
    assert ctx2["context"].tolist() == ctx["context"].tolist()
    assert all(len(c) <= 4 for c in ctx2["collocates"])
    assert "rest" not in set(_read("keyness", tmp_paths)["genre_b"])


def test_stage_names_a_mention_without_sentence(cfg, lexicon, tmp_paths):
    _upstream(tmp_paths, lexicon)
    sents = _read("sentences", tmp_paths)
    write_table(sents[~((sents.doc_id == "mh1") & (sents.sent_id == 0))], _path("sentences", tmp_paths))
    with pytest.raises(KeyError, match=r"mention mh1:\d+: sentence 0 of document 'mh1'"):
        run(cfg, tmp_paths)


def test_stage_on_bundled_seeds(cfg, tmp_paths):
    """ingest -> mentions -> senses (the trained model when present) -> usage, all on corpora/seeds."""
    from pipelines.ingest.stage import run as run_ingest
    from pipelines.mentions.stage import run as run_mentions

    run_ingest(cfg, tmp_paths)
    run_mentions(cfg, tmp_paths)
    if (ROOT / "models" / "senses" / "model.skops").exists():
        from pipelines.senses.stage import run as run_senses

        run_senses(cfg, Paths(**{**tmp_paths.__dict__, "models": ROOT / "models"}))
    else:  # no trained sense model in this checkout: every target mention counts as in sense
        m = _read("mentions", tmp_paths)
        m = m[m.is_target]
        write_table(pd.DataFrame({"mention_id": m.mention_id, "doc_id": m.doc_id, "sense": "participatory",
                                  "sense_score": 1.0, **{f"p_{lab}": float(lab == "participatory") for lab in LABELS},
                                  "in_sense": True, "sense_sentence": "participatory"}),
                    _path("senses", tmp_paths))
    metrics = run(cfg, tmp_paths)
    ctx = _read("contexts", tmp_paths)
    assert metrics["n_contexts"] == len(ctx) >= 20 and ctx["doc_id"].nunique() == 5
    assert metrics["n_clusters"] >= 2
    assert ctx["context"].str.contains("co.?produc", case=False, regex=True).all()
    col = _read("collocates", tmp_paths)
    corpus = col[col.scope == "corpus"].set_index("lemma")
    assert {"service", "research"} <= set(corpus.index)
    assert len(_read("keyness", tmp_paths)) > 0


def test_stage_without_in_sense_mentions_writes_empty_tables(cfg, lexicon, tmp_paths):
    _upstream(tmp_paths, lexicon)
    senses = read_table(_path("senses", tmp_paths)).assign(sense="film_media", in_sense=False)
    write_table(senses, _path("senses", tmp_paths))
    metrics = run(cfg, tmp_paths)
    assert metrics["n_contexts"] == 0 and metrics["n_clusters"] == 0
    ctx = _read("contexts", tmp_paths)
    assert list(ctx.columns) == CONTEXT_COLUMNS and ctx.empty
    assert len(_read("keyness", tmp_paths)) > 0  # keyness needs no mentions


def test_map_is_drawn_beside_the_clustering_with_one_numeric_thread(cfg, lexicon, tmp_paths, monkeypatch):
    """The 2-D map runs on a second thread while the stage clusters, and BLAS / OpenMP use one thread there: the
    map then does not depend on the machine's core count."""
    import threading

    from threadpoolctl import threadpool_info

    import pipelines.usage.stage as stage

    seen = {}
    project = stage.project_2d

    def spy(*args, **kwargs):
        seen["thread"] = threading.get_ident()
        seen["threads"] = {lib["num_threads"] for lib in threadpool_info()}
        return project(*args, **kwargs)

    monkeypatch.setattr(stage, "project_2d", spy)
    _upstream(tmp_paths, lexicon)
    run(_with_usage(cfg, projection="pca"), tmp_paths)
    assert seen["thread"] != threading.get_ident() and seen["threads"] == {stage.NUMERIC_THREADS}
    xy = _read("contexts", tmp_paths)[["x", "y"]].to_numpy()
    assert np.isfinite(xy).all() and np.abs(xy).sum() > 0
