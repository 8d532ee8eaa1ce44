"""Sentence embeddings at run time: onnxruntime + tokenizers + numpy, never torch."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from .modelcard import ModelCard, ModelError, model_dir, verified_weights

BATCH_SIZE = 32


class Embedder(Protocol):
    """Turns texts into L2-normalised vectors."""

    runtime: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class OnnxEmbedder:
    """all-MiniLM-L6-v2 exported to ONNX: tokenize, run, mean-pool, normalise."""

    def __init__(self, onnx_path: Path, tokenizer_dir: Path, max_seq_length: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.runtime = f"onnxruntime:{onnx_path.stem}"
        self.tokenizer = Tokenizer.from_file(str(tokenizer_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_seq_length)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(onnx_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        encodings = self.tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        # Sort by length so each batch pads little.
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        out: list[np.ndarray | None] = [None] * len(encodings)
        for start in range(0, len(order), BATCH_SIZE):
            chunk = order[start : start + BATCH_SIZE]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            pooled = pooled / np.clip(norms, 1e-12, None)
            for row, i in enumerate(chunk):
                out[i] = pooled[row]
        return np.stack(out).astype(np.float32)  # type: ignore[arg-type]


class SentenceTransformerEmbedder:
    """The reference path (imports torch); used only when the ONNX export cannot run."""

    def __init__(self, directory: Path, max_seq_length: int) -> None:
        from sentence_transformers import SentenceTransformer

        self.runtime = "sentence-transformers"
        self.model = SentenceTransformer(str(directory), device="cpu")
        self.model.max_seq_length = max_seq_length

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.encode(list(texts), normalize_embeddings=True, batch_size=BATCH_SIZE)


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
    from .export import export_onnx, exported_model

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
