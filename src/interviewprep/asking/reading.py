"""Reading typed questions from a file or standard input, one per line, checked at the boundary."""

from __future__ import annotations

from dataclasses import dataclass

from .rater import MAX_CHARS


class QuestionFileError(Exception):
    """The input cannot be read as questions; the message names FILE:LINE."""


@dataclass
class QuestionLine:
    number: int
    """1-based line number in the input."""
    text: str
    cut: bool = False
    """The line was longer than MAX_CHARS and only its start is rated."""


def parse_question_lines(data: bytes, name: str) -> list[QuestionLine]:
    """Every non-blank line of `data` as a question; blank lines are skipped.

    Raises QuestionFileError for bytes that are not UTF-8 text or contain NUL, naming the first
    bad line, so that nothing is rated from a file that is not what the user meant to give.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines: list[QuestionLine] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if b"\x00" in raw:
            raise QuestionFileError(f"{name}:{number}: contains NUL bytes; this looks like a binary file, "
                                    "not questions")
        try:
            text = raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError as exc:
            raise QuestionFileError(f"{name}:{number}: not UTF-8 text (byte {exc.start + 1} of the line)") \
                from None
        if text.strip():
            lines.append(QuestionLine(number, text.strip()[:MAX_CHARS], cut=len(text.strip()) > MAX_CHARS))
    return lines
