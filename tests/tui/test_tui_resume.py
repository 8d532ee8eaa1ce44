"""Quitting mid-session (ctrl+q) asks first, and leaves a transcript that resumes where it was."""

from __future__ import annotations

import asyncio

from interviewprep.interview import SessionSettings
from interviewprep.locations import drafts_dir
from interviewprep.transcripts import TranscriptStore
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.dialogs.confirm import ConfirmDialog
from interviewprep.tui.screens.interview import InterviewScreen
from support.tui import (
    start_and_submit,
    wait_for_scorer,
)

ANSWER = ("At a regional bank I led the migration of 40 branch servers. I planned three "
          "waves with the sponsor and we finished two weeks early, saving 20 percent.")
DRAFT = "My unsent answer to the second question"


async def _quit_mid_session(scorer) -> str:
    app = InterviewPrepApp(scorer_loader=lambda _p: scorer, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        ids = sorted(app.bank.questions)[:3]
        screen = await start_and_submit(
            pilot, SessionSettings(question_ids=ids, follow_ups=False), ANSWER)
        assert screen.mode == "review"
        await pilot.press("n")
        await pilot.pause()
        screen.box.insert(DRAFT)

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog), "quitting mid-session asks first"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        session_id = screen.session.transcript.id
    assert not app.is_running
    return session_id


async def _resume(scorer, session_id: str) -> None:
    app = InterviewPrepApp(resume_id=session_id, scorer_loader=lambda _p: scorer,
                           cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.session.index == 1, "resumes at the question that was open"
        assert screen.box.text == DRAFT, "the unsent answer comes back"
        assert screen.mode == "answer"


def test_quit_mid_session_leaves_a_resumable_transcript(real_scorer):
    session_id = asyncio.run(_quit_mid_session(real_scorer))
    store = TranscriptStore()
    transcript = store.load(session_id)
    assert not transcript.finished
    assert store.latest_unfinished().id == session_id
    assert transcript.turns[0].attempts[0].answer == ANSWER
    assert transcript.turns[0].attempts[0].feedback.elements
    assert (drafts_dir() / f"{session_id}.json").exists()
    asyncio.run(_resume(real_scorer, session_id))


async def _waits_for_scorer(scorer) -> None:
    import threading

    gate = threading.Event()

    def slow_loader(progress):
        progress("Pretending the model is still loading")
        gate.wait(30)
        return scorer

    app = InterviewPrepApp(scorer_loader=slow_loader, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.scorer_state == "loading"
        app.start_session(SessionSettings(question_ids=[sorted(app.bank.questions)[0]]))
        await pilot.pause()
        screen = app.screen
        screen.box.insert(ANSWER)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert screen.mode == "scoring" and screen.locked and screen.box.read_only
        assert "Loading scorer" in str(screen.query_one("#scoring-text").render())
        gate.set()
        await wait_for_scorer(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.mode in ("review", "follow_up") and not screen.locked
        assert screen.session.transcript.turns[0].attempts[0].answer == ANSWER
        assert screen.session.transcript.model, "model info recorded once the scorer arrived"


def test_an_answer_submitted_before_the_scorer_is_ready_waits_for_it(real_scorer):
    asyncio.run(_waits_for_scorer(real_scorer))


async def _quit_at_home() -> None:
    app = InterviewPrepApp(scorer_loader=lambda _p: None, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


def test_ctrl_q_quits_at_once_when_no_session_is_open():
    asyncio.run(_quit_at_home())
