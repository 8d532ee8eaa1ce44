"""One-time export of the packaged weights to ONNX (fp32 and int8), verified against
sentence-transformers. This is the only module that imports torch; the runtime never does."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import numpy as np

from .. import locations
from ..fileio import UnreadableFile, is_regular_file, read_json_capped
from .encoders import OnnxEmbedder
from .modelcard import ModelCard, ModelError, model_dir, verified_weights

# Sentences the exported model must embed like sentence-transformers does.
VERIFY_SENTENCES = [
    "I was responsible for migrating 40 servers to Azure before the data centre lease expired.",
    "The biggest risk was the vendor's API, so we built a mock service and kept a buffer.",
    "We went live on the planned weekend with no priority-one incidents.",
    "Next time I would bring the security team in at kick-off.",
    "I ran a fortnightly steering meeting with the CFO to agree trade-offs.",
    "Ich habe das Projekt geleitet und das Budget um 10 % unterschritten.",
    "risk " * 300,
]
MIN_COSINE = {"fp32": 0.999, "int8": 0.98}


def _wrap(torch_module):  # defined lazily so importing this module never imports torch
    import torch

    class HiddenStates(torch.nn.Module):
        """Positional inputs in, last hidden state out: the graph the runtime runs."""

        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out[0]

    return HiddenStates(torch_module)


def export_dir(card: ModelCard) -> Path:
    return locations.model_cache_dir() / card.sha256


def _export_record(folder: Path) -> dict[str, Any] | None:
    try:
        meta = read_json_capped(folder / "export.json", 1_000_000)
    except (OSError, UnreadableFile):
        return None
    return meta if isinstance(meta, dict) else None


def exported_model(card: ModelCard, precision: str) -> Path | None:
    """The exported ONNX file if an export for these weights was completed and verified (and,
    for exports that recorded them, the file still has the size it was written with)."""
    folder = export_dir(card)
    meta = _export_record(folder)
    if meta is None:
        return None
    path = folder / f"model-{precision}.onnx"
    verified = meta.get("verified")
    if meta.get("sha256") != card.sha256 or not isinstance(verified, dict) \
            or precision not in verified or not is_regular_file(path):
        return None
    recorded = (meta.get("files") or {}).get(path.name) if isinstance(meta.get("files"), dict) else None
    if isinstance(recorded, dict) and recorded.get("bytes") != path.stat().st_size:
        return None
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_problem(card: ModelCard, precision: str) -> str | None:
    """Why the cached export cannot be trusted (missing, truncated, changed), or None if it is
    whole: the full check `setup` runs (hashes the file against its export record)."""
    folder = export_dir(card)
    path = folder / f"model-{precision}.onnx"
    meta = _export_record(folder)
    if meta is None:
        return f"no complete export record in {folder}"
    if exported_model(card, precision) is None:
        return f"{path} is missing, incomplete or was not verified"
    files = meta.get("files")
    recorded = files.get(path.name) if isinstance(files, dict) else None
    if isinstance(recorded, dict) and recorded.get("sha256") != _sha256(path):
        return f"{path} has changed since it was exported and verified"
    return None


def move_aside(card: ModelCard) -> Path | None:
    """Rename a damaged export folder (it is rebuilt on the next export); returns the new name."""
    folder = export_dir(card)
    if not folder.exists():
        return None
    aside = folder.with_name(f"{folder.name}.broken")
    if aside.exists():
        shutil.rmtree(aside, ignore_errors=True)  # the previous damaged copy, already reported
    os.replace(folder, aside)
    return aside


def export_log_path() -> Path:
    """Where the libraries' warnings during an export go (not the terminal)."""
    return locations.model_cache_dir() / "export.log"


