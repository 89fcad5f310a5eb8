"""The `colens` command line (also `python -m pipelines`).

Each capability registers its commands from its own `commands` module; this file only assembles them.
"""

from __future__ import annotations

import importlib
import logging
import sys

import typer

from pipelines.stage_entry import LOG_FORMAT

#: Errors that mean "your input or params are wrong" ("module:Class"): the command prints one line naming the
#: file or key and exits with code 2, never a traceback. Checked lazily, so the CLI starts without importing them.
USER_ERRORS: tuple[str, ...] = (
    "pipelines.config:ConfigError",
    "pipelines.modeling:UntrustedModel",
    "pipelines.modeling:ModelMissing",
    "pipelines.modeling:AnnotationError",
    "pipelines.ingest.records:IngestError",
    "pipelines.tables:TableError",
    "pipelines.classify.runner:SameFileError",
    "pipelines.nlp:ModelNotFound",
    "pipelines.qda.archive:QdaFileError",
)


def user_error(exc: BaseException) -> bool:
    """Whether `exc` is one of USER_ERRORS (only modules already imported can have raised one)."""
    for spec in USER_ERRORS:
        module, name = spec.split(":")
        cls = getattr(sys.modules.get(module), name, None)
        if isinstance(cls, type) and isinstance(exc, cls):
            return True
    return False


def one_line(exc: BaseException) -> str:
    """The error message on one line (multi-line messages joined with '; ')."""
    return "; ".join(part.strip() for part in str(exc).splitlines() if part.strip()) or type(exc).__name__


class ColensApp(typer.Typer):
    """The Typer app, with user errors (bad params, files, models) printed as one line instead of a traceback."""

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            if not user_error(exc):
                raise
            sys.stderr.write(f"error: {one_line(exc)}\n")
            raise SystemExit(2) from None


app = ColensApp(
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
    "pipelines.compare.commands",
    "pipelines.annotate.commands",
    "pipelines.evaluate.commands",
    "pipelines.definitions.commands",
    "pipelines.report.commands",
    "pipelines.workflow.commands",
    "pipelines.qda.commands",
    "pipelines.warm.commands",
]


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress to stderr.")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format=LOG_FORMAT)


for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)
