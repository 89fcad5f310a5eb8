"""What the launcher and the warm server say to each other over a Unix socket (standard library only: the
launcher must start fast)."""

from __future__ import annotations

import json
import os
import socket
import struct
import sys
from typing import Any

#: The server's socket path; set by `colens warm` for the command it runs.
ENV_ADDRESS = "COLENS_WARM"
#: When set, the launcher appends {"module", "maxrss_kb", "seconds"} for each stage the server ran (benchmarks).
ENV_RUSAGE = "COLENS_WARM_RUSAGE"

HELLO = b"colens-warm/1"
_LENGTH = struct.Struct("!I")

#: Environment variables that libraries read when they are imported (thread pools, caches, hub access): a stage
#: whose values differ from the server's runs in its own process instead.
IMPORT_TIME_PREFIXES = ("OMP_", "OPENBLAS_", "MKL_", "NUMEXPR_", "KMP_", "GOTO", "HF_", "TRANSFORMERS_",
                        "TOKENIZERS_", "SPACY", "CUDA_", "PYTHONHASHSEED", "PYTHONPATH", "ORT_")


def import_time_environment(env: dict[str, str]) -> dict[str, str]:
    """The part of `env` that decides how already-imported libraries behave."""
    return {k: v for k, v in sorted(env.items()) if k.startswith(IMPORT_TIME_PREFIXES)}


def interpreter() -> str:
    """This interpreter and environment, as a fork would inherit them."""
    return os.path.realpath(sys.executable) + "|" + os.path.realpath(sys.prefix)


def send_message(sock: socket.socket, message: dict[str, Any]) -> None:
    data = json.dumps(message).encode("utf-8")
    sock.sendall(_LENGTH.pack(len(data)) + data)


def _read_exact(sock: socket.socket, n: int) -> bytes:
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(n - got)
        if not chunk:
            raise ConnectionError("the other end closed the connection")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_message(sock: socket.socket) -> dict[str, Any]:
    (length,) = _LENGTH.unpack(_read_exact(sock, _LENGTH.size))
    return json.loads(_read_exact(sock, length).decode("utf-8"))


def exit_code(status: int) -> int:
    """A shell's exit code for a wait status (128 + N for death by signal N)."""
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code
