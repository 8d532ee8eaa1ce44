# Two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The CPU build of torch; on these machines it comes from a local wheel folder.
TORCH  := torch==2.13.0
LOCAL_WHEELS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)
PIP    := $(BIN)/python -m pip install --disable-pip-version-check $(LOCAL_WHEELS)

# System libraries: PortAudio lets the app record from the microphone; espeak-ng and sox make
# the spoken test answers. Installed with apt-get when it is there and we are root; otherwise a
# note says what to install (voice then reports itself unavailable and typing still works; the
# speech tests skip with the reason).
SYSTEM_RUN  := libportaudio2
SYSTEM_TEST := espeak-ng sox
define apt_install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing system packages:$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null 2>&1 || \
	  { apt-get update -qq >/dev/null 2>&1 && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } || \
	  echo "note: could not install$$missing; voice answers or speech tests may be unavailable"; \
	else echo "note: install$$missing (e.g. sudo apt-get install$$missing) for voice answers and the speech tests"; fi
endef

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
	$(BIN)/python benchmarks/bench_speech.py
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
	$(call apt_install,$(SYSTEM_RUN))
	$(PIP) --quiet "$(TORCH)"
	$(PIP) --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(call apt_install,$(SYSTEM_TEST))
	$(PIP) --quiet -e ".[dev]"
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
