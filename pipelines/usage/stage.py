"""DVC stage `usage`: in-sense mention contexts -> embeddings (cached), usage clusters, 2-D map, topics per genre
and year, collocates (corpus-wide and per genre) and keyness between genres (+ the stage's metrics).

Lemma counts and collocate windows come from the mentions stage's paragraph parses (the parse store)."""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from pipelines.config import Config
from pipelines.doc_results import open_results
from pipelines.embeddings import EmbeddingCache
from pipelines.io import write_json
from pipelines.mentions.parses import ParseStore
from pipelines.nlp import load_spacy
from pipelines.paths import Paths
from pipelines.senses.select import in_sense_mentions
from pipelines.senses.settings import SensesParams, sense_filter
from pipelines.usage.breakdown import sort_years, topics_per_class
from pipelines.usage.clusters import TOPIC_COLUMNS, ClusterSettings, cluster_settings, fit_usage_model
from pipelines.usage.collocates import COLLOCATE_COLUMNS, score_collocates
from pipelines.usage.contexts import build_contexts
from pipelines.usage.keyness import keyness
from pipelines.usage.labels import node_words
from pipelines.usage.projection import project_2d
from pipelines.usage.scan import scan_corpus
from pipelines.usage.settings import UsageParams
from pipelines.stage_entry import run_stage
from pipelines.tables import TABLES

log = logging.getLogger(__name__)

SCAN_STAGE = "usage-scan"  # each document's lemma counts and windows in cache/doc_results.sqlite
CONTEXT_COLUMNS = ["mention_id", "doc_id", "genre", "year", "context", "cluster", "x", "y", "collocates"]
CORPUS = "corpus"  # the `scope` of corpus-wide collocates
#: BLAS and OpenMP threads for clustering and the 2-D map. One thread makes the map the same on any number of cores
#: (t-SNE's PCA start amplified the summation order of threaded BLAS into a different map) and is faster here: the
#: stage took 10.2-10.8 s with two threads and 9.0-9.2 s with one at 100k words, the second core doing the map.
NUMERIC_THREADS = 1


def _collocate_table(scan, mentions: pd.DataFrame, min_freq: int) -> pd.DataFrame:
    """Corpus-wide and per-genre collocates; only mentions of counted (non-duplicate) documents take part."""
    frames = []
    counted = mentions[mentions["doc_id"].astype(str).isin(scan.counted_docs)]
    scopes = [(CORPUS, counted, scan.corpus)] + [
        (g, counted[counted["genre"].astype(str) == g], scan.by_genre[g]) for g in sorted(scan.by_genre)
    ]
    for scope, rows, counts in scopes:
        windows = [scan.scoring_windows[m] for m in rows["mention_id"]]
        if not windows or not counts:
            continue
        df = score_collocates(windows, counts, sum(counts.values()), min_freq)
        df.insert(0, "scope", scope)
        frames.append(df)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["scope", *COLLOCATE_COLUMNS])


def _no_clusters(settings: ClusterSettings) -> dict:
    """Cluster metrics when there is nothing to cluster: degenerate, scores undefined (null, never 0)."""
    return {"n_clusters": 0, "n_outliers": 0, "cluster_method": "none", "cluster_k_criterion": settings.k.criterion,
            "cluster_ari_seeds": None, "cluster_silhouette": None, "clusters_degenerate": True,
            "largest_cluster_share": None, "cluster_k_scores": {}}


def _numeric(fn, *args):
    """fn(*args) with NUMERIC_THREADS, on whichever thread calls it (OpenMP's thread count is per thread)."""
    with threadpool_limits(limits=NUMERIC_THREADS):
        return fn(*args)


