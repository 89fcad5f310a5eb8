"""The bundled corpus's `dvc repro` ran under `colens warm` (conftest `repro_root`, as `make repro` runs it): its
stages ran in the server's forks, and the same stages re-run each in its own process write the same outputs."""

from __future__ import annotations

import os

import pytest
import yaml

from pipelines.launch import stage_module
from pipelines.warm.client import read_usage
from tests.repro import WARM_USAGE, dvc

#: Stages whose outputs are tables and metrics (figures' SVG/PDF carry plotly.js's random ids, models their training
#: time); each re-run cold must reproduce the warm run's hashes.
COLD_RERUN = ["ingest", "mentions", "senses", "definitions", "narratives"]


def _out_hashes(lock: dict, stage: str) -> dict[str, str]:
    return {o["path"]: o.get("md5") or o.get("hash") for o in lock["stages"][stage].get("outs", [])}


@pytest.mark.slow
def test_the_session_repro_ran_its_stages_in_the_warm_server(repro_root):
    if os.environ.get("COLENS_TEST_REPRO_ROOT"):
        pytest.skip("a reused clone: its repro was not run by this session")
    ran = {u["module"] for u in read_usage(repro_root.parent / WARM_USAGE)}
    stages = yaml.safe_load((repro_root / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    assert {stage_module(s["cmd"]) for s in stages.values()} <= ran


@pytest.mark.slow
def test_stages_rerun_in_their_own_process_reproduce_the_warm_outputs(repro_root):
    before = yaml.safe_load((repro_root / "dvc.lock").read_text(encoding="utf-8"))
    for stage in COLD_RERUN:
        done = dvc(["repro", "--force", "--single-item", stage], cwd=repro_root)  # no COLENS_WARM: own process
        assert done.returncode == 0, done.stderr[-3000:]
        assert "in its own process" not in done.stderr  # no server was asked: no fallback notice
    after = yaml.safe_load((repro_root / "dvc.lock").read_text(encoding="utf-8"))
    for stage in COLD_RERUN:
        assert _out_hashes(after, stage) == _out_hashes(before, stage), stage
