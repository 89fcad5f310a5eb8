"""Run the real pipeline once per test session: `dvc repro` in a temporary clone of the working tree.

Copies tracked and untracked-but-not-ignored files (what a fresh clone plus local edits would hold), makes a
git repository of them, and runs `dvc repro` with this virtualenv's tools on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipelines.paths import ROOT


def _tree_files(src: Path) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=src, check=True, capture_output=True,
    ).stdout.decode()
    return [f for f in out.split("\0") if f and (src / f).is_file()]


def clone_working_tree(dest: Path, src: Path = ROOT) -> Path:
    """A git repository at `dest` holding the project's files as they are now (no outputs, no caches)."""
    for rel in _tree_files(src):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src / rel, target)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@t"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "snapshot"]):
        subprocess.run(cmd, cwd=dest, check=True, env=env, capture_output=True)
    return dest


def tool_env() -> dict[str, str]:
    """Environment whose PATH starts with this interpreter's bin folder (python, dvc, colens)."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
            "DVC_NO_ANALYTICS": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def dvc(args: list[str], cwd: Path, timeout: int = 1800) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "dvc"), *args], cwd=cwd, env=tool_env(),
                          capture_output=True, text=True, timeout=timeout)
