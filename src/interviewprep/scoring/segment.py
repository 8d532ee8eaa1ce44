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

# Candidates often label the parts of their answer ("Situation: ...", "**T:**", "Lessons learned -").
# A label names the element the following sentences are meant to show, up to the next label.
PART_LABELS: dict[str, str] = {
    "situation": "situation", "the situation": "situation", "context": "situation",
    "background": "situation", "challenge": "situation", "the challenge": "situation",
    "problem": "situation", "the problem": "situation", "scenario": "situation", "s": "situation",
    "task": "task", "tasks": "task", "my task": "task", "the task": "task", "my role": "task",
    "role": "task", "objective": "task", "goal": "task", "my goal": "task", "the goal": "task",
    "responsibility": "task", "t": "task",
    "action": "action", "actions": "action", "actions taken": "action", "what i did": "action",
    "approach": "action", "my approach": "action", "steps": "action", "a": "action",
    "result": "result", "results": "result", "the result": "result", "outcome": "result",
    "outcomes": "result", "the outcome": "result", "impact": "result", "r": "result",
    "lesson": "lessons", "lessons": "lessons", "lesson learned": "lessons",
    "lessons learned": "lessons", "lesson learnt": "lessons", "lessons learnt": "lessons",
    "learning": "lessons", "learnings": "lessons", "key learning": "lessons",
    "takeaway": "lessons", "takeaways": "lessons", "key takeaway": "lessons",
    "reflection": "lessons", "what i learned": "lessons", "what i learnt": "lessons", "l": "lessons",
    "risk": "risk", "risks": "risk", "the risk": "risk",
    "stakeholders": "stakeholders", "stakeholder": "stakeholders",
    "metrics": "metrics", "numbers": "metrics",
}
_LABEL_WORDS = "|".join(sorted((re.escape(k) for k in PART_LABELS if len(k) > 1), key=len,
                               reverse=True))
# At the start of a line or sentence: "Situation:", "**Task** -", "Result —", "S:", "(R)".
_LEADING_LABEL = re.compile(
    r"[*_#]*\s*(?:(?P<word>" + _LABEL_WORDS + r")|(?P<letter>[STARL])|\((?P<paren>[STARL])\))"
    r"\s*[*_]*\s*(?:[:：]|\s[-–—]+\s|(?<=[*_)])\s)[*_]*\s*",
    re.IGNORECASE,
)
# Inside a line, only a capitalised label with a colon: "... on time. Result: ...".
_INLINE_LABEL = re.compile(r"(?<=\s)[*_]*(?P<word>[A-Z][a-z]+(?: [A-Za-z]+){0,2})[*_]*\s*[:：]\s+")
_STORY_PARTS = ("situation", "task", "action", "result", "lessons")
_TRAILING_NUMBER = re.compile(r"\S(\s+)\(?(\d{1,2})[.)]$")
_INLINE_NUMBER = re.compile(r"(?<=\S)\s+\(?\d{1,2}[.)]\s+(?=[A-Z])")


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
    part: str | None = None
    """The element the candidate's own label puts this segment under ("Result: ..."), if any."""


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


def _label_of(match: re.Match[str]) -> str | None:
    word = match.group("word")
    if word is not None:
        return PART_LABELS.get(word.lower())
    letter = match.groupdict().get("letter") or match.groupdict().get("paren")
    return PART_LABELS.get(letter.lower()) if letter and letter.isupper() else None


def _split_inline(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a span before inline part labels and inline list numbers ("... 2. Assess ...")."""
    cuts = [m.start() + a for m in _INLINE_NUMBER.finditer(text[a:b])]
    cuts += [m.start() + a for m in _INLINE_LABEL.finditer(text[a:b])
             if PART_LABELS.get(m.group("word").lower())]
    out, start = [], a
    for cut in sorted(set(cuts)):
        if cut > start:
            out.append((start, cut))
            start = cut
    out.append((start, b))
    return out


def _sentences(text: str) -> list[tuple[int, int, str | None]]:
    """Sentence spans with the part label they fall under (the label itself left out)."""
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
        pieces = []
        for match in _SENTENCE_END.finditer(body):
            pieces.append((start + cursor, start + match.start() + len(match.group().rstrip())))
            cursor = match.end()
        if cursor < len(body):
            pieces.append((start + cursor, start + len(body)))
        expected = 1
        for i, (a, b) in enumerate(pieces):
            # "Steps: 1. Scope it 2. Cost it": the sentence splitter ends a piece on "1."; the
            # number belongs to the list, not to the sentence.
            number = _TRAILING_NUMBER.search(text, a, b)
            if number and i + 1 < len(pieces) and (
                    int(number.group(2)) == expected or text[number.start(1) - 1] == ":"):
                expected = int(number.group(2)) + 1
                b = number.start(1)
            spans.extend(_split_inline(text, a, b))
    out: list[tuple[int, int, str | None]] = []
    part: str | None = None
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        element: str | None = None
        label = _LEADING_LABEL.match(text, a, b)
        if label is not None and (element := _label_of(label)) is not None:
            a = label.end()
        else:
            inline = _INLINE_LABEL.match(" " + text[a:b])
            if inline is not None and (element := PART_LABELS.get(inline.group("word").lower())):
                a += inline.end() - 1
        if element in _STORY_PARTS:
            part = element  # a story part runs on to the next label
        bullet = _BULLET.match(text[a:b])
        a += bullet.end() if bullet else 0
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a and re.search(r"\w", text[a:b]):
            out.append((a, b, element if element and element not in _STORY_PARTS else part))
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
    for index, (a, b, part) in enumerate(_sentences(text)):
        sentence = text[a:b]
        n_words = len(sentence.split())
        if n_words > LONG_SENTENCE_WORDS:
            # A run-on sentence hides several ideas: score its windows, not the whole.
            for wa, wb in _windows(text, a, b):
                segments.append(Segment(text[wa:wb], wa, wb, index, window=True, part=part))
        else:
            segments.append(Segment(sentence, a, b, index, part=part))
        if len(segments) >= MAX_SEGMENTS:
            break
    return segments[:MAX_SEGMENTS]
