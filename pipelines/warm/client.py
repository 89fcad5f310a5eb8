"""The launcher's side: ask the warm server to run a module, wait for it, pass signals on."""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import time

from pipelines.warm.protocol import (ENV_RUSAGE, HELLO, interpreter, read_message, send_message)


class Unavailable(Exception):
    """The server cannot run this launch (not reachable, or it refused); the reason is the message."""


def run_in_server(address: str, module: str, args: list[str]) -> int:
    """Run `python -m module args` as a fork of the server at `address`; its exit code."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(address)
    except OSError as exc:
        sock.close()
        raise Unavailable(f"no warm server at {address} ({exc.strerror or exc})") from None
    with sock:
        started = time.perf_counter()
        try:
            socket.send_fds(sock, [HELLO], [0, 1, 2])
            send_message(sock, {"module": module, "args": args, "cwd": os.getcwd(), "env": dict(os.environ),
                                "interpreter": interpreter(), "tty_out": sys.stdout.isatty()})
            reply = read_message(sock)
        except (OSError, ConnectionError, ValueError) as exc:
            raise Unavailable(f"the warm server at {address} did not answer ({exc})") from None
        if reply.get("status") != "started":
            raise Unavailable(f"the warm server declined: {reply.get('reason', reply)}")
        child = int(reply["pid"])
        forward = _forward_signals(child)
        try:
            while True:
                try:
                    result = read_message(sock)
                    break
                except InterruptedError:
                    continue
                except (OSError, ConnectionError) as exc:
                    sys.stderr.write(f"colens: lost the warm server while {module} ran ({exc})\n")
                    return 1
        finally:
            for sig, previous in forward.items():
                signal.signal(sig, previous)
    _record_usage(module, result, time.perf_counter() - started)
    return int(result["code"])


def _forward_signals(child: int) -> dict[int, object]:
    """Interrupts and terminations of the launcher go to the stage it is waiting for."""
    def handler(sig, _frame):
        try:
            os.kill(child, sig)
        except ProcessLookupError:
            pass

    return {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}


def read_usage(path) -> list[dict]:
    """The usage lines `_record_usage` wrote to `path` (ENV_RUSAGE), one per stage the server ran."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _record_usage(module: str, result: dict, seconds: float) -> None:
    path = os.environ.get(ENV_RUSAGE)
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"module": module, "maxrss_kb": result.get("maxrss_kb"),
                                 "seconds": round(seconds, 3)}) + "\n")
