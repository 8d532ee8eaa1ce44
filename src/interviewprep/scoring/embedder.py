"""Sentence embeddings at run time: onnxruntime + tokenizers + numpy, never torch."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from ..fileio import is_regular_file
from .encoders import BATCH_SIZE, OnnxEmbedder, SentenceTransformerEmbedder
from .modelcard import ModelCard, ModelError, model_dir, verified_weights
from .onnx_export import export_dir, export_onnx, exported_model, move_aside

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
        folder = export_dir(card)
        if is_regular_file(folder / f"model-{precision}.onnx"):
            # There is a file, but not the one that was exported and verified: cut short or changed.
            raise ModelError(f"the exported model in {folder} is damaged (incomplete or changed "
                             "since it was verified); run `interviewprep setup --force` to export "
                             "it again")
        raise ModelError("the ONNX model has not been exported yet; run `interviewprep setup`")
    try:
        return _checked(OnnxEmbedder(path, directory, card.max_seq_length))
    except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own kinds for a bad file
        if not allow_export:
            raise ModelError(f"the exported model {path} is damaged ({_short(exc)}); run "
                             "`interviewprep setup --force` to export it again") from exc
        aside = move_aside(card)
        progress(f"The exported model {path} is damaged ({_short(exc)}); moved it to {aside} "
                 "and exporting it again ...")
    return load_embedder(card, progress, allow_export=False) if _reexport(card, progress) \
        else SentenceTransformerEmbedder(directory, card.max_seq_length)


def _reexport(card: ModelCard, progress: Callable[[str], None]) -> bool:
    try:
        export_onnx(card, progress)
        return True
    except Exception as exc:  # noqa: BLE001 - as above: fall back to sentence-transformers
        message = (f"could not export the model to ONNX ({exc}); scoring with "
                   "sentence-transformers instead, which is slower to start")
        warnings.warn(message, RuntimeWarning, stacklevel=3)
        progress(f"warning: {message}")
        return False


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _checked(embedder: OnnxEmbedder) -> OnnxEmbedder:
    """One sentence through the model: a file that loads but cannot run is caught here."""
    vector = embedder.encode(["The project finished on time."])
    if vector.shape != (1, 384) or not np.isfinite(vector).all():
        raise ValueError(f"the model gives vectors of shape {vector.shape}")
    return embedder
