"""The project as it is now, run end to end elsewhere: a git snapshot of the working tree in a fresh folder, and
an environment with this virtualenv's tools first on PATH (used by the benchmark and the tests' `dvc repro`)."""

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
    """A git repository at `dest` holding the project's files as they are now (tracked and untracked but not
    ignored: what a fresh clone plus local edits would hold; no outputs, no caches)."""
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
    """Environment whose PATH starts with this interpreter's bin folder (python, dvc, colens), offline models."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
            "DVC_NO_ANALYTICS": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
