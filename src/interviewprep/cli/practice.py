"""`interviewprep` (the TUI), `practice [--plain]` and `resume [ID] [--plain]`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    Subparsers,
    add_bank_option,
    add_question_filters,
    err,
    load_bank_or_warn,
    progress,
)

if TYPE_CHECKING:
    from ..interview import SessionSettings

DEFAULT_COUNT = 5
MAX_DUE = 20
"""`practice --due` without --count asks every due question, up to this many."""


def question_count(value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= count <= 20:
        raise argparse.ArgumentTypeError("must be 1 to 20")
    return count


def cmd_tui(args: argparse.Namespace) -> int:
    from ..tui.app import InterviewPrepApp

    InterviewPrepApp(bank_paths=getattr(args, "bank", None) or None).run()
    return EXIT_OK


def cmd_practice(args: argparse.Namespace) -> int:
    from ..interview import SessionSettings

    if args.due and args.question:
        err("--due and --question cannot be combined: --due picks the questions itself")
        return EXIT_USAGE
    count = args.count or (MAX_DUE if args.due else DEFAULT_COUNT)
    settings = SessionSettings(
        category=args.category, level=args.level, specialization=args.specialization,
        count=count, seed=args.seed, timer=not args.no_timer,
        follow_ups=not args.no_follow_ups, question_ids=list(args.question or []),
        due=args.due, mix_due=not args.new_only,
    )
    if args.jd:
        code = _plan_from_posting(settings, args.jd)
        if code != EXIT_OK:
            return code
    if args.plain:
        from .plain import run_plain

        return run_plain(settings, bank_paths=args.bank or None,
                         show_stories=getattr(args, "stories", False), voice=args.voice)
    from ..tui.app import InterviewPrepApp

    InterviewPrepApp(start_settings=settings, bank_paths=args.bank or None).run()
    return EXIT_OK


def _plan_from_posting(settings: SessionSettings, name: str) -> int:
    """Fill `settings` with the questions planned from a saved posting, its level and field."""
    from ..jd import PostingAnalyser, PostingError, PostingStore, analysed
    from ..scoring.modelcard import ModelError

    store = PostingStore()
    try:
        posting = store.load(name)
        if posting.stale:
            progress("The posting was analysed by an older version: analysing it again ...")
            posting = analysed(store, posting.name, PostingAnalyser.load(load_bank_or_warn()))
    except (PostingError, ModelError) as exc:
        err(str(exc))
        return EXIT_ERROR
    assert posting.analysis is not None
    if not posting.analysis.questions:
        err(f"no questions could be planned from {posting.name}")
        return EXIT_ERROR
    settings.question_ids = posting.analysis.questions[: settings.count]
    settings.jd = posting.name
    settings.level = posting.analysis.level
    specs = [s for s in posting.analysis.specializations if s != "general"]
    settings.specialization = specs[0] if specs else "general"
    return EXIT_OK


def cmd_resume(args: argparse.Namespace) -> int:
    from ..transcripts import TranscriptError, TranscriptStore

    store = TranscriptStore()
    if args.id:
        try:
            transcript = store.load(args.id)
        except TranscriptError as exc:
            err(str(exc))
            return EXIT_ERROR
        if transcript.finished:
            err(f"session {transcript.id} is already finished (see `interviewprep review`)")
            return EXIT_ERROR
    else:
        latest = store.latest_unfinished()
        if latest is None:
            err("no unfinished session to resume")
            return EXIT_ERROR
        transcript = latest
    if args.plain:
        from ..interview import SessionSettings
        from .plain import run_plain

        settings = SessionSettings.from_json(transcript.settings)
        return run_plain(settings, bank_paths=args.bank or None, resume=transcript,
                         show_stories=getattr(args, "stories", False), voice=args.voice)
    from ..tui.app import InterviewPrepApp

    InterviewPrepApp(resume_id=transcript.id, bank_paths=args.bank or None).run()
    return EXIT_OK


def _add_voice_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--voice", action="store_true",
                   help="with --plain: answer out loud (Enter starts and stops recording); the "
                        "TUI always offers F6")


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("practice", help="start a mock interview (in the TUI, or --plain)")
    add_question_filters(p)
    p.add_argument("--count", type=question_count, default=None, metavar="N",
                   help="number of questions, 1 to 20 (default 5; with --due, every due one)")
    p.add_argument("--question", action="append", metavar="ID",
                   help="ask exactly this question (repeatable, asked in this order)")
    p.add_argument("--due", action="store_true",
                   help="ask the questions due for review today (see `interviewprep today`)")
    p.add_argument("--new-only", action="store_true",
                   help="do not mix due questions in (by default, when some are due, up to "
                        "half the session is due questions)")
    p.add_argument("--seed", type=int, help="the same seed asks the same questions")
    p.add_argument("--no-follow-ups", action="store_true", help="no follow-up probes")
    p.add_argument("--no-timer", action="store_true", help="hide the 2-minute timer")
    p.add_argument("--plain", action="store_true",
                   help="line-based interview on standard input/output (no TUI)")
    p.add_argument("--stories", action="store_true",
                   help="plain mode: show your best-fitting stories under every question "
                   "(without it, type ?stories before an answer)")
    p.add_argument("--jd", metavar="NAME",
                   help="plan the questions from a saved job posting (see `interviewprep jd list`)")
    _add_voice_option(p)
    add_bank_option(p)
    p.set_defaults(func=cmd_practice)

    p = subparsers.add_parser("resume", help="resume an unfinished session (default: the latest)")
    p.add_argument("id", nargs="?", metavar="ID", help="session id, or a unique prefix of it")
    add_bank_option(p)
    p.add_argument("--plain", action="store_true", help="carry on line by line, without the TUI")
    p.add_argument("--stories", action="store_true",
                   help="plain mode: show your best-fitting stories under every question")
    _add_voice_option(p)
    p.set_defaults(func=cmd_resume)
