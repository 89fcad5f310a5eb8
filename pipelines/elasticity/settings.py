"""The typed `elasticity:` section of params.yaml (sizes, rarefaction depths, resampling)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from pipelines.config import Section

LEVELS = ("document", "genre", "year", "corpus", "concept")
AUTO = "auto"


class ElasticityParams(Section):
    """How groups are measured; the defaults suit corpora from a handful to thousands of documents."""

    min_mentions: int = Field(10, ge=2, description="a group with fewer kept mentions is reported too_small")
    min_docs: int = Field(3, ge=1, description="fewer resampling units (documents; paragraphs for one document)")
    document_min_mentions: int = Field(8, ge=2, description="a single document with fewer kept mentions is too_small")
    document_min_paragraphs: int = Field(3, ge=1, description="... or with mentions in fewer paragraphs")
    neighbours: list[str] = Field(
        default_factory=lambda: ["co-creation", "co-design", "involvement", "participation"],
        description="lexicon concepts measured beside the target at level `concept` (same procedure for all)")
    rarefy_mentions: int = Field(10, ge=2, description="m: mentions per draw for the rarefied cluster entropy")
    rarefy_collocates: int | Literal["auto"] = Field(
        AUTO, description="collocate tokens per draw for the collocate diversity; auto: set from the data")
    collocate_depth_share: float = Field(0.5, gt=0.0, le=1.0,
                                         description="auto depth: this share of the smallest measurable group's tokens")
    collocate_depth_min: int = Field(20, ge=2, description="auto depth: at least this many collocate tokens")
    collocate_depth_max: int = Field(400, ge=2, description="auto depth: at most this many collocate tokens")
    min_definitions: int = Field(5, ge=2, description="fewer definitions: definitional diversity is undefined")
    min_baseline: int = Field(10, ge=2, description="fewer own baseline sentences: the pooled baseline is used")
    baseline_per_doc: int = Field(40, ge=1, description="at most this many baseline sentences per document")
    n_boot: int = Field(1000, ge=50, description="bootstrap replicates (documents resampled with replacement)")
    n_perm: int = Field(999, ge=50, description="permutations for a two-group test")
    ci: float = Field(0.95, gt=0.5, lt=1.0, description="confidence level of the percentile interval")
    levels: list[Literal["document", "genre", "year", "corpus", "concept"]] = Field(
        default_factory=lambda: list(LEVELS))
    year_comparisons: Literal["consecutive", "all"] = Field(
        "consecutive", description="permutation tests between consecutive measurable years, or every pair")

    @model_validator(mode="after")
    def _depth_bounds(self) -> "ElasticityParams":
        if isinstance(self.rarefy_collocates, int) and self.rarefy_collocates < 2:
            raise ValueError("rarefy_collocates must be 'auto' or an integer >= 2")
        if self.collocate_depth_min > self.collocate_depth_max:
            raise ValueError("collocate_depth_min must not exceed collocate_depth_max")
        return self

    def for_level(self, level: str) -> "ElasticityParams":
        """The size thresholds of a level: a single document is measured over its paragraphs with its own."""
        if level != "document":
            return self
        return self.model_copy(update={"min_mentions": self.document_min_mentions,
                                       "min_docs": self.document_min_paragraphs})
