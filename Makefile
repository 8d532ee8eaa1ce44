# Two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The CPU build of torch; on these machines it comes from a local wheel folder.
TORCH  := torch==2.13.0
LOCAL_WHEELS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)
PIP    := $(BIN)/python -m pip install --disable-pip-version-check $(LOCAL_WHEELS)

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test test-quick bench lint setup clean

run: $(VENV)/.installed
	$(BIN)/interviewprep setup --quiet
	$(BIN)/interviewprep

test: $(VENV)/.installed-dev
	$(BIN)/interviewprep setup --quiet
	$(BIN)/python -m pytest

# Everything but the real-model tests (see the `slow` marker); `make test` runs them all.
test-quick: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -m "not slow"

bench: $(VENV)/.installed-dev
	$(BIN)/interviewprep setup --quiet
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/bench_asking.py

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

setup: $(VENV)/.installed
	$(BIN)/interviewprep setup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet --upgrade pip

# torch first, pinned, so that sentence-transformers never pulls a CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) --quiet "$(TORCH)"
	$(PIP) --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PIP) --quiet -e ".[dev]"
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
