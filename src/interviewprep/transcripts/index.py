"""Session digests: the few facts that listing, review and progress need from each transcript,
kept in a disposable index so that listing a thousand sessions does not parse a thousand files.

The index can never hide or resurrect a file: the folder is listed on every call, and a cached
digest is used only while its file's size, mtime and inode are exactly those it was built from.
Unreadable files are never cached, so they are reported on every call.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Protocol

from pydantic import ConfigDict, Field, TypeAdapter

from ..fileio import UnreadableFile, atomic_write_text, read_json_capped
from .errors import TranscriptError, UnreadableTranscript
from .model import (
    Category,
    Ident,
    Name,
    RatingDict,
    RetryOfDict,
    Score,
    Seconds,
    Text,
    Timestamp,
    Transcript,
    Turn,
)


class TranscriptSource(Protocol):
    """What the index needs from a transcript folder (TranscriptStore is one)."""

    folder: Path
    cache: Path

    def read_data(self, path: Path) -> dict[str, Any]: ...

    def parse(self, path: Path, data: dict[str, Any]) -> Transcript: ...


INDEX_VERSION = 4
"""Bump when SessionDigest changes shape: older index files are then ignored and rebuilt.
4: turns carry rating and delivery (spaced repetition, speech) and sessions their questions_asked
counts; 3 had one or the other."""


@dataclass
class TurnDigest:
    """One question of a session, reduced to what review and progress show."""

    __pydantic_config__ = ConfigDict(allow_inf_nan=False)

    question_id: Ident
    question_text: Text
    category: Category
    overall: Score | None
    """Final score of the turn (follow-up or last retry), None if skipped or unanswered."""
    attempts: int = 0
    """How many answers were given (first try plus retries)."""
    skipped: bool = False
    seconds: Seconds = 0.0
    element_scores: dict[Ident, Annotated[float, Field(ge=0, le=1)]] = field(default_factory=dict)
    """Element id -> score (0-1) in the feedback that counts for the turn."""
    first_overall: Score | None = None
    """Score of the first answer (before retries and follow-ups): what spaced repetition rates."""
    first_missing: list[Ident] = field(default_factory=list)
    """Elements the first answer missed."""
    follow_up: bool = False
    """The interviewer had to probe for a missing element."""
    answered_at: Timestamp = ""
    """When the first answer was submitted."""
    rating: RatingDict | None = None
    """The turn's spaced-repetition rating as saved in the transcript (None in older ones)."""
    delivery: dict[Name, Annotated[float, Field(ge=0, le=1e7)]] | None = None
    """The last spoken attempt's words_per_minute, fillers_per_minute, long_pauses (count) and
    duration_s; None when every answer was typed."""


def _delivery_digest(turn: Turn) -> dict[str, float] | None:
    spoken = [a.delivery for a in turn.attempts if isinstance(a.delivery, dict)]
    if not spoken:
        return None
    last = spoken[-1]
    try:
        return {"words_per_minute": float(last["words_per_minute"]),
                "fillers_per_minute": float(last["fillers_per_minute"]),
                "long_pauses": float(len(last.get("long_pauses") or [])),
                "duration_s": float(last["duration_s"])}
    except (KeyError, TypeError, ValueError):
        return None  # a hand-edited delivery is left out of the trends, the rest still counts


