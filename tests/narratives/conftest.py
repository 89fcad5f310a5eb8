"""The narrative models as the session's `dvc repro` trained them from the project's annotations; curated passages."""

from __future__ import annotations

import importlib.util
import json

import pytest

from pipelines.config import Config
from pipelines.narratives.model import load_classifier, load_stance_classifier
from pipelines.paths import ROOT, Paths

ANNOTATIONS = ROOT / "corpora" / "annotations" / "narratives" / "annotations.jsonl"
#: A charity blog: an introducing paragraph, three quotation paragraphs, a closing call (stage and scan tests).
CURATED_BLOG = [
    ("This spring our charity co-hosted three creative workshops with the local NHS trust, bringing together parents, "
    "young people and school nurses. Some of the comments shared by participants who came along included:"),
    ("“The drama exercise was brilliant. We got to show the nurses what it feels like to wait for an answer. "
    "I want every clinic to work like this!”"),
    "“It gave us a space where we were listened to, and we are looking forward to the next session.”",
    "“I will tell other parents at the school gate about it, because I think they would get a lot out of it too.”",
    "If your organisation would like to host a workshop, please get in touch with the project team.",
]


@pytest.fixture(scope="session")
def trained(cfg, repro_paths, tmp_path_factory):
    """(cfg, paths, metrics, detector, stance classifier): the models `train_narratives` trained in the session's
    `dvc repro` clone (their fine-tunes take minutes, so a test run trains them once), read from there; the data,
    metrics and cache the tests write go to a temporary folder of their own."""
    from pipelines.narratives.train import METRIC

    raw = cfg.model_dump()
    raw["train_narratives"] = {**(cfg.model_extra or {}).get("train_narratives", {}), "annotations": str(ANNOTATIONS)}
    tcfg = Config.model_validate(raw)
    paths = Paths(**{**Paths.from_config(tcfg, root=tmp_path_factory.mktemp("narr")).__dict__,
                     "models": repro_paths.models})
    metrics = json.loads(repro_paths.metric(METRIC).read_text(encoding="utf-8"))
    return tcfg, paths, metrics, load_classifier(paths, tcfg), load_stance_classifier(paths, tcfg)


def load_script(name: str):
    """A script of scripts/ loaded as a module (its `main(argv)` is what the tests call)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_jsonl(path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
