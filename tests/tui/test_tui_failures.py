"""Failures are shown to the user, never a crash: a scorer that cannot load, a retry session."""

from __future__ import annotations

import asyncio

from interviewprep.interview import SessionSettings
from interviewprep.transcripts.model import RetryOf
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.dialogs.message import MessageDialog
from interviewprep.tui.screens.interview import InterviewScreen
from interviewprep.tui.screens.summary import SummaryScreen
from support.tui import (
    start_and_submit,
    wait_for_scorer,
)

ANSWER = ("At a retailer I led the move of 300 stores to a new till system. I planned it in "
          "waves with the operations director, and we finished on time, 8 percent under budget.")


def broken_loader(_progress):
    raise RuntimeError("the model files are missing; run `interviewprep setup`")


async def _scorer_fails() -> None:
    app = InterviewPrepApp(scorer_loader=broken_loader, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        assert app.scorer_state == "failed"
        assert "model files are missing" in app.scorer_detail
        assert any("could not load" in n.title for n in app._notifications)
        screen = await start_and_submit(
            pilot, SessionSettings(question_ids=[sorted(app.bank.questions)[0]]), ANSWER)
        assert isinstance(app.screen, MessageDialog), "the failure is shown in a modal"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and app.is_running
        assert screen.mode == "answer" and screen.box.text == ANSWER, "nothing typed is lost"
        assert not screen.query("ChatMessage.chat-candidate"), "the unscored turn is withdrawn"


def test_a_scorer_that_cannot_load_is_reported_and_the_answer_kept():
    asyncio.run(_scorer_fails())


async def _retry_session(scorer) -> None:
    app = InterviewPrepApp(scorer_loader=lambda _p: scorer, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        question_id = sorted(app.bank.questions)[0]
        retry_of = {"session": "earlier-session", "question_id": question_id, "overall": 12}
        await start_and_submit(pilot, SessionSettings(question_ids=[question_id], follow_ups=False),
                               ANSWER, retry_of=retry_of)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("f4")  # no questions for the interviewer
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        head = str(app.screen.query_one("#summary-head").render())
        assert "earlier attempt" in head and "12 →" in head
        assert app.screen.session.transcript.retry_of == RetryOf.model_validate(retry_of)


def test_a_retry_session_shows_the_change_from_the_earlier_attempt(real_scorer):
    asyncio.run(_retry_session(real_scorer))


async def _no_match() -> None:
    app = InterviewPrepApp(scorer_loader=lambda _p: None, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        started = app.start_session(SessionSettings(question_ids=["no-such-question"]))
        await pilot.pause()
        assert not started
        assert not isinstance(app.screen, InterviewScreen)
        assert any("Cannot start" in n.title for n in app._notifications)


def test_an_impossible_session_is_a_message_not_a_crash():
    asyncio.run(_no_match())
