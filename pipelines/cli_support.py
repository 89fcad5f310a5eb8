"""What every `commands.py` shares: params for a command, with a bad params file turned into a clean CLI error.

`cli.py` imports the commands modules to assemble the `colens` app; they import this module, never `cli.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pipelines.config import Config, ConfigError


def load_config(params: Optional[Path]) -> Config:
    """Config for a command (`--params`, default the project's params.yaml); a bad file exits with code 2."""
    try:
        return Config.load(params)
    except ConfigError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
