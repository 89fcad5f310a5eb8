"""The export streams the documents table and refuses codings that do not fit their document's text."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.qda.codings import COLUMNS
from pipelines.qda.export import _documents
from pipelines.tables import TABLES, TableError


def _docs(tmp_paths, texts: dict[str, str]) -> None:
    cols = TABLES["documents"].columns
    rows = [{c: "unknown" for c in cols} | {"doc_id": d, "text": t, "content_hash": f"h{d}", "n_chars": len(t),
                                             "n_words": len(t.split()), "record": 0} for d, t in texts.items()]
    TABLES["documents"].write(pd.DataFrame(rows), tmp_paths)


def _codings(*spans) -> pd.DataFrame:
    return pd.DataFrame([(d, a, b, "sense", "participatory", 0.5, "", "senses", "m") for d, a, b in spans],
                        columns=COLUMNS)


def test_documents_stream_in_batches_and_fit_their_codings(tmp_paths):
    _docs(tmp_paths, {f"d{i}": "co-production " * (i + 1) for i in range(1200)})
    docs = list(_documents(tmp_paths, _codings(("d0", 0, 13), ("d1199", 100, 113))))
    assert [d["doc_id"] for d in docs] == [f"d{i}" for i in range(1200)]
    assert sum(1 for _ in TABLES["documents"].batches(tmp_paths, ["doc_id"])) == 3  # 500 rows a batch


@pytest.mark.parametrize("spans, message", [
    ((("d0", 0, 99),), r"codings of document d0 end at 99, beyond its 14 characters"),
    ((("zz", 0, 3),), r"codings name documents not in the documents table \(zz\)"),
    ((("d0", 5, 5),), r"empty or negative spans \(first: d0 5-5\)"),
])
def test_codings_that_do_not_fit_are_refused(tmp_paths, spans, message):
    _docs(tmp_paths, {"d0": "co-production "})
    with pytest.raises(TableError, match=message):
        list(_documents(tmp_paths, _codings(*spans)))
