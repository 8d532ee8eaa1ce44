"""Unsent answers: what was in the answer box when the user left mid-answer, kept to restore.

One small JSON file per session in locations.drafts_dir(), written atomically. A draft that no
longer fits its session (typed for a follow-up or a retry of a turn answered since) is never
deleted: it is renamed aside and its path is reported, so no typed text is lost.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .. import locations
from ..fileio import UnreadableFile, atomic_write_text, read_json_capped

MAX_DRAFT_BYTES = 5_000_000
"""A draft bigger than this is not restored (and left where it is)."""
_SESSION_ID = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")


@dataclass(frozen=True)
class Draft:
    """The text of an answer box that was not submitted."""

    question_id: str
    """The question the text was typed for."""
    mode: str
    """What the box was for: answer, follow_up or retry (or scoring, if it was being scored)."""
    text: str


class DraftStore:
    """The drafts folder (one file per session id)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or locations.drafts_dir()

    def path_for(self, session_id: str) -> Path:
        if not _SESSION_ID.match(session_id):
            raise ValueError(f"invalid session id: {session_id!r}")
        return self.folder / f"{session_id}.json"

    def save(self, session_id: str, draft: Draft) -> Path:
        """Keep the draft; raises OSError if it cannot be written."""
        path = self.path_for(session_id)
        atomic_write_text(path, json.dumps({"question_id": draft.question_id, "mode": draft.mode,
                                            "text": draft.text}))
        return path

    def load(self, session_id: str) -> Draft | None:
        """The session's draft, or None if there is none or it cannot be read (a draft of the
        wrong shape, too big or not a regular file is left untouched, never restored in part)."""
        try:
            data = read_json_capped(self.path_for(session_id), MAX_DRAFT_BYTES)
        except (OSError, ValueError, UnreadableFile):
            return None
        if not isinstance(data, dict):
            return None
        values = {key: data.get(key, "") for key in ("question_id", "mode", "text")}
        if not all(isinstance(v, str) for v in values.values()):
            return None
        return Draft(**values)

    def set_aside(self, session_id: str, draft: Draft) -> Path:
        """Rename a draft that cannot be restored next to the others; returns where it is now."""
        path = self.path_for(session_id)
        kept = path.with_name(f"{path.stem}-{draft.question_id or 'earlier'}-kept.json")
        try:
            path.replace(kept)
        except OSError:
            return path
        return kept

    def delete(self, session_id: str) -> None:
        try:
            self.path_for(session_id).unlink(missing_ok=True)
        except OSError:
            pass
