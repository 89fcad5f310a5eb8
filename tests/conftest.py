"""Shared fixtures: the project's config, the lexicon, and the real (small) models, loaded once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("DVC_NO_ANALYTICS", "1")

from pipelines.config import Config  # noqa: E402
from pipelines.paths import ROOT, Paths  # noqa: E402
from pipelines.text.lexicon import lexicon_for  # noqa: E402

SEEDS = ROOT / "corpora" / "seeds"


@pytest.fixture(scope="session")
def cfg() -> Config:
    return Config.load()


@pytest.fixture(scope="session")
def lexicon(cfg):
    return lexicon_for(cfg.lexicon)


@pytest.fixture(scope="session")
def nlp(cfg):
    from pipelines.nlp import load_spacy

    return load_spacy(cfg.models.spacy)


@pytest.fixture(scope="session")
def encoder(cfg):
    from pipelines.nlp import load_encoder

    return load_encoder(cfg.models.sentence_transformer, cfg.models.encoder_backend)


@pytest.fixture()
def tmp_paths(cfg, tmp_path: Path) -> Paths:
    """Paths whose outputs live in a temporary folder (the corpus stays the bundled seeds)."""
    p = Paths.from_config(cfg, root=tmp_path)
    return Paths(**{**p.__dict__, "corpus": SEEDS, "metadata": SEEDS / cfg.corpus.metadata})


@pytest.fixture(scope="session")
def repro_root(tmp_path_factory) -> Path:
    """A temporary clone of the project after a full `dvc repro` on the bundled corpus (once per session), run as
    `make repro` runs it: under `colens warm` (tests/warm/test_outputs.py re-runs stages cold and compares)."""
    from tests.repro import WARM_USAGE, clone_working_tree, warm_dvc

    reuse = os.environ.get("COLENS_TEST_REPRO_ROOT")  # a clone already reproduced, to iterate on these tests
    if reuse:
        return Path(reuse)
    root = clone_working_tree(tmp_path_factory.mktemp("clone"))
    result = warm_dvc(["repro"], cwd=root, usage=root.parent / WARM_USAGE)
    if result.returncode != 0:
        pytest.fail(f"dvc repro failed in {root}:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}")
    return root


@pytest.fixture(scope="session")
def repro_paths(cfg, repro_root) -> Paths:
    """Paths of the outputs of that `dvc repro`."""
    return Paths.from_config(cfg, root=repro_root)
