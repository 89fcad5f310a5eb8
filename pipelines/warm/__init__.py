"""A warm process for the pipeline's stages: third-party libraries imported once, each stage a fork of it.

Every DVC stage is its own Python process, and most of a small stage's time went on importing pandas,
scikit-learn, spaCy and ONNX Runtime (2-3 s a stage, 13 stages a run). `colens warm COMMAND` runs COMMAND (e.g.
`dvc repro`) beside a server that has imported them; a stage started through `python -m pipelines.launch MODULE`
asks the server to fork, and the fork imports the project's own code afresh and runs the stage with the caller's
working directory, environment and standard streams. Without a server the launcher runs the stage in its own
process, so the outputs are the same either way.
"""

from pipelines.warm.protocol import ENV_ADDRESS, ENV_RUSAGE

__all__ = ["ENV_ADDRESS", "ENV_RUSAGE"]
