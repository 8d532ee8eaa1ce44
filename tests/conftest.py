"""Every test runs in its own INTERVIEWPREP_HOME; the exported model cache is shared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from interviewprep import locations

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
# Reuse the model exported at set-up (`interviewprep setup`), whatever home a test uses.
os.environ.setdefault("INTERVIEWPREP_MODEL_CACHE", str(locations.model_cache_dir()))
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWPREP_HOME", str(home))
    return home


def run_cli(*args: str, stdin: str | None = None, env: dict | None = None):
    """Run `interviewprep ARGS` as a user would, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "interviewprep", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.fixture(scope="session")
def element_bank():
    from interviewprep.bank import load_app_bank

    bank, errors = load_app_bank()
    assert not errors, errors
    return bank


@pytest.fixture(scope="session")
def real_scorer(element_bank):
    """The real all-MiniLM-L6-v2 scorer (ONNX runtime), loaded once per test session."""
    from interviewprep.scoring.scorer import Scorer

    return Scorer.load(element_bank.elements, progress=lambda m: None)
