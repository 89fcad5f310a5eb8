"""The sentence encoder on ONNX Runtime: the same vectors as sentence-transformers without importing it.

Importing sentence-transformers costs about 10 s per process and every stage that embeds is a process of its
own; ONNX Runtime and `tokenizers` import in a fraction of a second and run the transformer a little faster on
CPU. The ONNX graph is exported once from the installed model (torch, already a dependency) into the user's cache
folder (`default_store`, shared by every project on the machine, keyed by the model's files), checked against the
torch model on probe sentences, and reused by every later process.

`int8=True` (backend `onnx_int8`) runs a copy whose matrix multiplications are quantised to 8-bit integers per
output channel (ONNX Runtime's dynamic quantisation), made once beside the float export and refused unless its
vectors stay within `MIN_INT8_COSINE` of the float model's on the probe sentences: about 1.8x faster on two CPU
cores, cosine 0.994 on average to the float vectors on real prose. Dynamic quantisation scales each input tensor by
its own range, so a batch of texts would give each text a vector that depends on its batch-mates and their padding;
the int8 copy therefore runs one text at a time (`per_text`), which is as fast (no padding) and makes every vector a
function of its text alone, whatever the batches, partitions or cache held before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np

from pipelines.io import digest_files

log = logging.getLogger(__name__)

#: Bumped when the export or the pooling changes, so older exports are not reused.
EXPORT_VERSION = "1"
#: The smallest cosine between an exported model's vectors and torch's on the probe sentences.
MIN_PROBE_COSINE = 0.9999
#: The smallest cosine between the int8 copy's vectors and the float export's on the probe sentences.
MIN_INT8_COSINE = 0.98
INT8_FILE = "model.int8.onnx"
PROBES = (
    "Co-production means people who use services working with professionals as equal partners.",
    "The trust co-produced its new crisis pathway with carers.",
    "Short one.",
    "  Leading and trailing spaces are stripped, as sentence-transformers does.  ",
)
_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"


def default_store() -> Path:
    """$XDG_CACHE_HOME/colens/encoders, else ~/.cache/colens/encoders (like the model hubs' caches)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "colens" / "encoders"


class UnsupportedEncoder(RuntimeError):
    """The model is not a plain transformer + pooling (+ normalise) stack this backend reproduces."""


def read_layout(folder: Path) -> dict:
    """The model's modules, pooling mode and sequence limit, from its sentence-transformers config files."""
    modules_file = folder / "modules.json"
    if not modules_file.exists():
        raise UnsupportedEncoder(f"{modules_file}: not found (not a sentence-transformers model folder)")
    modules = json.loads(modules_file.read_text(encoding="utf-8"))
    types = [m["type"] for m in modules]
    if types[:2] != [_TRANSFORMER, _POOLING] or any(t != _NORMALIZE for t in types[2:]):
        raise UnsupportedEncoder(f"{modules_file}: modules {types} (the ONNX backend reproduces Transformer, "
                                 "Pooling and an optional Normalize)")
    pooling = json.loads((folder / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and v]
    if modes not in (["pooling_mode_mean_tokens"], ["pooling_mode_cls_token"]):
        raise UnsupportedEncoder(f"{folder / modules[1]['path'] / 'config.json'}: pooling {modes} "
                                 "(the ONNX backend does mean or CLS pooling)")
    settings_file = folder / "sentence_bert_config.json"
    settings = json.loads(settings_file.read_text(encoding="utf-8")) if settings_file.exists() else {}
    return {"pooling": "mean" if modes == ["pooling_mode_mean_tokens"] else "cls",
            "normalize": len(types) > 2, "max_seq_length": int(settings.get("max_seq_length", 512)),
            "lower_case": bool(settings.get("do_lower_case", False)),
            "dim": int(pooling["word_embedding_dimension"])}


def export_key(folder: Path) -> str:
    """Identity of an export: the model's files and this module's export version."""
    digest = hashlib.sha256(EXPORT_VERSION.encode())
    digest_files(digest, (p for p in folder.rglob("*") if p.is_file() and p.suffix in {".json", ".safetensors",
                                                                                          ".bin", ".txt"}), folder)
    return digest.hexdigest()[:16]


class OnnxEncoder:
    """Encodes texts like sentence-transformers' `encode` (sorted batches, pooling, normalisation)."""

    def __init__(self, folder: Path, onnx_file: Path, layout: dict, per_text: bool = False):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.layout = layout
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(layout["max_seq_length"])
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        #: Run one text per call whatever `batch_size` asks (the int8 copy: see the module's docstring).
        self.per_text = per_text

    def get_embedding_dimension(self) -> int:
        return self.layout["dim"]

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encoded)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encoded):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
        if self.layout["pooling"] == "cls":
            return hidden[:, 0]
        return (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)

    def encode(self, texts: Sequence[str], batch_size: int = 64, normalize_embeddings: bool = False,
               convert_to_numpy: bool = True, show_progress_bar: bool = False) -> np.ndarray:
        """Vectors for `texts` in order, shape (n, dim); the keyword arguments mirror sentence-transformers'."""
        clean = [str(t).strip() for t in texts]
        if self.layout["lower_case"]:
            clean = [t.lower() for t in clean]
        out = np.zeros((len(clean), self.layout["dim"]), dtype=np.float32)
        order = np.argsort([-len(t) for t in clean], kind="stable")
        batch_size = 1 if self.per_text else batch_size
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = self._batch([clean[i] for i in rows])
        if self.layout["normalize"] or normalize_embeddings:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out


