"""`colens annotate export|import|agreement`: the active-learning annotation loop."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

annotate_app = typer.Typer(help="Active learning: export least-sure passages, import labels, check agreement.",
                           no_args_is_help=True)


def _task(name: str):
    from pipelines.annotate.tasks import TaskError, get_task

    try:
        return get_task(name)
    except TaskError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


@annotate_app.command("export")
def export_cmd(
    task: str = typer.Option(..., "--task", help="narratives, stance, levels, senses or definitions."),
    n: Optional[int] = typer.Option(None, "--n", min=1, help="How many passages (default: annotate.n)."),
    fmt: str = typer.Option("csv", "--format", help="csv or jsonl."),
    out: Optional[Path] = typer.Option(None, "--out", dir_okay=False, help="Output file (default: stdout)."),
    source: Optional[Path] = typer.Option(None, "--from", exists=True, dir_okay=False,
                                          help="JSON Lines passages (id, text) instead of the corpus outputs."),
    strategy: Optional[str] = typer.Option(None, "--strategy", help="margin or entropy (default: annotate.strategy)."),
    params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
) -> None:
    """Write the passages the task's model is least sure about, with an empty `label` column to fill in."""
    import sys
    import tempfile

    from pipelines.annotate.export import export, write_export
    from pipelines.annotate.settings import AnnotateParams
    from pipelines.annotate.tasks import TaskError
    from pipelines.cli_support import load_config
    from pipelines.paths import Paths

    cfg = load_config(params)
    settings = cfg.section("annotate", AnnotateParams)
    t = _task(task)
    try:
        df = export(t, cfg, Paths.from_config(cfg), n or settings.n, strategy or settings.strategy, source)
    except (TaskError, FileNotFoundError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if out is None:
        with tempfile.TemporaryDirectory() as d:
            sys.stdout.write(write_export(df, Path(d) / f"x.{fmt}", fmt).read_text(encoding="utf-8"))
    else:
        write_export(df, out, fmt)
        typer.echo(f"exported {len(df)} least-sure passages for task '{t.name}' -> {out}", err=True)


@annotate_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="Labelled CSV or JSON Lines (from export)."),
    task: str = typer.Option(..., "--task", help="narratives, stance, levels, senses or definitions."),
    annotator: str = typer.Option("unknown", "--annotator", help="Who labelled the rows (stored with them)."),
    params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
) -> None:
    """Validate labels and merge them into the task's annotations file; `dvc repro` then retrains."""
    from pipelines.annotate.importer import LabelFileError, import_labels
    from pipelines.cli_support import load_config
    from pipelines.paths import Paths

    cfg = load_config(params)
    t = _task(task)
    target = t.annotations_path(cfg, Paths.from_config(cfg))
    try:
        rep = import_labels(file, t, target, annotator)
    except (LabelFileError, FileNotFoundError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    for c in rep.conflicts:
        typer.echo(f"conflict: {c}", err=True)
    typer.echo(
        f"{target}: {rep.added} added, {rep.filled} completed, {rep.duplicates} already there, "
        f"{len(rep.conflicts)} conflicting (not changed), {rep.unlabelled} rows without a label; "
        "run `dvc repro` to retrain",
        err=True,
    )


@annotate_app.command("agreement")
def agreement_cmd(
    file_a: Path = typer.Argument(..., exists=True, dir_okay=False),
    file_b: Optional[Path] = typer.Argument(None, exists=True, dir_okay=False,
                                            help="The second annotator's file (omit with --against-machine)."),
    task: Optional[str] = typer.Option(None, "--task", help="Validate labels against this task."),
    against_machine: bool = typer.Option(False, "--against-machine",
                                         help="Compare FILE_A's labels with the task model's predictions."),
    annotator: Optional[str] = typer.Option(None, "--annotator", help="Only FILE_A's rows by this annotator."),
    params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use (for the task's model)."),
) -> None:
    """Cohen's kappa, Krippendorff's alpha (nominal) and the label confusion on the ids both labelled, per label
    too; with --against-machine, a human's labels against the machine's predictions for the same texts."""
    from pipelines.annotate.agreement import agreement, machine_labels, read_labels, read_texts
    from pipelines.annotate.importer import LabelFileError
    from pipelines.annotate.tasks import TaskError
    from pipelines.io import to_json

    if against_machine == (file_b is not None):
        typer.echo("error: give either FILE_B or --against-machine (with --task)", err=True)
        raise typer.Exit(2)
    if against_machine and not task:
        typer.echo("error: --against-machine needs --task (whose model predicts)", err=True)
        raise typer.Exit(2)
    t = _task(task) if task else None
    try:
        human = read_labels(file_a, t, annotator)
        if against_machine:
            from pipelines.cli_support import load_config
            from pipelines.paths import Paths

            cfg = load_config(params)
            texts = {i: x for i, x in read_texts(file_a).items() if i in human}
            other = machine_labels(t.load_model(Paths.from_config(cfg), cfg), texts)
        else:
            other = read_labels(file_b, t)
        result = agreement(human, other)
    except (LabelFileError, TaskError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    if against_machine:
        result = {"a": f"{file_a}" + (f" ({annotator})" if annotator else ""), "b": f"machine: task '{t.name}' model",
                  **result}
    typer.echo(to_json(result, indent=2))


def register(app: typer.Typer) -> None:
    app.add_typer(annotate_app, name="annotate")
