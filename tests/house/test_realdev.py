"""The real-prose development sets are stand-off references only (brief: URL, sha256 of the passage, label; never
the text): every row has a unique id, an http(s) URL, a 64-hex sha256 and a label from the codebook's values."""

from __future__ import annotations

import csv
import re

import pytest

from pipelines.paths import ROOT

REALDEV = ROOT / "corpora" / "realdev"
SENSES = {"participatory", "knowledge", "film_media", "life_sciences", "economics", "other"}
LABELS = {
    "senses.tsv": {"sense": SENSES},
    "definitions.tsv": {"definition": {"true", "false"}},
    "narratives.tsv": {"is_user_narrative": {"true", "false"},
                       "stance": {"co-opted", "transformative", "neutral", "n/a", ""}},
}
TEXT_LIKE = 200  # a cell this long would be a passage, not a label


def _rows(name: str) -> list[dict]:
    with open(REALDEV / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("name", sorted(p.name for p in REALDEV.glob("*.tsv")))
def test_rows_are_references_not_text(name):
    rows = _rows(name)
    assert rows, name
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), f"{name}: repeated ids"
    for r in rows:
        assert re.fullmatch(r"[0-9a-f]{64}", r["sha256"]), (name, r["id"])
        assert r.get("source_url", r.get("url", "")).startswith(("http://", "https://")), (name, r["id"])
        assert all(len(v or "") < TEXT_LIKE for k, v in r.items() if k not in {"source_url", "url"}), (name, r["id"])


@pytest.mark.parametrize("name,columns", sorted(LABELS.items()))
def test_labels_are_codebook_values(name, columns):
    for r in _rows(name):
        for col, allowed in columns.items():
            assert r[col] in allowed, (name, r["id"], col, r[col])
