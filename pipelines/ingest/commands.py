"""`colens ingest`: the `ingest` stage's `run_ingest` on any corpus folder, with a summary and `--strict`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def report(summary, strict: bool) -> None:
    """Warnings and failures on stderr, a one-line summary; with `strict`, any failure exits non-zero."""
    for w in summary.warnings:
        typer.echo(f"warning: {w}", err=True)
    for row in summary.failures:
        typer.echo(f"failed: {row.file}: {row.reason}", err=True)
    files = summary.metrics.get("files", {})
    typer.echo(
        f"ingest: {summary.metrics.get('documents', 0)} documents, {summary.metrics.get('words', 0)} words from "
        f"{files.get('ok', 0)} ok / {files.get('skipped', 0)} skipped / {files.get('failed', 0)} failed files",
        err=True,
    )
    if strict and summary.failures:
        typer.echo(f"error: {len(summary.failures)} file(s) failed (--strict)", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        corpus: Optional[Path] = typer.Option(None, "--corpus", help="Corpus folder (default: corpus.path)."),
        strict: bool = typer.Option(False, "--strict", help="Exit non-zero when any file fails to read."),
        params: Optional[Path] = typer.Option(None, "--params", help="params.yaml to use."),
    ) -> None:
        """Read a corpus folder (text, HTML, PDF, Word, RIS/BibTeX/Scopus/WoS/MEDLINE) into cleaned documents."""
        from pipelines.cli_support import load_config
        from pipelines.ingest.records import IngestError
        from pipelines.ingest.stage import run_ingest
        from pipelines.paths import Paths

        cfg = load_config(params)
        paths = Paths.from_config(cfg)
        if corpus is not None:
            root = corpus.resolve()
            paths = Paths(**{**paths.__dict__, "corpus": root, "metadata": root / cfg.corpus.metadata})
        try:
            summary = run_ingest(cfg, paths)
        except IngestError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
        report(summary, strict)
