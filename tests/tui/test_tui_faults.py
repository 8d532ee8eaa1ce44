"""The interview screen under faults (issue 16): drafts kept as the user types and on a signal,
a session open in another instance, a disk that fills up mid-session."""

from __future__ import annotations

import asyncio
import json
import signal

from interviewprep import locations
from interviewprep.interview import DraftStore, SessionSettings
from interviewprep.transcripts import TranscriptStore
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.dialogs.confirm import ConfirmDialog
from interviewprep.tui.dialogs.message import MessageDialog
from interviewprep.tui.screens.home import HomeScreen
from interviewprep.tui.screens.interview import InterviewScreen
from support.faults import fill, lock_held_by_another_process, small_filesystem
from support.tui import start_and_submit, wait_for_scorer

TYPED = "I started by listing the stakeholders and what each of them needed to hear"
ANSWER = ("At a regional bank I led the migration of 40 branch servers. I planned three waves "
          "with the sponsor, kept a risk log and we finished two weeks early, saving 20 percent.")


def _messages(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def _wait_for(pilot, condition, limit: int = 400) -> None:
    for _ in range(limit):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition did not come true")


async def _draft_while_typing() -> str:
    app = InterviewPrepApp(scorer_loader=lambda _p: None, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.start_session(SessionSettings(question_ids=sorted(app.bank.questions)[:2]))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await pilot.press(*"I started")  # typed as a user types, key by key
        screen.box.insert(TYPED.removeprefix("I started"))
        session_id = screen.session.transcript.id
        drafts = DraftStore()
        await _wait_for(pilot, lambda: (d := drafts.load(session_id)) is not None
                        and d.text == TYPED)
        # Never a draft without its transcript: the session is resumable at once.
        assert TranscriptStore().load(session_id).turns[0].attempts == []
    return session_id


def test_the_answer_is_kept_as_a_draft_while_the_user_types():
    session_id = asyncio.run(_draft_while_typing())
    assert DraftStore().load(session_id).text == TYPED, "still there after the app is gone"


async def _signal_mid_answer() -> tuple[InterviewPrepApp, str]:
    app = InterviewPrepApp(scorer_loader=lambda _p: None, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.start_session(SessionSettings(question_ids=sorted(app.bank.questions)[:2]))
        await pilot.pause()
        screen = app.screen
        screen.box.insert(TYPED)
        app.stop_on_signal(signal.SIGTERM)  # what the SIGTERM handler calls
        await pilot.pause()
        session_id = screen.session.transcript.id
    return app, session_id


def test_a_stop_signal_keeps_the_unsent_answer_and_exits_with_its_code():
    app, session_id = asyncio.run(_signal_mid_answer())
    assert not app.is_running and app.return_code == 128 + signal.SIGTERM
    assert DraftStore().load(session_id).text == TYPED
    assert not list(locations.transcripts_dir().glob(".*.lock")), "the lock is released"


async def _resume_refused(session_id: str, pid: int) -> None:
    app = InterviewPrepApp(resume_id=session_id, scorer_loader=lambda _p: None,
                           cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "not opened a second time"
        assert any("Cannot resume" in m and f"open in plain mode (process {pid}" in m
                   for m in _messages(app)), _messages(app)


def test_a_session_open_in_another_instance_is_not_resumed(element_bank):
    from interviewprep.transcripts import Transcript

    store = TranscriptStore()
    transcript = Transcript(plan=sorted(element_bank.questions)[:2])
    store.save(transcript)
    with lock_held_by_another_process(store.folder, transcript.id, "in plain mode") as pid:
        asyncio.run(_resume_refused(transcript.id, pid))


async def _disk_fills_up(scorer, disk) -> str:
    app = InterviewPrepApp(scorer_loader=lambda _p: scorer, cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        ids = sorted(app.bank.questions)[:2]
        screen = await start_and_submit(
            pilot, SessionSettings(question_ids=ids, follow_ups=False), ANSWER)
        assert screen.mode == "review"
        await pilot.press("n")
        await pilot.pause()
        filler = fill(disk)
        screen.box.insert(TYPED)
        for _ in range(2):  # submitted twice while the disk is full
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, MessageDialog)
            assert "could not be saved" in app.screen.title_text
            await pilot.press("escape")
            await pilot.pause()
            assert screen.box.text == TYPED and screen.mode == "answer", "the text stays"
        await pilot.press("f4")  # skip: asks first (the box has text), then cannot save
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.is_running and app.screen is screen and screen.session.index == 1
        assert any("Could not save the skip" in m for m in _messages(app))
        await pilot.press("ctrl+q")  # quitting asks, then says the text cannot be kept
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "could not be saved" in app.screen.question
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.is_running and app.screen is screen and screen.box.text == TYPED
        filler.unlink()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.mode == "review"
        return screen.session.transcript.id


def test_a_full_disk_mid_session_loses_nothing_crashes_nothing_and_saves_once(
        real_scorer, tmp_path, monkeypatch):
    with small_filesystem(tmp_path / "disk", "16m") as disk:
        monkeypatch.setenv("INTERVIEWPREP_HOME", str(disk / "home"))
        session_id = asyncio.run(_disk_fills_up(real_scorer, disk))
        saved = json.loads((locations.transcripts_dir() / f"{session_id}.json").read_text())
        assert [len(t["attempts"]) for t in saved["turns"]] == [1, 1], "no duplicate attempts"
        assert saved["turns"][1]["attempts"][0]["answer"] == TYPED
        assert not list(disk.rglob(".*.tmp"))


async def _quit_while_waiting_for_the_scorer() -> str:
    import threading

    gate = threading.Event()

    def slow_loader(progress):
        progress("Pretending the model is still loading")
        gate.wait(60)
        raise RuntimeError("never loaded")

    app = InterviewPrepApp(scorer_loader=slow_loader, cursor_blink=False)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            app.start_session(SessionSettings(question_ids=sorted(app.bank.questions)[:2]))
            await pilot.pause()
            screen = app.screen
            screen.box.insert(ANSWER)
            await pilot.press("ctrl+s")
            await _wait_for(pilot, lambda: screen.mode == "scoring")
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            session_id = screen.session.transcript.id
        assert not app.is_running
    finally:
        gate.set()
    return session_id


def test_quitting_while_the_first_answer_waits_for_the_scorer_keeps_it_resumable():
    session_id = asyncio.run(_quit_while_waiting_for_the_scorer())
    store = TranscriptStore()
    transcript = store.load(session_id)  # not an orphan draft: the transcript is there
    assert [t.attempts for t in transcript.turns] == [[]]
    assert store.latest_unfinished().id == session_id
    assert DraftStore().load(session_id).text == ANSWER
