"""`colens define`: the corpus's definitions of a term (or its whole glossary) and the target's families."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Optional

import typer


CSV_COLUMNS = ["term", "definiens", "text", "score", "pattern", "family_id", "doc_id", "title", "genre", "year",
               "start", "end"]


def _wrap(label: str, text: str, width: int = 100) -> str:
    return textwrap.fill(" ".join(str(text).split()), width=width, initial_indent=f"  {label:<10}",
                         subsequent_indent=" " * 12)


def register(app: typer.Typer) -> None:
    @app.command()
    def define(
        term: Optional[str] = typer.Option(None, "--term", help="Concept or spelling, a glossary term, or ANY."),
        genre: Optional[str] = typer.Option(None, "--genre", help="Only documents of this genre."),
        families: bool = typer.Option(False, "--families", help="Show the target's definition families."),
        limit: int = typer.Option(50, "--limit", min=1, help="Show at most this many definitions."),
        csv: Optional[Path] = typer.Option(None, "--csv", dir_okay=False,
                                           help="Also write every selected definition (or family) to this CSV."),
        params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
    ) -> None:
        """Print definitions (term, definiens, source document, score, pattern) or definition families."""

        from pipelines.cli_support import load_config
        from pipelines.io import write_csv
        from pipelines.paths import Paths
        from pipelines.tables import TABLES, TableError
        from pipelines.text.lexicon import lexicon_for

        cfg = load_config(params)
        paths = Paths.from_config(cfg)
        try:
            defs = TABLES["definitions"].read(paths)
            fams = TABLES["definition_families"].read(paths)
            docs = TABLES["documents"].read(paths, ["doc_id", "title", "genre", "year"])
        except (FileNotFoundError, TableError) as exc:
            typer.echo(f"error: {exc} (the definitions stage: `python -m pipelines.definitions.stage`)", err=True)
            raise typer.Exit(2) from exc
        defs = defs.merge(docs, on="doc_id", how="left").fillna({"title": "unknown", "genre": "unknown",
                                                                  "year": "unknown"})
        if genre:
            known = sorted(docs["genre"].astype(str).unique())
            if genre not in known:
                typer.echo(f"error: no documents of genre '{genre}'; genres are {', '.join(known)}", err=True)
                raise typer.Exit(2)
            defs = defs[defs["genre"] == genre]
        if families:
            if fams.empty:
                typer.echo("No definitions of the target concept, so no families.")
                return
            if csv is not None:
                write_csv(fams, csv)
                typer.echo(f"wrote {len(fams)} families to {csv}", err=True)
            for f in fams.itertuples():
                used = defs[(defs["family_id"] == f.family_id)]
                typer.echo(f"{f.label}  ({f.n_definitions} definition(s))")
                typer.echo(_wrap("typical", f.representative))
                typer.echo(_wrap("terms", f.top_terms or "-"))
                typer.echo(_wrap("genres", ", ".join(f"{k} {v}" for k, v in json.loads(f.genres).items())))
                typer.echo(_wrap("years", ", ".join(f"{k} {v}" for k, v in json.loads(f.years).items())))
                if genre:
                    typer.echo(_wrap("in genre", f"{len(used)} definition(s) in {genre}"))
                typer.echo("")
            return
        lexicon = lexicon_for(cfg.lexicon)
        if term is None:
            defs = defs[defs["is_target_term"]]
            what = cfg.lexicon.target
        elif term.upper() == "ANY":
            what = "any term"
        else:
            try:
                concept = lexicon.resolve(term)
                defs = defs[[bool(lexicon.find(t, [concept])) for t in defs["term"]]]
            except KeyError:
                defs = defs[defs["term"].str.lower() == term.lower()]
            what = term
        if defs.empty:
            typer.echo(f"No definitions of {what} found" + (f" in genre {genre}." if genre else "."))
            return
        defs = defs.sort_values(["is_target_term", "score"], ascending=[False, False])
        if csv is not None:
            write_csv(defs[CSV_COLUMNS], csv)
            typer.echo(f"wrote {len(defs)} definitions to {csv}", err=True)
        typer.echo(f"{len(defs)} definition(s) of {what}" + (f" in {genre}" if genre else "") + ":\n")
        for r in defs.head(limit).itertuples():
            typer.echo(f"[{r.term}]  score {r.score:.2f}  pattern {r.pattern}" +
                       (f"  family {r.family_id}" if r.family_id >= 0 else ""))
            typer.echo(_wrap("definiens", r.definiens))
            typer.echo(_wrap("source", f"{r.doc_id} · {r.title} · {r.genre} · {r.year}"))
            typer.echo(_wrap("sentence", r.text))
            typer.echo("")
        if len(defs) > limit:
            typer.echo(f"... {len(defs) - limit} more (use --limit)")
