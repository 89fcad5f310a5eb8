"""`colens warm COMMAND`: start the warm server, run COMMAND with its address, stop the server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pipelines.warm.protocol import ENV_ADDRESS

#: How long the server may take to import its libraries before the command runs without it.
START_TIMEOUT_S = 120.0


class ServerFailed(RuntimeError):
    """The warm server did not come up; the message says why."""


@contextmanager
def warm_server(project: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """A running server for `project` (its params.yaml decides the spaCy pipeline) in environment `env` (default:
    this process's), which launchers must share; yields the socket address."""
    folder = Path(tempfile.mkdtemp(prefix="colens-warm-"))  # short: a socket path is limited to ~100 bytes
    address = folder / "server.sock"
    server = subprocess.Popen([sys.executable, "-m", "pipelines.warm.server", str(address)], cwd=project,
                              env=env, stdin=subprocess.DEVNULL)
    try:
        _wait_ready(server, address)
        yield str(address)
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(folder, ignore_errors=True)


def _wait_ready(server: subprocess.Popen, address: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerFailed(f"the warm server exited with code {server.returncode} before it was ready")
        if address.exists():
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                probe.connect(str(address))
                return
            except OSError:
                pass
            finally:
                probe.close()
        time.sleep(0.05)
    raise ServerFailed(f"the warm server was not ready after {START_TIMEOUT_S:.0f} s")


def run_warm(command: list[str], project: Path) -> int:
    """Run `command` with a warm server beside it; its exit code. If the server fails to start, the command runs
    without it (each stage then starts its own process) and a line on stderr says so."""
    env = dict(os.environ)
    try:
        with warm_server(project, env) as address:
            env[ENV_ADDRESS] = address
            return subprocess.call(command, env=env)
    except ServerFailed as exc:
        sys.stderr.write(f"colens warm: {exc}; running without it\n")
        env.pop(ENV_ADDRESS, None)
        return subprocess.call(command, env=env)