@contextlib.contextmanager
def _library_output_to_log(progress: Callable[[str], None]) -> Iterator[Callable[[], Any]]:
    """Library warnings (torch's TracerWarnings, which read like failure but are expected for
    this graph) and what the libraries print (progress bars) go to the export log; the user is
    told where, once. Yields `quiet`: a context in which the libraries' output is redirected
    (our own progress lines stay on the terminal)."""
    log = export_log_path()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        fh = log.open("a", encoding="utf-8")
    except OSError:
        yield contextlib.nullcontext
        return
    with fh, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = fh.tell()

        @contextlib.contextmanager
        def quiet() -> Iterator[None]:
            with contextlib.redirect_stdout(fh), contextlib.redirect_stderr(fh):
                yield

        try:
            yield quiet
        finally:
            for w in caught:
                fh.write(f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})\n")
            fh.flush()
            if fh.tell() > start:
                progress(f"The libraries' messages during the export (warnings that are "
                         f"expected for this model) are in {log}")


def export_onnx(card: ModelCard, progress: Callable[[str], None] = print) -> dict:
    """Export, quantize and verify; write into the model cache atomically. Returns the report."""
    directory = model_dir()
    verified_weights(card, directory)
    progress("Loading sentence-transformers (reference model) ...")
    try:
        import torch
        from onnxruntime.quantization import QuantType, quantize_dynamic
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(f"cannot export the model: {exc}") from exc

    with _library_output_to_log(progress) as quiet:
        return _export(card, directory, torch, quantize_dynamic, QuantType, SentenceTransformer,
                       progress, quiet)


def _export(card: ModelCard, directory: Path, torch: Any, quantize_dynamic: Any, QuantType: Any,
            SentenceTransformer: Any, progress: Callable[[str], None],
            quiet: Callable[[], Any]) -> dict:
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    with quiet():
        reference = SentenceTransformer(str(directory), device="cpu")
    reference.max_seq_length = card.max_seq_length
    transformer = _wrap(cast(Any, reference[0]).auto_model.eval()).eval()
    target = export_dir(card)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        fp32 = work / "model-fp32.onnx"
        progress("Exporting the model to ONNX ...")
        sample = reference.tokenizer(["a sample sentence"], return_tensors="pt")
        with torch.no_grad(), quiet():
            torch.onnx.export(
                transformer,
                (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
                str(fp32),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    name: {0: "batch", 1: "sequence"}
                    for name in ("input_ids", "attention_mask", "token_type_ids",
                                 "last_hidden_state")
                },
                opset_version=17,
                dynamo=False,
            )
        progress("Quantizing to int8 ...")
        int8 = work / "model-int8.onnx"
        # Per-channel weights on the MatMuls only: 0.99 cosine to fp32 on answer sentences,
        # where the default per-tensor scheme drops to 0.89 on long inputs.
        with quiet():
            quantize_dynamic(
                str(fp32),
                str(int8),
                weight_type=QuantType.QInt8,
                op_types_to_quantize=["MatMul"],
                per_channel=True,
            )

        progress("Verifying the export against sentence-transformers ...")
        with quiet():
            expected = reference.encode(VERIFY_SENTENCES, normalize_embeddings=True)
        report: dict = {"sha256": card.sha256, "verified": {}, "min_cosine": {}}
        for precision, path in (("fp32", fp32), ("int8", int8)):
            got = OnnxEmbedder(path, directory, card.max_seq_length).encode(VERIFY_SENTENCES)
            cosine = float(np.min(np.sum(got * expected, axis=1)))
            report["min_cosine"][precision] = round(cosine, 5)
            if cosine >= MIN_COSINE[precision]:
                report["verified"][precision] = True
        if not report["verified"]:
            raise ModelError(f"the ONNX export does not match sentence-transformers: {report}")
        report["files"] = {p.name: {"bytes": p.stat().st_size, "sha256": _sha256(p)}
                           for p in (fp32, int8)}
        (work / "export.json").write_text(json.dumps(report, indent=2))
        if target.exists():
            old = target.with_name(f".old-{target.name}-{os.getpid()}")
            os.replace(target, old)
            shutil.rmtree(old, ignore_errors=True)
        # Keep an earlier verification record of the weights.
        os.replace(work, target)
        progress(f"Model ready: {target}")
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)