@dataclass
class SessionDigest:
    """One saved session as the session list and the progress report see it."""

    __pydantic_config__ = ConfigDict(allow_inf_nan=False)

    id: Name
    file: Name
    """File name inside the transcripts folder."""
    started_at: Timestamp
    finished_at: Timestamp | None
    planned: Annotated[int, Field(ge=0)]
    """Questions in the session's plan."""
    overall: Annotated[float, Field(ge=0, le=100)] | None
    """Mean final score of the answered questions, None if none was answered."""
    categories: list[Category]
    seconds: Seconds
    """Time spent answering (all attempts and follow-ups)."""
    schema_version: int
    """The schema the file was written with (older ones are migrated on load)."""
    retry_of: RetryOfDict | None = None
    element_names: dict[Ident, Name] = field(default_factory=dict)
    """Element id -> display name, as recorded in the feedback."""
    turns: list[TurnDigest] = field(default_factory=list)
    questions_asked: dict[str, int] = field(default_factory=dict)
    """How many of the candidate's end-of-interview questions were rated strong, fair and weak."""

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def questions(self) -> int:
        """Questions asked (answered or skipped)."""
        return len(self.turns)

    @property
    def answered(self) -> int:
        return sum(1 for t in self.turns if t.overall is not None)

    @property
    def done(self) -> int:
        """Questions answered or skipped (an asked-but-unanswered one is still to do)."""
        return sum(1 for t in self.turns if t.attempts or t.skipped)

    @property
    def date(self) -> str:
        """YYYY-MM-DD of the start, as the user's clock showed it."""
        return self.started_at[:10]

    def to_json(self) -> dict[str, Any]:
        # Shallow copies (not dataclasses.asdict, which deep-copies): json.dumps walks the rest.
        return {**vars(self), "turns": [dict(vars(t)) for t in self.turns]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionDigest:
        """A cached digest, type-checked (the index is a file like any other: a wrong type
        raises ValueError, and the entry is rebuilt from its transcript)."""
        return _digest_adapter().validate_python(data)

    def summary_json(self) -> dict[str, Any]:
        """The `review list --json` entry (contract: id, started_at, questions, overall)."""
        return {
            "id": self.id,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
            "finished": self.finished,
            "questions": self.questions,
            "answered": self.answered,
            "planned": self.planned,
            "overall": self.overall,
            "categories": list(self.categories),
            "seconds": round(self.seconds, 1),
            "retry_of": self.retry_of,
        }

    @classmethod
    def of(cls, transcript: Transcript, file: str, schema_version: int) -> SessionDigest:
        names: dict[str, str] = {}
        turns = []
        for turn in transcript.turns:
            feedback = turn.final_feedback
            scores: dict[str, float] = {}
            if feedback and not turn.skipped:
                for e in feedback.elements:
                    scores[e.id] = float(e.score or 0.0)
                    names.setdefault(e.id, e.label)
            first = turn.attempts[0] if turn.attempts and not turn.skipped else None
            turns.append(TurnDigest(
                first_overall=first.overall if first else None,
                first_missing=[e.id for e in first.feedback.elements
                               if e.state == "missing"] if first else [],
                follow_up=turn.follow_up is not None,
                answered_at=first.submitted_at if first else "",
                rating=turn.rating,
                question_id=turn.question_id,
                question_text=turn.question_text,
                category=turn.category,
                overall=turn.overall,
                attempts=len(turn.attempts),
                skipped=turn.skipped,
                seconds=round(turn.seconds, 1),
                element_scores=scores,
                delivery=_delivery_digest(turn),
            ))
        return cls(
            id=transcript.id,
            file=file,
            started_at=transcript.started_at,
            finished_at=transcript.finished_at,
            planned=len(transcript.plan) or len(transcript.turns),
            overall=transcript.overall,
            categories=transcript.categories,
            seconds=round(transcript.seconds, 1),
            schema_version=schema_version,
            retry_of=transcript.retry_of.to_json() if transcript.retry_of else None,
            element_names=names,
            turns=turns,
            questions_asked={v: sum(q.verdict == v for q in transcript.questions_asked)
                             for v in ("strong", "fair", "weak") if transcript.questions_asked},
        )


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def index_path(store: TranscriptSource) -> Path:
    """One index per transcripts folder, in the cache folder (safe to delete at any time)."""
    key = hashlib.sha1(str(store.folder.resolve()).encode()).hexdigest()[:12]
    return store.cache / f"transcript-index-{key}.json"


MAX_INDEX_BYTES = 200_000_000
"""An index bigger than this is ignored (and rewritten): about 100 times a large history."""

_DIGEST_ADAPTER: list[TypeAdapter[SessionDigest]] = []


def _digest_adapter() -> TypeAdapter[SessionDigest]:
    if not _DIGEST_ADAPTER:
        _DIGEST_ADAPTER.append(TypeAdapter(SessionDigest))
    return _DIGEST_ADAPTER[0]


def _read_index(path: Path) -> dict[str, Any]:
    """The cached entries, or {} when the index is missing or damaged in any way (it is then
    rebuilt from the transcripts: it is a cache, never the only copy of anything)."""
    try:
        data = read_json_capped(path, MAX_INDEX_BYTES)
    except (OSError, UnreadableFile):
        return {}
    if not isinstance(data, dict) or data.get("version") != INDEX_VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def digests(store: TranscriptSource) -> tuple[list[SessionDigest], list[UnreadableTranscript]]:
    """A digest of every readable session, newest first, and the files that could not be read."""
    found: list[SessionDigest] = []
    problems: list[UnreadableTranscript] = []
    if not store.folder.is_dir():
        return found, problems
    path_of_index = index_path(store)
    cached = _read_index(path_of_index)
    fresh: dict[str, Any] = {}
    changed = False
    for path in store.folder.glob("*.json"):
        try:
            stamp = _stamp(path.stat())
        except OSError as exc:
            problems.append(UnreadableTranscript(path, f"cannot read ({exc.strerror or exc})"))
            continue
        entry = cached.get(path.name)
        digest = None
        if isinstance(entry, dict) and entry.get("stamp") == stamp:
            try:
                digest = SessionDigest.from_json(entry["digest"])
                if digest.file != path.name or digest.id != path.stem:
                    raise ValueError("index entry of another file")
                fresh[path.name] = entry  # unchanged: keep the cached entry as it is
            except (KeyError, TypeError, ValueError):
                digest = None
        if digest is None:
            changed = True
            try:
                data = store.read_data(path)
                transcript = store.parse(path, data)
                digest = SessionDigest.of(transcript, path.name, int(data.get("schema_version", 1)))
            except TranscriptError as exc:
                problems.append(UnreadableTranscript(path, str(exc).removeprefix(f"{path}: ")))
                continue
            except (AttributeError, KeyError, TypeError, ValueError, RecursionError) as exc:
                problems.append(UnreadableTranscript(path, f"unreadable transcript ({exc})"))
                continue
            fresh[path.name] = {"stamp": stamp, "digest": digest.to_json()}
        found.append(digest)
    if changed or fresh.keys() != cached.keys():
        try:
            atomic_write_text(path_of_index, json.dumps(
                {"version": INDEX_VERSION, "folder": str(store.folder), "entries": fresh},
                ensure_ascii=False, separators=(",", ":"),
            ))
        except OSError:
            pass  # A read-only cache only costs speed.
    found.sort(key=lambda d: (d.started_at, d.id), reverse=True)
    problems.sort(key=lambda p: p.path.name)
    return found, problems
