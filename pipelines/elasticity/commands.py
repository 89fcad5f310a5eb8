"""`colens elasticity`: the elasticity index of ad-hoc passage sets, grouped by a field of the input."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def elasticity(
        inp: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSON Lines: id, text, group field, "
                                   "optional doc_id (bootstrap unit; default: each passage)."),
        group_by: str = typer.Option(..., "--group-by", help="Input field whose values form the groups."),
        senses: str = typer.Option("participatory", "--senses", help="participatory (default) or all."),
        out: Optional[Path] = typer.Option(None, "--out", dir_okay=False, help="Write JSON here (default stdout)."),
        compare: Optional[str] = typer.Option(None, "--compare", help="A,B: permutation test of index(A)-index(B)."),
        definitions: bool = typer.Option(True, "--definitions/--no-definitions",
                                         help="Run the definitions detector (off: definitional diversity undefined)."),
        params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
    ) -> None:
        """Elasticity index with bootstrap CI and components per group of passages."""
        from pipelines.cli_support import load_config
        from pipelines.elasticity.report import analyse_file
        from pipelines.io import to_json

        if senses not in ("participatory", "all"):
            typer.echo(f"error: --senses must be 'participatory' or 'all', got '{senses}'", err=True)
            raise typer.Exit(2)
        pair = None
        if compare is not None:
            pair = tuple(s.strip() for s in compare.split(","))
            if len(pair) != 2 or not all(pair):
                typer.echo("error: --compare takes two group names separated by a comma", err=True)
                raise typer.Exit(2)
        cfg = load_config(params)
        try:
            result, errors = analyse_file(inp, group_by, senses, cfg, pair, with_definitions=definitions)
        except (KeyError, ValueError, FileNotFoundError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        for err in errors:
            typer.echo(f"error: {err}", err=True)
        for note in result.get("notes", []):
            typer.echo(f"note: {note}", err=True)
        text = to_json(result, indent=2)
        if out is None:
            typer.echo(text)
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text + "\n", encoding="utf-8")
            typer.echo(f"{len(result['groups'])} group(s) -> {out}", err=True)
