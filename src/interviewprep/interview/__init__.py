"""The interview engine: plans questions, scores answers, probes, retries, saves transcripts."""

from .session import (
    InterviewSession,
    SessionError,
    SessionSettings,
    SessionSummary,
    TurnResult,
    plan_questions,
    summarise,
)

__all__ = [
    "InterviewSession",
    "SessionError",
    "SessionSettings",
    "SessionSummary",
    "TurnResult",
    "plan_questions",
    "summarise",
]
