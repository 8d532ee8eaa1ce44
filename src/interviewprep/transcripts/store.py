"""Saving, listing, loading and trashing transcripts. Writes are atomic; bad files are
reported and left exactly as they are."""

from __future__ import annotations

import builtins
import json
import re
import shutil
from pathlib import Path
from typing import Any

from .. import locations
from ..fileio import atomic_write_text
from .errors import TranscriptError, UnreadableTranscript
from .index import SessionDigest, digests
from .lock import DiskStamp, SessionInUse, SessionLock, check_unchanged
from .model import Transcript

__all__ = ["TranscriptError", "TranscriptStore", "UnreadableTranscript"]

_ID = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")


def _check_feedback(transcript: Transcript) -> None:
    """Reject feedback of the wrong shape now, so screens never meet it later."""
    for turn in transcript.turns:
        feedbacks = [a.feedback for a in turn.attempts]
        if turn.follow_up is not None and turn.follow_up.feedback is not None:
            feedbacks.append(turn.follow_up.feedback)
        for feedback in feedbacks:
            if not isinstance(feedback, dict):
                raise ValueError(f"feedback of '{turn.question_id}' is not an object")
            elements = feedback.get("elements", [])
            if not isinstance(elements, list) or not all(
                    isinstance(e, dict) and "id" in e for e in elements):
                raise ValueError(f"feedback elements of '{turn.question_id}' are malformed")
            int(feedback.get("overall", 0))


class TranscriptStore:
    """The folder of saved sessions (one JSON file each)."""

    def __init__(self, folder: Path | None = None, trash: Path | None = None,
                 cache: Path | None = None) -> None:
        self.folder = folder or locations.transcripts_dir()
        self.trash = trash or locations.trash_dir()
        self.cache = cache or locations.cache_dir()  # the listing index; disposable

    def path_for(self, session_id: str) -> Path:
        if not _ID.match(session_id):
            raise TranscriptError(f"invalid session id: {session_id!r}")
        return self.folder / f"{session_id}.json"

    def save(self, transcript: Transcript) -> Path:
        path = self.path_for(transcript.id)
        try:
            atomic_write_text(path, json.dumps(transcript.to_json(), indent=2, ensure_ascii=False))
        except OSError as exc:
            raise TranscriptError(f"cannot save {path}: {exc.strerror or exc}") from exc
        return path

    def save_checked(self, transcript: Transcript, expected: DiskStamp | None) -> DiskStamp | None:
        """Save, but only over the version this writer last saw (`expected`, None: no file
        yet): a file changed or deleted elsewhere since raises TranscriptChanged and is left as
        it is. Returns the stamp of what was written, to pass to the next save."""
        path = self.path_for(transcript.id)
        check_unchanged(path, expected)
        self.save(transcript)
        return DiskStamp.of(path)

    def lock(self, session_id: str, where: str) -> SessionLock:
        """Hold the session's lock while it is open (raises SessionInUse saying where it is
        open already)."""
        self.path_for(session_id)  # the id is checked before it names a file
        return SessionLock.acquire(self.folder, session_id, where)

    def load_path(self, path: Path) -> Transcript:
        return self.parse(path, self.read_data(path))

    def read_data(self, path: Path) -> dict[str, Any]:
        """The raw JSON object of a transcript file, as written (before any migration)."""
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise TranscriptError(f"{path}: no such transcript") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise TranscriptError(f"{path}: cannot read ({exc})") from exc
        except json.JSONDecodeError as exc:
            raise TranscriptError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
        if not isinstance(data, dict) or "id" not in data:
            raise TranscriptError(f"{path}: not an interviewprep transcript")
        return data

    @staticmethod
    def parse(path: Path, data: dict[str, Any]) -> Transcript:
        """A transcript from read_data()'s object, migrated to the current schema."""
        try:
            transcript = Transcript.from_json(data)
            _check_feedback(transcript)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise TranscriptError(f"{path}: unreadable transcript ({exc})") from exc
        return transcript

    def load(self, session_id: str) -> Transcript:
        """Load by id, or by a unique prefix of an id."""
        path = self.path_for(session_id)
        if not path.exists():
            matches = sorted(self.folder.glob(f"{session_id}*.json")) if self.folder.is_dir() else []
            if len(matches) == 1:
                path = matches[0]
            elif len(matches) > 1:
                raise TranscriptError(f"'{session_id}' matches {len(matches)} sessions; give more of the id")
        return self.load_path(path)

    def list(self) -> tuple[list[Transcript], list[UnreadableTranscript]]:
        """All readable sessions, newest first, and the files that could not be read."""
        sessions: list[Transcript] = []
        problems: list[UnreadableTranscript] = []
        if not self.folder.is_dir():
            return sessions, problems
        for path in self.folder.glob("*.json"):
            try:
                sessions.append(self.load_path(path))
            except TranscriptError as exc:
                problems.append(UnreadableTranscript(path, str(exc).removeprefix(f"{path}: ")))
        sessions.sort(key=lambda t: (t.started_at, t.id), reverse=True)
        return sessions, problems

    def latest_unfinished(self) -> Transcript | None:
        sessions, _ = self.digests()
        latest = next((d for d in sessions if not d.finished and d.questions), None)
        return self.load(latest.id) if latest else None

    # `list` is a method here, so the return types below spell out builtins.list.
    def digests(self) -> tuple[builtins.list[SessionDigest], builtins.list[UnreadableTranscript]]:
        """Like list(), but only the facts listing and progress need, served from an index."""
        return digests(self)

    def delete(self, session_id: str) -> Path:
        """Move a session's file to the trash folder; nothing is unlinked."""
        path = self.path_for(session_id)
        if not path.exists():
            raise TranscriptError(f"{path}: no such transcript")
        # Never from under an open session: its next save would bring the file back.
        try:
            lock = SessionLock.acquire(self.folder, session_id, "being deleted")
        except SessionInUse as exc:
            raise TranscriptError(f"session {session_id} is open {exc.where}: quit it there "
                                  "first; it was not deleted") from None
        with lock:
            self.trash.mkdir(parents=True, exist_ok=True)
            target = self.trash / path.name
            n = 1
            while target.exists():
                target = self.trash / f"{path.stem}.{n}{path.suffix}"
                n += 1
            shutil.move(str(path), str(target))
        return target
