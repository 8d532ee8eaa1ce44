"""Command-line entry point `interviewprep`: parses arguments and calls the core."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__

# Nothing at run time may reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _err(message: str) -> None:
    print(f"interviewprep: {message}", file=sys.stderr)


def _load_bank_or_warn(extra: list[Path] | None = None):
    from .bank import load_app_bank

    bank, errors = load_app_bank(extra)
    for error in errors:
        print(f"warning: {error}", file=sys.stderr)
    return bank


# ---------------------------------------------------------------- locate
def cmd_locate(args: argparse.Namespace) -> int:
    from . import locations

    for name, path in locations.all_locations().items():
        print(f"{name:16} {path}")
    return EXIT_OK


# ---------------------------------------------------------------- bank
def cmd_bank_list(args: argparse.Namespace) -> int:
    bank = _load_bank_or_warn(args.bank)
    questions = bank.filter(args.category, args.level, args.specialization, args.search)
    if args.json:
        print(json.dumps([q.to_json() for q in questions], indent=2, ensure_ascii=False))
        return EXIT_OK
    for q in questions:
        print(f"{q.id:48} {q.category:12} {','.join(q.levels):18} {q.text}")
    print(f"{len(questions)} question(s)", file=sys.stderr)
    return EXIT_OK


def cmd_bank_show(args: argparse.Namespace) -> int:
    bank = _load_bank_or_warn(args.bank)
    q = bank.get(args.id)
    if q is None:
        _err(f"no question with id '{args.id}' (see `interviewprep bank list`)")
        return EXIT_ERROR
    if args.json:
        print(json.dumps(q.to_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"{q.text}\n")
    print(f"id: {q.id}   category: {q.category}   levels: {', '.join(q.levels)}")
    print(f"specializations: {', '.join(q.specializations)}\n")
    print("What a strong answer covers:")
    for ref in q.elements:
        element = bank.elements[ref.id]
        weight = f" (weight {ref.weight:g})" if ref.weight != 1 else ""
        print(f"  - {element.name}{weight}: {element.definition}")
    if q.tip:
        print(f"\nTip: {q.tip}")
    print(f"\nModel answer:\n{q.model_answer}")
    if q.follow_ups:
        print("\nFollow-ups:")
        for f in q.follow_ups:
            print(f"  - {f}")
    return EXIT_OK


def cmd_bank_validate(args: argparse.Namespace) -> int:
    from .bank import validate_paths

    bank, errors = validate_paths(list(args.paths))
    for error in errors:
        print(error)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return EXIT_ERROR
    print(f"ok: {len(bank.questions)} questions, {len(bank.elements)} elements", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- setup
def cmd_setup(args: argparse.Namespace) -> int:
    from .scoring.embedder import load_embedder
    from .scoring.export import export_onnx
    from .scoring.modelcard import ModelCard, ModelError

    say = (lambda m: None) if args.quiet else (lambda m: print(m, file=sys.stderr))
    try:
        card = ModelCard.load()
        if args.force:
            export_onnx(card, say)
        embedder = load_embedder(card, progress=lambda m: print(m, file=sys.stderr))
    except ModelError as exc:
        _err(str(exc))
        return EXIT_ERROR
    say(f"scorer ready: {card.name} ({card.short_hash}) on {embedder.runtime}")
    return EXIT_OK


# ---------------------------------------------------------------- tui
def cmd_tui(args: argparse.Namespace) -> int:
    from .tui.app import InterviewPrepApp

    InterviewPrepApp().run()
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interviewprep",
        description="Offline mock interviews for IT project managers, with explainable feedback.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(func=cmd_tui)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("locate", help="print where the app keeps its data")
    p.set_defaults(func=cmd_locate)

    p = sub.add_parser("setup", help="verify the model and export it to ONNX (once)")
    p.add_argument("--quiet", action="store_true", help="print only problems")
    p.add_argument("--force", action="store_true", help="export again even if already done")
    p.set_defaults(func=cmd_setup)

    bank = sub.add_parser("bank", help="list, show and validate questions")
    bank_sub = bank.add_subparsers(title="bank commands", metavar="ACTION", required=True)

    def bank_filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--bank", type=Path, action="append", default=[], metavar="PATH",
                       help="also load questions from this file or folder")
        p.add_argument("--json", action="store_true", help="print JSON")

    p = bank_sub.add_parser("list", help="list questions")
    bank_filters(p)
    _add_question_filters(p)
    p.add_argument("--search", help="only questions whose text contains this")
    p.set_defaults(func=cmd_bank_list)

    p = bank_sub.add_parser("show", help="show one question")
    p.add_argument("id")
    bank_filters(p)
    p.set_defaults(func=cmd_bank_show)

    p = bank_sub.add_parser("validate", help="check YAML bank files (default: the loaded banks)")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    p.set_defaults(func=cmd_bank_validate)
    from .review_cli import register as register_review

    register_review(sub)
    return parser


def _add_question_filters(p: argparse.ArgumentParser) -> None:
    from .bank.models import CATEGORIES, LEVELS, SPECIALIZATIONS

    p.add_argument("--category", choices=CATEGORIES)
    p.add_argument("--level", choices=LEVELS)
    p.add_argument("--specialization", choices=SPECIALIZATIONS)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
