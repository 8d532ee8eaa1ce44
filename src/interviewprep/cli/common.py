"""What every command group shares: common options, error output and exit codes.

Kept free of heavy imports: the parser is built on every call, `--help` included.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..vocabulary import CATEGORIES, LEVELS, SPECIALIZATIONS

if TYPE_CHECKING:
    from ..bank import Bank

EXIT_OK = 0
"""The command did what was asked."""
EXIT_ERROR = 1
"""Something went wrong (a missing session, an unwritable file, a model that cannot load)."""
EXIT_USAGE = 2
"""Bad arguments or bad input (argparse uses 2 as well)."""
EXIT_INTERRUPTED = 130
"""Ctrl-C."""

Subparsers = argparse._SubParsersAction  # the type argparse's add_subparsers() returns


def write_output(target: Path | None, text: str, *, force: bool, done: str) -> int:
    """Print `text`, or write it to `target` (`-o FILE`): a new file, or a regular file replaced
    only with --force; never a symlink, FIFO, device or folder. `done` goes to stderr after a
    write. Returns the exit code."""
    from ..fileio import atomic_write_text, target_problem

    if not target or str(target) == "-":
        sys.stdout.write(text)
        return EXIT_OK
    problem = target_problem(target, overwrite=force)
    if problem:
        err(problem)
        return EXIT_ERROR
    try:
        atomic_write_text(target, text)
    except OSError as exc:
        err(f"cannot write {target}: {exc.strerror or exc}")
        return EXIT_ERROR
    print(done, file=sys.stderr)
    return EXIT_OK


class InputTooBig(Exception):
    """Input over the size a command reads; str() says so, with the limit."""


def read_input_capped(source: str, max_bytes: int, what: str) -> bytes:
    """The bytes of FILE, or of standard input for '-', read only up to `max_bytes` (so an
    enormous file or paste never lands in memory whole). InputTooBig past that, naming `what`
    it is too big for; OSError (IsADirectoryError, ...) when it cannot be read."""
    if source == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read(max_bytes + 1) if stream is not None else \
            sys.stdin.read(max_bytes + 1).encode("utf-8", "surrogateescape")
        label = "standard input"
    else:
        with open(source, "rb") as fh:
            data = fh.read(max_bytes + 1)
        label = source
    if len(data) > max_bytes:
        raise InputTooBig(f"{label}: more than {max_bytes / 1_000_000:g} MB is too big for "
                          f"{what}; nothing was read")
    return data


def read_posting_input(source: str) -> str | None:
    """The posting's text from FILE or '-' (standard input), read capped and checked as every
    command reads a posting (`jd analyse`, `jd add`, `ask check --posting`); None after printing
    why not."""
    from ..jd import PostingError, read_posting_text
    from ..jd.store import MAX_POSTING_INPUT_BYTES

    label = "standard input" if source == "-" else source
    try:
        data = read_input_capped(source, MAX_POSTING_INPUT_BYTES, "one job posting")
    except InputTooBig as exc:
        err(str(exc))
        return None
    except IsADirectoryError:
        err(f"{source}: is a folder; give the file with the posting's text")
        return None
    except OSError as exc:
        err(f"{source}: cannot read: {exc.strerror or exc}")
        return None
    try:
        return read_posting_text(data, label)
    except PostingError as exc:
        err(str(exc))
        return None


def err(message: str) -> None:
    """An error for the user: `interviewprep: message` on standard error."""
    print(f"interviewprep: {message}", file=sys.stderr)


def warn(message: object) -> None:
    """A problem that does not stop the command: `warning: message` on standard error."""
    print(f"warning: {message}", file=sys.stderr)


def progress(message: str) -> None:
    """A progress line (model loading, export) on standard error."""
    print(message, file=sys.stderr)


def add_bank_option(parser: argparse.ArgumentParser) -> None:
    """`--bank PATH` (repeatable): extra question files or folders on top of the app's banks."""
    parser.add_argument("--bank", type=Path, action="append", default=[], metavar="PATH",
                        help="also load questions from this file or folder")


def add_json_option(parser: argparse.ArgumentParser, help: str = "print JSON") -> None:
    parser.add_argument("--json", action="store_true", help=help)


def add_question_filters(parser: argparse.ArgumentParser) -> None:
    """`--category`, `--level`, `--specialization` with the bank's fixed ids as choices."""
    parser.add_argument("--category", choices=CATEGORIES)
    parser.add_argument("--level", choices=LEVELS)
    parser.add_argument("--specialization", choices=SPECIALIZATIONS)


def load_bank_or_warn(extra: list[Path] | None = None) -> Bank:
    """The app's question bank plus `extra`; every problem in it printed as a warning."""
    from ..bank import load_app_bank

    bank, errors = load_app_bank(extra or None)
    for error in errors:
        warn(error)
    return bank
