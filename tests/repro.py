"""Run the real pipeline once per test session: `dvc repro` in a temporary clone of the working tree
(`pipelines.worktree` makes the clone and the environment; the benchmark uses the same)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipelines.worktree import clone_working_tree, tool_env

__all__ = ["clone_working_tree", "dvc", "tool_env", "warm_dvc", "WARM_USAGE"]

#: Where the session's warm `dvc repro` records each stage its server ran (pipelines.warm's usage lines).
WARM_USAGE = "warm-usage.jsonl"
#: The session's `dvc repro` trains every model from scratch: 26 min on a 2-core AVX2 machine before the thirty-sixth
#: session's detector passages, over 30 min after them (the 30 min limit then failed every test that reads its outputs).
REPRO_TIMEOUT = 3600


def dvc(args: list[str], cwd: Path, timeout: int = REPRO_TIMEOUT) -> subprocess.CompletedProcess:
    """`dvc ARGS` in `cwd`, each stage in its own process (no warm server named, even if this process has one)."""
    from pipelines.warm import ENV_ADDRESS

    env = {k: v for k, v in tool_env().items() if k != ENV_ADDRESS}
    return subprocess.run([str(Path(sys.executable).parent / "dvc"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def warm_dvc(args: list[str], cwd: Path, usage: Path, timeout: int = REPRO_TIMEOUT) -> subprocess.CompletedProcess:
    """`colens warm -- dvc ARGS`, as `make repro` runs it; the stages the server ran are listed in `usage`."""
    from pipelines.warm import ENV_RUSAGE

    bin_dir = Path(sys.executable).parent
    env = {**tool_env(), ENV_RUSAGE: str(usage)}
    return subprocess.run([str(bin_dir / "colens"), "warm", "--", str(bin_dir / "dvc"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)
