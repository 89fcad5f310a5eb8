"""Training the definition model (pipelines.definitions.train / annotations): held-out metrics, the card, and
annotation lines that cannot be used."""

from __future__ import annotations

import json

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
