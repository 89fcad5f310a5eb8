"""The shipped sense annotations: size, balance, spelling variety, and clear errors for bad lines."""

import json
from collections import Counter

import pytest

from pipelines.modeling import AnnotationError
from pipelines.paths import ROOT
from pipelines.senses.annotations import load_annotations, spans
from pipelines.senses.settings import LABELS

SHIPPED = ROOT / "corpora" / "annotations" / "senses" / "annotations.jsonl"


def test_shipped_annotations_are_valid_balanced_and_varied(lexicon, nlp):
    examples = load_annotations(SHIPPED, lexicon)
    counts = Counter(examples["label"])
    assert len(examples) >= 360
    assert set(counts) == set(LABELS) and min(counts.values()) >= 40
    assert counts.most_common(1)[0][0] == "participatory"
    assert examples["genre"].nunique() >= 6
    found = spans(examples, nlp)
    surfaces = {s.text[s.start : s.end].lower() for s in found}
    assert {"coproduction", "co\u2010production", "co-productions", "co-producers", "co-pro"} <= surfaces
    # passages: the mention is classified in its spaCy sentence, with the whole passage as context
    assert sum(s.passage != s.text for s in found) >= 150
    assert all(s.text in s.passage for s in found)
    assert all(examples["source"])
    assert (ROOT / "corpora" / "annotations" / "senses" / "GUIDE.md").exists()


def test_shipped_annotations_cover_the_real_corpus_failures(lexicon):
    """The forms that failed on a real corpus each have written examples: code identifiers, music credits,
    consumer marketing, the STS idiom, and service users' first-person voice."""
    examples = load_annotations(SHIPPED, lexicon)
    by = {lab: examples[examples["label"] == lab] for lab in LABELS}
    assert (by["other"]["genre"] == "code").sum() >= 10 and (by["other"]["genre"] == "marketing").sum() >= 8
    assert (by["film_media"]["genre"] == "credits").sum() >= 6
    assert by["knowledge"]["text"].str.contains("Jasanoff").sum() >= 10
    first_person = by["participatory"]["text"].str.contains(r"\b(?:I|my|me)\b")
    assert first_person.sum() >= 30
    # "co-product(s)" in processes and in accounts, mathematics' coproducts, and defence-industry co-production
    co_product = examples["mention"].str.contains(r"(?i)products?$")
    assert (co_product & (examples["label"] == "life_sciences")).sum() >= 15
    assert (co_product & (examples["label"] == "economics")).sum() >= 10
    assert (co_product & (examples["label"] == "participatory")).sum() >= 4
    assert by["other"]["text"].str.contains(r"(?i)category|morphism|sum type").sum() >= 8
    assert by["other"]["text"].str.contains(r"(?i)\b(?:tanks?|missiles?|aircraft|fighter|military|defen[cs]e)\b").sum() >= 15


def test_bad_lines_are_reported_with_file_and_line(tmp_path, lexicon):
    path = tmp_path / "bad.jsonl"
    good = {"id": "a", "text": "Patients co-produced the plan.", "label": "participatory", "genre": "news",
            "source": "written for colens", "mention": "co-produced"}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "id": "b", "label": "films"}),
        json.dumps({**good, "id": "a"}),
        json.dumps({**good, "id": "c", "mention": "co-product"}),
        json.dumps({k: v for k, v in good.items() if k != "mention"} | {"id": "d"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError) as err:
        load_annotations(path, lexicon)
    msg = str(err.value)
    assert "5 problem(s)" in msg
    for line_no, words in [(2, "not valid JSON"), (3, "label 'films'"), (4, "already used on line 1"),
                           (5, "not a spelling"), (6, "missing field(s) mention")]:
        assert f"bad.jsonl:{line_no}: " in msg and words in msg


def test_missing_file_is_named(tmp_path, lexicon):
    with pytest.raises(AnnotationError, match="not found"):
        load_annotations(tmp_path / "none.jsonl", lexicon)
