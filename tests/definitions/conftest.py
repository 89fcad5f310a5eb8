"""The definition model trained once per session into a temporary folder, and the passage-level detector."""

from __future__ import annotations

import pytest
import yaml

from pipelines.config import Config
from pipelines.paths import ROOT, Paths

SEED_002 = ROOT / "corpora" / "seeds" / "002_1217939ae50a12d0.txt"


@pytest.fixture(scope="session")
def def_env(tmp_path_factory):
    """A params file whose outputs live in a temporary folder, with the definition model trained there."""
    from pipelines.definitions.train import run

    root = tmp_path_factory.mktemp("definitions")
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    raw["paths"] = {k: str(root / k) for k in ("data", "models", "metrics", "reports", "cache")}
    raw["corpus"]["path"] = str(ROOT / "corpora" / "seeds")
    raw["train_definitions"]["annotations"] = str(ROOT / raw["train_definitions"]["annotations"])
    raw["train_definitions"]["generic_annotations"] = [str(ROOT / f) for f in
                                                       raw["train_definitions"]["generic_annotations"]]
    raw["train_definitions"]["target_annotations"] = [str(ROOT / f) for f in
                                                      raw["train_definitions"]["target_annotations"]]
    params = root / "params.yaml"
    params.write_text(yaml.safe_dump(raw), encoding="utf-8")
    cfg = Config.load(params)
    paths = Paths.from_config(cfg)
    metrics = run(cfg, paths)
    return {"cfg": cfg, "paths": paths, "params": params, "metrics": metrics}


@pytest.fixture(scope="session")
def detect(def_env):
    """`detect(texts, term=None)`: the best definition candidate of each text, through the passage road
    (`annotator.best_definitions`; `term` a concept, a spelling or "ANY", default the target)."""
    from pipelines.classify.passage import Context, Passage
    from pipelines.definitions.annotator import best_definitions

    contexts: dict = {}

    def run(texts: list[str], term: str | None = None):
        ctx = contexts.setdefault(term, Context(def_env["cfg"], term, def_env["paths"]))
        return best_definitions([Passage(i, t, {}) for i, t in enumerate(texts)], ctx)

    return run
