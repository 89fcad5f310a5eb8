"""The `usage:` section of params.yaml, typed."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipelines.config import Section


class UsageParams(Section):
    """Context width, collocation window and thresholds, keyness comparison and the usage-map projection."""

    min_tokens: int = Field(12, ge=0, description="a context shorter than this many words takes in neighbour sentences")
    window: int = Field(5, ge=1, description="content lemmas either side of the node counted as collocates")
    collocate_min_freq: int = Field(2, ge=1, description="co-occurrences a lemma needs to be scored as a collocate")
    keyness_min_freq: int = Field(5, ge=1, description="occurrences (both sides together) a lemma needs for keyness")
    keyness_against: Literal["rest", "pairwise"] = Field("rest", description="each genre vs the rest, or vs each other")
    top_words: int = Field(10, ge=1, description="topic words kept per topic, per genre and per year")
    projection: Literal["umap", "pca"] = Field("umap", description="2-D usage map method (PCA below 20 contexts)")
