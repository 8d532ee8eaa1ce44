"""Split an answer into sentences and short clause windows, with bounded work on any input."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_CHARS = 12_000
"""Only this much of an answer is scored (about 2,000 words, far beyond a spoken answer)."""
MAX_SEGMENTS = 160
WINDOW_WORDS = 24
WINDOW_STRIDE = 12
LONG_SENTENCE_WORDS = 36

_BULLET = re.compile(r"^\s*(?:[-*•·–—>]+|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+", re.IGNORECASE)
# A sentence ends at . ! ? (optionally followed by quotes/brackets) before whitespace, except
# after common abbreviations and inside numbers (3.5, v2.1).
_ABBREVIATIONS = r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bNo)"
_SENTENCE_END = re.compile(_ABBREVIATIONS + r"[.!?。！？]+[\"')\]]*\s+")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Segment:
    """A scored piece of the answer: a sentence, or a window of a long run-on sentence."""

    text: str
    start: int
    """Offset of the first character in the cleaned answer."""
    end: int
    sentence: int
    """Index of the sentence this segment belongs to."""
    window: bool = False
    """True for a window cut from a long sentence."""


def clean(text: str) -> tuple[str, bool]:
    """Drop control characters and NULs, normalise spaces; cap the length.

    Returns the cleaned text and whether it was cut.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text
    )
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text).strip()
    truncated = len(text) > MAX_CHARS
    if truncated:
        cut = text.rfind(" ", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
    return text, truncated


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        bullet = _BULLET.match(line)
        start = line_start + (bullet.end() if bullet else 0)
        body = text[start : line_start + len(line)]
        cursor = 0
        for match in _SENTENCE_END.finditer(body):
            spans.append((start + cursor, start + match.start() + len(match.group().rstrip())))
            cursor = match.end()
        if cursor < len(body):
            spans.append((start + cursor, start + len(body)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a and re.search(r"\w", text[a:b]):
            out.append((a, b))
    return out


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
    spans = []
    for i in range(0, max(1, len(words) - WINDOW_WORDS + WINDOW_STRIDE), WINDOW_STRIDE):
        chunk = words[i : i + WINDOW_WORDS]
        if chunk:
            spans.append((chunk[0][0], chunk[-1][1]))
    return spans


def segment(text: str) -> list[Segment]:
    """Sentences of an already cleaned answer; long sentences also as overlapping windows."""
    segments: list[Segment] = []
    for index, (a, b) in enumerate(_sentences(text)):
        sentence = text[a:b]
        n_words = len(sentence.split())
        if n_words > LONG_SENTENCE_WORDS:
            # A run-on sentence hides several ideas: score its windows, not the whole.
            for wa, wb in _windows(text, a, b):
                segments.append(Segment(text[wa:wb], wa, wb, index, window=True))
        else:
            segments.append(Segment(sentence, a, b, index))
        if len(segments) >= MAX_SEGMENTS:
            break
    return segments[:MAX_SEGMENTS]
