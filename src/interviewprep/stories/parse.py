"""Reading story files: Markdown, one story per `## Title` section, every problem as FILE:LINE.

A file with any problem yields no stories at all (the caller refuses it whole), so a typo never
half-imports a bank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..fileio import UnreadableFile, read_bytes_capped
from .model import MAX_WORDS, Story

HEADING = re.compile(r"^##(?!#)[ \t]*(.*?)[ \t#]*$")
LABEL = re.compile(
    r"^[ \t]*(?:[*_]{2})?(situation|task|actions?|results?|outcome|lessons?(?: learned)?|"
    r"learnings?|tags)[ \t]*(?:[*_]{2})?[ \t]*:[ \t]*(?:[*_]{2})?[ \t]*(.*)$",
    re.IGNORECASE,
)
PART_OF_LABEL = {
    "situation": "situation", "task": "task", "action": "action", "actions": "action",
    "result": "result", "results": "result", "outcome": "result",
    "lesson": "lessons", "lessons": "lessons", "lesson learned": "lessons",
    "lessons learned": "lessons", "learning": "lessons", "learnings": "lessons", "tags": "tags",
}


@dataclass(frozen=True)
class StoryProblem:
    """Why a story file cannot be used, at the line where it shows."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ParsedFile:
    """The stories of one file, or the problems that stop it from being used."""

    path: str
    stories: list[Story] = field(default_factory=list)
    problems: list[StoryProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Section:
    title: str
    line: int
    text: list[str] = field(default_factory=list)
    parts: dict[str, list[str]] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    current: str | None = None
    """The part the next unlabeled line belongs to (None: the free text)."""

    def add(self, line: str) -> None:
        (self.parts[self.current] if self.current else self.text).append(line)


def decode(data: bytes, path: str) -> tuple[str | None, list[StoryProblem]]:
    """UTF-8 text (a BOM is allowed), or the line of the first undecodable byte."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [StoryProblem(path, line, "undecodable bytes: save the file as UTF-8 text")]
    return text, []


def _joined(lines: list[str]) -> str:
    """Lines of one part as paragraphs: single line breaks become spaces."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _validation_message(exc: ValidationError) -> str:
    messages = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "story"
        messages.append(f"{where}: {error['msg'].removeprefix('Value error, ')}")
    return "; ".join(messages)


def parse_text(text: str, path: str = "<stdin>") -> ParsedFile:
    """The stories in Markdown text; `path` names the file in problems."""
    result = ParsedFile(path)
    if len(text) > MAX_STORY_FILE_BYTES:  # before any work on it (a paste, an edit)
        result.problems.append(StoryProblem(
            path, 1, f"too long ({len(text):,} characters; a story file holds at most "
            f"{MAX_STORY_FILE_BYTES:,}): split it into several files"))
        return result
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        if "\x00" in line:
            result.problems.append(StoryProblem(path, number, "NUL character: this is not a text file"))
    if result.problems:
        return result

    sections: list[_Section] = []
    for number, line in enumerate(text.split("\n"), start=1):
        heading = HEADING.match(line)
        if heading:
            title = heading.group(1).strip()
            if not title:
                result.problems.append(StoryProblem(path, number, "empty title: write the story's "
                                                    "title after '## '"))
            sections.append(_Section(title, number))
            continue
        if not sections:
            continue  # a preamble (the candidate's name, a '# heading', notes) is not a story
        section = sections[-1]
        label = LABEL.match(line)
        if label:
            part = PART_OF_LABEL[label.group(1).lower()]
            rest = label.group(2).strip()
            if part == "tags":
                section.tags.extend(t.strip() for t in rest.split(",") if t.strip())
                section.current = None if not section.parts else section.current
                continue
            section.current = part
            section.parts.setdefault(part, [])
            if rest:
                section.parts[part].append(rest)
            continue
        section.add(line)

    if not sections and not result.problems:
        result.problems.append(StoryProblem(
            path, 1, "no story found: start each story with a line '## Title'"))

    seen: dict[str, int] = {}
    for section in sections:
        if not section.title:
            continue
        parts = {k: _joined(v) for k, v in section.parts.items()}
        free = _joined(section.text)
        if not free and not any(parts.values()):
            result.problems.append(StoryProblem(
                path, section.line, f"story '{section.title}' has no text"))
            continue
        try:
            story = Story(title=section.title, parts=parts, text=free, tags=section.tags,
                          line=section.line)
        except ValidationError as exc:
            result.problems.append(StoryProblem(path, section.line, _validation_message(exc)))
            continue
        if story.words > MAX_WORDS:
            result.problems.append(StoryProblem(
                path, section.line, f"story '{story.title}' has {story.words} words; keep one "
                f"story under {MAX_WORDS} (split it into several)"))
            continue
        key = story.slug
        if key in seen:
            result.problems.append(StoryProblem(
                path, section.line, f"title '{story.title}' repeats the story at line {seen[key]}"))
            continue
        seen[key] = section.line
        result.stories.append(story)
    result.problems.sort(key=lambda p: p.line)
    if result.problems:
        result.stories = []
    return result


def parse_bytes(data: bytes, path: str) -> ParsedFile:
    """Parse raw bytes; undecodable lines are problems, and the rest is still checked."""
    if len(data) > MAX_STORY_FILE_BYTES:
        return ParsedFile(path, problems=[StoryProblem(
            path, 1, f"too big ({len(data):,} bytes; a story file holds at most "
            f"{MAX_STORY_FILE_BYTES:,}): split it into several files")])
    text, problems = decode(data, path)
    if text is not None:
        return parse_text(text, path)
    bad = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(StoryProblem(path, number, "undecodable bytes: save the file as UTF-8 "
                                    "text"))
    rest = parse_text(data.decode("utf-8", errors="replace"), path)
    return ParsedFile(path, problems=sorted(bad + rest.problems, key=lambda p: p.line))


MAX_STORY_FILE_BYTES = 2_000_000
"""A story file bigger than this is reported and skipped (a file of 50 stories is ~150 kB)."""


def parse_file(path: Path) -> ParsedFile:
    """A story file from disk; an unreadable file is one problem at line 1."""
    try:
        data = read_bytes_capped(path, MAX_STORY_FILE_BYTES)
    except FileNotFoundError as exc:
        return ParsedFile(str(path), problems=[StoryProblem(str(path), 1, f"cannot read: "
                                                            f"{exc.strerror or exc}")])
    except UnreadableFile as exc:
        return ParsedFile(str(path), problems=[StoryProblem(str(path), 1, str(exc))])
    return parse_bytes(data, str(path))
