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
from ..fileio import UnreadableFile, atomic_write_text, read_json_capped
from .errors import TranscriptError, UnreadableTranscript
from .index import SessionDigest, digests
from .lock import DiskStamp, SessionInUse, SessionLock, check_unchanged
from .model import SESSION_ID_PATTERN, Transcript

__all__ = ["TranscriptError", "TranscriptStore", "UnreadableTranscript"]

_ID = re.compile(SESSION_ID_PATTERN)


MAX_TRANSCRIPT_BYTES = 20_000_000
"""A transcript bigger than this is refused unread (a long session is well under 1 MB)."""


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
        """The raw JSON object of a transcript file, as written (before any migration).

        Only a regular file of at most MAX_TRANSCRIPT_BYTES is read (a FIFO would block), and
        nesting is capped, so no file can hang, exhaust memory or overflow the stack.
        """
        try:
            data: Any = read_json_capped(path, MAX_TRANSCRIPT_BYTES)
        except FileNotFoundError as exc:
            raise TranscriptError(f"{path}: no such transcript") from exc
        except UnreadableFile as exc:
            raise TranscriptError(f"{path}: {exc}") from exc
        if not isinstance(data, dict) or "id" not in data:
            raise TranscriptError(f"{path}: not an interviewprep transcript")
        return data

    @staticmethod
    def parse(path: Path, data: dict[str, Any]) -> Transcript:
        """A transcript from read_data()'s object, validated and migrated to the current schema.

        The file's name is the session's id (so a renamed copy or a backup is its own session,
        and nothing is ever saved to a name taken from a file's contents); a name that cannot be
        an id is refused.
        """
        if not _ID.match(path.stem):
            raise TranscriptError(
                f"{path}: the file name is not a session id (rename it with letters, digits, "
                "'-', '_' and '.' only, like the other files in this folder)")
        try:
            transcript = Transcript.from_json({**data, "id": path.stem})
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
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
        for digest in sessions:
            if not digest.finished and digest.questions:
                try:
                    return self.load(digest.id)
                except TranscriptError:
                    continue  # changed since it was listed: the next one
        return None

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
