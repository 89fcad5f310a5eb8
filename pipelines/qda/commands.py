"""`colens export qdpx` and `colens import qdpx`: the machine codings to and from QDA software (REFI-QDA)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

export_app = typer.Typer(help="Export the project for other software.", no_args_is_help=True)
import_app = typer.Typer(help="Import work done in other software.", no_args_is_help=True)


@export_app.command("qdpx")
def export_qdpx(
    out: Path = typer.Argument(..., dir_okay=False, help="The .qdpx file to write."),
    params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
) -> None:
    """Write a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder): every document as a text source, every
    machine coding as a selection under the colens codebook, by a user named for the model."""
    from pipelines.cli_support import load_config
    from pipelines.paths import Paths
    from pipelines.qda.export import export_project
    from pipelines.qda.settings import QdaParams

    cfg = load_config(params)
    summary = export_project(cfg, Paths.from_config(cfg), out, cfg.section("qda", QdaParams))
    typer.echo(summary.line(), err=True)


def _print_import(imp, dry_run: bool) -> None:
    from pipelines.qda.settings import BRANCHES

    typer.echo(f"{imp.path}: {imp.n_codings} codings on colens codes, {imp.n_machine} machine codings; "
               f"{len(imp.added)} added and {len(imp.removed)} removed by the researcher", err=True)
    for name, rep in imp.reports.items():
        for kind, where, record in rep.records:
            if dry_run:
                label = {k: v for k, v in record.items() if k not in ("text", "genre", "source", "annotator")}
                typer.echo(f"would be {kind} ({name}): {where}: {label}", err=True)
        for c in rep.conflicts:
            typer.echo(f"conflict ({name}): {c}", err=True)
        verb = "would be" if dry_run else "were"
        typer.echo(f"{name}: {rep.added} {verb} added, {rep.filled} {verb} completed, {rep.duplicates} already "
                   f"there, {len(rep.conflicts)} conflicting (not changed) -> {rep.path}", err=True)
    for s in imp.skipped:
        typer.echo(f"not imported: {s}", err=True)
    for branch, (n_add, n_rem) in imp.not_annotatable.items():
        typer.echo(f"{BRANCHES[branch]}: not annotatable, {n_add + n_rem} changes seen ({n_add} added, "
                   f"{n_rem} removed)", err=True)
    if not dry_run and any(r.added or r.filled for r in imp.reports.values()):
        typer.echo("run `dvc repro` to retrain", err=True)


@import_app.command("qdpx")
def import_qdpx_cmd(
    file: Path = typer.Argument(..., dir_okay=False, help="A .qdpx exported by `colens export qdpx` and edited."),
    annotator: str = typer.Option(..., "--annotator", help="Who checked the codings (stored with each label)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
    params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
) -> None:
    """Turn the codings a researcher added, removed or changed on colens's codes into annotations for the
    matching task (narratives, stance, levels, senses, definitions); conflicts are reported, never overwritten."""
    from pipelines.annotate.importer import LabelFileError
    from pipelines.cli_support import load_config
    from pipelines.paths import Paths
    from pipelines.qda.archive import QdaFileError
    from pipelines.qda.importer import import_qdpx

    cfg = load_config(params)
    try:
        imp = import_qdpx(file, cfg, Paths.from_config(cfg), annotator, dry_run)
    except (QdaFileError, LabelFileError, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    _print_import(imp, dry_run)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")
    app.add_typer(import_app, name="import")
