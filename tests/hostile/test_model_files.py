"""Tampered model files: only the exact types our models hold load; anything else is refused, named, before any
object in the file is constructed."""

from __future__ import annotations

import json
import os
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from pipelines import modeling
from pipelines.modeling import MODEL_FILE, UntrustedModel, load_model, untrusted_model_types
from pipelines.paths import ROOT

DANGEROUS = {"builtins.exec": ("builtins", "exec"), "os.system": ("os", "system"),
             "subprocess.Popen": ("subprocess", "Popen"), "builtins.eval": ("builtins", "eval")}


def _tampered(directory: Path, module: str, name: str) -> Path:
    """A real model file whose schema gains one attribute naming `module.name` (what an attacker would edit)."""
    directory.mkdir(parents=True, exist_ok=True)
    model = LogisticRegression().fit(np.array([[0.0], [1.0], [2.0], [3.0]]), ["a", "a", "b", "b"])
    clean = directory / "clean.skops"
    sio.dump(model, clean)
    with zipfile.ZipFile(clean) as src:
        members = {n: src.read(n) for n in src.namelist()}
    schema = json.loads(members["schema.json"])
    schema["content"]["content"]["payload"] = {"__class__": name, "__module__": module, "__loader__": "TypeNode",
                                               "__id__": 1}
    members["schema.json"] = json.dumps(schema).encode()
    with zipfile.ZipFile(directory / MODEL_FILE, "w") as dst:
        for n, data in members.items():
            dst.writestr(n, data)
    clean.unlink()
    return directory


@pytest.mark.parametrize("qualified", sorted(DANGEROUS))
def test_a_model_naming_a_dangerous_type_is_refused_by_name_before_construction(tmp_path, monkeypatch, qualified):
    module, name = DANGEROUS[qualified]
    directory = _tampered(tmp_path / name, module, name)
    constructed = []
    monkeypatch.setattr(sio, "load", lambda *a, **k: constructed.append(a))
    with pytest.raises(UntrustedModel, match=f"untrusted type\\(s\\) .*{qualified}"):
        load_model(directory)
    assert constructed == []  # refused from the schema alone: skops never got to build anything


def test_the_four_payloads_together_are_all_named(tmp_path):
    path = tmp_path / "m.skops"
    sio.dump({"a": exec, "b": os.system, "c": subprocess.Popen, "d": eval}, path)
    refused = untrusted_model_types(path)
    assert {"builtins.exec", "builtins.eval", "subprocess.Popen"} <= set(refused)
    assert any(t.endswith(".system") for t in refused)


def test_allow_list_is_exact_names_not_prefixes():
    assert all(not t.endswith(".") and t.count(".") >= 2 for t in modeling.ALLOWED_MODEL_TYPES)
    assert "builtins.exec" not in modeling.ALLOWED_MODEL_TYPES


def test_every_shipped_model_loads_under_the_allow_list(repro_root):
    files = sorted((Path(repro_root) / "models").glob("**/model.skops"))  # trained by the repro
    assert files, "no trained models under models/"
    for path in files:
        assert untrusted_model_types(path) == [], path


def test_calibrated_pipelines_we_train_round_trip(tmp_path):
    X = np.random.default_rng(0).normal(size=(60, 3))
    y = np.array(["a", "b", "c"] * 20)
    est = make_pipeline(StandardScaler(), CalibratedClassifierCV(
        LogisticRegression(class_weight="balanced"), cv=StratifiedKFold(3, shuffle=True, random_state=0))).fit(X, y)
    sio.dump(est, tmp_path / MODEL_FILE)
    assert list(load_model(tmp_path).predict(X)) == list(est.predict(X))


def test_garbage_and_zip_bombs_are_refused(tmp_path, monkeypatch):
    (tmp_path / MODEL_FILE).write_bytes(b"not a zip at all")
    with pytest.raises(UntrustedModel, match="not a skops model file"):
        load_model(tmp_path)
    other = tmp_path / "big"
    other.mkdir()
    sio.dump(LogisticRegression(), other / MODEL_FILE)
    monkeypatch.setattr(modeling, "MAX_MODEL_UNPACKED_BYTES", 10)
    with pytest.raises(UntrustedModel, match="unpacks to"):
        load_model(other)
