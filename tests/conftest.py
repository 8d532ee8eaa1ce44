"""Shared fixtures. Every test runs in its own INTERVIEWPREP_HOME; the exported model cache is
shared. Helpers that are not fixtures live in tests/support/ (tests never import each other)."""

from __future__ import annotations

import os
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


@pytest.fixture(scope="session")
def element_bank():
    from interviewprep.bank import load_app_bank

    bank, errors = load_app_bank()
    assert not errors, errors
    return bank


@pytest.fixture(scope="session")
def real_scorer(tmp_path_factory):
    """The real all-MiniLM-L6-v2 scorer (ONNX runtime), loaded once per test session in a
    scratch home of its own (so its embedding cache never lands in the user's)."""
    from interviewprep.scoring.scorer import Scorer

    home = tmp_path_factory.mktemp("scorer-home")
    previous = os.environ.get("INTERVIEWPREP_HOME")
    os.environ["INTERVIEWPREP_HOME"] = str(home)
    try:
        from interviewprep.bank import load_app_bank

        bank, _ = load_app_bank()
        return Scorer.load(bank.elements, progress=lambda _m: None)
    finally:
        if previous is None:
            os.environ.pop("INTERVIEWPREP_HOME", None)
        else:
            os.environ["INTERVIEWPREP_HOME"] = previous


@pytest.fixture(scope="session")
def transcriber():
    """The real Whisper tiny.en transcriber (faster-whisper), loaded once per test session."""
    from interviewprep.speech.transcribe import Transcriber

    return Transcriber.load()


@pytest.fixture(scope="session")
def spoken_answer_wav(tmp_path_factory) -> Path:
    """A ~40 s espeak-ng answer covering situation, action, risk, stakeholders and metrics."""
    from support.speech import STAKEHOLDER_ANSWER, speak

    return speak(STAKEHOLDER_ANSWER, tmp_path_factory.mktemp("speech") / "answer.wav")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses the real model is `slow`: `pytest -m "not slow"` is the quick run.

    Tests asking for the real_scorer fixture are marked here; tests that load the model in a
    subprocess (the score and plain-mode CLI, the TUI with its real loader) carry the mark."""
    for item in items:
        if {"real_scorer", "transcriber"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
