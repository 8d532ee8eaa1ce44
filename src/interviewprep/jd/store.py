"""Saved job postings: one JSON file each in the user data folder, written atomically.

A file that cannot be read is reported (FILE:LINE and the field) and left untouched; removing a
posting moves its file to the trash folder.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .. import locations
from ..fileio import MAX_JSON_DEPTH, UnreadableFile, atomic_write_text, json_depth_exceeds, read_text_capped
from .analysis import ANALYSER_VERSION, PostingAnalysis

MAX_POSTING_BYTES = 5_000_000
"""A saved posting bigger than this is reported and skipped (a long posting is ~20 kB)."""

NAME_PATTERN = r"^[a-z0-9][a-z0-9-]{0,59}$"
MAX_POSTING_CHARS = 100_000
"""Longer than any real posting: a file this big is something else pasted by mistake."""
MAX_POSTING_INPUT_BYTES = 4 * MAX_POSTING_CHARS
"""What is read of a posting's file or paste at most (MAX_POSTING_CHARS in any UTF-8)."""


class PostingError(Exception):
    """A posting cannot be read, saved or found; the message says which and why."""


class SavedPostingFile(BaseModel):
    """The on-disk shape of a saved posting, validated when read."""

    model_config = ConfigDict(extra="ignore")

    name: str = Field(pattern=NAME_PATTERN)
    """The id used on the command line: `jd show NAME`."""
    title: str | None = None
    text: str = Field(min_length=1)
    """The posting as pasted."""
    added_at: str
    source: str | None = None
    """The file it was added from, or '-' for standard input."""
    analysis: dict[str, Any] | None = None
    """PostingAnalysis.to_json() at the time it was saved (redone when the analyser changes)."""

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the posting text is empty")
        return value


@dataclass
class SavedPosting:
    name: str
    title: str | None
    text: str
    added_at: str
    source: str | None
    analysis: PostingAnalysis | None
    path: Path
    analysis_problem: str | None = None
    """FILE:LINE: why the saved analysis could not be read (it is then redone, never saved
    over the file: the file is the user's)."""

    @property
    def stale(self) -> bool:
        """True when the analysis is missing or was made by an older analyser."""
        return self.analysis is None or self.analysis.version != ANALYSER_VERSION


@dataclass
class UnreadablePosting:
    path: Path
    message: str
    """FILE:LINE: field: what is wrong."""

    def __str__(self) -> str:
        return self.message


def read_posting_text(data: bytes, source: str) -> str:
    """Posting text from a file's bytes, or a PostingError saying what is wrong with it."""
    if not data.strip():
        raise PostingError(f"{source}: the file is empty; paste the job posting's text into it")
    if b"\x00" in data:
        raise PostingError(f"{source}: this is not a text file (it contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PostingError(f"{source}:{line}: not UTF-8 text (byte {exc.start}); save the "
                           "posting as UTF-8 and try again") from None
    if len(text) > MAX_POSTING_CHARS:
        raise PostingError(f"{source}: {len(text):,} characters is too long for one job posting "
                           f"(at most {MAX_POSTING_CHARS:,})")
    if len(re.findall(r"[A-Za-z]{2,}", text)) < 5:
        raise PostingError(f"{source}: this does not read like a job posting (fewer than five words)")
    return text


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    name = "-".join(words)[:60].strip("-")
    return name or "posting"


