"""`interviewprep review list | show | delete`, `export` and `progress`: saved sessions.

Saved sessions are read through TranscriptStore; a file that cannot be read is reported as
`warning: FILE: reason` on standard error and skipped, never rewritten or deleted.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..vocabulary import CATEGORIES
from .common import EXIT_ERROR, EXIT_OK, Subparsers, add_json_option, err, warn, write_output

if TYPE_CHECKING:
    from ..bank import Bank
    from ..transcripts import Transcript, TranscriptStore
    from ..transcripts.index import SessionDigest


def _store() -> TranscriptStore:
    from ..transcripts import TranscriptStore

    return TranscriptStore()


def _bank_or_none() -> Bank | None:
    """The question bank, for model answers and names; a broken bank only loses those."""
    try:
        from ..bank import load_app_bank

        bank, _errors = load_app_bank()
    except Exception as exc:  # noqa: BLE001 - reviewing must work without a bank
        warn(f"question bank not loaded ({exc}); model answers left out")
        return None
    return bank


def _digests(store: TranscriptStore) -> list[SessionDigest]:
    sessions, problems = store.digests()
    for problem in problems:
        warn(problem)
    return sessions


def _load(store: TranscriptStore, session_id: str) -> Transcript | None:
    """The session by id (or unique id prefix); None after printing why not."""
    from ..transcripts import TranscriptError

    try:
        return store.load(session_id)
    except TranscriptError as exc:
        message = str(exc)
        if "no such transcript" in message:
            message = f"no saved session '{session_id}' (see `interviewprep review list`)"
        err(message)
        return None


def _since(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


# ---------------------------------------------------------------- review list
def filter_sessions(sessions: list[SessionDigest], category: str | None = None,
                    since: date | None = None) -> list[SessionDigest]:
    start = since.isoformat() if since else ""
    return [s for s in sessions
            if (not category or category in s.categories) and (not start or s.date >= start)]


def cmd_review_list(args: argparse.Namespace) -> int:
    from ..transcripts.export import format_duration, format_started
    from ..vocabulary import format_score

    sessions = filter_sessions(_digests(_store()), getattr(args, "category", None),
                               getattr(args, "since", None))
    if getattr(args, "json", False):
        print(json.dumps([s.summary_json() for s in sessions], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not sessions:
        print("No saved sessions" + (" match these filters." if getattr(args, "category", None)
              or getattr(args, "since", None) else " yet: start one with `interviewprep`."))
        return EXIT_OK
    print(f"{'ID':24} {'STARTED':16} {'QS':>3} {'SCORE':>5}  {'TIME':11} CATEGORIES")
    for s in sessions:
        notes = [] if s.finished else ["unfinished"]
        if s.retry_of:
            notes.append("retry")
        extra = f"  ({', '.join(notes)})" if notes else ""
        print(f"{s.id:24} {format_started(s.started_at):16} {s.questions:>3} "
              f"{format_score(s.overall):>5}  {format_duration(s.seconds):11} "
              f"{', '.join(s.categories)}{extra}")
    print(f"{len(sessions)} session(s)", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- review show
def cmd_review_show(args: argparse.Namespace) -> int:
    from ..transcripts.export import to_json, to_text

    transcript = _load(_store(), args.id)
    if transcript is None:
        return EXIT_ERROR
    if args.json:
        sys.stdout.write(to_json(transcript))
        return EXIT_OK
    sys.stdout.write(to_text(transcript, _bank_or_none()))
    return EXIT_OK


# ---------------------------------------------------------------- review delete
def _resolve_file(store: TranscriptStore, session_id: str) -> Path | None:
    """The session's file, even if it cannot be parsed (so a broken file can be trashed)."""
    from ..transcripts import TranscriptError

    try:
        path = store.path_for(session_id)
    except TranscriptError as exc:
        err(str(exc))
        return None
    if path.exists():
        return path
    matches = sorted(store.folder.glob(f"{session_id}*.json")) if store.folder.is_dir() else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        err(f"'{session_id}' matches {len(matches)} sessions; give more of the id")
    else:
        err(f"no saved session '{session_id}' (see `interviewprep review list`)")
    return None


