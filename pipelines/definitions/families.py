"""Definition families: cluster definiens embeddings (robust from one definition up), name each family by its
most distinctive key phrases (noun chunks, c-TF-IDF) and its most central definition, flag singletons, and count
genres and years."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import silhouette_score

# Words of the target concept itself say nothing about how a family defines it.
_CONCEPT_WORDS = {"co", "production", "coproduction", "produce", "produced", "producing", "producers", "producer"}
_CONCEPT = re.compile(r"^co-?produc", re.I)


def _is_concept(word: str) -> bool:
    return word in _CONCEPT_WORDS or bool(_CONCEPT.match(word))


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


_KEEP_POS = {"ADJ", "NOUN", "PROPN"}
_MAX_PHRASE = 3


def phrase_candidates(doc) -> list[str]:
    """Readable key phrases of one tagged definiens: its noun chunks without determiners, pronouns or stop words
    at the edges, at most three words, never only concept words; falls back to single nouns and adjectives."""
    phrases = []
    chunks = list(doc.noun_chunks) if doc.has_annotation("DEP") else []
    for chunk in chunks:
        toks = [t for t in chunk if t.is_alpha or _CONCEPT.match(t.text)]
        while toks and (toks[0].is_stop or toks[0].pos_ not in _KEEP_POS | {"VERB"}):
            toks = toks[1:]
        while toks and (toks[-1].is_stop or toks[-1].pos_ not in {"NOUN", "PROPN"}):
            toks = toks[:-1]
        toks = toks[-_MAX_PHRASE:]
        if toks and not _is_concept(toks[-1].text.lower()):
            phrases.append(doc[toks[0].i:toks[-1].i + 1].text.lower())  # as written, possessives kept
    if not phrases:
        phrases = [t.text.lower() for t in doc if t.is_alpha and not t.is_stop and t.pos_ in _KEEP_POS
                   and not _is_concept(t.text.lower())]
    return phrases


def distinctive_terms(phrases: list[list[str]], labels: np.ndarray, top_n: int = 5) -> dict[int, list[str]]:
    """Top key phrases per family: class-based TF-IDF (as in BERTopic) over each definiens' phrases, longer
    phrases weighted up by the square root of their length."""
    families = sorted(set(labels.tolist()))
    grouped = [[p for ps, lab in zip(phrases, labels) if lab == f for p in ps] for f in families]
    try:
        vec = CountVectorizer(analyzer=lambda items: items)
        counts = vec.fit_transform(grouped).toarray().astype(float)
    except ValueError:  # no phrase at all
        return {f: [] for f in families}
    tf = counts / np.clip(counts.sum(axis=1, keepdims=True), 1, None)
    avg = counts.sum() / len(families)
    idf = np.log(1 + avg / np.clip(counts.sum(axis=0), 1, None))
    vocab = np.array(vec.get_feature_names_out())
    words = np.array([len(v.split()) for v in vocab], dtype=float)
    ctfidf = tf * idf * np.sqrt(words)  # a longer phrase says more about a family than one of its words
    out = {}
    for row, f in enumerate(families):
        order = np.argsort(-ctfidf[row], kind="stable")
        out[f] = [str(vocab[i]) for i in order[:top_n] if ctfidf[row, i] > 0]
    return out


def _opening(text: str, words: int = 6) -> str:
    """The first few words of a definiens, as a label when no key phrase was found."""
    tokens = text.split()
    return " ".join(tokens[:words]).strip(" ,;:") + ("…" if len(tokens) > words else "")


@dataclass
class FamilyTable:
    families: pd.DataFrame  # one row per family (FAMILY_COLUMNS)
    labels: np.ndarray       # family per input definition


FAMILY_COLUMNS = ["family_id", "label", "top_terms", "representative", "n_definitions", "mean_score", "flag",
                  "genres", "years"]


def build_families(defs: pd.DataFrame, embeddings: np.ndarray, seed: int, nlp, top_n: int = 5,
                   singleton_min_score: float = 0.8, **kwargs) -> FamilyTable:
    """Families of the definitions in `defs` (columns definiens, genre, year, optional score), one row per family.

    Labels are the family's most distinctive key phrases (noun chunks of the definiens, tagged with `nlp`);
    a family of one definition is flagged `singleton`, or `low_confidence_singleton` when that definition's
    score is under `singleton_min_score` (often a false positive, so the reader should check it first).
    """
    texts = defs["definiens"].astype(str).tolist()
    labels = assign_families(texts, embeddings, seed, **kwargs)
    phrases = [phrase_candidates(d) for d in nlp.pipe(texts, disable=["ner"])] if texts else []
    terms = distinctive_terms(phrases, labels, top_n) if len(defs) else {}
    scores = defs["score"].astype(float).to_numpy() if "score" in defs else np.full(len(defs), np.nan)
    rows = []
    X = np.asarray(embeddings, dtype=float)
    for f in sorted(set(labels.tolist())):
        members = np.flatnonzero(labels == f)
        centroid = X[members].mean(axis=0)
        rep = members[int(np.argmax(X[members] @ centroid))]
        sub = defs.iloc[members]
        top = terms.get(f, [])
        mean_score = float(np.nanmean(scores[members])) if np.isfinite(scores[members]).any() else float("nan")
        flag = ""
        if len(members) == 1:
            flag = "low_confidence_singleton" if not mean_score >= singleton_min_score else "singleton"
        rows.append({
            "family_id": int(f),
            "label": f"F{f}: " + ("; ".join(top[:2]) if top else _opening(texts[rep])),
            "top_terms": ", ".join(top),
            "representative": texts[rep],
            "n_definitions": int(len(members)),
            "mean_score": mean_score,
            "flag": flag,
            "genres": json.dumps(dict(Counter(sub["genre"].astype(str))), sort_keys=True),
            "years": json.dumps(dict(Counter(sub["year"].astype(str))), sort_keys=True),
        })
    return FamilyTable(pd.DataFrame(rows, columns=FAMILY_COLUMNS), labels)