def run(cfg: Config, paths: Paths) -> dict:
    """Build and write every usage table and the metrics; return the metrics."""
    params: UsageParams = cfg.section("usage", UsageParams)
    senses: SensesParams = cfg.section("senses", SensesParams)
    t0 = time.perf_counter()
    mentions = in_sense_mentions(paths, sense_filter(senses.exclude_off_sense))
    for col in ("genre", "year"):
        mentions[col] = mentions[col].fillna("unknown").astype(str)
    sentences = TABLES["sentences"].read(paths, columns=["doc_id", "sent_id", "start", "text"])
    contexts = build_contexts(mentions, sentences, params.min_tokens).tolist()
    cache = EmbeddingCache.for_project(cfg, paths)
    embeddings = cache.encode(contexts)

    all_mentions = TABLES["mentions"].read(paths, columns=["doc_id", "is_target", "start", "end", "surface", "lemma"])
    targets = all_mentions[all_mentions["is_target"].astype(bool)]
    exclude = node_words(set(targets["surface"].astype(str)) | set(targets["lemma"].astype(str)) | {cfg.lexicon.target})
    settings = cluster_settings(params)
    # the map is drawn on a second thread (t-SNE's and k-means' inner loops release the GIL) while this one
    # clusters and scans: the same numbers as one after the other, 1.8 s sooner at 100k words
    with threadpool_limits(limits=NUMERIC_THREADS), ThreadPoolExecutor(max_workers=1) as pool:
        projected = pool.submit(_numeric, project_2d, embeddings, cfg.seed, params.projection)
        if len(contexts):
            model = fit_usage_model(contexts, embeddings, cfg.seed, exclude, params.top_words, settings,
                                    nlp=load_spacy(cfg.models.spacy), phrase_cache=paths.cache)
            labels, topics, phrases, cluster_metrics = model.labels, model.topics, model.phrases, model.metrics()
        else:
            log.warning("no in-sense mentions: usage tables are written empty")
            labels, topics, phrases = np.zeros(0, dtype=int), pd.DataFrame(columns=TOPIC_COLUMNS), []
            cluster_metrics = _no_clusters(settings)

        documents = TABLES["documents"].read(paths, columns=["doc_id", "genre", "near_duplicate_of", "text",
                                                              "content_hash"])
        paragraphs = TABLES["paragraphs"].read(paths, columns=["doc_id", "para_id", "start", "end"])
        store = ParseStore.open(cfg, paths)
        try:
            with open_results(cfg, paths, SCAN_STAGE) as results:
                scan = scan_corpus(documents, paragraphs, mentions, targets[["doc_id", "start", "end"]],
                                   store.paragraph_docs, params.window, store=results)
        finally:
            store.close()
        xy = projected.result()
    table = pd.DataFrame({
        "mention_id": mentions["mention_id"].astype(str), "doc_id": mentions["doc_id"].astype(str),
        "genre": mentions["genre"], "year": mentions["year"], "context": contexts, "cluster": labels.astype(int),
        "x": xy[:, 0], "y": xy[:, 1], "collocates": [scan.windows[m] for m in mentions["mention_id"]],
    }, columns=CONTEXT_COLUMNS)
    per_genre = topics_per_class(contexts, labels, table["genre"], "genre", params.top_words, exclude, phrases)
    over_time = sort_years(topics_per_class(contexts, labels, table["year"], "year", params.top_words, exclude,
                                            phrases))
    collocates = _collocate_table(scan, table, params.collocate_min_freq)
    key = keyness(dict(scan.by_genre), params.keyness_min_freq, params.keyness_against)

    for name, df in [("contexts", table), ("topics", topics), ("topics_per_genre", per_genre),
                     ("topics_over_time", over_time), ("collocates", collocates), ("keyness", key)]:
        TABLES[name].write(df, paths)
    metrics = {
        "n_contexts": len(table),
        "n_documents": int(table["doc_id"].nunique()),
        **cluster_metrics,
        "n_collocates_corpus": int((collocates["scope"] == CORPUS).sum()),
        "n_keyness_rows": len(key),
        "corpus_content_tokens": int(sum(scan.corpus.values())),
        "paragraphs_parsed": scan.paragraphs,
    }
    log.info("usage: %.1f s; embedding cache %d hits, %d misses (not metrics: they differ between identical runs)",
             time.perf_counter() - t0, cache.hits, cache.misses)
    write_json(metrics, paths.metric("usage"))
    return metrics


def main() -> None:
    run_stage(run)


if __name__ == "__main__":
    main()
