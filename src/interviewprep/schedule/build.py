"""Building the schedule from rated answers: replay each question's reviews through FSRS.

Deterministic (no fuzzing): the same answers always give the same due dates, so a schedule
rebuilt from the transcripts equals the one kept up to date answer by answer.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from typing import Literal

import fsrs

from ..transcripts.index import SessionDigest
from .model import SCHEDULE_VERSION, CardState, QuestionSchedule, Review, ScheduleFile, SchedulerSettings
from .rating import AnswerRating, rate_answer

LEARNING_STEPS = (timedelta(days=1), timedelta(days=3))
"""A new question: again -> tomorrow, hard -> in 2 days, good -> in 3 days, easy -> out of learning."""
RELEARNING_STEPS = (timedelta(days=1),)
"""A question answered badly after it had been learned comes back the next day."""
DESIRED_RETENTION = 0.9

WEAK_WINDOW = 3
"""'Keeps missing' is judged on the last few first answers that expected the element..."""
WEAK_MISSES = 2
"""...of which at least this many missed it."""

_STATES: dict[fsrs.State, Literal["learning", "review", "relearning"]] = {
    fsrs.State.Learning: "learning", fsrs.State.Review: "review",
    fsrs.State.Relearning: "relearning"}
_RATINGS = {"again": fsrs.Rating.Again, "hard": fsrs.Rating.Hard, "good": fsrs.Rating.Good,
            "easy": fsrs.Rating.Easy}


def scheduler() -> fsrs.Scheduler:
    return fsrs.Scheduler(desired_retention=DESIRED_RETENTION, learning_steps=LEARNING_STEPS,
                          relearning_steps=RELEARNING_STEPS, enable_fuzzing=False)


def scheduler_settings() -> SchedulerSettings:
    return SchedulerSettings(
        fsrs=version("fsrs"), desired_retention=DESIRED_RETENTION,
        learning_steps_days=[s / timedelta(days=1) for s in LEARNING_STEPS],
        relearning_steps_days=[s / timedelta(days=1) for s in RELEARNING_STEPS],
    )


@dataclass
class RatedAnswer:
    """A first answer to a question, as the schedule sees it."""

    question_id: str
    text: str
    category: str
    session: str
    turn: int
    at: datetime
    score: int
    expected: list[str]
    missed: list[str]
    rating: AnswerRating
    names: dict[str, str] = field(default_factory=dict)

    def review(self) -> Review:
        return Review(session=self.session, turn=self.turn, at=self.at, grade=self.rating.grade,
                      by=self.rating.by, score=self.score, reasons=self.rating.reasons)


def _instant(text: str, fallback: str) -> datetime | None:
    for value in (text, fallback):
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            continue
        return moment if moment.tzinfo else moment.astimezone()
    return None


def rated_answers(sessions: Iterable[SessionDigest]) -> list[RatedAnswer]:
    """Every answered question of every session, rated, oldest first.

    The rating saved in the transcript counts (it is what the candidate was shown, or chose);
    a transcript written before ratings existed is rated from its first answer's feedback.
    """
    found: list[RatedAnswer] = []
    for digest in sessions:
        for n, turn in enumerate(digest.turns):
            if turn.first_overall is None or turn.skipped:
                continue
            at = _instant(turn.answered_at, digest.started_at)
            if at is None:
                continue
            expected = sorted(turn.element_scores)
            rating: AnswerRating | None = None
            if turn.rating:
                try:
                    rating = AnswerRating.from_json(turn.rating)
                except ValueError:
                    rating = None
            if rating is None:
                rating = rate_answer(turn.first_overall, expected, turn.first_missing,
                                     turn.follow_up, digest.element_names)
            found.append(RatedAnswer(turn.question_id, turn.question_text, turn.category,
                                     digest.id, n, at, turn.first_overall, expected,
                                     list(turn.first_missing), rating, digest.element_names))
    found.sort(key=lambda a: (a.at, a.session, a.turn))
    return found


def card_id(question_id: str) -> int:
    """A stable card id per question (fsrs would otherwise take the wall clock)."""
    return int(hashlib.sha1(question_id.encode()).hexdigest()[:12], 16)


def replay(question_id: str, reviews: Sequence[Review]) -> CardState:
    """The card after these reviews, oldest first."""
    engine = scheduler()
    card = fsrs.Card(card_id=card_id(question_id), due=reviews[0].at.astimezone(UTC))
    for review in reviews:
        card, _log = engine.review_card(card, _RATINGS[review.grade],
                                        review_datetime=review.at.astimezone(UTC))
    return CardState(state=_STATES[card.state], step=card.step, stability=card.stability,
                     difficulty=card.difficulty, due=card.due, last_review=card.last_review)


def weak_elements(answers: Sequence[RatedAnswer]) -> list[str]:
    """Elements missed in at least WEAK_MISSES of the last WEAK_WINDOW answers that expected them."""
    history: dict[str, list[bool]] = defaultdict(list)
    for answer in answers:
        for element in answer.expected:
            history[element].append(element in answer.missed)
    weak = [(sum(h[-WEAK_WINDOW:]), e) for e, h in history.items()
            if sum(h[-WEAK_WINDOW:]) >= WEAK_MISSES]
    return [e for _n, e in sorted(weak, key=lambda x: (-x[0], x[1]))]


def build_schedule(answers: Sequence[RatedAnswer], built_at: datetime) -> ScheduleFile:
    by_question: dict[str, list[RatedAnswer]] = defaultdict(list)
    for answer in answers:
        by_question[answer.question_id].append(answer)
    questions: dict[str, QuestionSchedule] = {}
    for qid in sorted(by_question):
        items = by_question[qid]
        reviews = [a.review() for a in items]
        latest = items[-1]
        questions[qid] = QuestionSchedule(question_id=qid, text=latest.text,
                                          category=latest.category, expected=latest.expected,
                                          card=replay(qid, reviews), reviews=reviews)
    return ScheduleFile(kind="interviewprep-schedule", schema_version=SCHEDULE_VERSION, built_at=built_at,
                        scheduler=scheduler_settings(), weak_elements=weak_elements(answers),
                        questions=questions)


def review_keys(schedule: ScheduleFile) -> set[tuple[str, int, str, str]]:
    return {r.key for q in schedule.questions.values() for r in q.reviews}
