"""The annotation loop: export the passages a model is least sure about, import a researcher's labels into the
task's annotations file (so `dvc repro` retrains), and measure agreement between two annotators."""
