"""`interviewprep ask check`: rate questions for the interviewer (contract in DESIGN.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    Subparsers,
    add_json_option,
    err,
    progress,
    read_posting_input,
    warn,
)

if TYPE_CHECKING:
    from ..asking import PostingContext, QuestionVerdict


def _read(path: str) -> bytes | None:
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        err(f"cannot read {path}: {exc.strerror or exc}")
        return None


def saved_posting_context(name: str) -> PostingContext:
    """A posting saved with `interviewprep jd add` (NAME, or a unique start of it), as its analysis
    reads it; raises jd.PostingError if it is missing or unreadable. A posting whose saved
    analysis could not be read is taken from its text instead (`jd show NAME` redoes the analysis)."""
    from ..asking import PostingContext
    from ..jd import PostingStore

    posting = PostingStore().load(name)
    if posting.analysis is None:
        warn(f"{posting.path}: the posting's analysis could not be read; its lines are used as "
             f"written (`interviewprep jd show {posting.name}` analyses it again)")
        context = PostingContext.from_text(posting.text)
        context.title = posting.title or context.title
        return context
    return PostingContext.from_analysis(posting.analysis)


def _posting(args: argparse.Namespace) -> tuple[PostingContext | None, bool]:
    """The posting the questions may refer to; (None, False) after printing why it cannot be read."""
    from ..asking import PostingContext
    from ..jd import PostingError

    if args.posting and args.jd:
        err("use --posting FILE or --jd NAME, not both")
        return None, False
    if args.jd:
        try:
            return saved_posting_context(args.jd), True
        except PostingError as exc:
            err(str(exc))
            return None, False
    if args.posting:
        text = read_posting_input(str(args.posting))
        if text is None:
            return None, False
        return PostingContext.from_text(text), True
    return None, True


def render_verdict(number: int, verdict: QuestionVerdict) -> str:
    lines = [f"{number}. {verdict.verdict.upper():<6}  {verdict.text}"]
    lines += [f"     - {reason}" for reason in verdict.reasons]
    if verdict.rewrite:
        lines.append(f"     Try instead: {verdict.rewrite}")
    return "\n".join(lines)


def cmd_ask_check(args: argparse.Namespace) -> int:
    from ..asking.reading import QuestionFileError, parse_question_lines
    from ..scoring.modelcard import ModelError

    source = args.file
    if source == "-" and sys.stdin.isatty():
        progress("Type your questions, one per line; end with Ctrl-D.")
    data = _read(source)
    if data is None:
        return EXIT_USAGE
    name = "<stdin>" if source == "-" else source
    try:
        lines = parse_question_lines(data, name)
    except QuestionFileError as exc:
        err(str(exc))
        return EXIT_USAGE
    for line in lines:
        if line.cut:
            warn(f"{name}:{line.number}: longer than any question; only its start is rated")
    posting, ok = _posting(args)
    if not ok:
        return EXIT_USAGE
    verdicts: list[QuestionVerdict] = []
    if lines:
        from ..asking import QuestionRater

        progress("Loading the question rater ...")
        try:
            rater = QuestionRater.load(progress=progress)
        except ModelError as exc:
            err(str(exc))
            return EXIT_ERROR
        verdicts = rater.rate_many([line.text for line in lines], posting)
    if args.json:
        print(json.dumps([v.to_json() for v in verdicts], ensure_ascii=False, indent=None))
    elif not verdicts:
        print("No questions to rate (the input is empty).")
    else:
        print("\n\n".join(render_verdict(i, v) for i, v in enumerate(verdicts, start=1)))
        counts = {k: sum(v.verdict == k for v in verdicts) for k in ("strong", "fair", "weak")}
        print(f"\n{counts['strong']} strong, {counts['fair']} fair, {counts['weak']} weak.")
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    ask = subparsers.add_parser("ask", help="practise the questions you ask the interviewer",
                                description="Your questions for the interviewer, rated strong, fair or weak.")
    commands = ask.add_subparsers(title="commands", metavar="COMMAND", required=True)
    check = commands.add_parser(
        "check", help="rate questions, one per line",
        description="Rate questions for the interviewer, one per line (blank lines are skipped). "
                    "Each gets a verdict (strong, fair, weak), the reasons, and for a weak one a "
                    "better question to ask instead.")
    check.add_argument("file", nargs="?", default="-", metavar="FILE",
                       help="a text file of questions, or - for standard input (the default)")
    source = check.add_mutually_exclusive_group()
    source.add_argument("--posting", type=Path, metavar="FILE",
                        help="the job posting as text: questions about its requirements count as prepared")
    source.add_argument("--jd", metavar="NAME",
                        help="a job posting saved with `interviewprep jd add`: questions about its "
                             "requirements and the tools it names count as prepared")
    add_json_option(check, "print a JSON array, one object per question: text, verdict, reasons")
    check.set_defaults(func=cmd_ask_check)
