"""`colens classify`: passage-level analysis of a JSON Lines file."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def classify(
        inp: Path = typer.Argument(..., exists=True, dir_okay=False, help="Input JSON Lines: id, text, ..."),
        out: Path = typer.Argument(..., dir_okay=False, help="Output JSON Lines, one line per input line."),
        term: Optional[str] = typer.Option(None, "--term", help="Concept or spelling to study, or ANY."),
        batch_size: int = typer.Option(256, "--batch-size", min=1),
        strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any line is malformed."),
        max_chars: int = typer.Option(100_000, "--max-chars", min=1,
                                      help="Longest text analysed (characters); a longer one is an error row."),
        params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
    ) -> None:
        """Mentions, sense, definition, level, narrative and agency for each passage."""
        from pipelines.classify.passage import Context
        from pipelines.classify.runner import SameFileError, classify_file, refuse_same_file
        from pipelines.cli_support import load_config

        try:
            refuse_same_file(inp, out)
        except SameFileError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        cfg = load_config(params)
        try:
            ctx = Context(cfg, term)
        except KeyError as exc:
            typer.echo(f"error: {exc.args[0]}", err=True)
            raise typer.Exit(2) from exc
        summary = classify_file(inp, out, ctx, batch_size=batch_size, max_chars=max_chars)
        for err in summary.errors:
            typer.echo(f"error: {err}", err=True)
        blank = f" ({summary.n_blank} blank)" if summary.n_blank else ""
        typer.echo(f"classified {summary.n_ok} of {summary.n_lines} lines{blank} -> {out}", err=True)
        if strict and summary.errors:
            raise typer.Exit(1)
