"""On-disk cache of embeddings, keyed by model hash and exact text; stale entries cannot match."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..fileio import atomic_binary_file, is_regular_file
from .embedder import Embedder

MAX_CACHE_BYTES = 500_000_000
DIMENSIONS = 384


def _read(path: Path) -> dict[str, np.ndarray]:
    """The cached vectors, checked: a regular file, the right arrays, shapes and finite values."""
    if not is_regular_file(path):
        raise ValueError("not a regular file")
    if path.stat().st_size > MAX_CACHE_BYTES:
        raise ValueError("too big")
    with np.load(path, allow_pickle=False) as data:
        keys, matrix = data["keys"], data["vectors"]
        if keys.ndim != 1 or matrix.ndim != 2 or matrix.shape != (len(keys), DIMENSIONS):
            raise ValueError(f"arrays of the wrong shape ({keys.shape}, {matrix.shape})")
        if matrix.dtype.kind != "f" or not np.isfinite(matrix).all():
            raise ValueError("vectors that are not finite numbers")
        return {str(k): matrix[i] for i, k in enumerate(keys)}


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class EmbeddingCache:
    """Vectors for exemplar and model-answer sentences, one file per model hash."""

    def __init__(self, embedder: Embedder, folder: Path, model_sha256: str) -> None:
        self.embedder = embedder
        self.path = folder / f"{model_sha256[:16]}-{embedder.runtime.replace(':', '-')}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        self.notice: str | None = None
        """Set when a damaged cache file was moved aside (the caller shows it)."""
        if os.path.lexists(self.path):
            try:
                self._vectors = _read(self.path)
            except Exception as exc:  # noqa: BLE001 - numpy/zipfile raise many kinds; all mean "damaged"
                self._vectors = {}
                self.notice = self._move_aside(exc)

    def _move_aside(self, exc: BaseException) -> str:
        """Rename a damaged cache so it is rebuilt (never deleted: the user may want to look)."""
        reason = str(exc) or type(exc).__name__
        aside = self.path.with_name(f"{self.path.name}.broken")
        try:
            os.replace(self.path, aside)
        except OSError as move_error:
            return (f"the embedding cache {self.path} is damaged ({reason}) and could not be "
                    f"moved aside ({move_error.strerror or move_error}); it is ignored")
        return (f"the embedding cache {self.path} was damaged ({reason}); moved it to {aside} "
                "and rebuilding it (the first scoring is slower)")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self._vectors}.items())
        if missing:
            vectors = self.embedder.encode([t for _, t in missing])
            for (k, _), v in zip(missing, vectors, strict=True):
                self._vectors[k] = v
            self._dirty = True
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys])

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            keys = np.array(list(self._vectors), dtype="U40")
            vectors = np.stack(list(self._vectors.values())).astype(np.float32)
            # Through a file object (np.savez would add .npz to a bare name); a failed write,
            # e.g. on a full disk, removes its partial temporary file.
            with atomic_binary_file(self.path) as fh:
                np.savez(fh, keys=keys, vectors=vectors)
            self._dirty = False
        except OSError:
            pass  # an unwritable cache only costs time
