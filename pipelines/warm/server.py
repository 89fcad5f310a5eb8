"""The warm server: imports the stages' third-party libraries once, then forks a child per launch request.

The parent never imports the project's stage code (only this module, the config to read the spaCy pipeline, and
the torch guard, all dropped from the child's `sys.modules`), so a child always runs the code on disk. It is one
thread with a selector loop, so a fork never copies a lock another thread holds.
"""

from __future__ import annotations

import atexit
import importlib
import io
import logging
import os
import runpy
import selectors
import signal
import socket
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.warm.protocol import (HELLO, exit_code, import_time_environment, interpreter, read_message,
                                     send_message)

LOG = logging.getLogger("colens.warm")

#: What every stage imports (numbers, tables, models, parsing, figures); a missing one is skipped.
PRELOAD: tuple[str, ...] = (
    "numpy", "scipy.sparse", "scipy.special", "scipy.stats", "pandas", "pyarrow", "pyarrow.parquet", "yaml",
    "pydantic", "sklearn.linear_model", "sklearn.metrics", "sklearn.cluster", "sklearn.manifold",
    "sklearn.feature_extraction.text", "onnxruntime", "tokenizers", "plotly.graph_objects", "plotly.io",
)
#: Libraries that would import torch unless it is hidden (thinc under spaCy, skops's type discovery).
PRELOAD_TORCH_GUARDED: tuple[str, ...] = ("spacy", "skops.io")

#: How long a child may take to start (the reply to a launch request); never how long a stage may run.
REPLY_TIMEOUT_S = 30.0


def preload(spacy_model: str) -> list[str]:
    """Import PRELOAD (and the torch-guarded libraries when torch can be hidden, as in a stage), and load the spaCy
    pipeline once for the stages to take after the fork (`pipelines.nlp.PRELOADED`); the names imported."""
    from pipelines.torch_import import hide_torch, torch_hidden

    hide_torch(spacy_model)
    names = list(PRELOAD) + (list(PRELOAD_TORCH_GUARDED) if torch_hidden() else [])
    done = []
    for name in names:
        try:
            importlib.import_module(name)
            done.append(name)
        except ImportError:
            LOG.debug("warm server: %s not installed, not preloaded", name)
    if "spacy" in done:
        _preload_spacy(spacy_model)
    return done


def _preload_spacy(name: str) -> None:
    """spaCy's pipeline as `spacy.load` gives it (weights read, no threads started), kept where `load_spacy` looks
    after the fork; a pipeline that does not load is left to the stage, which reports it."""
    import types

    import spacy

    from pipelines.nlp import PRELOADED

    try:
        nlp = spacy.load(name)
    except Exception as exc:  # noqa: BLE001 - the stage loads it itself and names the problem
        LOG.debug("warm server: spaCy pipeline %s not preloaded (%s)", name, exc)
        return
    holder = sys.modules.setdefault(PRELOADED, types.ModuleType(PRELOADED))
    holder.spacy = {name: nlp}


@dataclass
class Launch:
    """One running child and the connection of the launcher waiting for it."""

    pid: int
    conn: socket.socket
    started: float = field(default_factory=time.monotonic)


