"""Spaced repetition in the TUI, with the real scorer: the rating after feedback and its
override, when each question comes back on the summary, the due box and `d` on the home screen,
the setup screen's mix switch and the progress screen's queue. The clock is INTERVIEWPREP_NOW."""

from __future__ import annotations

import asyncio
import json

import pytest

from interviewprep import locations
from interviewprep.interview import SessionSettings
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.screens.home import HomeScreen
from interviewprep.tui.screens.interview import InterviewScreen
from interviewprep.tui.screens.progress import ProgressScreen
from interviewprep.tui.screens.setup import SetupScreen
from interviewprep.tui.screens.summary import SummaryScreen
from interviewprep.tui.widgets.chat import ChatLog, ChatMessage
from support.tui import start_and_submit, wait_for_scorer

pytestmark = pytest.mark.slow

WEAK = "I would talk to the team about it."
DAY0 = "2026-03-02T09:00:00+00:00"
LATER = "2026-03-04T09:00:00+00:00"


def _chat(screen) -> str:
    return "\n".join(m.text for m in screen.query_one(ChatLog).query(ChatMessage))


def _schedule() -> dict:
    return json.loads(locations.schedule_path().read_text(encoding="utf-8"))


async def _answer_weakly(pilot, question_id: str) -> InterviewScreen:
    await wait_for_scorer(pilot)
    screen = await start_and_submit(
        pilot, SessionSettings(question_ids=[question_id], follow_ups=False), WEAK)
    assert screen.mode == "review"
    return screen


def test_rating_is_shown_and_can_be_overridden(monkeypatch, element_bank):
    asyncio.run(_rating_is_shown_and_can_be_overridden(monkeypatch, element_bank))


async def _rating_is_shown_and_can_be_overridden(monkeypatch, element_bank):
    monkeypatch.setenv("INTERVIEWPREP_NOW", DAY0)
    qid = sorted(element_bank.questions)[0]
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _answer_weakly(pilot, qid)
        chat = _chat(screen)
        assert "Review: Again" in chat and "back tomorrow" in chat
        assert _schedule()["questions"][qid]["card"]["due"].startswith("2026-03-03")

        screen.set_focus(None)
        await pilot.press("k")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Review: Good" in _chat(screen) and "back in 3 days" in _chat(screen)
        saved = json.loads(next(locations.transcripts_dir().glob("*.json")).read_text())
        assert saved["turns"][0]["rating"]["by"] == "you"
        assert _schedule()["questions"][qid]["card"]["due"].startswith("2026-03-05")

        await pilot.press("g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert _schedule()["questions"][qid]["card"]["due"].startswith("2026-03-03")

        await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f4")  # no questions for the interviewer
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "back tomorrow" in str(app.screen.query_one("#summary-questions").render())


def test_home_shows_what_is_due_and_d_starts_those_questions(monkeypatch, element_bank):
    asyncio.run(_home_shows_what_is_due_and_d_starts_those_questions(monkeypatch, element_bank))


async def _home_shows_what_is_due_and_d_starts_those_questions(monkeypatch, element_bank):
    qid = sorted(element_bank.questions)[1]
    monkeypatch.setenv("INTERVIEWPREP_NOW", DAY0)
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _answer_weakly(pilot, qid)

    monkeypatch.setenv("INTERVIEWPREP_NOW", LATER)
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        box = str(home.query_one("#home-due").render())
        assert "Due for review today: 1 question" in box
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.session.settings.due is True
        assert [q.id for q in app.screen.session.questions] == [qid]


def test_nothing_due_means_no_due_key(monkeypatch):
    asyncio.run(_nothing_due_means_no_due_key(monkeypatch))


async def _nothing_due_means_no_due_key(monkeypatch):
    monkeypatch.setenv("INTERVIEWPREP_NOW", DAY0)
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        assert home.check_action("due", ()) is False
        assert "come back here for review" in str(home.query_one("#home-due").render())
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


def test_setup_says_due_questions_are_mixed_in_and_can_turn_it_off(monkeypatch, element_bank):
    asyncio.run(_setup_says_due_questions_are_mixed_in_and_can_turn_it_off(monkeypatch, element_bank))


async def _setup_says_due_questions_are_mixed_in_and_can_turn_it_off(monkeypatch, element_bank):
    from textual.widgets import Checkbox

    qid = sorted(element_bank.questions)[2]
    monkeypatch.setenv("INTERVIEWPREP_NOW", DAY0)
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _answer_weakly(pilot, qid)
    monkeypatch.setenv("INTERVIEWPREP_NOW", LATER)
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        note = str(setup.query_one("#setup-due-note").render())
        assert "1 question due for review" in note and "up to half" in note
        settings = setup.settings()
        assert settings is not None and settings.mix_due
        setup.query_one("#setup-mix-due", Checkbox).value = False
        await pilot.pause()
        assert "new questions only" in str(setup.query_one("#setup-due-note").render())
        settings = setup.settings()
        assert settings is not None and not settings.mix_due
        setup.query_one("#setup-mix-due", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        planned = [q.id for q in interview.session.questions]
        assert planned[0] == qid and len(planned) == 5


def test_progress_shows_the_queue_over_the_next_weeks(monkeypatch, element_bank):
    asyncio.run(_progress_shows_the_queue_over_the_next_weeks(monkeypatch, element_bank))


async def _progress_shows_the_queue_over_the_next_weeks(monkeypatch, element_bank):
    qid = sorted(element_bank.questions)[3]
    monkeypatch.setenv("INTERVIEWPREP_NOW", DAY0)
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _answer_weakly(pilot, qid)
        app.go_home()
        await pilot.pause()
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        queue = str(app.screen.query_one("#progress-queue").render())
        lines = queue.splitlines()
        assert lines[0].startswith("Due today") and lines[0].rstrip().endswith("·")
        assert lines[1].startswith("Next 6 days") and lines[1].rstrip().endswith("1")
        assert len(lines) == 5
