"""Spaced repetition: one FSRS card per question, rated from feedback, kept in schedule.json.

Pure Python (no UI imports). The transcripts are the record; the schedule is derived from them.
"""

from .build import rated_answers, weak_elements
from .model import QuestionSchedule, Review, ScheduleFile
from .queue import DueQuestion, comes_back, describe_when, due_today, forecast, mix_due_and_new, next_due
from .rating import GRADES, OVERRIDES, AnswerRating, Grade, override, rate_answer
from .store import LoadedSchedule, ScheduleError, ScheduleStore

__all__ = [
    "GRADES",
    "OVERRIDES",
    "AnswerRating",
    "DueQuestion",
    "Grade",
    "LoadedSchedule",
    "QuestionSchedule",
    "Review",
    "ScheduleError",
    "ScheduleFile",
    "ScheduleStore",
    "comes_back",
    "describe_when",
    "due_today",
    "forecast",
    "mix_due_and_new",
    "next_due",
    "override",
    "rate_answer",
    "rated_answers",
    "weak_elements",
]
