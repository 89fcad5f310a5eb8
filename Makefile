# colens: `make repro` runs the pipeline on the bundled corpus, `make test` runs the test suite.
# Both set everything up first (idempotent: a second run skips what is already installed).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.colens-installed
export PATH := $(CURDIR)/$(BIN):$(PATH)
export DVC_NO_ANALYTICS := 1
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup repro test bench notebooks clean-outputs

setup: $(STAMP)

# torch is installed first, alone, so pip takes the CPU wheel instead of pulling CUDA packages.
$(STAMP): pyproject.toml scripts/install_chromium.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	bash scripts/install_chromium.sh
	touch $(STAMP)

repro: setup
	$(BIN)/colens warm -- $(BIN)/dvc repro

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python scripts/benchmark.py

# JupyterLab (opens the jupytext .py notebooks directly) and each notebook executed into notebooks/*.ipynb.
notebooks: setup
	$(BIN)/python -m pip install --quiet -e ".[dev,notebooks]"
	$(BIN)/jupytext --to ipynb --execute notebooks/[0-9][0-9]-*.py

clean-outputs:
	rm -rf data metrics/*.json reports cache
