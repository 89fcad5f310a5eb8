"""Fine-tune the sentence encoder's transformer as a text classifier and export it to ONNX (`finetuned.py` runs it).

`train_senses` trains the second opinion on close sense calls this way and `train_narratives` the detector's and
the stance's second opinions, each on its written annotations. torch is imported here only; the stages read the ONNX export.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np

from pipelines.finetuned import ONNX_FILE, SETTINGS_FILE, TOKENIZER_FILE, FineTunedClassifier, FineTuneParams

#: Largest difference between the ONNX export's logits and torch's on the training texts checked.
MAX_EXPORT_GAP = 1e-3


def fine_tune(base: Path, texts: Sequence[str], labels: Sequence[str], classes: Sequence[str],
              params: FineTuneParams, seed: int):
    """The transformer in `base` with a classification head trained on `texts` (class-balanced cross-entropy,
    AdamW, linear warm-up over the first tenth, then linear decay); returns (model, tokenizer) in eval mode."""
    from pipelines.torch_import import allow_torch

    allow_torch()
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # the new head's "newly initialised" report is expected
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    model = AutoModelForSequenceClassification.from_pretrained(str(base), num_labels=len(classes))
    y = np.asarray([list(classes).index(lab) for lab in labels])
    counts = np.maximum(np.bincount(y, minlength=len(classes)), 1)
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(len(y) / (len(classes) * counts), dtype=torch.float))
    optimiser = torch.optim.AdamW(model.parameters(), lr=params.learning_rate, weight_decay=0.01)
    steps = params.epochs * -(-len(texts) // params.batch_size)
    warmup = max(1, int(0.1 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda k: min(1.0, (k + 1) / warmup) * max(0.0, (steps - k) / steps))
    model.train()
    for _ in range(params.epochs):
        order = rng.permutation(len(texts))
        for start in range(0, len(order), params.batch_size):
            batch = order[start : start + params.batch_size]
            enc = tokenizer([texts[i] for i in batch], truncation=True, max_length=params.max_tokens,
                            padding=True, return_tensors="pt")
            loss = loss_fn(model(**enc).logits, torch.as_tensor(y[batch]))
            loss.backward()
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
    return model.eval(), tokenizer


def export(model, tokenizer, target: Path, classes: Sequence[str], params: FineTuneParams,
           check_texts: Sequence[str], extra: dict | None = None) -> dict:
    """Write the fine-tuned model to `target` as ONNX with its tokenizer and settings (`extra` stored beside the
    labels and word-piece limit), after checking the export's logits against torch's on `check_texts` (one text
    per call, as at run time)."""
    import torch

    class Logits(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).logits

    with torch.no_grad():  # before the export: torch's tracer leaves the module computing otherwise afterwards
        theirs = np.vstack([model(**tokenizer(t, truncation=True, max_length=params.max_tokens,
                                              return_tensors="pt")).logits.numpy() for t in check_texts])
    names = ["input_ids", "attention_mask", "token_type_ids"]
    sample = tokenizer(list(check_texts[:2]), padding=True, return_tensors="pt")
    args = tuple(sample.get(n, torch.zeros_like(sample["input_ids"])) for n in names)
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=target.parent))
    staged.chmod(0o755)  # mkdtemp makes it private; the model folder is shared like any other
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes; the check below decides
            torch.onnx.export(Logits(model), args, str(staged / ONNX_FILE), input_names=names, output_names=["logits"],
                              opset_version=17, dynamo=False,
                              dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "logits": {0: "batch"}})
        tokenizer.backend_tokenizer.save(str(staged / TOKENIZER_FILE))
        (staged / SETTINGS_FILE).write_text(json.dumps(
            {**(extra or {}), "labels": list(classes), "max_tokens": params.max_tokens}, indent=2),
            encoding="utf-8")
        ours = FineTunedClassifier(staged).logits(list(check_texts))
        gap = float(np.abs(ours - theirs).max())
        if gap > MAX_EXPORT_GAP:
            raise RuntimeError(f"the ONNX export of the fine-tuned model for {target} differs from torch by {gap:.2e} "
                               f"(> {MAX_EXPORT_GAP}) on its check texts")
        if target.exists():
            shutil.rmtree(target)
        staged.rename(target)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return {"max_export_gap": gap, "torch": torch.__version__}


def train_and_export(model_name: str, texts: Sequence[str], labels: Sequence[str], classes: Sequence[str],
                     params: FineTuneParams, seed: int, target: Path, extra: dict | None = None) -> dict:
    """Fine-tune the installed sentence encoder `model_name` on (`texts`, `labels`) and export it to `target`;
    the report for the model card and metrics."""
    from pipelines.nlp import sentence_transformer_location

    model, tokenizer = fine_tune(Path(sentence_transformer_location(model_name)), texts, labels, classes, params,
                                 seed)
    check = export(model, tokenizer, target, classes, params, list(texts[:8]), extra)
    return {"model": model_name, "n_train": len(texts), "export": check, **params.model_dump()}


def train_or_clear(model_name: str, texts: Sequence[str], labels: Sequence[str], classes: Sequence[str],
                   params: FineTuneParams | None, seed: int, target: Path, extra: dict | None = None) -> dict:
    """`train_and_export`, or, when `params` is None (the second opinion switched off in params.yaml), remove any
    earlier export from `target` and return an empty report."""
    if params is None:
        shutil.rmtree(target, ignore_errors=True)
        return {}
    return train_and_export(model_name, texts, labels, classes, params, seed, target, extra)