def _line_of_field(source: str, field: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if f'"{field}"' in line:
            return number
    return 1


class PostingStore:
    """Saved postings in `locations.job_descriptions_dir()`."""

    def __init__(self, folder: Path | None = None, trash: Path | None = None) -> None:
        self.folder = folder or locations.job_descriptions_dir()
        self.trash = trash or locations.job_descriptions_trash_dir()

    def path_for(self, name: str) -> Path:
        return self.folder / f"{name}.json"

    def unique_name(self, wanted: str) -> str:
        base = slug(wanted)
        name, n = base, 2
        while self.path_for(name).exists():
            name = f"{base[:56]}-{n}"
            n += 1
        return name

    def add(self, text: str, analysis: PostingAnalysis, name: str | None = None,
            source: str | None = None) -> SavedPosting:
        """Save a new posting under `name` (or one made from its title); never overwrites."""
        if name is not None and not re.match(NAME_PATTERN, name):
            raise PostingError(f"name {name!r}: use lower-case letters, digits and dashes "
                               "(at most 60, starting with a letter or digit)")
        if name is not None and self.path_for(name).exists():
            raise PostingError(f"a posting named {name!r} already exists; choose another --name "
                               f"or remove it first (`interviewprep jd remove {name}`)")
        final = name or self.unique_name(analysis.title or "posting")
        saved = SavedPosting(final, analysis.title, text, datetime.now(UTC).astimezone()
                             .isoformat(timespec="seconds"), source, analysis, self.path_for(final))
        self.save(saved)
        return saved

    def save(self, posting: SavedPosting) -> Path:
        data = {
            "name": posting.name, "title": posting.title, "text": posting.text,
            "added_at": posting.added_at, "source": posting.source,
            "analysis": posting.analysis.to_json() if posting.analysis else None,
        }
        try:
            atomic_write_text(self.path_for(posting.name),
                              json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise PostingError(f"cannot save {self.path_for(posting.name)}: {exc}") from None
        return self.path_for(posting.name)

    def load_path(self, path: Path) -> SavedPosting:
        try:
            source = read_text_capped(path, MAX_POSTING_BYTES)
        except FileNotFoundError:
            raise PostingError(f"{path}: no such posting") from None
        except UnreadableFile as exc:
            message = str(exc)
            raise PostingError(f"{path}: " + ("not UTF-8 text" if "UTF-8" in message else message)
                               ) from None
        if not source.strip():
            raise PostingError(f"{path}:1: the file is empty")
        try:
            raw = json.loads(source)
        except json.JSONDecodeError as exc:
            raise PostingError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
        except RecursionError:
            raw = None
        if raw is None or json_depth_exceeds(raw):
            raise PostingError(f"{path}:1: nested too deeply (over {MAX_JSON_DEPTH} levels)")
        if not re.match(NAME_PATTERN, path.stem):
            raise PostingError(f"{path}: the file name is not a posting name (rename it with "
                               "lower-case letters, digits and '-')")
        if not isinstance(raw, dict):
            raise PostingError(f"{path}:1: expected a JSON object, not {type(raw).__name__}")
        try:
            parsed = SavedPostingFile.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "file"
            line = _line_of_field(source, str(first["loc"][0])) if first["loc"] else 1
            raise PostingError(f"{path}:{line}: {field}: {first['msg']}") from None
        analysis, problem = None, None
        if parsed.analysis:
            try:
                analysis = PostingAnalysis.from_json(parsed.analysis)
            except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
                # Redone from the text (the analysis is derived data), and reported.
                reason = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
                problem = (f"{path}:{_line_of_field(source, 'analysis')}: analysis: "
                           f"cannot be read ({type(exc).__name__}: {reason[:200]})")
        # The file's name is the posting's name: a renamed copy is its own posting, and nothing
        # is ever saved under a name taken from a file's contents.
        return SavedPosting(path.stem, parsed.title, parsed.text, parsed.added_at,
                            parsed.source, analysis, path, problem)

    def load(self, name: str) -> SavedPosting:
        path = self.path_for(name)
        if not re.match(NAME_PATTERN, name) or not path.exists():
            known = [p.stem for p in sorted(self.folder.glob("*.json"))] if self.folder.is_dir() else []
            close = [k for k in known if k.startswith(name)]
            if len(close) == 1:
                return self.load_path(self.path_for(close[0]))
            hint = f"; saved: {', '.join(known[:8])}" if known else "; add one with `interviewprep jd add`"
            raise PostingError(f"no saved posting named {name!r}{hint}")
        return self.load_path(path)

    def list(self) -> tuple[list[SavedPosting], list[UnreadablePosting]]:
        """Every saved posting, newest first, and the files that could not be read."""
        good: list[SavedPosting] = []
        bad: list[UnreadablePosting] = []
        if not self.folder.is_dir():
            return good, bad
        for path in sorted(self.folder.glob("*.json")):
            try:
                good.append(self.load_path(path))
            except PostingError as exc:
                bad.append(UnreadablePosting(path, str(exc)))
        good.sort(key=lambda p: p.added_at, reverse=True)
        return good, bad

    def remove(self, name: str) -> Path:
        """Move the posting's file to the trash folder; returns where it went."""
        posting = self.load(name)
        self.trash.mkdir(parents=True, exist_ok=True)
        target = self.trash / posting.path.name
        n = 1
        while target.exists():
            target = self.trash / f"{posting.path.stem}.{n}{posting.path.suffix}"
            n += 1
        try:
            shutil.move(str(posting.path), str(target))
        except OSError as exc:
            raise PostingError(f"cannot move {posting.path} to the trash: {exc}") from None
        return target
