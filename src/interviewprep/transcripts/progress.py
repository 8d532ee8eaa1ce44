"""Progress across sessions: trends per category and element, what is weakest, totals.

Works on session digests (see index.py), oldest first, so that a thousand sessions cost no
more than reading the listing index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .index import SessionDigest

SPARK_BARS = "▁▂▃▄▅▆▇█"
RECENT_SESSIONS = 3
"""'Weakest' is judged on the last few sessions that measured a thing, so old gaps fade."""
WEAK_QUESTION_BELOW = 60
ASKED_VERDICTS = ("strong", "fair", "weak")
"""A question whose latest score is under this is worth practising again."""


def sparkline(values: Sequence[float | None], low: float = 0.0, high: float = 1.0) -> str:
    """One bar per value, scaled from `low` (▁) to `high` (█); None is a gap (a space)."""
    span = (high - low) or 1.0
    bars = []
    for value in values:
        if value is None:
            bars.append(" ")
            continue
        ratio = min(1.0, max(0.0, (value - low) / span))
        bars.append(SPARK_BARS[min(len(SPARK_BARS) - 1, int(ratio * len(SPARK_BARS)))])
    return "".join(bars)


@dataclass
class TrendPoint:
    """A thing's mean in one session."""

    session_id: str
    started_at: str
    mean: float


@dataclass
class Trend:
    """How one category (scores 0-100) or element (scores 0-1) moved, session by session."""

    id: str
    name: str
    points: list[TrendPoint] = field(default_factory=list)
    """Chronological; only sessions in which the thing was measured."""
    samples: int = 0
    """Answers that contributed, over all sessions."""

    @property
    def values(self) -> list[float]:
        return [p.mean for p in self.points]

    @property
    def latest(self) -> float | None:
        return self.points[-1].mean if self.points else None

    @property
    def recent(self) -> float | None:
        """Mean of the last RECENT_SESSIONS points."""
        tail = self.values[-RECENT_SESSIONS:]
        return sum(tail) / len(tail) if tail else None

    @property
    def change(self) -> float | None:
        """Latest minus first (None with fewer than two points)."""
        return self.points[-1].mean - self.points[0].mean if len(self.points) > 1 else None

    def spark(self, low: float, high: float) -> str:
        return sparkline(self.values, low, high)

    def to_json(self, ndigits: int) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "means": [round(v, ndigits) for v in self.values],
            "sessions": [p.session_id for p in self.points],
            "latest": None if self.latest is None else round(self.latest, ndigits),
            "recent": None if self.recent is None else round(self.recent, ndigits),
            "change": None if self.change is None else round(self.change, ndigits),
            "samples": self.samples,
        }


@dataclass
class QuestionRecord:
    """Every answer given to one question, oldest first."""

    question_id: str
    text: str
    category: str
    scores: list[int] = field(default_factory=list)
    last_session: str = ""
    last_started_at: str = ""

    @property
    def latest(self) -> int:
        return self.scores[-1]

    @property
    def best(self) -> int:
        return max(self.scores)

    def to_json(self) -> dict[str, Any]:
        return {"question_id": self.question_id, "text": self.text, "category": self.category,
                "latest": self.latest, "best": self.best, "scores": list(self.scores),
                "last_session": self.last_session, "last_started_at": self.last_started_at}


@dataclass
class SpokenProgress:
    """How the spoken answers were delivered, over all sessions."""

    answers: int = 0
    words_per_minute: float | None = None
    """Mean pace."""
    fillers_per_minute: float | None = None
    long_pauses: float | None = None
    """Mean long pauses per spoken answer."""
    seconds: float | None = None
    """Mean speaking time."""
    pace: Trend = field(default_factory=lambda: Trend("pace", "Pace (wpm)"))
    fillers: Trend = field(default_factory=lambda: Trend("fillers", "Fillers per minute"))

    def to_json(self) -> dict[str, Any]:
        def r(v: float | None, n: int) -> float | None:
            return None if v is None else round(v, n)

        return {"answers": self.answers, "words_per_minute": r(self.words_per_minute, 1),
                "fillers_per_minute": r(self.fillers_per_minute, 2),
                "long_pauses": r(self.long_pauses, 2), "seconds": r(self.seconds, 1),
                "pace": self.pace.to_json(1), "fillers": self.fillers.to_json(2)}


@dataclass
class ProgressReport:
    """Everything the progress screen and `interviewprep progress` show."""

    sessions: int = 0
    answers: int = 0
    """Questions answered (each turn counts once, however many retries it had)."""
    attempts: int = 0
    """Answers given, retries and follow-ups included."""
    skipped: int = 0
    seconds: float = 0.0
    """Time spent answering, all sessions."""
    first_session: str | None = None
    last_session: str | None = None
    overall: Trend = field(default_factory=lambda: Trend("overall", "Overall"))
    categories: list[Trend] = field(default_factory=list)
    elements: list[Trend] = field(default_factory=list)
    weakest_elements: list[Trend] = field(default_factory=list)
    weakest_questions: list[QuestionRecord] = field(default_factory=list)
    questions_asked: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ASKED_VERDICTS, 0))
    """Your questions for the interviewer, all sessions: how many were strong, fair and weak."""
    asking: Trend = field(default_factory=lambda: Trend("questions_asked", "Your questions (share strong)"))
    """Per session with questions: the share of them rated strong."""
    spoken: SpokenProgress = field(default_factory=SpokenProgress)
    """Delivery of the answers given out loud."""

    @property
    def empty(self) -> bool:
        return self.answers == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "totals": {"sessions": self.sessions, "answers": self.answers,
                       "attempts": self.attempts, "skipped": self.skipped,
                       "seconds": round(self.seconds, 1), "first_session": self.first_session,
                       "last_session": self.last_session},
            "overall": self.overall.to_json(1),
            "categories": [t.to_json(1) for t in self.categories],
            "elements": [t.to_json(3) for t in self.elements],
            "weakest_elements": [t.to_json(3) for t in self.weakest_elements],
            "weakest_questions": [q.to_json() for q in self.weakest_questions],
            "questions_asked": {**self.questions_asked, "trend": self.asking.to_json(2)},
            "spoken": self.spoken.to_json(),
        }


