"""The schedule file: one FSRS card per question and the reviews it was built from.

Versioned JSON, validated with pydantic when read. Everything in it can be rebuilt from the
transcripts, so a file that fails validation is set aside and rebuilt, never patched.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from .rating import Grade

SCHEDULE_VERSION = 1
"""Bump when the file changes shape; an older file is then rebuilt from the transcripts."""
KIND = "interviewprep-schedule"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Review(_Strict):
    """One rated first answer to the question."""

    session: str
    """The session (transcript id) the answer was given in."""
    turn: int = Field(ge=0)
    """Position of the question in that session."""
    at: AwareDatetime
    """When the first answer was submitted."""
    grade: Grade
    by: Literal["feedback", "you"]
    """'feedback': derived from the score; 'you': the candidate's override."""
    score: int | None = Field(default=None, ge=0, le=100)
    """The first answer's overall score."""
    reasons: list[str] = Field(default_factory=list)

    @property
    def key(self) -> tuple[str, int, str, str]:
        return (self.session, self.turn, self.grade, self.by)


class CardState(_Strict):
    """The FSRS card of a question after all its reviews."""

    state: Literal["learning", "review", "relearning"]
    step: int | None = Field(default=None, ge=0)
    """Learning or relearning step (None once in review)."""
    stability: float | None = None
    """Days until recall probability falls to 90%."""
    difficulty: float | None = None
    """1 (easy) to 10 (hard)."""
    due: AwareDatetime
    last_review: AwareDatetime | None = None


class QuestionSchedule(_Strict):
    """When one question comes back, and why."""

    question_id: str
    text: str = ""
    category: str = ""
    expected: list[str] = Field(default_factory=list)
    """Elements the question expects (from its latest answer's feedback)."""
    card: CardState
    reviews: list[Review]
    """Oldest first."""

    @property
    def last(self) -> Review:
        return self.reviews[-1]


class SchedulerSettings(_Strict):
    """How the cards were scheduled: a file built with other settings is rebuilt."""

    fsrs: str
    """The fsrs package version."""
    desired_retention: float
    learning_steps_days: list[float]
    relearning_steps_days: list[float]


class ScheduleFile(_Strict):
    """schedule.json as written."""

    kind: Literal["interviewprep-schedule"]
    schema_version: int
    built_at: AwareDatetime
    scheduler: SchedulerSettings
    weak_elements: list[str] = Field(default_factory=list)
    """Elements the candidate keeps missing: their questions come first."""
    questions: dict[str, QuestionSchedule] = Field(default_factory=dict)
