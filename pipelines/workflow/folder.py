"""`colens run FOLDER --out DIR`: the whole analysis of a folder of documents, outside DVC.

The output folder becomes a small project of its own: its `params.yaml` is the chosen params with the corpus
and the trained models as absolute paths, so `Project.open(DIR)`, `colens summary --params DIR/params.yaml` and
a later `colens run` all find the same tables."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import yaml

from pipelines.config import Config
from pipelines.paths import Paths
from pipelines.progress import showing
from pipelines.workflow.order import STAGES, stage_run

log = logging.getLogger(__name__)

PARAMS_FILE = "params.yaml"


class RunError(ValueError):
    """The folder, the output folder or the trained models are not usable."""


def prepare(corpus: Path, out: Path, params: Path) -> Path:
    """Write OUT/params.yaml from `params` with corpus, models and the QDA schema pinned; return its path."""
    corpus, out = corpus.resolve(), out.resolve()
    if not corpus.is_dir():
        raise RunError(f"{corpus}: not a folder of documents")
    if out == corpus or corpus in out.parents:
        raise RunError(f"{out}: the output folder must not be inside the corpus folder {corpus}")
    project = Config.load(params)
    models = Paths.from_config(project, root=params.resolve().parent).models
    missing = [name for name in ("senses", "levels", "definitions", "narratives_detect", "narratives_stance")
               if not (models / name).is_dir()]
    if missing:
        raise RunError(f"{models}: no trained model(s) {', '.join(missing)}; run `make repro` (or `dvc repro`) "
                       "once in the colens checkout to train them")
    raw = yaml.safe_load(params.read_text(encoding="utf-8")) or {}
    raw.setdefault("corpus", {})["path"] = str(corpus)
    raw.setdefault("paths", {})["models"] = str(models)
    if "qda" in raw and "xsd" in raw["qda"]:  # the QDA schema stays where the chosen params found it
        raw["qda"]["xsd"] = str((params.resolve().parent / raw["qda"]["xsd"]).resolve())
    out.mkdir(parents=True, exist_ok=True)
    target = out / PARAMS_FILE
    target.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def run_folder(corpus: Path, out: Path, params: Path, progress: bool | None = None) -> Paths:
    """Run every analysis stage on `corpus` with outputs under `out`; a progress bar when stderr is a terminal."""
    cfg_path = prepare(corpus, out, params)
    cfg = Config.load(cfg_path)
    paths = Paths.from_config(cfg, root=cfg_path.parent)
    show = sys.stderr.isatty() if progress is None else progress
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description:<24}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
               TimeElapsedColumn())
    with Progress(*columns, disable=not show, transient=False) as bar, showing(bar if show else None):
        task = bar.add_task("starting", total=len(STAGES))
        for name in STAGES:
            bar.update(task, description=f"stage {name}")
            t0 = time.perf_counter()
            try:
                stage_run(name)(cfg, paths)
            except (ValueError, OSError) as exc:  # a stage's own clear error, named with the stage
                raise RunError(f"stage {name}: {exc}") from exc
            log.info("stage %s done in %.1f s", name, time.perf_counter() - t0)
            bar.advance(task)
        bar.update(task, description="done")
    return paths
