"""The end of every TUI session: the interviewer asks for your questions, the real rater rates
them, the transcript keeps them and the summary shows them; plus a layout snapshot with doubles."""

from __future__ import annotations

import asyncio
import functools
import json
from pathlib import Path

import pytest

from interviewprep.interview import SessionSettings
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.screens.questions import QuestionsScreen, VerdictCard
from interviewprep.tui.screens.summary import SummaryScreen
from support.tui import (
    FixedFeedbackScorerDouble,
    FixedVerdictRaterDouble,
    StillClock,
    masked_path,
    snapshot_bank,
    start_and_submit,
    wait_for_scorer,
)

ANSWER = ("At a bank I moved 40 branch servers to Azure. I planned three waves with the sponsor, "
          "kept a rollback plan for each, and we finished two weeks early, 20 percent under budget.")
QUESTIONS = "How are change requests approved here, and how much can a PM decide alone?\nWhat is the salary?"


def pilot_run(test):
    """Run an async Pilot test to completion (pytest itself runs no coroutines here)."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))
    return run


async def _wait(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def _to_questions(pilot) -> QuestionsScreen:
    app = pilot.app
    await wait_for_scorer(pilot)
    question_id = sorted(app.bank.questions)[0]
    await start_and_submit(pilot, SessionSettings(question_ids=[question_id], follow_ups=False), ANSWER)
    await pilot.press("n")
    await _wait(pilot)
    screen = app.screen
    assert isinstance(screen, QuestionsScreen), (screen, getattr(screen, "mode", None))
    return screen


def _saved(home: Path) -> dict:
    (path,) = (home / "data" / "transcripts").glob("*.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
@pilot_run
async def test_questions_are_rated_saved_and_summarised(isolated_home):
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _to_questions(pilot)
        assert "questions for" in screen.invitation
        assert _saved(isolated_home)["finished_at"], "the session is complete before the questions"
        screen.query_one("#questions-box").insert(QUESTIONS)
        await pilot.press("ctrl+s")
        await _wait(pilot)
        cards = list(screen.query(VerdictCard))
        assert [c.verdict.verdict for c in cards] == ["strong", "weak"]
        assert "Try instead" in cards[1].render_text()
        asked = _saved(isolated_home)["questions_asked"]
        assert [q["verdict"] for q in asked] == ["strong", "weak"]
        assert asked[1]["reasons"] and asked[1]["rewrite"]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = str(app.screen.query_one("#summary-asked").render())
        assert "strong" in shown and "What is the salary?" in shown


@pytest.mark.slow
@pilot_run
async def test_no_questions_is_recorded_and_the_summary_says_so(isolated_home):
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await _to_questions(pilot)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "None asked" in str(app.screen.query_one("#summary-asked").render())
    data = _saved(isolated_home)
    assert data["questions_offered"] is True and data["questions_asked"] == []


@pytest.mark.slow
@pilot_run
async def test_summary_is_refused_while_typed_questions_are_unrated(isolated_home):
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _to_questions(pilot)
        screen.query_one("#questions-box").insert("Who owns the risk register?")
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen, "typed questions are not dropped silently"


@pytest.mark.slow
@pilot_run
async def test_a_session_from_a_saved_posting_rates_questions_against_it(isolated_home):
    from support.tui import save_sample_posting

    save_sample_posting("northwind-cloud")
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        settings = SessionSettings(question_ids=[sorted(app.bank.questions)[0]], follow_ups=False,
                                   jd="northwind-cloud")
        await start_and_submit(pilot, settings, ANSWER)
        await pilot.press("n")
        await _wait(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionsScreen)
        screen.query_one("#questions-box").insert(
            "Who chairs the change advisory board for each migration wave?")
        await pilot.press("ctrl+s")
        await _wait(pilot)
        (card,) = screen.query(VerdictCard)
        assert "saved job description (change advisory board)" in card.render_text()
        assert "prepared-jd" in _saved(isolated_home)["questions_asked"][0]["kinds"]
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        first = app.screen.summary.questions_to_ask[0]
        assert any(duty in first for duty in ("Lead the migration of 40 applications to Azure",
                                              "Run the change advisory board for each migration wave",
                                              "Report budget and risks to the steering committee"))


def _layout_app(tmp_path: Path) -> InterviewPrepApp:
    bank = snapshot_bank(tmp_path / "bank")
    app = InterviewPrepApp(
        scorer_loader=lambda _progress: FixedFeedbackScorerDouble(bank.elements),
        rater_loader=lambda _scorer: FixedVerdictRaterDouble(),
        clock=StillClock(), show_path=masked_path, cursor_blink=False,
    )
    app.bank = bank
    return app


def test_questions_snapshot(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_for_scorer(pilot)
        app.start_session(SessionSettings(question_ids=["snap-risk-story"], seed=3))
        await pilot.pause()
        app.screen.box.insert(ANSWER)
        await pilot.press("ctrl+s")
        await _wait(pilot)
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#questions-box").insert("First question?\nSecond question?\nThird one?")
        await pilot.press("ctrl+s")
        await _wait(pilot)

    assert snap_compare(_layout_app(tmp_path), terminal_size=(120, 36), run_before=run_before)
