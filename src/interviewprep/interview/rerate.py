"""Changing a saved answer's review rating after the session ("I knew this" / "again").

The rating lives in the transcript (so that a rebuilt schedule keeps it); the transcript is
saved atomically and the schedule is brought in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .. import clock
from ..schedule import AnswerRating, ScheduleStore, override
from ..transcripts import TranscriptError, TranscriptStore


class RatingError(Exception):
    """The answer to re-rate cannot be found or saved; the message says why."""


@dataclass
class Rerated:
    session_id: str
    rating: AnswerRating
    due: datetime | None
    notices: list[str] = field(default_factory=list)


def rerate(question_id: str, choice: str, session_id: str | None = None,
           store: TranscriptStore | None = None, schedule: ScheduleStore | None = None) -> Rerated:
    """Override the rating of the latest answer to `question_id` (in `session_id`, if given)."""
    store = store or TranscriptStore()
    try:
        if session_id is None:
            sessions, _ = store.digests()
            match = next((d for d in sessions
                          if any(t.question_id == question_id and t.first_overall is not None
                                 for t in d.turns)), None)
            if match is None:
                raise RatingError(f"no saved answer to question '{question_id}'")
            session_id = match.id
        transcript = store.load(session_id)
    except TranscriptError as exc:
        raise RatingError(str(exc)) from None
    turn = next((t for t in reversed(transcript.turns)
                 if t.question_id == question_id and t.attempts and not t.skipped), None)
    if turn is None:
        raise RatingError(f"session {transcript.id} has no answer to question '{question_id}'")
    previous = AnswerRating.from_json(turn.rating) if turn.rating else None
    if previous is not None and previous.by == "you":
        previous.reasons = [r for r in previous.reasons if not r.startswith("you ")]
    turn.rating = override(previous, choice).to_json()
    try:
        store.save(transcript)
    except TranscriptError as exc:
        raise RatingError(str(exc)) from None
    loaded = (schedule or ScheduleStore(store)).load()
    card = loaded.schedule.questions.get(question_id)
    due = card.card.due.astimezone(clock.now().tzinfo) if card else None
    return Rerated(transcript.id, AnswerRating.from_json(turn.rating), due, loaded.notices)