class WarmServer:
    def __init__(self, address: Path, environment: dict[str, str]):
        """`environment`: this process's variables before the preload (what a launcher's must match)."""
        self.address = address
        self.environment = import_time_environment(environment)
        #: variables the libraries set when imported (e.g. KMP_INIT_AT_FORK); a fork gets them as a fresh
        #: process importing the same libraries would
        self.set_by_imports = {k: v for k, v in os.environ.items() if environment.get(k) != v}
        self.interpreter = interpreter()
        self.launches: dict[int, Launch] = {}
        self.stopping = False

    def refusal(self, request: dict) -> str | None:
        """Why this request must run in the launcher's own process instead (None: the server can run it)."""
        if request.get("interpreter") != self.interpreter:
            return "another Python environment"
        if import_time_environment(request.get("env", {})) != self.environment:
            return "environment variables read at import differ from the server's"
        if not request.get("module"):
            return "no module named"
        return None

    def serve(self) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(str(self.address))
        os.chmod(self.address, 0o600)
        listener.listen(16)
        listener.setblocking(False)
        selector = selectors.DefaultSelector()
        selector.register(listener, selectors.EVENT_READ, None)
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        try:
            while not self.stopping:
                for key, _ in selector.select(timeout=0.1):
                    if key.data is None:
                        self._accept(listener, selector)
                    else:  # a launcher hung up (killed) while its child runs
                        self._abandon(key.data, selector)
                self._reap(selector)
        finally:
            for launch in self.launches.values():
                _kill(launch.pid)
            listener.close()
            self.address.unlink(missing_ok=True)

    def _stop(self, *_):
        self.stopping = True

    def _accept(self, listener: socket.socket, selector: selectors.BaseSelector) -> None:
        try:
            conn, _ = listener.accept()
        except BlockingIOError:
            return
        conn.setblocking(True)
        conn.settimeout(REPLY_TIMEOUT_S)
        fds: list[int] = []
        try:
            hello, fds, _, _ = socket.recv_fds(conn, len(HELLO), 3)
            if not hello and not fds:  # a readiness probe (`colens warm` checking the socket)
                conn.close()
                return
            if hello != HELLO or len(fds) != 3:
                raise ConnectionError("not a colens launcher")
            request = read_message(conn)
            why = self.refusal(request)
            if why:
                send_message(conn, {"status": "refused", "reason": why})
                conn.close()
                return
            sys.stdout.flush(), sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                listener.close()
                selector.close()
                for other in self.launches.values():
                    other.conn.close()
                _run_child(request, fds, conn, self.set_by_imports)  # never returns
            send_message(conn, {"status": "started", "pid": pid})
        except (OSError, ValueError, ConnectionError) as exc:
            LOG.warning("warm server: dropped a request (%s)", exc)
            conn.close()
            return
        finally:
            for fd in fds:
                os.close(fd)
        conn.settimeout(None)
        self.launches[pid] = Launch(pid, conn)
        selector.register(conn, selectors.EVENT_READ, pid)

    def _abandon(self, pid: int, selector: selectors.BaseSelector) -> None:
        launch = self.launches.get(pid)
        if launch is not None:
            selector.unregister(launch.conn)
            _kill(pid)

    def _reap(self, selector: selectors.BaseSelector) -> None:
        while self.launches:
            try:
                pid, status, usage = os.wait4(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            launch = self.launches.pop(pid, None)
            if launch is None:
                continue
            try:
                selector.unregister(launch.conn)
            except (KeyError, ValueError):
                pass
            try:
                send_message(launch.conn, {"status": "exited", "code": exit_code(status),
                                           "maxrss_kb": usage.ru_maxrss,
                                           "seconds": round(time.monotonic() - launch.started, 3)})
            except OSError:
                pass
            launch.conn.close()


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def _fresh_interpreter_state(request: dict, set_by_imports: dict[str, str]) -> None:
    """Make this fork look like `python -m MODULE` started by the launcher: its streams, directory, environment
    and arguments, default signal handling, no logging set up, and the project's code re-imported from disk."""
    for sig in (signal.SIGTERM, signal.SIGCHLD, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for key, value in set_by_imports.items():
        os.environ.setdefault(key, value)
    sys.path[0] = request["cwd"]
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), line_buffering=request.get("tty_out", False),
                                  write_through=False)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), errors="backslashreplace",
                                  line_buffering=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.setLevel(logging.WARNING)
    logging.getLogger("colens.warm").handlers.clear()
    # the server's torch guard belongs to the module dropped below; the stage installs its own
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "_TorchHidden"]
    for name in [m for m in sys.modules if m == "pipelines" or m.startswith("pipelines.")]:
        del sys.modules[name]
    atexit._clear()  # the server's exit handlers are not the stage's


def _run_child(request: dict, fds: list[int], conn: socket.socket, set_by_imports: dict[str, str]) -> None:
    """In the fork: take the launcher's streams, run the module as `__main__`, exit with its status."""
    code = 1
    try:
        conn.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        _fresh_interpreter_state(request, set_by_imports)
        sys.argv = [request["module"], *request.get("args", [])]
        try:
            runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as exc:
            if exc.code is None:
                code = 0
            elif isinstance(exc.code, int):
                code = exc.code
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        except BaseException:  # the traceback a plain `python -m` would print
            traceback.print_exc()
            code = 1
        atexit._run_exitfuncs()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def main(argv: list[str] | None = None) -> None:
    """`python -m pipelines.warm.server SOCKET`: preload, listen on SOCKET until SIGTERM."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        raise SystemExit("usage: python -m pipelines.warm.server SOCKET")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(handler)
    LOG.setLevel(logging.INFO)
    LOG.propagate = False
    from pipelines.config import Config

    spacy_model = Config.load().models.spacy
    environment = dict(os.environ)
    started = time.perf_counter()
    names = preload(spacy_model)
    server = WarmServer(Path(args[0]), environment)
    LOG.info("warm server ready: %d libraries imported in %.1f s", len(names), time.perf_counter() - started)
    server.serve()


if __name__ == "__main__":
    main()
