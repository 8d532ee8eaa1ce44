"""`interviewprep setup | calibrate | locate`: the model, its thresholds, and where data lives."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import EXIT_ERROR, EXIT_OK, Subparsers, err, progress, warn


def cmd_locate(args: argparse.Namespace) -> int:
    from .. import locations

    for name, path in locations.all_locations().items():
        print(f"{name:16} {path}")
    return EXIT_OK


def cmd_setup(args: argparse.Namespace) -> int:
    from ..scoring.embedder import load_embedder
    from ..scoring.modelcard import ModelCard, ModelError
    from ..scoring.onnx_export import export_dir, export_onnx, export_problem, move_aside

    def say(message: str) -> None:
        if not args.quiet:
            progress(message)

    try:
        card = ModelCard.load()
        precision = "int8" if card.runtime.endswith("int8") else "fp32"
        if args.force:
            export_onnx(card, say)
        elif export_dir(card).exists():
            # Verify the cached export in full (its hash against the export record); a damaged
            # one is moved aside and exported again.
            problem = export_problem(card, precision)
            if problem:
                aside = move_aside(card)
                progress(f"The cached model export is damaged ({problem}); moved it to {aside} "
                         "and exporting it again ...")
                export_onnx(card, progress)
        embedder = load_embedder(card, progress=progress)
    except ModelError as exc:
        err(f"{exc} (`interviewprep setup --force` exports the model again)")
        return EXIT_ERROR
    say(f"scorer ready: {card.name} ({card.short_hash}) on {embedder.runtime}")
    return EXIT_OK


def cmd_calibrate(args: argparse.Namespace) -> int:
    from .. import locations
    from ..bank import load_bank
    from ..scoring.calibrate import calibrate, load_labeled, write_card
    from ..scoring.modelcard import ModelCard
    from ..scoring.scorer import Scorer

    folder = args.data or (locations.calibration_dir() / "labeled")
    try:
        items = load_labeled(folder)
    except (OSError, ValueError) as exc:
        err(str(exc))
        return EXIT_ERROR
    if not items:
        err(f"no labeled answers (*.jsonl) in {folder}")
        return EXIT_ERROR
    # The element library alone: calibration fits elements, not questions.
    bank, errors = load_bank([locations.bundled_bank_dir() / "elements.yaml"])
    for error in errors:
        warn(error)
    card = ModelCard.load()
    card.calibration = {}  # fit from the defaults, not from the previous fit
    scorer = Scorer.load(bank.elements, card=card)
    report = calibrate(scorer, items, progress=progress)
    print(report.table())
    if args.dry_run:
        progress("(dry run: model card not changed)")
    else:
        assert card.path is not None
        write_card(card.path, report)
        progress(f"wrote thresholds to {card.path}")
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("locate", help="print where the app keeps its data")
    p.set_defaults(func=cmd_locate)

    p = subparsers.add_parser("setup", help="verify the model and export it to ONNX (once)")
    p.add_argument("--quiet", action="store_true", help="print only problems")
    p.add_argument("--force", action="store_true", help="export again even if already done")
    p.set_defaults(func=cmd_setup)

    p = subparsers.add_parser("calibrate", help="fit element thresholds on labeled answers")
    p.add_argument("--data", type=Path, metavar="DIR", help="folder of labeled *.jsonl")
    p.add_argument("--dry-run", action="store_true", help="report only; keep the model card")
    p.set_defaults(func=cmd_calibrate)
