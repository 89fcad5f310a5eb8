"""Training the definition model (pipelines.definitions.train / annotations): held-out metrics, the card, and
annotation lines that cannot be used."""

from __future__ import annotations

import json
import sqlite3

import pytest

from pipelines.definitions.annotations import load_annotations
from pipelines.modeling import AnnotationError


@pytest.mark.slow
def test_heldout_metrics_are_reported(def_env):
    m = def_env["metrics"]
    assert m["n_heldout"] > 80 and m["n_annotations"] >= 360
    for mode in ("target", "generic"):
        assert {"precision", "recall", "f1"} <= set(m["heldout"][mode]) and m["heldout"][mode]["f1"] > 0.75
    assert (def_env["paths"].models / "definitions" / "MODEL_CARD.md").exists()


@pytest.mark.slow
def test_definition_models_read_int8_vectors_one_text_at_a_time(def_env):
    """The definition models read the default int8 encoder (the glossary embeds every sentence of a corpus):
    training stored only int8 rows, encoded one text at a time, and the loaded classifier reads the same backend."""
    from pipelines.definitions.model import load_classifier
    from pipelines.embeddings import CACHE_FILE

    cfg, paths = def_env["cfg"], def_env["paths"]
    assert cfg.models.encoder_backend == cfg.models.backend_for("definitions") == "onnx_int8"
    with sqlite3.connect(paths.cache / CACHE_FILE) as db:
        stored = {m for (m,) in db.execute("SELECT DISTINCT model FROM emb")}
    assert stored == {f"{cfg.models.sentence_transformer}|int8-1"}
    assert load_classifier(paths, cfg).encoder.backend == "onnx_int8"


def _line(ident: str, text: str, label: str, term: str, definiens: str) -> str:
    return json.dumps({"id": ident, "text": text, "label": label, "term": term, "definiens": definiens,
                       "genre": "blog", "source": "written for colens"})


def test_bad_annotation_lines_are_all_named(lexicon, tmp_path):
    bad = tmp_path / "a.jsonl"
    ok = _line("1", "X is a way.", "definition", "X", "a way")
    lines = [ok, _line("2", "Y is a way.", "maybe", "", ""), _line("3", "Z is a way.", "definition", "W", "a way"), ok]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as exc:
        load_annotations(bad, lexicon)
    msg = str(exc.value)
    assert f"{bad}:2" in msg and "maybe" in msg and f"{bad}:3" in msg and "copied exactly" in msg
    assert f"{bad}:4" in msg and "already used" in msg
