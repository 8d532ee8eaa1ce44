"""Every path the app reads or writes, in one place.

INTERVIEWPREP_HOME puts all user folders (banks, transcripts, caches) under one directory;
tests use it. INTERVIEWPREP_MODEL_CACHE overrides only the exported-model cache, so that a
test run in a fresh home can reuse the model exported at set-up.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "interviewprep"
_PACKAGE_DIR = Path(__file__).resolve().parent
# In a source checkout (editable install) the data folders sit at the repository root.
_REPO_ROOT = _PACKAGE_DIR.parent.parent


def _home() -> Path | None:
    value = os.environ.get("INTERVIEWPREP_HOME")
    return Path(value).expanduser() if value else None


def _packaged(name: str) -> Path:
    bundled = _PACKAGE_DIR / "_data" / name
    return bundled if bundled.is_dir() else _REPO_ROOT / name


def bundled_bank_dir() -> Path:
    """The question bank shipped with the app."""
    return _packaged("questions")


def model_cards_dir() -> Path:
    """Model cards: which model, its sha256 and the thresholds calibrated for it."""
    return _packaged("models")


def calibration_dir() -> Path:
    """Labeled answers used by `interviewprep calibrate` (present in a source checkout)."""
    return _REPO_ROOT / "calibration"


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME))


def user_bank_dir() -> Path:
    """Your own question files: every *.yaml here is loaded after the bundled bank."""
    home = _home()
    return home / "questions" if home else Path(platformdirs.user_config_dir(APP_NAME)) / "questions"


def transcripts_dir() -> Path:
    """Saved sessions, one JSON file each."""
    return data_dir() / "transcripts"


def drafts_dir() -> Path:
    """Unsent answers kept when the user leaves mid-answer (restored on resume)."""
    return data_dir() / "drafts"


def exports_dir() -> Path:
    """Reports the TUI writes (`interviewprep export` writes where it is told)."""
    return data_dir() / "exports"


def export_path(session_id: str) -> Path:
    """Where the TUI saves a session's Markdown report."""
    return exports_dir() / f"{session_id}.md"


def job_descriptions_dir() -> Path:
    """Saved job postings (`interviewprep jd add`), one JSON file each."""
    return data_dir() / "jd"


def job_descriptions_trash_dir() -> Path:
    """Removed job postings (`interviewprep jd remove`), never unlinked."""
    return trash_dir() / "jd"


def schedule_path() -> Path:
    """The spaced-repetition schedule (rebuilt from the transcripts if lost; a broken one is
    moved to the trash folder)."""
    return data_dir() / "schedule.json"


def trash_dir() -> Path:
    """Deleted transcripts (and, later, stories and job descriptions) go here, never unlinked."""
    return data_dir() / "trash"


def stories_dir() -> Path:
    """Your story bank: Markdown files, one story per `## Title` section (docs/stories.md)."""
    return data_dir() / "stories"


def story_edits_dir() -> Path:
    """Copies of stories open in your editor; a copy that does not validate stays here."""
    return data_dir() / "story-edits"


def stories_trash_dir() -> Path:
    """Removed stories are moved here, never unlinked."""
    return trash_dir() / "stories"


def cache_dir() -> Path:
    """Disposable: the model export, embeddings, the transcript index."""
    home = _home()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME))


def model_cache_dir() -> Path:
    """Exported ONNX model and verified-hash records, keyed by the weights' sha256."""
    override = os.environ.get("INTERVIEWPREP_MODEL_CACHE")
    return Path(override).expanduser() if override else cache_dir() / "models"


def story_cache_dir() -> Path:
    """Your stories as the scorer saw them, keyed by story text, model and calibration."""
    return cache_dir() / "stories"


def embedding_cache_dir() -> Path:
    """Exemplar embeddings, keyed by model hash and exemplar text."""
    return cache_dir() / "embeddings"


def all_locations() -> dict[str, Path]:
    """Every folder or file the app reads or writes, as `interviewprep locate` prints them."""
    return {
        "bundled bank": bundled_bank_dir(),
        "user bank": user_bank_dir(),
        "transcripts": transcripts_dir(),
        "drafts": drafts_dir(),
        "exports": exports_dir(),
        "stories": stories_dir(),
        "job descriptions": job_descriptions_dir(),
        "removed postings": job_descriptions_trash_dir(),
        "schedule": schedule_path(),
        "trash": trash_dir(),
        "story edits": story_edits_dir(),
        "removed stories": stories_trash_dir(),
        "cache": cache_dir(),
        "model cards": model_cards_dir(),
        "model cache": model_cache_dir(),
        "embedding cache": embedding_cache_dir(),
        "story cache": story_cache_dir(),
    }
