"""Spaced repetition core: ratings, FSRS due dates, the schedule file's repairs, the queue.

Transcripts here are recorded data (feedback as saved), not scored: nothing in these tests
scores an answer. The clock is moved with INTERVIEWPREP_NOW, never by sleeping.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta

import pytest

from interviewprep import clock, locations
from interviewprep.schedule import (
    ScheduleStore,
    due_today,
    forecast,
    mix_due_and_new,
    next_due,
    rate_answer,
)
from interviewprep.schedule.build import weak_elements
from interviewprep.transcripts import Attempt, Transcript, TranscriptStore, Turn

T0 = "2026-03-02T09:00:00+00:00"


def feedback(overall: int, missing: list[str], expected: list[str]) -> dict:
    return {"overall": overall, "elements": [
        {"id": e, "name": e.capitalize(), "covered": e not in missing,
         "status": "missing" if e in missing else "covered", "score": 0.1 if e in missing else 0.9}
        for e in expected]}


def save_session(store: TranscriptStore, at: str, answers: list[tuple[str, int, list[str]]],
                 expected: list[str] | None = None, rating: dict | None = None) -> Transcript:
    expected = expected or ["situation", "action", "result", "stakeholders"]
    turns = [Turn(question_id=qid, question_text=f"Question {qid}?", category="behavioral",
                  elements=expected, asked_at=at, rating=rating,
                  attempts=[Attempt(answer="...", feedback=feedback(score, missing, expected),
                                    submitted_at=at)])
             for qid, score, missing in answers]
    stamp = datetime.fromisoformat(at).strftime("%Y%m%d-%H%M%S")
    transcript = Transcript(id=f"{stamp}-{abs(hash(str(answers))) % 10**6:06d}", started_at=at,
                            finished_at=at, plan=[a[0] for a in answers], turns=turns)
    store.save(transcript)
    return transcript


def at(days: float, base: str = T0) -> datetime:
    return datetime.fromisoformat(base) + timedelta(days=days)


# ---------------------------------------------------------------- ratings
@pytest.mark.parametrize(("overall", "missed", "follow_up", "grade"), [
    (10, [], False, "again"),
    (39, [], False, "again"),
    (40, [], False, "hard"),
    (59, [], False, "hard"),
    (60, [], False, "good"),
    (79, [], False, "good"),
    (80, [], False, "easy"),
    (95, [], True, "good"),            # a follow-up was needed: one grade down
    (95, ["metrics"], False, "good"),   # an expected element missed: one grade down
    (70, ["metrics"], False, "hard"),
    (50, ["metrics"], True, "hard"),    # hard is not lowered to again by the demotion
    (85, ["metrics", "risk", "result"], False, "again"),  # most expected elements missed
])
def test_rating_from_feedback(overall, missed, follow_up, grade):
    expected = ["action", "metrics", "risk", "result", "situation"]
    rating = rate_answer(overall, expected, missed, follow_up)
    assert rating.grade == grade
    assert rating.reasons[0] == f"scored {overall}/100"
    assert ("needed a follow-up" in rating.reasons) == follow_up


# ---------------------------------------------------------------- due dates
def test_weak_answer_due_within_two_days_strong_one_later():
    store = TranscriptStore()
    save_session(store, T0, [("strong", 88, []), ("weak", 25, ["result", "stakeholders"])])
    schedule = ScheduleStore(store).load().schedule
    two_days = at(2)
    due = [d.question_id for d in due_today(schedule, two_days)]
    assert due == ["weak"]
    assert schedule.questions["weak"].card.due == at(1)
    assert schedule.questions["strong"].card.due > at(3)
    assert next_due(schedule, two_days) == schedule.questions["strong"].card.due


@pytest.mark.parametrize(("score", "missing", "days"), [
    (25, [], 1),      # again: tomorrow
    (50, [], 2),      # hard: in two days
    (70, [], 3),      # good: in three days
    (90, [], 8),      # easy: out of learning straight away
])
def test_first_interval_per_grade(score, missing, days):
    store = TranscriptStore()
    save_session(store, T0, [("q", score, missing)])
    card = ScheduleStore(store).load().schedule.questions["q"].card
    assert card.due == at(days)


def test_intervals_grow_with_good_answers_and_reset_after_a_bad_one():
    store = TranscriptStore()
    save_session(store, T0, [("q", 70, [])])
    first = ScheduleStore(store).load().schedule.questions["q"].card.due
    save_session(store, first.isoformat(), [("q", 90, [])])
    second = ScheduleStore(store).load().schedule.questions["q"].card
    assert second.state == "review"
    assert second.due - first > first - at(0)
    save_session(store, second.due.isoformat(), [("q", 20, ["result", "action", "situation"])])
    third = ScheduleStore(store).load().schedule.questions["q"].card
    assert third.state == "relearning"
    assert third.due - second.due == timedelta(days=1)


def test_saved_override_wins_over_the_score():
    store = TranscriptStore()
    save_session(store, T0, [("q", 25, [])],
                 rating={"grade": "good", "by": "you", "reasons": ["you said you knew it"]})
    schedule = ScheduleStore(store).load().schedule
    assert schedule.questions["q"].last.by == "you"
    assert schedule.questions["q"].card.due == at(3)


# ---------------------------------------------------------------- weak elements
def test_element_missed_again_and_again_puts_its_questions_first():
    store = TranscriptStore()
    both = ["action", "stakeholders"]
    save_session(store, T0, [("a", 30, ["stakeholders"]), ("b", 30, [])], expected=both)
    save_session(store, at(0.1).isoformat(), [("c", 30, ["stakeholders"])], expected=both)
    save_session(store, at(0.2).isoformat(), [("d", 30, [])], expected=["action"])
    schedule = ScheduleStore(store).load().schedule
    assert schedule.weak_elements == ["stakeholders"]
    due = due_today(schedule, at(2))
    # d is the longest overdue after a, b, c... but it does not expect stakeholders.
    assert [d.question_id for d in due][-1] == "d"
    assert due[0].weak_elements == ["stakeholders"]
    assert "you keep missing" in due[0].reason


def test_an_element_missed_once_is_not_weak():
    from interviewprep.schedule.build import RatedAnswer
    from interviewprep.schedule.rating import AnswerRating

    def answer(missed):
        return RatedAnswer("q", "", "", "s", 0, at(0), 50, ["risk"], missed, AnswerRating("hard"))

    assert weak_elements([answer(["risk"]), answer([]), answer([])]) == []
    assert weak_elements([answer(["risk"]), answer([]), answer(["risk"])]) == ["risk"]
    # Only the last three answers count: old misses fade.
    assert weak_elements([answer(["risk"]), answer(["risk"]), answer([]), answer([]),
                          answer([])]) == []


# ---------------------------------------------------------------- the queue
def test_due_today_means_by_the_end_of_the_day():
    store = TranscriptStore()
    save_session(store, T0, [("q", 25, [])])   # due 2026-03-03 09:00
    schedule = ScheduleStore(store).load().schedule
    assert due_today(schedule, datetime.fromisoformat("2026-03-03T00:30:00+00:00"))
    assert not due_today(schedule, datetime.fromisoformat("2026-03-02T23:59:00+00:00"))


def test_forecast_counts_each_day_and_overdue_today():
    store = TranscriptStore()
    save_session(store, T0, [("a", 25, []), ("b", 50, []), ("c", 70, []), ("d", 90, [])])
    schedule = ScheduleStore(store).load().schedule
    days = forecast(schedule, at(2), days=7)
    assert [n for _d, n in days] == [2, 1, 0, 0, 0, 0, 1]  # a overdue + b today; c; d on day 8
    assert days[0][0] == at(2).date()


def test_questions_no_longer_in_the_bank_are_not_offered():
    store = TranscriptStore()
    save_session(store, T0, [("gone", 25, []), ("kept", 25, [])])
    schedule = ScheduleStore(store).load().schedule
    assert [d.question_id for d in due_today(schedule, at(2), known={"kept"})] == ["kept"]


@pytest.mark.parametrize(("due", "count", "expected_due"), [
    (["d1", "d2", "d3", "d4"], 5, 3),   # up to half, rounded up
    (["d1"], 5, 1),
    (["d1", "d2", "d3"], 1, 1),
])
def test_mixed_session_has_due_and_new(due, count, expected_due):
    import random

    fresh = ["n1", "n2", "n3", "n4", "n5"]
    plan = mix_due_and_new(due, fresh, count, {"n5"}, random.Random(1))
    assert len(plan) == count
    assert sum(q.startswith("d") for q in plan) == expected_due
    assert plan[:expected_due] == due[:expected_due]
    if count - expected_due:
        assert plan[expected_due] == "n5"  # new questions expecting a weak element first


def test_mixed_session_fills_with_due_when_new_run_out():
    import random

    assert mix_due_and_new(["d1", "d2", "d3"], ["n1"], 4, set(), random.Random(0)) == [
        "d1", "d2", "d3", "n1"]


# ---------------------------------------------------------------- the file and its repairs
def _answered(store):
    save_session(store, T0, [("strong", 88, []), ("weak", 25, ["result"])])


def test_deleted_schedule_is_rebuilt_the_same():
    store = TranscriptStore()
    _answered(store)
    schedules = ScheduleStore(store)
    before = schedules.load().schedule
    path = locations.schedule_path()
    path.unlink()
    loaded = schedules.load()
    assert "no schedule file" in loaded.info[0].lower() and loaded.notices == []
    assert loaded.schedule.questions == before.questions
    assert path.exists()


@pytest.mark.parametrize(("damage", "where"), [
    (lambda text: text[: len(text) // 2], "not valid JSON"),
    (lambda text: text.replace('"state": "learning"', '"state": "sleeping"', 1), "card.state"),
    (lambda text: "\ufeff\x00garbage", "not valid JSON"),
    (lambda text: text.replace('"schema_version": 1', '"schema_version": 99'), "format 99"),
])
def test_corrupt_schedule_is_moved_aside_and_rebuilt(damage, where):
    store = TranscriptStore()
    _answered(store)
    schedules = ScheduleStore(store)
    before = schedules.load().schedule
    transcript_bytes = {p.name: p.read_bytes() for p in store.folder.glob("*.json")}
    path = locations.schedule_path()
    broken = damage(path.read_text(encoding="utf-8"))
    path.write_text(broken, encoding="utf-8")

    loaded = schedules.load()

    notice = loaded.notices[0]
    assert notice.startswith(f"{path}:") and where in notice
    if where == "card.state":
        line = int(notice.split(":")[1])
        assert '"state": "sleeping"' in broken.splitlines()[line - 1]
    aside = list(locations.trash_dir().glob("schedule-*.json"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == broken
    assert str(aside[0]) in notice
    assert loaded.schedule.questions == before.questions
    assert {p.name: p.read_bytes() for p in store.folder.glob("*.json")} == transcript_bytes


def test_crash_while_saving_keeps_the_old_file_and_catches_up(monkeypatch):
    store = TranscriptStore()
    save_session(store, T0, [("strong", 88, [])])
    schedules = ScheduleStore(store)
    schedules.load()
    path = locations.schedule_path()
    old = path.read_bytes()
    save_session(store, at(0.1).isoformat(), [("weak", 25, [])])

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    loaded = schedules.load()
    assert "cannot save the schedule" in loaded.notices[0]
    assert "weak" in loaded.schedule.questions  # still right in memory
    assert path.read_bytes() == old               # the old file, whole
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.undo()

    again = schedules.load()
    assert again.notices == []
    assert set(json.loads(path.read_text())["questions"]) == {"strong", "weak"}


def test_unchanged_schedule_is_not_rewritten():
    store = TranscriptStore()
    _answered(store)
    schedules = ScheduleStore(store)
    schedules.load()
    path = locations.schedule_path()
    stamp = path.stat().st_mtime_ns
    assert schedules.load().notices == []
    assert path.stat().st_mtime_ns == stamp


# ---------------------------------------------------------------- the clock
@pytest.mark.parametrize(("value", "expected"), [
    ("2026-03-01T09:30:00+00:00", "2026-03-01T09:30:00+00:00"),
    ("2026-03-01T09:30:00Z", "2026-03-01T09:30:00+00:00"),
    ("2026-03-01T09:30:00+02:00", "2026-03-01T09:30:00+02:00"),
])
def test_clock_follows_interviewprep_now(monkeypatch, value, expected):
    monkeypatch.setenv("INTERVIEWPREP_NOW", value)
    assert clock.now().isoformat() == expected


def test_clock_without_offset_is_local_and_without_the_variable_is_the_system(monkeypatch):
    monkeypatch.setenv("INTERVIEWPREP_NOW", "2026-03-01")
    assert clock.now().tzinfo is not None and clock.now().date().isoformat() == "2026-03-01"
    monkeypatch.delenv("INTERVIEWPREP_NOW")
    assert abs((clock.now() - datetime.now().astimezone()).total_seconds()) < 60


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "01/03/2026"])
def test_bad_clock_value_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv("INTERVIEWPREP_NOW", value)
    with pytest.raises(clock.ClockError, match="INTERVIEWPREP_NOW"):
        clock.now()


def test_transcripts_are_stamped_by_the_app_clock(monkeypatch):
    monkeypatch.setenv("INTERVIEWPREP_NOW", "2031-07-04T12:00:00+00:00")
    transcript = Transcript()
    assert transcript.started_at == "2031-07-04T12:00:00+00:00"
    assert transcript.id.startswith("20310704-120000-")
