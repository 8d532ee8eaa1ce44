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


# ---------------------------------------------------------------- score
def _load_scorer(elements):
    from .scoring.modelcard import ModelError
    from .scoring.scorer import Scorer

    try:
        return Scorer.load(elements, progress=lambda m: print(m, file=sys.stderr))
    except ModelError as exc:
        _err(str(exc))
        return None


def _element_library():
    from . import locations
    from .bank import load_bank

    bank, errors = load_bank([locations.bundled_bank_dir() / "elements.yaml"])
    for error in errors:
        print(f"warning: {error}", file=sys.stderr)
    return bank


def cmd_score(args: argparse.Namespace) -> int:
    from .scoring.batch import BadLine, output_record, parse_line, score_lines
    from .scoring.feedback import render_text

    if bool(args.batch) == bool(args.question or args.answer_file):
        _err("use either --batch FILE.jsonl, or --question ID with --answer-file FILE")
        return EXIT_USAGE
    cache: dict = {}

    def bank_loader():
        if "bank" not in cache:
            cache["bank"] = _load_bank_or_warn(args.bank)
        return cache["bank"]

    if args.batch:
        try:
            source = sys.stdin if str(args.batch) == "-" else args.batch.open(encoding="utf-8",
                                                                             errors="replace")
        except OSError as exc:
            _err(f"cannot read {args.batch}: {exc.strerror or exc}")
            return EXIT_USAGE
        scorer = _load_scorer(bank_loader().elements)
        if scorer is None:
            return EXIT_ERROR
        bad = 0
        show_progress = sys.stderr.isatty()
        with source:
            for number, record, error in score_lines(source, scorer, bank_loader):
                if show_progress and number % 25 == 0:
                    print(f"\rscored {number} lines ...", end="", file=sys.stderr, flush=True)
                if error:
                    bad += 1
                    _err(error)
                print(json.dumps(record, ensure_ascii=False), flush=True)
        if show_progress:
            print("\r" + " " * 40 + "\r", end="", file=sys.stderr, flush=True)
        if bad:
            _err(f"{bad} bad input line(s)")
            return EXIT_USAGE
        return EXIT_OK

    if not (args.question and args.answer_file):
        _err("--question ID and --answer-file FILE go together")
        return EXIT_USAGE
    try:
        answer = (sys.stdin.read() if str(args.answer_file) == "-"
                  else args.answer_file.read_text(encoding="utf-8", errors="replace"))
    except OSError as exc:
        _err(f"cannot read {args.answer_file}: {exc.strerror or exc}")
        return EXIT_USAGE
    bank = bank_loader()
    try:
        request = parse_line(1, json.dumps({"question_id": args.question, "answer": answer}),
                             lambda: bank, bank.elements)
    except BadLine as exc:
        _err(str(exc).removeprefix("line 1: ") + " (see `interviewprep bank list`)")
        return EXIT_USAGE
    scorer = _load_scorer(bank.elements)
    if scorer is None:
        return EXIT_ERROR
    feedback = scorer.score(request.answer, question=request.question, category=request.category,
                            elements=request.elements, model_answer=request.model_answer)
    if args.json:
        print(json.dumps(output_record(args.question, feedback), indent=2, ensure_ascii=False))
    else:
        print(render_text(feedback, question=request.question))
    return EXIT_OK


