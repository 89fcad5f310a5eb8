"""`python -m pipelines` runs the colens command line."""

from pipelines.cli import app

app()
