"""Sentence embeddings at run time: onnxruntime + tokenizers + numpy, never torch."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from .encoders import BATCH_SIZE, OnnxEmbedder, SentenceTransformerEmbedder
from .modelcard import ModelCard, ModelError, model_dir, verified_weights
from .onnx_export import export_onnx, exported_model

__all__ = ["BATCH_SIZE", "Embedder", "OnnxEmbedder", "SentenceTransformerEmbedder", "load_embedder"]


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors."""

    runtime: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Sentence vectors, and for each text the normalised vectors of its content tokens."""
        ...


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def load_embedder(
    card: ModelCard,
    progress: Callable[[str], None] = _stderr,
    allow_export: bool = True,
) -> Embedder:
    """The runtime embedder: the verified ONNX export, exported first if missing.

    Falls back to sentence-transformers (with a warning) only if the export cannot run.
    """
    directory = model_dir()
    verified_weights(card, directory)
    precision = "int8" if card.runtime.endswith("int8") else "fp32"
    path = exported_model(card, precision)
    if path is None and allow_export:
        progress("First use: exporting the embedding model to ONNX (once, about a minute) ...")
        try:
            export_onnx(card, progress)
        except Exception as exc:  # noqa: BLE001 - any export failure has the same remedy
            message = (
                f"could not export the model to ONNX ({exc}); scoring with sentence-transformers "
                "instead, which is slower to start"
            )
            warnings.warn(message, RuntimeWarning, stacklevel=2)
            progress(f"warning: {message}")
            return SentenceTransformerEmbedder(directory, card.max_seq_length)
        path = exported_model(card, precision)
    if path is None:
        raise ModelError("the ONNX model has not been exported yet; run `interviewprep setup`")
    return OnnxEmbedder(path, directory, card.max_seq_length)
