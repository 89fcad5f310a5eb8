"""The `usage:` section of params.yaml, typed."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from pipelines.config import Section


class UsageParams(Section):
    """Context width, collocation window and thresholds, keyness comparison, the usage-map projection and how
    usage clusters are found, labelled and judged degenerate."""

    min_tokens: int = Field(12, ge=0, description="a context shorter than this many words takes in neighbour sentences")
    window: int = Field(5, ge=1, description="content lemmas either side of the node counted as collocates")
    collocate_min_freq: int = Field(2, ge=1, description="co-occurrences a lemma needs to be scored as a collocate")
    keyness_min_freq: int = Field(5, ge=1, description="occurrences (both sides together) a lemma needs for keyness")
    keyness_against: Literal["rest", "pairwise"] = Field("rest", description="each genre vs the rest, or vs each other")
    top_words: int = Field(10, ge=1, description="topic words kept per topic, per genre and per year")
    projection: Literal["auto", "tsne", "umap", "pca"] = Field(
        "auto", description="2-D usage map method: auto = t-SNE up to 5,000 contexts, UMAP above (PCA below 20)")
    cluster_k_min: int = Field(2, ge=2, description="fewest usage clusters tried")
    cluster_k_max: int = Field(8, ge=2, description="most usage clusters tried")
    cluster_criterion: Literal["stability", "silhouette"] = Field(
        "stability", description="stability: best silhouette among the k with ARI across seeds >= cluster_min_ari")
    cluster_min_ari: float = Field(0.9, ge=0.0, le=1.0, description="ARI across seeds a k needs to count as reproducible")
    cluster_seeds: int = Field(5, ge=2, description="seeded subsample fits whose pairwise ARI measures stability")
    cluster_subsample: float = Field(1.0, gt=0.0, le=1.0, description="share of a fit sample each stability seed fits on")
    cluster_reduce_dims: int = Field(5, ge=0, description="PCA dimensions clustered (0: the raw embeddings)")
    cluster_fit_sample: int = Field(5000, ge=10, description="contexts the clusters are fit on; the rest are assigned")
    label_sample: int = Field(2000, ge=10, description="contexts of the fit sample parsed for label noun phrases")
    cluster_min_size: int = Field(5, ge=1, description="a smaller cluster is dissolved into its nearest neighbours")
    cluster_max_share: float = Field(0.7, gt=0.0, le=1.0, description="largest cluster share above which it is degenerate")
    label_phrases: int = Field(3, ge=1, description="noun phrases in a cluster label")
    representatives: int = Field(3, ge=1, description="distinct representative contexts kept per cluster")
    phrase_min_df: int = Field(2, ge=1, description="contexts a noun phrase needs to be a topic term (20+ contexts)")

    @model_validator(mode="after")
    def _k_range(self):
        if self.cluster_k_min > self.cluster_k_max:
            raise ValueError(f"usage.cluster_k_min ({self.cluster_k_min}) > cluster_k_max ({self.cluster_k_max})")
        return self
