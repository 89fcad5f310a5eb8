"""The `colens` command line (also `python -m pipelines`).

Each capability registers its commands from its own `commands` module; this file only assembles them.
"""

from __future__ import annotations

import importlib
import logging

import typer

from pipelines.stage_entry import LOG_FORMAT

app = typer.Typer(
    help="colens: how 'co-production' is defined and used across policy documents, blogs and abstracts.",
    no_args_is_help=True,
    add_completion=False,
)

# Modules with a `register(app)` function adding their commands.
COMMAND_MODULES: list[str] = [
    "pipelines.classify.commands",
    "pipelines.ingest.commands",
    "pipelines.mentions.commands",
    "pipelines.elasticity.commands",
    "pipelines.annotate.commands",
    "pipelines.definitions.commands",
]


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress to stderr.")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format=LOG_FORMAT)


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)
