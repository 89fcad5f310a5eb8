"""Peak memory of ingest on one corpus folder per child process: `python -m tests.hostile.measure DIR...` prints
one JSON line per folder with the child's peak resident set (ru_maxrss, from os.wait4) and its manifest."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from pipelines.config import Config
from pipelines.ingest.stage import run_ingest
from tests.ingest.helpers import paths_for


def measure(corpus: Path, out: Path) -> dict:
    """Run ingest on `corpus` in a forked child; its peak RSS in MB and its manifest rows."""
    cfg = Config.load()
    pid = os.fork()
    if pid == 0:  # the child ingests and leaves
        code = 0
        try:
            summary = run_ingest(cfg, paths_for(cfg, corpus, out))
            (out / "rows.json").write_text(json.dumps([[r.file, r.status, r.reason] for r in summary.manifest]))
        except BaseException:  # noqa: BLE001 - reported through the exit code
            code = 1
        os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    rows = json.loads((out / "rows.json").read_text()) if (out / "rows.json").exists() else None
    return {"corpus": corpus.name, "exit": os.waitstatus_to_exitcode(status), "peak_mb": usage.ru_maxrss / 1024,
            "rows": rows}


def main(argv: list[str]) -> None:
    for folder in argv:
        out = Path(folder + ".out")
        out.mkdir(exist_ok=True)
        print(json.dumps(measure(Path(folder), out)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
