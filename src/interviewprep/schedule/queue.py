"""What is due: today's queue in priority order, the next due date, the weeks ahead.

"Due today" means due at or before the end of the current day on the app's clock, so a question
scheduled for Thursday 14:00 is due all of Thursday. Questions expecting an element the
candidate keeps missing come first.
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from ..vocabulary import format_score
from .model import QuestionSchedule, ScheduleFile
from .rating import GRADE_NAMES


def end_of_day(now: datetime) -> datetime:
    """The last moment of `now`'s day, in `now`'s time zone."""
    return datetime.combine(now.date(), time.max, tzinfo=now.tzinfo)


@dataclass
class DueQuestion:
    """A question in today's queue."""

    question_id: str
    text: str
    category: str
    due: datetime
    last_score: int | None
    last_grade: str
    weak_elements: list[str]
    """Elements this question expects that the candidate keeps missing."""
    reason: str

    def to_json(self) -> dict[str, Any]:
        """The `today --json` entry (contract: question_id, text, due, last_score, reason)."""
        return {"question_id": self.question_id, "text": self.text,
                "due": self.due.isoformat(timespec="seconds"), "last_score": self.last_score,
                "reason": self.reason, "category": self.category, "last_rating": self.last_grade,
                "weak_elements": list(self.weak_elements)}


def _reason(q: QuestionSchedule, weak: list[str], names: Mapping[str, str], now: datetime) -> str:
    last = q.last
    when = last.at.astimezone(now.tzinfo).date().isoformat()
    text = f"{GRADE_NAMES[last.grade]} on {when}"
    details = [r for r in last.reasons if not r.startswith("scored ")]
    if last.score is not None:
        details.insert(0, f"scored {format_score(last.score)}/100")
    if details:
        text += ": " + "; ".join(details)
    if weak:
        text += "; you keep missing " + ", ".join(names.get(e, e) for e in weak)
    return text


def due_today(schedule: ScheduleFile, now: datetime, known: Collection[str] | None = None,
              names: Mapping[str, str] | None = None) -> list[DueQuestion]:
    """Questions due by the end of today, most urgent first.

    Urgency: questions that expect more of the elements the candidate keeps missing first, then
    the longest overdue. `known` (the bank's ids) drops questions no longer in the bank.
    """
    names = names or {}
    limit = end_of_day(now)
    weak_set = set(schedule.weak_elements)
    items = []
    for q in schedule.questions.values():
        if q.card.due > limit or (known is not None and q.question_id not in known):
            continue
        weak = [e for e in schedule.weak_elements if e in q.expected and e in weak_set]
        items.append(DueQuestion(q.question_id, q.text, q.category, q.card.due.astimezone(now.tzinfo),
                                 q.last.score, q.last.grade, weak, _reason(q, weak, names, now)))
    items.sort(key=lambda d: (-len(d.weak_elements), d.due, d.question_id))
    return items


def next_due(schedule: ScheduleFile, now: datetime, known: Collection[str] | None = None
             ) -> datetime | None:
    """The earliest due date after today (None if nothing is scheduled after today)."""
    limit = end_of_day(now)
    later = [q.card.due for q in schedule.questions.values()
             if q.card.due > limit and (known is None or q.question_id in known)]
    return min(later).astimezone(now.tzinfo) if later else None


def comes_back(schedule: ScheduleFile, question_id: str, now: datetime) -> datetime | None:
    q = schedule.questions.get(question_id)
    return q.card.due.astimezone(now.tzinfo) if q else None


def forecast(schedule: ScheduleFile, now: datetime, days: int = 28,
             known: Collection[str] | None = None) -> list[tuple[date, int]]:
    """Questions coming due on each of the next `days` days (today includes overdue ones)."""
    today = now.date()
    counts = [0] * days
    for q in schedule.questions.values():
        if known is not None and q.question_id not in known:
            continue
        offset = (q.card.due.astimezone(now.tzinfo).date() - today).days
        if offset < days:
            counts[max(0, offset)] += 1
    return [(today + timedelta(days=n), counts[n]) for n in range(days)]


def describe_when(due: datetime, now: datetime) -> str:
    """'today', 'tomorrow, Tue 2026-03-03', 'in 3 days, Thu 2026-03-05'."""
    days = (due.astimezone(now.tzinfo).date() - now.date()).days
    if days <= 0:
        return "today"
    day = f"{due.astimezone(now.tzinfo):%a %Y-%m-%d}"
    return f"tomorrow, {day}" if days == 1 else f"in {days} days, {day}"


def short_when(due: datetime, now: datetime) -> str:
    """'today', 'tomorrow', 'in 3 days'."""
    days = (due.astimezone(now.tzinfo).date() - now.date()).days
    return "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"


def mix_due_and_new(due: list[str], fresh: Iterable[str], count: int, weak_first: Collection[str],
                    rng: random.Random) -> list[str]:
    """A session of `count` questions: up to half (rounded up) from `due`, in order, the rest
    new ones (those in `weak_first` first, the others shuffled); more due ones if new run out."""
    fresh_ids = [q for q in fresh if q not in due]
    rng.shuffle(fresh_ids)
    fresh_ids.sort(key=lambda q: q not in weak_first)
    take_due = min(len(due), math.ceil(count / 2))
    new = fresh_ids[: count - take_due]
    take_due = min(len(due), count - len(new))
    return due[:take_due] + new