def cmd_review_delete(args: argparse.Namespace) -> int:
    from ..transcripts import TranscriptError
    from ..transcripts.export import format_started
    from ..vocabulary import format_score

    store = _store()
    path = _resolve_file(store, args.id)
    if path is None:
        return EXIT_ERROR
    try:
        t = store.load_path(path)
        what = (f"session {t.id} ({format_started(t.started_at)}, {len(t.turns)} question(s), "
                f"overall {format_score(t.overall)})")
    except TranscriptError as exc:
        what = f"{path.name} (unreadable: {str(exc).removeprefix(f'{path}: ')})"
    if not args.yes:
        print(f"Move {what} to the trash? [y/N] ", end="", file=sys.stderr, flush=True)
        reply = sys.stdin.readline().strip().lower()
        if reply not in ("y", "yes"):
            print("Not deleted." + ("" if reply else " (Use --yes to skip this question.)"),
                  file=sys.stderr)
            return EXIT_ERROR
    try:
        target = store.delete(path.stem)
    except (TranscriptError, OSError) as exc:
        err(f"cannot move {path} to the trash: {exc}")
        return EXIT_ERROR
    print(f"Moved {what} to the trash: {target}", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- export
def cmd_export(args: argparse.Namespace) -> int:
    from ..transcripts.export import to_json, to_markdown

    transcript = _load(_store(), args.id)
    if transcript is None:
        return EXIT_ERROR
    if args.format == "json":
        text = to_json(transcript)
    else:
        text = to_markdown(transcript, _bank_or_none())
    return write_output(args.output, text, force=args.force, done=f"wrote {args.output}")


# ---------------------------------------------------------------- progress
def cmd_progress(args: argparse.Namespace) -> int:
    from ..transcripts.export import format_duration, format_started
    from ..transcripts.progress import progress_report
    from ..vocabulary import CATEGORY_NAMES

    report = progress_report(_digests(_store()), CATEGORY_NAMES)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        return EXIT_OK
    if report.empty:
        print("No answered questions yet: practise first, then come back to see your trends.")
        return EXIT_OK
    span = (f"{format_started(report.first_session or '')[:10]} to "
            f"{format_started(report.last_session or '')[:10]}")
    print(f"Progress over {report.sessions} session(s), {span}")
    print(f"  {report.answers} answers ({report.attempts} attempts incl. retries and follow-ups), "
          f"{report.skipped} skipped, {format_duration(report.seconds)} practised")

    def trend_line(name: str, trend, low: float, high: float, fmt: str) -> str:
        values = trend.values
        move = (f"{values[0]:{fmt}} → {values[-1]:{fmt}}" if len(values) > 1
                else f"{values[-1]:{fmt}}")
        return f"  {name[:26]:26} {trend.spark(low, high)[-24:]:24} {move}"

    print("\nOverall score (0-100), session by session")
    print(trend_line("All questions", report.overall, 0, 100, ".0f"))
    print("\nBy category (0-100)")
    for trend in report.categories:
        print(trend_line(trend.name, trend, 0, 100, ".0f"))
    print("\nBy element (coverage 0-1)")
    for trend in report.elements:
        print(trend_line(trend.name, trend, 0, 1, ".2f"))
    if report.weakest_elements:
        print("\nWeakest elements (mean of the last 3 sessions that asked for them)")
        for trend in report.weakest_elements:
            print(f"  {trend.recent:.2f}  {trend.name}")
    asked = report.questions_asked
    if sum(asked.values()):
        print("\nYour questions for the interviewer")
        print(f"  {asked['strong']} strong, {asked['fair']} fair, {asked['weak']} weak; share strong, "
              "session by session:")
        print(trend_line("Share strong", report.asking, 0, 1, ".0%"))
    spoken = report.spoken
    if spoken.answers:
        print(f"\nSpoken answers ({spoken.answers}): {spoken.words_per_minute:.0f} words a minute, "
              f"{spoken.fillers_per_minute:.1f} fillers a minute, {spoken.long_pauses:.1f} long "
              f"pauses and {spoken.seconds:.0f} s each on average")
        print(trend_line("Pace (wpm)", spoken.pace, 90, 190, ".0f"))
        print(trend_line("Fillers per minute", spoken.fillers, 0, 10, ".1f"))
    if report.weakest_questions:
        print("\nQuestions to practise again (latest score)")
        for q in report.weakest_questions:
            text = q.text if len(q.text) <= 72 else q.text[:71].rstrip() + "…"
            print(f"  {q.latest:>3}  {text}\n       {q.question_id}")
    return EXIT_OK


# ---------------------------------------------------------------- parser
def register(sub: Subparsers) -> None:
    """Add the review, export and progress commands to the `interviewprep` parser."""
    review = sub.add_parser("review", help="list, show and delete saved sessions",
                            description="Saved sessions. Without an ACTION: the list.")
    review.set_defaults(func=cmd_review_list, json=False, category=None, since=None)
    review_sub = review.add_subparsers(title="review commands", metavar="ACTION")

    p = review_sub.add_parser("list", help="saved sessions, newest first")
    add_json_option(p, "print a JSON array")
    p.add_argument("--category", choices=CATEGORIES, help="only sessions with this category")
    p.add_argument("--since", type=_since, metavar="YYYY-MM-DD",
                   help="only sessions started on or after this date")
    p.set_defaults(func=cmd_review_list)

    p = review_sub.add_parser("show", help="one session with its feedback and evidence")
    p.add_argument("id", metavar="ID", help="session id (or a unique start of one)")
    add_json_option(p, "print the transcript as JSON")
    p.set_defaults(func=cmd_review_show)

    p = review_sub.add_parser("delete", help="move a session to the trash folder")
    p.add_argument("id", metavar="ID", help="session id (or a unique start of one)")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p.set_defaults(func=cmd_review_delete)

    p = sub.add_parser("export", help="write a session as Markdown or JSON")
    p.add_argument("id", metavar="ID", help="session id (or a unique start of one)")
    p.add_argument("--format", choices=("md", "json"), default="md",
                   help="md: a readable report (default); json: the transcript")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write to FILE (atomically) instead of standard output; only a new "
                   "file, or an existing regular file with --force")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("progress", help="trends across sessions and what to practise next")
    add_json_option(p, "print JSON")
    p.set_defaults(func=cmd_progress)
