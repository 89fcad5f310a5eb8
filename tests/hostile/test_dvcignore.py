"""Byte-code caches and editor files never make a stage look changed: a stage depending on a package folder
stays up to date after `__pycache__`, `.pyc` and editor swap files appear in it (the project's .dvcignore)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.paths import ROOT
from tests.repro import tool_env

UP_TO_DATE = "Data and pipelines are up to date."


def _run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, env=tool_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture()
def tiny_repo(tmp_path) -> Path:
    """A git + DVC repository with the project's .dvcignore and one stage depending on a package folder."""
    dvc = str(Path(sys.executable).parent / "dvc")
    _run(["git", "init", "-q"], tmp_path)
    _run([dvc, "init", "-q"], tmp_path)
    shutil.copy(ROOT / ".dvcignore", tmp_path / ".dvcignore")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("VALUE = 1\n")
    (tmp_path / "dvc.yaml").write_text(
        "stages:\n  build:\n    cmd: python -c \"open('out.txt', 'w').write('x')\"\n"
        "    deps: [pkg]\n    outs: [out.txt]\n")
    _run([dvc, "repro", "-q"], tmp_path)
    return tmp_path


def test_byte_code_and_editor_files_leave_dvc_status_unchanged(tiny_repo):
    dvc = str(Path(sys.executable).parent / "dvc")
    assert UP_TO_DATE in _run([dvc, "status"], tiny_repo)
    cache = tiny_repo / "pkg" / "__pycache__"
    cache.mkdir()
    (cache / "mod.cpython-311.pyc").write_bytes(b"\x00compiled")
    for name in ("stray.pyc", ".mod.py.swp", "mod.py~", ".#mod.py", "#mod.py#"):
        (tiny_repo / "pkg" / name).write_bytes(b"editor")
    assert UP_TO_DATE in _run([dvc, "status"], tiny_repo)
    (tiny_repo / "pkg" / "mod.py").write_text("VALUE = 2\n")  # a real change still shows
    assert UP_TO_DATE not in _run([dvc, "status"], tiny_repo)