def export(folder: Path, target: Path, layout: dict) -> dict:
    """Write the transformer of `folder` as ONNX to `target` and check it against torch on the probe sentences."""
    from pipelines.torch_import import allow_torch

    allow_torch()
    import torch
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(folder), device="cpu")
    transformer = reference[0].auto_model.eval()

    class Hidden(torch.nn.Module):
        """The transformer's last hidden state, inputs by keyword (argument order differs across versions)."""

        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    sample = reference.tokenizer(list(PROBES[:2]), padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    args = tuple(sample.get(n, torch.zeros_like(sample["input_ids"])) for n in names)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        staged = Path(tmp) / target.name
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes; the probe check below is what decides
            torch.onnx.export(Hidden(transformer), args, str(staged), input_names=names,
                              output_names=["last_hidden_state"], opset_version=17, dynamo=False,
                              dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]})
        ours = OnnxEncoder(folder, staged, layout).encode(list(PROBES), normalize_embeddings=True)
        theirs = reference.encode(list(PROBES), normalize_embeddings=True, convert_to_numpy=True,
                                   show_progress_bar=False)
        cosine = float((ours * theirs).sum(axis=1).min())
        if cosine < MIN_PROBE_COSINE:
            raise UnsupportedEncoder(f"{folder}: the ONNX export does not reproduce the torch model (probe cosine "
                                     f"{cosine:.6f} < {MIN_PROBE_COSINE}); set models.encoder_backend: torch")
        os.replace(staged, target)
    return {"min_probe_cosine": cosine, "torch": torch.__version__, "export_version": EXPORT_VERSION}


def load_onnx_encoder(folder: Path, store: Path | None = None, int8: bool = False) -> OnnxEncoder:
    """The encoder for the model in `folder`, exporting it into `store` (default: `default_store()`) on first use
    (atomic, so processes may race); `int8`: its quantised copy, made on first use."""
    layout = read_layout(folder)
    store = store or default_store()
    target = store / f"{folder.parent.name}-{folder.name}-{export_key(folder)}" / "model.onnx"
    if not target.exists():
        log.info("exporting the sentence encoder %s to ONNX once: %s", folder, target)
        try:
            info = export(folder, target, layout)
        except UnsupportedEncoder:
            raise
        except Exception as exc:  # torch's exporter raises many types
            raise UnsupportedEncoder(f"{folder}: the ONNX export failed ({type(exc).__name__}: {exc})") from exc
        (target.parent / "export.json").write_text(json.dumps({**info, "source": str(folder)}, indent=2),
                                                  encoding="utf-8")
    if not int8:
        return OnnxEncoder(folder, target, layout)
    quantised = target.with_name(INT8_FILE)
    if not quantised.exists():
        log.info("quantising the sentence encoder to int8 once: %s", quantised)
        quantise(folder, target, quantised, layout)
    return OnnxEncoder(folder, quantised, layout, per_text=True)


def quantise(folder: Path, source: Path, target: Path, layout: dict) -> float:
    """Write `source` with int8 matrix multiplications (per output channel) to `target`, refused unless its probe
    vectors keep a cosine of at least MIN_INT8_COSINE to the float model's; returns the smallest probe cosine."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        staged = Path(tmp) / target.name
        logging.disable(logging.WARNING)  # the quantiser's advice to pre-process the graph, logged on the root
        try:
            quantize_dynamic(str(source), str(staged), weight_type=QuantType.QInt8, per_channel=True,
                             op_types_to_quantize=["MatMul"])
        finally:
            logging.disable(logging.NOTSET)
        ours = OnnxEncoder(folder, staged, layout, per_text=True).encode(list(PROBES), normalize_embeddings=True)
        theirs = OnnxEncoder(folder, source, layout).encode(list(PROBES), normalize_embeddings=True)
        cosine = float((ours * theirs).sum(axis=1).min())
        if cosine < MIN_INT8_COSINE:
            raise UnsupportedEncoder(f"{folder}: its int8 copy moves the vectors too far (probe cosine {cosine:.4f} "
                                     f"< {MIN_INT8_COSINE}); set models.encoder_backend: onnx")
        os.replace(staged, target)
    return cosine
