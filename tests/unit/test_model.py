"""The model: weights checked by sha256, ONNX vectors match sentence-transformers."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from interviewprep.scoring.modelcard import ModelCard, ModelError, model_dir, verified_weights


def test_the_packaged_weights_match_the_model_card():
    card = ModelCard.load()
    assert card.sha256 == "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
    assert verified_weights(card).name == "model.safetensors"


def test_a_sha256_mismatch_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWPREP_MODEL_CACHE", str(tmp_path / "cache"))
    card = dataclasses.replace(ModelCard.load(), sha256="0" * 64)
    with pytest.raises(ModelError, match="refusing to use"):
        verified_weights(card)


def test_a_changed_weights_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEWPREP_MODEL_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(ModelError, match="sha256"):
        verified_weights(ModelCard.load(), folder)


def test_onnx_runtime_vectors_match_sentence_transformers(real_scorer):
    from sentence_transformers import SentenceTransformer

    sentences = [
        "I was responsible for the data-centre exit and met the CFO every week.",
        "The main risk was the vendor's API, so we built a mock service early.",
        "Next time I would run the first cutover rehearsal in week one.",
        "We cut ticket resolution time from nine hours to four.",
    ]
    reference = SentenceTransformer(str(model_dir()), device="cpu")
    expected = reference.encode(sentences, normalize_embeddings=True)
    got = real_scorer.embedder.encode(sentences)
    cosines = np.sum(expected * got, axis=1)
    assert real_scorer.embedder.runtime.startswith("onnxruntime")
    assert cosines.min() >= 0.98, cosines
