"""The Stories screen, the story editor, suggestions in the interview, the story an answer told
and the summary warning (Pilot, real scorer), plus snapshots of each new screen."""

from __future__ import annotations

import asyncio
import functools
import json
from pathlib import Path

import pytest

from interviewprep import locations
from interviewprep.interview import SessionSettings
from interviewprep.stories.parse import parse_file, parse_text
from interviewprep.stories.store import StoryStore
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.dialogs.story_editor import StoryEditorDialog
from interviewprep.tui.dialogs.story_suggestions import StorySuggestionsDialog
from interviewprep.tui.screens.stories import StoriesScreen
from interviewprep.tui.screens.summary import SummaryScreen
from support.tui import StillClock, masked_path, start_and_submit, wait_for_scorer

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]
SIZE = (120, 36)
VENDOR = """## Getting a late hosting supplier back on track
Situation: Our hosting supplier missed its availability target for three months in a row at a
retail chain with 200 stores, and the contract penalties were too small to matter.
Action: I went through every outage with their account manager, agreed a recovery plan with
named engineers, and asked procurement to price an alternative supplier in case they refused.
Result: Availability went from 97.1% to 99.9% within ten weeks and stayed there for a year.
Tags: vendor management, SLA
"""
RETOLD = ("At a retail chain our hosting supplier kept missing its availability target, three "
          "months running, and the contract penalties were too small to matter. I went through "
          "each outage with their account manager and agreed a recovery plan with named "
          "engineers, while procurement priced another supplier. Availability went up to 99.9% "
          "in ten weeks.")


def run_async(test):
    """Run an async Pilot test (the suite has no asyncio plugin)."""
    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))
    return wrapper


def make_app(real_scorer) -> InterviewPrepApp:
    return InterviewPrepApp(scorer_loader=lambda _progress: real_scorer, clock=StillClock(),
                            show_path=masked_path, cursor_blink=False)


async def settle(pilot) -> None:
    await wait_for_scorer(pilot)
    app = pilot.app
    while app.context.stories.state in ("waiting", "loading"):
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_stories(pilot) -> StoriesScreen:
    await settle(pilot)
    await pilot.press("t")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, StoriesScreen)
    return pilot.app.screen


def add_candidate_bank() -> None:
    StoryStore().add(parse_file(REPO / "calibration" / "stories" / "cand-01.md").stories)


@run_async
async def test_list_with_badges_and_detail_with_feedback_and_questions(real_scorer):
    add_candidate_bank()
    app = make_app(real_scorer)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table")
        assert table.row_count == 8
        detail = str(screen.query_one("#story-elements").render())
        assert "Situation" in detail and "Lessons" in detail
        questions = str(screen.query_one("#story-questions").render())
        assert questions.count("\n") == 4  # five bank questions
        await pilot.press("down")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(screen.query_one("#story-title").render()).startswith("Bringing Finance")


@run_async
async def test_new_story_is_validated_before_it_is_saved(real_scorer):
    app = make_app(real_scorer)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        assert screen.has_class("-empty")
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StoryEditorDialog)
        editor = dialog.query_one("#story-editor")
        editor.load_text("## \nSituation: no title yet\n")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "new story:1: empty title" in str(dialog.query_one("#story-problems").render())
        assert not list(locations.stories_dir().glob("*.md"))
        editor.load_text(VENDOR)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert [p.name for p in locations.stories_dir().glob("*.md")] == [
            "getting-a-late-hosting-supplier-back-on-track.md"]
        assert screen.query_one("#stories-table").row_count == 1
        assert not screen.has_class("-empty")


@run_async
async def test_edit_and_remove_to_the_trash(real_scorer):
    StoryStore().add(parse_text(VENDOR).stories)
    app = make_app(real_scorer)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, StoryEditorDialog)
        dialog.query_one("#story-editor").load_text(VENDOR.replace("ten weeks", "nine weeks"))
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = locations.stories_dir() / "getting-a-late-hosting-supplier-back-on-track.md"
        assert "nine weeks" in path.read_text()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not path.exists()
        assert [p.name for p in locations.stories_trash_dir().iterdir()] == [path.name]
        assert screen.has_class("-empty")


@run_async
async def test_interview_suggests_stories_and_names_the_story_told(real_scorer):
    StoryStore().add(parse_text(VENDOR).stories)
    add_candidate_bank()
    app = make_app(real_scorer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        settings = SessionSettings(question_ids=["beh-managing-significant-risks"])
        assert app.start_session(settings)
        await pilot.pause()
        await pilot.press("f8")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StorySuggestionsDialog)
        text = str(app.screen.query_one("#suggestions").render())
        assert text.splitlines()[0].startswith("strong")
        assert "A Risk Register People Actually Used" in text.splitlines()[0]
        await pilot.press("escape")
        await pilot.pause()
        app.pop_screen()  # leave this session; answer another
        await pilot.pause()
        screen = await start_and_submit(pilot, SessionSettings(
            question_ids=["beh-managing-significant-risks"], follow_ups=False), RETOLD)
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [w.text for w in screen.query("ChatMessage")]
        assert any("told your story “Getting a late hosting supplier back on track” (told 1 "
                   "time so far)" in n for n in notes), notes
    usage = json.loads((locations.stories_dir() / "used.json").read_text())
    assert list(usage) == ["getting-a-late-hosting-supplier-back-on-track"]


@run_async
async def test_summary_warns_when_one_story_answers_most_questions(real_scorer):
    StoryStore().add(parse_text(VENDOR).stories)
    app = make_app(real_scorer)
    ids = ["beh-managing-significant-risks", "beh-rebaselining-after-scope-creep",
           "beh-tracking-data-early-warning"]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await start_and_submit(pilot, SessionSettings(question_ids=ids,
                                                               follow_ups=False), RETOLD)
        for _ in ids[1:]:
            await pilot.press("n")  # feedback has the focus after scoring
            await pilot.pause()
            screen.box.insert(RETOLD)
            await pilot.press("ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f4")  # no questions for the interviewer: the warning is kept for the summary
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        warning = str(app.screen.query_one("#summary-story-warning").render())
        assert "One story answered 3 of 3 questions" in warning


# ---------------------------------------------------------------- snapshots
def test_stories_screen_snapshot(snap_compare, real_scorer):
    add_candidate_bank()

    async def run_before(pilot) -> None:
        await open_stories(pilot)

    assert snap_compare(make_app(real_scorer), terminal_size=SIZE, run_before=run_before)


def test_story_editor_snapshot(snap_compare, real_scorer):
    async def run_before(pilot) -> None:
        await open_stories(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(make_app(real_scorer), terminal_size=SIZE, run_before=run_before)


def test_story_suggestions_snapshot(snap_compare, real_scorer):
    add_candidate_bank()

    async def run_before(pilot) -> None:
        await settle(pilot)
        pilot.app.start_session(SessionSettings(question_ids=["beh-managing-significant-risks"],
                                                seed=7))  # a fixed greeting
        await pilot.pause()
        await pilot.press("f8")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(real_scorer), terminal_size=SIZE, run_before=run_before)
