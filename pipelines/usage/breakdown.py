"""Topics per class (genre) and over time (year): counts, shares and the class's own topic words.

Our own counts rather than BERTopic's topics_over_time, because years are strings and may be 'unknown' (kept as
a bin of its own, sorted last); topic words per (topic, class) use the same c-TF-IDF as the topic table.
"""

from __future__ import annotations

from typing import Iterable, Sequence

import pandas as pd

from pipelines.usage.labels import ctfidf_words
from pipelines.usage.phrases import phrase_vectorizer


def topics_per_class(
    texts: Sequence[str],
    labels: Sequence[int],
    classes: Sequence[str],
    column: str,
    top_n: int = 10,
    exclude_words: Iterable[str] = (),
    phrases: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per (topic, class): n contexts, share of the class's contexts, share of the topic's contexts,
    and top terms (the topic table's noun `phrases` when given). `column` names the class column ("genre", "year")."""
    if not len(texts) == len(labels) == len(classes):
        raise ValueError(f"texts, labels and classes differ in length: {len(texts)}, {len(labels)}, {len(classes)}")
    columns = ["topic", column, "n", "share_of_class", "share_of_topic", "words"]
    if not len(texts):
        return pd.DataFrame(columns=columns)
    df = pd.DataFrame({"text": list(map(str, texts)), "topic": list(map(int, labels)), column: list(map(str, classes))})
    groups = df.groupby(["topic", column], sort=True)["text"].agg(list).reset_index()
    vectorizer = phrase_vectorizer(phrases) if phrases is not None else None
    words = ctfidf_words([" \n ".join(t) for t in groups["text"]], top_n, exclude_words, vectorizer)
    groups["n"] = groups["text"].map(len).astype(int)
    groups["share_of_class"] = groups["n"] / groups.groupby(column)["n"].transform("sum")
    groups["share_of_topic"] = groups["n"] / groups.groupby("topic")["n"].transform("sum")
    groups["words"] = words
    return groups[columns]


def sort_years(df: pd.DataFrame, column: str = "year") -> pd.DataFrame:
    """Rows in year order, non-numeric years ('unknown') last."""
    key = pd.to_numeric(df[column], errors="coerce")
    order = sorted(range(len(df)), key=lambda i: (pd.isna(key.iloc[i]), key.iloc[i] if not pd.isna(key.iloc[i]) else 0,
                                                  str(df[column].iloc[i]), int(df["topic"].iloc[i])))
    return df.iloc[order].reset_index(drop=True)
