"""`colens kwic`: a keyword-in-context concordance of any concept from the mentions table."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def kwic(
        term: str = typer.Argument(..., help="Concept name or any spelling (e.g. coproduction), or 'all'."),
        genre: Optional[str] = typer.Option(None, "--genre", help="Only mentions from documents of this genre."),
        width: int = typer.Option(50, "--width", min=0, help="Characters of context on each side."),
        sort: str = typer.Option("doc", "--sort", help="Order: doc (position), left or right (context words)."),
        csv: Optional[Path] = typer.Option(None, "--csv", dir_okay=False, help="Also write the lines to this CSV."),
        limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Show/write at most N lines."),
        sense: Optional[str] = typer.Option(None, "--sense", help="Sense of the target's mentions to show, or "
                                            "'all' (default: the analysed sense, senses.exclude_off_sense)."),
        exact: bool = typer.Option(False, "--exact", help="Only TERM's own spelling, not the concept's other forms."),
        summary: bool = typer.Option(False, "--summary", help="Counts by spelling, genre and sense, no lines."),
        params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
    ) -> None:
        """Concordance of TERM: left context right-aligned, keyword highlighted, sortable by context."""
        from pipelines.cli_support import load_config
        from pipelines.mentions import kwic as k
        from pipelines.mentions.settings import MentionsParams
        from pipelines.senses.settings import SensesParams, sense_filter
        from pipelines.paths import Paths
        from pipelines.tables import TABLES, TableError
        from pipelines.text.lexicon import lexicon_for

        cfg = load_config(params)
        stored = cfg.section("mentions", MentionsParams).context_chars
        try:
            if width > stored:
                raise k.KwicError(
                    f"--width {width} exceeds the stored context (mentions.context_chars = {stored}); "
                    "raise it in params.yaml and run `dvc repro`"
                )
            paths = Paths.from_config(cfg)
            senses = TABLES["senses"].read(paths, ["mention_id", "sense"]) if TABLES["senses"].exists(paths) else None
            mentions = k.add_senses(TABLES["mentions"].read(paths), senses)
            rows = k.select(mentions, lexicon_for(cfg.lexicon), term, genre)
            if exact:
                rows = k.exact_spelling(rows, term)
            chosen = sense or sense_filter(cfg.section("senses", SensesParams).exclude_off_sense)
            if senses is None and sense is None:
                typer.echo("note: no senses table yet; mentions of every sense are shown", err=True)
            else:
                rows = k.filter_sense(rows, chosen)
            lines = k.sort_lines(k.concordance(rows, width), sort)
        except (k.KwicError, FileNotFoundError, TableError, ValueError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        if summary:
            for name, series in k.counts(rows).items():
                typer.echo(f"{name}:")
                for key, n in series.items():
                    typer.echo(f"  {n:>6}  {key}")
            return
        total = len(lines)
        if limit is not None:
            lines = lines.head(limit)
        for line in k.format_lines(lines, width, lambda kw: typer.style(kw, fg="red", bold=True)):
            typer.echo(line)
        if csv is not None:
            k.write_csv(lines, csv)
            typer.echo(f"wrote {len(lines)} lines to {csv}", err=True)
        typer.echo(f"{len(lines)} of {total} concordance lines", err=True)
