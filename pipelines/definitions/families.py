"""Definition families: cluster definiens embeddings (robust from one definition up), name each family by its
distinctive words (c-TF-IDF, stop words removed) and its most central definition, and count genres and years.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import silhouette_score

# Words of the target concept itself say nothing about how a family defines it.
_CONCEPT_WORDS = {"co", "production", "coproduction", "produce", "produced", "producing", "producers", "producer"}


def assign_families(definiens_texts: list[str], embeddings: np.ndarray, seed: int, max_k: int = 8,
                    min_silhouette: float = 0.08, merge_similarity: float = 0.6) -> np.ndarray:
    """Family label (0..k-1) per definition.

    0 texts -> []; 1 -> [0]; 2 -> one family when their cosine >= merge_similarity, else two; 3 or more ->
    KMeans (seeded) with k in 2..min(max_k, n_distinct-1) chosen by silhouette, or one family when even the
    best silhouette is below `min_silhouette`. Labels are renumbered by family size (0 = largest).
    """
    n = len(definiens_texts)
    if embeddings.shape[0] != n:
        raise ValueError(f"assign_families: {n} texts but {embeddings.shape[0]} embeddings")
    if n == 0:
        return np.zeros(0, dtype=int)
    X = np.asarray(embeddings, dtype=np.float64)
    X = X / np.clip(np.linalg.norm(X, axis=1, keepdims=True), 1e-12, None)
    if n == 1:
        return np.zeros(1, dtype=int)
    if n == 2:
        same = float(X[0] @ X[1]) >= merge_similarity
        return np.array([0, 0] if same else [0, 1])
    distinct = len({tuple(np.round(row, 5)) for row in X})
    best_labels, best_score = np.zeros(n, dtype=int), -1.0
    for k in range(2, min(max_k, distinct - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(X)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(X, labels, metric="cosine")
        if score > best_score + 1e-9:
            best_labels, best_score = labels, score
    if best_score < min_silhouette:
        best_labels = np.zeros(n, dtype=int)
    order = [lab for lab, _ in Counter(best_labels.tolist()).most_common()]
    remap = {old: new for new, old in enumerate(order)}
    return np.array([remap[v] for v in best_labels], dtype=int)


def distinctive_terms(texts: list[str], labels: np.ndarray, top_n: int = 5) -> dict[int, list[str]]:
    """Top c-TF-IDF words (unigrams and bigrams, English stop words and concept words removed) per family."""
    families = sorted(set(labels.tolist()))
    docs = [" ".join(t for t, lab in zip(texts, labels) if lab == f) for f in families]
    stop = list(CountVectorizer(stop_words="english").get_stop_words() | _CONCEPT_WORDS)
    try:
        vec = CountVectorizer(stop_words=stop, ngram_range=(1, 2), token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z\-]+\b")
        counts = vec.fit_transform(docs).toarray().astype(float)
    except ValueError:  # only stop words
        return {f: [] for f in families}
    tf = counts / np.clip(counts.sum(axis=1, keepdims=True), 1, None)
    avg = counts.sum() / len(families)
    idf = np.log(1 + avg / np.clip(counts.sum(axis=0), 1, None))
    ctfidf = tf * idf
    vocab = np.array(vec.get_feature_names_out())
    out = {}
    for row, f in enumerate(families):
        order = np.argsort(-ctfidf[row], kind="stable")
        out[f] = [str(vocab[i]) for i in order[:top_n] if ctfidf[row, i] > 0]
    return out


@dataclass
class FamilyTable:
    families: pd.DataFrame  # family_id, label, top_terms, representative, n_definitions, genres, years
    labels: np.ndarray       # family per input definition


def build_families(defs: pd.DataFrame, embeddings: np.ndarray, seed: int, top_n: int = 5, **kwargs) -> FamilyTable:
    """Families of the definitions in `defs` (columns definiens, genre, year), one row per family."""
    labels = assign_families(defs["definiens"].tolist(), embeddings, seed, **kwargs)
    terms = distinctive_terms(defs["definiens"].tolist(), labels, top_n) if len(defs) else {}
    rows = []
    X = np.asarray(embeddings, dtype=float)
    for f in sorted(set(labels.tolist())):
        members = np.flatnonzero(labels == f)
        centroid = X[members].mean(axis=0)
        rep = members[int(np.argmax(X[members] @ centroid))]
        sub = defs.iloc[members]
        top = terms.get(f, [])
        rows.append({
            "family_id": int(f),
            "label": f"F{f}: " + (", ".join(top[:3]) if top else defs["definiens"].iloc[rep][:40]),
            "top_terms": ", ".join(top),
            "representative": str(defs["definiens"].iloc[rep]),
            "n_definitions": int(len(members)),
            "genres": json.dumps(dict(Counter(sub["genre"].astype(str))), sort_keys=True),
            "years": json.dumps(dict(Counter(sub["year"].astype(str))), sort_keys=True),
        })
    cols = ["family_id", "label", "top_terms", "representative", "n_definitions", "genres", "years"]
    return FamilyTable(pd.DataFrame(rows, columns=cols), labels)
