"""Help opens on ? (and F1) on every screen, lists that screen's keys, and closes again."""

from __future__ import annotations

import asyncio
import sys

import pytest

from interviewprep.interview import SessionSettings
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.screens.bank_browser import BankBrowserScreen
from interviewprep.tui.screens.help import HelpScreen
from interviewprep.tui.screens.home import HomeScreen
from interviewprep.tui.screens.interview import InterviewScreen
from interviewprep.tui.screens.job_postings import JobPostingsScreen
from interviewprep.tui.screens.paste_posting import PastePostingScreen
from interviewprep.tui.screens.question_detail import QuestionDetailScreen
from interviewprep.tui.screens.questions import QuestionsScreen
from interviewprep.tui.screens.readiness import ReadinessScreen
from interviewprep.tui.screens.setup import SetupScreen
from interviewprep.tui.screens.summary import SummaryScreen
from support.tui import FixedFeedbackScorerDouble, wait_for_scorer


def navigation_app() -> InterviewPrepApp:
    # The double only lets screens open without loading the model; nothing here is scored.
    return InterviewPrepApp(scorer_loader=lambda _p: FixedFeedbackScorerDouble(),
                            cursor_blink=False)


async def _go_home(pilot) -> None:
    await wait_for_scorer(pilot)


async def _go_setup(pilot) -> None:
    await pilot.press("s")


async def _go_bank(pilot) -> None:
    await pilot.press("b")


async def _go_question(pilot) -> None:
    await pilot.press("b")
    await pilot.pause()
    await pilot.press("enter")


async def _go_interview(pilot) -> None:
    app = pilot.app
    app.start_session(SessionSettings(question_ids=[sorted(app.bank.questions)[0]]))
    await pilot.pause()
    await pilot.press("escape")  # leave the answer box: ? would be typed into it


async def _go_summary(pilot) -> None:
    app = pilot.app
    app.start_session(SessionSettings(question_ids=[sorted(app.bank.questions)[0]]))
    await pilot.pause()
    await pilot.press("f4")
    await pilot.pause()
    await pilot.press("f4")  # no questions for the interviewer


async def _go_questions(pilot) -> None:
    app = pilot.app
    app.start_session(SessionSettings(question_ids=[sorted(app.bank.questions)[0]]))
    await pilot.pause()
    await pilot.press("f4")
    await pilot.pause()
    await pilot.press("escape")  # leave the questions box: ? would be typed into it


async def _go_jobs(pilot) -> None:
    await pilot.press("j")


async def _go_paste(pilot) -> None:
    await pilot.press("j")
    await pilot.pause()
    await pilot.press("a")


async def _go_readiness(pilot) -> None:
    from support.tui import save_sample_posting

    save_sample_posting()
    await pilot.press("j")
    await pilot.pause()
    await pilot.press("r")
    await pilot.app.workers.wait_for_complete()


SCREENS = {
    "home": (_go_home, HomeScreen),
    "setup": (_go_setup, SetupScreen),
    "bank": (_go_bank, BankBrowserScreen),
    "question": (_go_question, QuestionDetailScreen),
    "interview": (_go_interview, InterviewScreen),
    "summary": (_go_summary, SummaryScreen),
    "questions": (_go_questions, QuestionsScreen),
    "job postings": (_go_jobs, JobPostingsScreen),
    "readiness": (_go_readiness, ReadinessScreen),
    "paste posting": (_go_paste, PastePostingScreen),
}


async def _help_round_trip(name: str, key: str) -> None:
    go, screen_type = SCREENS[name]
    app = navigation_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        await go(pilot)
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        under = app.screen
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen), f"{key} did not open help on {name}"
        title = str(app.screen.query_one(".dialog-title").render())
        assert under.HELP_TITLE in title
        keys = "\n".join(str(w.render()) for w in app.screen.query(".help-keys"))
        for binding in type(under).BINDINGS:
            assert binding.description in keys
        assert "Quit" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is under


@pytest.mark.parametrize("name", [n for n in SCREENS if n != "paste posting"])
def test_question_mark_opens_help_on_every_screen(name):
    asyncio.run(_help_round_trip(name, "question_mark"))


# The paste screen opens in its text area, where ? is text: F1 is its help key.
@pytest.mark.parametrize("name", ["home", "interview", "paste posting"])
def test_f1_opens_help(name):
    asyncio.run(_help_round_trip(name, "f1"))


async def _f1_while_typing() -> None:
    app = navigation_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        app.start_session(SessionSettings(question_ids=[sorted(app.bank.questions)[0]]))
        await pilot.pause()
        screen = app.screen
        await pilot.press("question_mark")
        assert screen.box.text == "?", "in the answer box ? is part of the answer"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_f1_opens_help_while_typing_and_question_mark_is_typed():
    asyncio.run(_f1_while_typing())


async def _review_missing(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "interviewprep.tui.screens.review", None)
    monkeypatch.setitem(sys.modules, "interviewprep.tui.screens.progress", None)
    app = navigation_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        await pilot.press("r")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        messages = [n.message for n in app._notifications]
        assert "Review is not available yet" in messages
        assert "Progress is not available yet" in messages


def test_review_and_progress_degrade_to_a_notice_when_missing(monkeypatch):
    asyncio.run(_review_missing(monkeypatch))
