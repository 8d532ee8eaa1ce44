"""Disposable caches that fail are moved aside and rebuilt, with a message (issue 16, C2/C7).

The embedding cache (zero-length or truncated) and the ONNX export (truncated) are damaged in a
private copy of the caches, never the shared model cache the other tests use.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from interviewprep import locations
from support.cli import run_cli

ANSWER = ("I led the move of 300 servers to a new data centre. I kept a risk register with the "
          "owners, ran a weekly steering meeting with the CFO, and we finished two weeks early.")


@pytest.fixture
def private_model_cache(tmp_path, monkeypatch) -> Path:
    """A copy of the exported model, so it can be damaged without touching the shared one."""
    shared = locations.model_cache_dir()
    private = tmp_path / "models"
    shutil.copytree(shared, private, ignore=shutil.ignore_patterns("*.broken", ".*"))
    monkeypatch.setenv("INTERVIEWPREP_MODEL_CACHE", str(private))
    return private


def _load_scorer(messages: list[str]):
    from interviewprep.bank import load_app_bank
    from interviewprep.scoring.scorer import Scorer

    bank, _ = load_app_bank()
    return bank, Scorer.load(bank.elements, progress=messages.append)


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["empty", "truncated", "wrong shape"])
def test_a_damaged_embedding_cache_is_moved_aside_and_rebuilt(damage):
    bank, scorer = _load_scorer([])
    path = scorer.cache.path
    assert path.exists()
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:
        with path.open("wb") as fh:
            np.savez(fh, keys=np.array(["a", "b"]), vectors=np.zeros((3, 7), dtype=np.float32))
    damaged = path.read_bytes()
    messages: list[str] = []
    bank, scorer = _load_scorer(messages)
    assert any("embedding cache" in m and "damaged" in m and ".broken" in m for m in messages)
    assert path.with_name(path.name + ".broken").read_bytes() == damaged  # kept, not deleted
    question = bank.questions["beh-managing-significant-risks"]
    feedback = scorer.score_question(question, ANSWER)
    assert 0 < feedback.overall <= 100
    assert path.exists() and path.read_bytes() != damaged  # rebuilt


@pytest.mark.slow
def test_a_truncated_export_is_refused_with_the_remedy_when_exporting_is_not_allowed(
        private_model_cache):
    from interviewprep.scoring.embedder import load_embedder
    from interviewprep.scoring.modelcard import ModelCard, ModelError
    from interviewprep.scoring.onnx_export import export_dir

    card = ModelCard.load()
    model = next(export_dir(card).glob("model-*.onnx"))
    for onnx in export_dir(card).glob("model-*.onnx"):
        onnx.write_bytes(onnx.read_bytes()[:4096])
    with pytest.raises(ModelError, match=r"damaged .*setup --force"):
        load_embedder(card, progress=lambda _m: None, allow_export=False)
    assert model.exists()


def test_setup_finds_an_export_that_changed_since_it_was_verified(private_model_cache):
    from interviewprep.scoring.modelcard import ModelCard
    from interviewprep.scoring.onnx_export import export_dir, export_problem

    card = ModelCard.load()
    folder = export_dir(card)
    record = json.loads((folder / "export.json").read_text(encoding="utf-8"))
    model = folder / "model-int8.onnx"
    size = model.stat().st_size
    record["files"] = {"model-int8.onnx": {"bytes": size, "sha256": "0" * 64}}
    (folder / "export.json").write_text(json.dumps(record), encoding="utf-8")
    assert "has changed since it was exported" in (export_problem(card, "int8") or "")
    record["files"]["model-int8.onnx"]["bytes"] = size + 1
    (folder / "export.json").write_text(json.dumps(record), encoding="utf-8")
    assert "missing, incomplete" in (export_problem(card, "int8") or "")


@pytest.mark.slow
def test_setup_repairs_a_truncated_export_quietly(private_model_cache):
    """`setup` verifies the cached export, moves a damaged one aside and exports again; the
    libraries' warnings go to a log file it names, not to the terminal."""
    from interviewprep.scoring.modelcard import ModelCard
    from interviewprep.scoring.onnx_export import export_dir

    card = ModelCard.load()
    folder = export_dir(card)
    model = folder / "model-int8.onnx"
    model.write_bytes(model.read_bytes()[:100_000])
    result = run_cli("setup", env={"INTERVIEWPREP_MODEL_CACHE": str(private_model_cache)})
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "damaged" in output and "scorer ready" in output
    assert "Traceback" not in output and "TracerWarning" not in output
    assert folder.with_name(folder.name + ".broken").is_dir()  # the damaged copy, kept
    record = json.loads((folder / "export.json").read_text(encoding="utf-8"))
    assert record["files"]["model-int8.onnx"]["bytes"] == model.stat().st_size
    log = private_model_cache / "export.log"
    if log.exists():  # torch warned: the message names the log
        assert str(log) in output
    # and a second run finds nothing to repair
    again = run_cli("setup", env={"INTERVIEWPREP_MODEL_CACHE": str(private_model_cache)})
    assert again.returncode == 0 and "damaged" not in again.stderr + again.stdout
    assert os.listdir(folder)