def _mean(values: Iterable[float]) -> float:
    items = list(values)
    return sum(items) / len(items)


def progress_report(
    sessions: Iterable[SessionDigest],
    category_names: Mapping[str, str] | None = None,
    element_names: Mapping[str, str] | None = None,
    limit: int = 5,
) -> ProgressReport:
    """Build the report from session digests in any order (they are sorted by start time)."""
    ordered = sorted(sessions, key=lambda d: (d.started_at, d.id))
    report = ProgressReport()
    names = dict(element_names or {})
    by_category: dict[str, Trend] = {}
    by_element: dict[str, Trend] = {}
    questions: dict[str, QuestionRecord] = {}
    spoken_all: list[dict[str, float]] = []
    for digest in ordered:
        asked = getattr(digest, "questions_asked", {}) or {}
        if sum(asked.values()):
            for verdict in ASKED_VERDICTS:
                report.questions_asked[verdict] += int(asked.get(verdict, 0))
            report.asking.points.append(TrendPoint(digest.id, digest.started_at,
                                                   asked.get("strong", 0) / sum(asked.values())))
            report.asking.samples += sum(asked.values())
        answered = [t for t in digest.turns if t.overall is not None]
        report.skipped += sum(1 for t in digest.turns if t.overall is None)
        if not answered:
            continue
        report.sessions += 1
        report.answers += len(answered)
        report.attempts += sum(max(1, t.attempts) for t in answered)
        report.seconds += digest.seconds
        report.first_session = report.first_session or digest.started_at
        report.last_session = digest.started_at
        for key, value in digest.element_names.items():
            names.setdefault(key, value)

        def point(mean: float) -> TrendPoint:
            return TrendPoint(digest.id, digest.started_at, mean)  # noqa: B023

        report.overall.points.append(point(_mean(t.overall or 0 for t in answered)))
        report.overall.samples += len(answered)
        per_category: dict[str, list[int]] = defaultdict(list)
        per_element: dict[str, list[float]] = defaultdict(list)
        for turn in answered:
            per_category[turn.category].append(turn.overall or 0)
            for element, score in turn.element_scores.items():
                per_element[element].append(score)
            record = questions.setdefault(turn.question_id, QuestionRecord(
                turn.question_id, turn.question_text, turn.category))
            record.scores.append(turn.overall or 0)
            record.last_session, record.last_started_at = digest.id, digest.started_at
        spoken = [t.delivery for t in answered if t.delivery]
        if spoken:
            spoken_all += spoken
            report.spoken.pace.points.append(point(_mean(d["words_per_minute"] for d in spoken)))
            report.spoken.fillers.points.append(point(_mean(d["fillers_per_minute"] for d in spoken)))
            report.spoken.pace.samples += len(spoken)
            report.spoken.fillers.samples += len(spoken)
        for category, scores in per_category.items():
            trend = by_category.setdefault(category, Trend(category, category))
            trend.points.append(point(_mean(scores)))
            trend.samples += len(scores)
        for element, values in per_element.items():
            trend = by_element.setdefault(element, Trend(element, element))
            trend.points.append(point(_mean(values)))
            trend.samples += len(values)

    if spoken_all:
        report.spoken.answers = len(spoken_all)
        report.spoken.words_per_minute = _mean(d["words_per_minute"] for d in spoken_all)
        report.spoken.fillers_per_minute = _mean(d["fillers_per_minute"] for d in spoken_all)
        report.spoken.long_pauses = _mean(d["long_pauses"] for d in spoken_all)
        report.spoken.seconds = _mean(d["duration_s"] for d in spoken_all)
    cat_names = dict(category_names or {})
    for trend in by_category.values():
        trend.name = cat_names.get(trend.id, trend.id)
    for trend in by_element.values():
        trend.name = names.get(trend.id, trend.id)
    order = list(cat_names)
    report.categories = sorted(
        by_category.values(),
        key=lambda t: (order.index(t.id) if t.id in order else len(order), t.id),
    )
    report.elements = sorted(by_element.values(), key=lambda t: t.name.casefold())
    report.weakest_elements = sorted(
        (t for t in by_element.values() if t.recent is not None and t.recent < 0.5),
        key=lambda t: (t.recent, t.name),
    )[:limit]
    report.weakest_questions = sorted(
        (q for q in questions.values() if q.latest < WEAK_QUESTION_BELOW),
        key=lambda q: (q.latest, q.question_id),
    )[:limit]
    return report
