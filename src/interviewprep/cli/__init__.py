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
from .common import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, err

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


def main(argv: list[str] | None = None) -> int:
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
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
