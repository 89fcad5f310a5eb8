"""A text classifier fine-tuned by `finetune.py`, run on ONNX Runtime one text per call.

One text per call means no padding and no batch-mates, so a probability is a function of its text alone, whatever
the batches, partitions or caches of a run (the reason the int8 encoder runs that way too, `onnx_encoder.py`). The
folder holds `model.onnx`, the tokenizer and `settings.json` (labels, the word-piece limit and what the caller
stored beside them, such as the senses' character window).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from pydantic import Field

from pipelines.config import Section

ONNX_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
SETTINGS_FILE = "settings.json"


class FineTuneParams(Section):
    """How a second opinion is fine-tuned (`finetune.py`): a classification head on the sentence encoder's
    transformer, trained end to end with class-balanced cross-entropy."""

    epochs: int = Field(3, ge=1)
    learning_rate: float = Field(5e-5, gt=0.0)
    batch_size: int = Field(16, ge=1)
    max_tokens: int = Field(192, ge=16, le=512)  # word pieces read at most


class FineTunedClassifier:
    """`labels`, `settings`, `logits(texts)` and `proba(texts)` (columns in `labels` order)."""

    def __init__(self, folder: Path):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.settings: dict[str, Any] = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
        self.labels: list[str] = list(self.settings["labels"])
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(int(self.settings["max_tokens"]))
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(folder / ONNX_FILE), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        for row, text in enumerate(texts):
            ids = np.asarray([self.tokenizer.encode(text).ids], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
            out[row] = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0][0]
        return out

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        logits = self.logits(texts).astype(float)
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=1, keepdims=True)


def load_finetuned(folder: Path) -> FineTunedClassifier | None:
    """The classifier exported into `folder`, or None when there is none."""
    return FineTunedClassifier(folder) if (folder / ONNX_FILE).exists() else None

