"""Splitting one typed line into the questions in it.

"What's X? And who decides Y?" holds two questions; "You said X. What does that mean?" holds
one, introduced by a statement. A statement is kept with the question it introduces (or, when
it comes last, with the question before it) so that context such as "you mentioned" stays with
the question it prepares.
"""

from __future__ import annotations

import re

from .patterns import CLOSED_OPENER, OPEN_OPENER

_SENTENCE_END = re.compile(r"(?<=[?!.])\s+(?=\S)")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs|mr|mrs|ms|dr|approx)\.$", re.I)


def _sentences(line: str) -> list[str]:
    pieces: list[str] = []
    for piece in _SENTENCE_END.split(line.strip()):
        if pieces and _ABBREVIATIONS.search(pieces[-1]):
            pieces[-1] = f"{pieces[-1]} {piece}"
        else:
            pieces.append(piece)
    return [p for p in pieces if p.strip()]


def _asks(sentence: str) -> bool:
    text = sentence.strip()
    return text.endswith("?") or bool(OPEN_OPENER.match(text)) or bool(CLOSED_OPENER.match(text))


def split_questions(line: str) -> list[str]:
    """The questions in `line`, each with the statements that introduce it; never empty for text."""
    sentences = _sentences(line)
    if not sentences:
        return []
    parts: list[str] = []
    preamble: list[str] = []
    for sentence in sentences:
        if _asks(sentence):
            parts.append(" ".join([*preamble, sentence]))
            preamble = []
        else:
            preamble.append(sentence)
    if preamble:
        if parts:
            parts[-1] = " ".join([parts[-1], *preamble])
        else:
            parts.append(" ".join(preamble))
    return parts
