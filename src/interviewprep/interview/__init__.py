"""The interview engine: plans questions, scores answers, probes, retries, saves transcripts."""

from .drafts import Draft, DraftStore
from .session import (
    DraftRestore,
    InterviewSession,
    RoleContext,
    SessionError,
    SessionSettings,
    SessionSummary,
    TurnResult,
    plan_questions,
    summarise,
)

__all__ = [
    "Draft",
    "DraftRestore",
    "DraftStore",
    "InterviewSession",
    "RoleContext",
    "SessionError",
    "SessionSettings",
    "SessionSummary",
    "TurnResult",
    "plan_questions",
    "summarise",
]
