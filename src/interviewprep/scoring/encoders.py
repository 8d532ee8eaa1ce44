"""The two ways to run the embedding model: onnxruntime (the runtime path, never torch) and
sentence-transformers (the reference and fallback path, imports torch)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import numpy as np

BATCH_SIZE = 32


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
        return self._run(texts, False)[0]

    def encode_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        return self._run(texts, True)

    def _run(self, texts: Sequence[str], with_tokens: bool) -> tuple[np.ndarray, list[np.ndarray]]:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32), []
        encodings = self.tokenizer.encode_batch([t if t.strip() else "." for t in texts])
        # Sort by length so each batch pads little.
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        out: list[np.ndarray | None] = [None] * len(encodings)
        tokens: list[np.ndarray] = [np.zeros((0, 384), dtype=np.float32)] * len(encodings)
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
                if with_tokens:
                    keep = content_token_rows(encodings[i].tokens)
                    tokens[i] = normalise_rows(hidden[row, keep])
        return np.stack(cast(list[np.ndarray], out)).astype(np.float32), tokens  # every slot is filled


def content_token_rows(tokens: Sequence[str]) -> list[int]:
    """Rows of the word-initial content tokens (no [CLS]/[SEP], sub-word pieces, stop words)."""
    from .similarity import STOPWORDS

    return [i for i, t in enumerate(tokens)
            if len(t) > 1 and t[0].isalnum() and t not in STOPWORDS and not t.startswith("[")]


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    return matrix / np.clip(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12, None)


class SentenceTransformerEmbedder:
    """The reference path (imports torch); used only when the ONNX export cannot run."""

    def __init__(self, directory: Path, max_seq_length: int) -> None:
        from sentence_transformers import SentenceTransformer

        self.runtime = "sentence-transformers"
        self.model = SentenceTransformer(str(directory), device="cpu")
        self.model.max_seq_length = max_seq_length

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.encode(list(texts), normalize_embeddings=True, batch_size=BATCH_SIZE)

    def encode_with_tokens(self, texts: Sequence[str]) -> tuple[np.ndarray, list[np.ndarray]]:
        tokenizer = self.model.tokenizer
        hidden = self.model.encode(list(texts), output_value="token_embeddings", batch_size=BATCH_SIZE)
        tokens = []
        for text, states in zip(texts, hidden, strict=True):
            pieces = tokenizer.convert_ids_to_tokens(tokenizer(text, truncation=True)["input_ids"])
            keep = content_token_rows(pieces[: len(states)])
            tokens.append(normalise_rows(np.asarray(states)[keep]))
        return self.encode(texts), tokens
