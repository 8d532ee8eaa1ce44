"""`interviewprep` (the TUI), `practice [--plain]` and `resume [ID] [--plain]`."""

from __future__ import annotations

import argparse

from .common import EXIT_ERROR, EXIT_OK, Subparsers, add_bank_option, add_question_filters, err


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

    settings = SessionSettings(
        category=args.category, level=args.level, specialization=args.specialization,
        count=args.count, seed=args.seed, timer=not args.no_timer,
        follow_ups=not args.no_follow_ups,
    )
    if args.plain:
        from .plain import run_plain

        return run_plain(settings, bank_paths=args.bank or None, voice=args.voice)
    from ..tui.app import InterviewPrepApp

    InterviewPrepApp(start_settings=settings, bank_paths=args.bank or None).run()
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
                         voice=args.voice)
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
    p.add_argument("--count", type=question_count, default=5, metavar="N",
                   help="number of questions, 1 to 20 (default 5)")
    p.add_argument("--seed", type=int, help="the same seed asks the same questions")
    p.add_argument("--no-follow-ups", action="store_true", help="no follow-up probes")
    p.add_argument("--no-timer", action="store_true", help="hide the 2-minute timer")
    p.add_argument("--plain", action="store_true",
                   help="line-based interview on standard input/output (no TUI)")
    _add_voice_option(p)
    add_bank_option(p)
    p.set_defaults(func=cmd_practice)

    p = subparsers.add_parser("resume", help="resume an unfinished session (default: the latest)")
    p.add_argument("id", nargs="?", metavar="ID", help="session id, or a unique prefix of it")
    add_bank_option(p)
    p.add_argument("--plain", action="store_true", help="carry on line by line, without the TUI")
    _add_voice_option(p)
    p.set_defaults(func=cmd_resume)
