"""Per-document results are reused only for the same document, content and stage signature, and a table built
from stored and fresh rows equals the table of a full computation."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.doc_results import DocResults, per_document, row_keys, stage_signature
from pipelines.io import write_table

COLUMNS = ["doc_id", "n", "word", "score", "flag"]


def _docs(texts: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": list(texts), "content_hash": [str(hash(t)) for t in texts.values()],
                         "text": list(texts.values())})


class Counting:
    """A compute function that records which documents it was asked for: one row per word, none for ''."""

    def __init__(self):
        self.asked: list[list[str]] = []

    def __call__(self, docs: pd.DataFrame) -> pd.DataFrame:
        self.asked.append(docs["doc_id"].tolist())
        rows = [{"doc_id": d, "n": i, "word": w, "score": len(w) / 10, "flag": w.istitle()}
                for d, t in zip(docs["doc_id"], docs["text"]) for i, w in enumerate(t.split())]
        return pd.DataFrame(rows, columns=COLUMNS)


TEXTS = {"a": "Co-production with Carers", "b": "", "c": "Staff and Patients decide together"}


def test_reused_rows_equal_a_full_computation(tmp_path):
    full, _ = per_document(None, _docs(TEXTS), COLUMNS, Counting())
    compute = Counting()
    with DocResults(tmp_path, "stage", "sig") as store:
        first, n_first = per_document(store, _docs(TEXTS), COLUMNS, compute)
        again, n_again = per_document(store, _docs(TEXTS), COLUMNS, compute)
    assert (n_first, n_again) == (3, 0) and compute.asked == [["a", "b", "c"]]  # '' has no rows and is still stored
    pd.testing.assert_frame_equal(first, full)
    pd.testing.assert_frame_equal(again, full)


def test_only_added_or_edited_documents_are_computed(tmp_path):
    compute = Counting()
    with DocResults(tmp_path, "stage", "sig") as store:
        per_document(store, _docs(TEXTS), COLUMNS, compute)
        changed = {**TEXTS, "c": "Staff decide alone", "d": "A New document"}
        table, n = per_document(store, _docs(changed), COLUMNS, compute)
    assert n == 2 and compute.asked[-1] == ["c", "d"]
    pd.testing.assert_frame_equal(table, per_document(None, _docs(changed), COLUMNS, Counting())[0])
    assert table["doc_id"].drop_duplicates().tolist() == ["a", "c", "d"]  # the documents' order


def test_same_content_under_another_id_is_computed(tmp_path):
    compute = Counting()
    with DocResults(tmp_path, "stage", "sig") as store:
        per_document(store, _docs({"a": "Same words"}), COLUMNS, compute)
        table, n = per_document(store, _docs({"z": "Same words"}), COLUMNS, compute)
    assert n == 1 and set(table["doc_id"]) == {"z"}


def test_a_new_signature_starts_afresh_and_stages_are_separate(tmp_path):
    with DocResults(tmp_path, "stage", "old") as store:
        per_document(store, _docs(TEXTS), COLUMNS, Counting())
    with DocResults(tmp_path, "other_stage", "old") as other:
        assert other.get([("a", str(hash(TEXTS["a"])))]) == {}
    with DocResults(tmp_path, "stage", "new") as store:
        compute = Counting()
        per_document(store, _docs(TEXTS), COLUMNS, compute)
    assert compute.asked == [["a", "b", "c"]]
    with DocResults(tmp_path, "stage", "old") as store:  # the old signature's rows were dropped
        assert store.get([("a", str(hash(TEXTS["a"])))]) == {}


def test_no_documents_and_no_rows(tmp_path):
    with DocResults(tmp_path, "stage", "sig") as store:
        empty, n = per_document(store, _docs({}), COLUMNS, Counting())
        blank, m = per_document(store, _docs({"b": ""}), COLUMNS, Counting())
    assert (n, m) == (0, 1) and list(empty.columns) == COLUMNS and empty.empty and blank.empty


def test_signature_follows_settings_models_and_not_locations(cfg, tmp_path):
    class P:
        models = tmp_path / "models"

    base = stage_signature(cfg, P, "definitions")
    moved = type(cfg).model_validate({**cfg.model_dump(), "paths": {**cfg.model_dump()["paths"], "data": "elsewhere"}})
    assert stage_signature(moved, P, "definitions") == base
    assert stage_signature(cfg, P, "narratives") != base
    retuned = type(cfg).model_validate({**cfg.model_dump(), "seed": cfg.seed + 1})
    assert stage_signature(retuned, P, "definitions") != base
    P.models.mkdir()
    (P.models / "card.json").write_text("{}")
    assert stage_signature(cfg, P, "definitions") != base


def test_row_keys_follow_a_documents_rows_and_nothing_else():
    rows = pd.DataFrame({"doc_id": ["a", "a", "b"], "x": ["1", "2", "3"], "scope": ["A", "A", "B"],
                         "ignored": [1, 2, 3]})
    keys = row_keys(rows, ["x"], once=["scope"]).set_index("doc_id")["content_hash"]
    assert list(keys.index) == ["a", "b"]
    same = row_keys(rows.assign(ignored=[9, 9, 9]), ["x"], once=["scope"]).set_index("doc_id")["content_hash"]
    assert same.equals(keys)
    edited = row_keys(rows.assign(x=["1", "2", "4"]), ["x"], once=["scope"]).set_index("doc_id")["content_hash"]
    assert edited["a"] == keys["a"] and edited["b"] != keys["b"]
    rescoped = row_keys(rows.assign(scope=["Z", "Z", "B"]), ["x"], once=["scope"]).set_index("doc_id")
    assert rescoped.loc["a", "content_hash"] != keys["a"]


def test_a_table_of_stored_and_fresh_rows_writes_the_bytes_of_a_full_computation(tmp_path):
    """Rows read back from the store arrive in many Arrow chunks; the written Parquet file must not depend on that
    (the writer's dictionary fallback happens at chunk boundaries), or DVC would see a changed output."""
    # unique words of 600 characters: the `word` column's dictionary outgrows Parquet's 1 MB dictionary page
    texts = {f"d{i}": " ".join(f"Word{i}x{j}" + "e" * 600 for j in range(40)) for i in range(60)}
    full = Counting()(_docs(texts))  # the same rows built in one piece
    with DocResults(tmp_path, "stage", "sig") as store:
        per_document(store, _docs(dict(list(texts.items())[:30])), COLUMNS, Counting())
        mixed, n = per_document(store, _docs(texts), COLUMNS, Counting())
    assert n == 30
    pd.testing.assert_frame_equal(mixed, full)
    write_table(full, tmp_path / "full.parquet")
    write_table(mixed, tmp_path / "mixed.parquet")
    assert (tmp_path / "full.parquet").read_bytes() == (tmp_path / "mixed.parquet").read_bytes()
