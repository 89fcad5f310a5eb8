"""The notebooks (jupytext py:percent) run top to bottom against the outputs of a real `dvc repro`."""

from __future__ import annotations

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from pipelines.paths import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.py"))
# The pipeline tables each notebook reads (checked to exist and be current before it runs).
NEEDS = {
    "01-corpus-and-concordance": ["manifest", "documents", "removals", "mentions"],
    "02-definitions-and-elasticity": ["documents", "definitions", "definition_families", "elasticity"],
    "03-levels-agency-narratives": ["documents", "levels", "level_by_genre", "level_by_document", "agency",
                                    "narratives"],
    "04-figures-for-a-paper": ["level_by_genre"],
}


def test_the_four_notebooks_are_there():
    assert [p.stem for p in NOTEBOOKS] == sorted(NEEDS)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, repro_root, monkeypatch):
    """Each notebook of this checkout (the kernel starts here, so it imports this code) against the outputs of
    a real `dvc repro` (the kernel inherits COLENS_ROOT, which says where they are)."""
    monkeypatch.setenv("COLENS_ROOT", str(repro_root))
    nb = jupytext.read(path)
    client = NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    nbformat.validate(nb)