# ---------------------------------------------------------------- calibrate
def cmd_calibrate(args: argparse.Namespace) -> int:
    from . import locations
    from .scoring.calibrate import calibrate, load_labeled, write_card
    from .scoring.modelcard import ModelCard

    folder = args.data or (locations.calibration_dir() / "labeled")
    try:
        items = load_labeled(folder)
    except (OSError, ValueError) as exc:
        _err(str(exc))
        return EXIT_ERROR
    if not items:
        _err(f"no labeled answers (*.jsonl) in {folder}")
        return EXIT_ERROR
    bank = _element_library()
    card = ModelCard.load()
    card.calibration = {}  # fit from the defaults, not from the previous fit
    from .scoring.scorer import Scorer

    scorer = Scorer.load(bank.elements, card=card)
    report = calibrate(scorer, items, progress=lambda m: print(m, file=sys.stderr))
    print(report.table())
    if args.dry_run:
        print("(dry run: model card not changed)", file=sys.stderr)
    else:
        assert card.path is not None
        write_card(card.path, report)
        print(f"wrote thresholds to {card.path}", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- tui
def cmd_tui(args: argparse.Namespace) -> int:
    from .tui.app import InterviewPrepApp

    InterviewPrepApp(bank_paths=getattr(args, "bank", None) or None).run()
    return EXIT_OK


# ---------------------------------------------------------------- practice / resume
def _question_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= count <= 20:
        raise argparse.ArgumentTypeError("must be 1 to 20")
    return count


def cmd_practice(args: argparse.Namespace) -> int:
    from .interview import SessionSettings

    settings = SessionSettings(
        category=args.category, level=args.level, specialization=args.specialization,
        count=args.count, seed=args.seed, timer=not args.no_timer,
        follow_ups=not args.no_follow_ups,
    )
    if args.plain:
        from .plain import run_plain

        return run_plain(settings, bank_paths=args.bank or None)
    from .tui.app import InterviewPrepApp

    InterviewPrepApp(start_settings=settings, bank_paths=args.bank or None).run()
    return EXIT_OK


def cmd_resume(args: argparse.Namespace) -> int:
    from .transcripts import TranscriptError, TranscriptStore

    store = TranscriptStore()
    if args.id:
        try:
            transcript = store.load(args.id)
        except TranscriptError as exc:
            _err(str(exc))
            return EXIT_ERROR
        if transcript.finished:
            _err(f"session {transcript.id} is already finished (see `interviewprep review`)")
            return EXIT_ERROR
    else:
        transcript = store.latest_unfinished()
        if transcript is None:
            _err("no unfinished session to resume")
            return EXIT_ERROR
    if args.plain:
        from .interview import SessionSettings
        from .plain import run_plain

        settings = SessionSettings.from_json(transcript.settings)
        return run_plain(settings, bank_paths=args.bank or None, resume=transcript)
    from .tui.app import InterviewPrepApp

    InterviewPrepApp(resume_id=transcript.id, bank_paths=args.bank or None).run()
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

    p = sub.add_parser("practice", help="start a mock interview (in the TUI, or --plain)")
    _add_question_filters(p)
    p.add_argument("--count", type=_question_count, default=5, metavar="N",
                   help="number of questions, 1 to 20 (default 5)")
    p.add_argument("--seed", type=int, help="the same seed asks the same questions")
    p.add_argument("--no-follow-ups", action="store_true", help="no follow-up probes")
    p.add_argument("--no-timer", action="store_true", help="hide the 2-minute timer")
    p.add_argument("--plain", action="store_true",
                   help="line-based interview on standard input/output (no TUI)")
    p.add_argument("--bank", type=Path, action="append", default=[], metavar="PATH",
                   help="also load questions from this file or folder")
    p.set_defaults(func=cmd_practice)

    p = sub.add_parser("resume", help="resume an unfinished session (default: the latest)")
    p.add_argument("id", nargs="?", metavar="ID", help="session id, or a unique prefix of it")
    p.add_argument("--bank", type=Path, action="append", default=[], metavar="PATH",
                   help="also load questions from this file or folder")
    p.add_argument("--plain", action="store_true", help="carry on line by line, without the TUI")
    p.set_defaults(func=cmd_resume)

    p = sub.add_parser("setup", help="verify the model and export it to ONNX (once)")
    p.add_argument("--quiet", action="store_true", help="print only problems")
    p.add_argument("--force", action="store_true", help="export again even if already done")
    p.set_defaults(func=cmd_setup)

    p = sub.add_parser("score", help="score answers (scriptable; see DESIGN.md contract)")
    p.add_argument("--batch", type=Path, metavar="FILE.jsonl",
                   help="JSON lines to score ('-' for standard input)")
    p.add_argument("--question", metavar="ID", help="bank question id")
    p.add_argument("--answer-file", type=Path, metavar="FILE", help="answer text ('-' for stdin)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--bank", type=Path, action="append", default=[], metavar="PATH",
                   help="also load questions from this file or folder")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("calibrate", help="fit element thresholds on labeled answers")
    p.add_argument("--data", type=Path, metavar="DIR", help="folder of labeled *.jsonl")
    p.add_argument("--dry-run", action="store_true", help="report only; keep the model card")
    p.set_defaults(func=cmd_calibrate)

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
    from .vocabulary import CATEGORIES, LEVELS, SPECIALIZATIONS

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
