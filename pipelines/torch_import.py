"""Keep torch out of stage processes that never use it.

thinc (under spaCy) probes for torch at import to offer it as a backend, and skops builds its list of trusted types
from scikit-learn's estimator discovery, which imports every subpackage, torch's array-API shim included: 3-5 s a
process (two thirds of a small stage's start-up) though colens's spaCy pipeline and linear models never run on
torch. A stage hides torch from imports (`hide_torch`) unless its spaCy pipeline is built on torch (a transformer
pipeline); the code that does need torch (the sentence encoder's ONNX export, the sentence-transformers backend)
lifts the hiding first (`allow_torch`), after which torch imports as usual.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from pathlib import Path

#: Words in a spaCy pipeline's config.cfg that mean its models run on torch.
TORCH_PIPELINE_MARKERS = ("PyTorch", "Transformer", "transformer")


class _TorchHidden(importlib.abc.MetaPathFinder):
    """A finder that answers 'not installed' for torch and its submodules (nothing is put in sys.modules, so
    libraries that look there for a loaded torch see none)."""

    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError(f"No module named {name!r} (hidden by colens: this process does not use it)",
                                      name=name)
        return None


_FINDER = _TorchHidden()


def spacy_pipeline_needs_torch(model: str) -> bool:
    """Whether the installed spaCy pipeline `model` (a package name or a directory) runs on torch, read from its
    config.cfg files without importing spaCy. Unknown pipelines count as not needing it (spaCy reports them)."""
    directory = Path(model)
    if not directory.is_dir():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            return False
        if spec is None or not spec.submodule_search_locations:
            return False
        directory = Path(next(iter(spec.submodule_search_locations)))
    return any(marker in cfg.read_text(encoding="utf-8", errors="replace")
               for cfg in directory.rglob("config.cfg") for marker in TORCH_PIPELINE_MARKERS)


def hide_torch(spacy_model: str) -> bool:
    """Hide torch from this process's imports unless it is imported already or `spacy_model` needs it; True when
    it is now hidden."""
    if "torch" in sys.modules or _FINDER in sys.meta_path or spacy_pipeline_needs_torch(spacy_model):
        return False
    sys.meta_path.insert(0, _FINDER)
    return True


def allow_torch() -> None:
    """Make torch importable again (before importing it on purpose)."""
    while _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)


def torch_hidden() -> bool:
    return _FINDER in sys.meta_path
