"""On-disk cache of embeddings, keyed by model hash and exact text; stale entries cannot match."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..fileio import atomic_binary_file
from .embedder import Embedder


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


class EmbeddingCache:
    """Vectors for exemplar and model-answer sentences, one file per model hash."""

    def __init__(self, embedder: Embedder, folder: Path, model_sha256: str) -> None:
        self.embedder = embedder
        self.path = folder / f"{model_sha256[:16]}-{embedder.runtime.replace(':', '-')}.npz"
        self._vectors: dict[str, np.ndarray] = {}
        self._dirty = False
        try:
            with np.load(self.path, allow_pickle=False) as data:
                keys, matrix = data["keys"], data["vectors"]
                self._vectors = {str(k): matrix[i] for i, k in enumerate(keys)}
        except (OSError, ValueError, KeyError):
            self._vectors = {}

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
