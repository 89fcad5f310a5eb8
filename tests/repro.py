"""Run the real pipeline once per test session: `dvc repro` in a temporary clone of the working tree
(`pipelines.worktree` makes the clone and the environment; the benchmark uses the same)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelines.worktree import clone_working_tree, tool_env

__all__ = ["clone_working_tree", "dvc", "tool_env"]


def dvc(args: list[str], cwd: Path, timeout: int = 1800) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "dvc"), *args], cwd=cwd, env=tool_env(),
                          capture_output=True, text=True, timeout=timeout)
