"""`colens run` runs dvc.yaml's analysis stages, each after every stage whose outputs it reads."""

from __future__ import annotations

import yaml

from pipelines.root import ROOT
from pipelines.workflow.order import STAGES, stage_run


def _apply_stages() -> dict[str, dict]:
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    return {name: spec for name, spec in stages.items() if not spec["cmd"].endswith(".train")}


def _outs(spec: dict) -> set[str]:
    return {next(iter(o)) if isinstance(o, dict) else o for o in spec.get("outs", []) + spec.get("metrics", [])}


def test_stages_are_dvc_apply_stages_in_dependency_order():
    stages = _apply_stages()
    assert set(STAGES) == set(stages)
    producer = {out: name for name, spec in stages.items() for out in _outs(spec)}
    for i, name in enumerate(STAGES):
        for dep in stages[name].get("deps", []):
            src = next((producer[o] for o in producer if dep == o or dep.startswith(o + "/")), None)
            assert src is None or src == name or STAGES.index(src) < i, f"{name} reads {dep} before {src} ran"
    assert all(callable(stage_run(name)) for name in STAGES)
