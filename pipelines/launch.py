"""`python -m pipelines.launch MODULE [ARGS]`: how dvc.yaml starts a stage. In the warm server when `colens warm`
runs one (COLENS_WARM), otherwise in this process; either way the stage is `python -m MODULE ARGS`."""

from __future__ import annotations

import os
import runpy
import sys

LAUNCHER = "pipelines.launch"


def stage_module(cmd: str) -> str | None:
    """The module a dvc.yaml `cmd` runs (`python -m pipelines.launch MODULE` or `python -m MODULE`)."""
    words = cmd.split()
    modules = [w for w in words[words.index("-m") + 1:] if w.startswith("pipelines.")] if "-m" in words else []
    modules = [m for m in modules if m != LAUNCHER] or modules
    return modules[0] if modules else None


def main(argv: list[str] | None = None) -> int | None:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0].startswith("-"):
        raise SystemExit("usage: python -m pipelines.launch MODULE [ARGS]   (MODULE: pipelines.<package>.<stage>)")
    module, rest = args[0], args[1:]
    from pipelines.warm.protocol import ENV_ADDRESS

    address = os.environ.get(ENV_ADDRESS)
    if address:
        from pipelines.warm.client import Unavailable, run_in_server

        try:
            return run_in_server(address, module, rest)
        except Unavailable as why:
            sys.stderr.write(f"colens: {why}; running {module} in its own process\n")
    sys.argv = [module, *rest]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return None


if __name__ == "__main__":
    code = main()
    if code is not None:
        raise SystemExit(code)
