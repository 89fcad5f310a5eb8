"""dvc.yaml lists every module a stage imports: a change to any of them re-runs the stage."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from pipelines.launch import LAUNCHER, stage_module
from pipelines.paths import ROOT

PACKAGE = "pipelines"


def module_file(name: str) -> Path | None:
    """The source file of a `pipelines` module or package (None for modules outside the package)."""
    if name != PACKAGE and not name.startswith(PACKAGE + "."):
        return None
    base = ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def imported_modules(path: Path, name: str) -> set[str]:
    """Every `pipelines` module named by an import statement anywhere in the file (lazy imports included)."""
    out: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)  # `from pkg import module`
    return {m for m in out if module_file(m) is not None}


def closure(start: str) -> set[Path]:
    """Files of `start` and of every module it imports, transitively, with the packages on the way."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen or module_file(name) is None:
            continue
        seen.add(name)
        parts = name.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # parent packages run their __init__
        todo += sorted(imported_modules(module_file(name), name))
    return {module_file(n) for n in seen}


def stages() -> dict[str, dict]:
    return yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]


def covered(path: Path, deps: list[str]) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return any(rel == d or rel.startswith(d.rstrip("/") + "/") for d in deps)


@pytest.mark.parametrize("stage", sorted(stages()))
def test_stage_deps_cover_its_import_closure(stage):
    spec = stages()[stage]
    module = stage_module(spec["cmd"])
    assert spec["cmd"] == f"python -m {LAUNCHER} {module}", (
        f"stage {stage}: cmd must be `python -m {LAUNCHER} pipelines.<package>.<stage|train>`, got {spec['cmd']!r}")
    deps = [str(d) for d in spec.get("deps", [])]
    # the launcher only decides which process runs the stage, so it is not a dependency
    missing = sorted(p.relative_to(ROOT).as_posix() for p in closure(module) if not covered(p, deps))
    assert not missing, f"dvc.yaml stage {stage!r} imports but does not list: {', '.join(missing)}"


def test_closure_follows_lazy_and_relative_imports(tmp_path):
    """The closure sees a function-level import (the way stages load models lazily)."""
    files = closure("pipelines.classify.commands")
    assert ROOT / "pipelines" / "classify" / "runner.py" in files


@pytest.mark.parametrize("stage", sorted(stages()))
def test_stage_params_cover_the_sections_it_reads(stage):
    """Every params.yaml section a stage's code reads (`cfg.section("name", ...)`) is listed under `params:`."""
    spec = stages()[stage]
    module = stage_module(spec["cmd"])
    listed = [str(p) for p in spec.get("params", [])]
    read = set()
    for path in closure(module):
        read.update(re.findall(r"""cfg\.section\(\s*["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
    missing = sorted(s for s in read if not any(p == s or p.startswith(s + ".") for p in listed))
    assert not missing, f"dvc.yaml stage {stage!r} reads params section(s) it does not list: {', '.join(missing)}"
