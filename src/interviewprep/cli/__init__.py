"""Command-line entry point `interviewprep`: one module per command group, no logic of its own.

Adding a command group: write `cli/NAME.py` with `register(subparsers)` and add it to GROUPS.
Command modules import the core inside their command functions, so `--help` stays instant and
the TUI's first screen never waits for the model.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from . import ask, bank, jd, practice, review, score, setup, speech, stories, today
from .common import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, err

# Nothing at run time may reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

GROUPS = (setup, practice, today, score, ask, speech, bank, review, stories, jd)
"""The command groups, in the order `--help` lists their commands."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="interviewprep",
        description="Offline mock interviews for IT project managers, with explainable feedback.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(func=practice.cmd_tui)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for group in GROUPS:
        group.register(subparsers)
    return parser


def guard_streams() -> None:
    """Every line the CLI prints passes through textsafe.clean(): text from files (transcripts,
    questions, stories, postings, file names) can never send a control sequence to the terminal."""
    from ..textsafe import SafeStream

    if sys.stdout is not None and not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)
    if sys.stderr is not None and not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr, keep_cr=True)


def guard_stdin() -> None:
    """A closed standard input (`<&-`) reads as empty input: every prompt then sees end of input
    and answers with its own message (a confirmation counts as "no", plain mode ends the session)."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the process


def main(argv: list[str] | None = None) -> int:
    guard_streams()
    guard_stdin()
    parser = build_parser()
    args = parser.parse_args(argv)
    from ..clock import ClockError, check

    try:
        check()  # a bad INTERVIEWPREP_NOW stops every command before it does anything
    except ClockError as exc:
        err(str(exc))
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except EOFError:
        err("end of input (standard input is closed or empty)")
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
