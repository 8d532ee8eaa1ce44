"""Pastes and loaded files in the app are capped before anything is done with them (issue 16,
H2): a paste that would take a job posting or a story past its limit is refused whole, with a
notice; a posting file over the limit (or a FIFO) is refused when loaded, without reading it."""

from __future__ import annotations

import asyncio
import os

from textual import events

from interviewprep.jd.store import MAX_POSTING_CHARS, MAX_POSTING_INPUT_BYTES
from interviewprep.stories.parse import MAX_STORY_FILE_BYTES
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.dialogs.story_editor import TEMPLATE, StoryEditorDialog
from interviewprep.tui.screens.paste_posting import PastePostingScreen
from support.tui import (
    SAMPLE_POSTING,
    FixedFeedbackScorerDouble,
    StillClock,
    masked_path,
    wait_for_scorer,
)

SIZE = (120, 36)


def _app() -> InterviewPrepApp:
    return InterviewPrepApp(scorer_loader=lambda _p: FixedFeedbackScorerDouble(),
                            clock=StillClock(), show_path=masked_path, cursor_blink=False)


def _notices(app) -> list[str]:
    return [n.message for n in app._notifications]


async def _paste(pilot, area, text: str) -> None:
    """A paste as the terminal delivers it: to the app, which forwards it to the focus."""
    area.focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def _paste_posting(tmp_path) -> None:
    app = _app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_scorer(pilot)
        await pilot.press("j", "a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PastePostingScreen)
        area = screen.query_one("#paste-text")
        await _paste(pilot, area, "x" * (MAX_POSTING_CHARS + 1))
        assert area.text == "", "the oversized paste was refused whole"
        assert any("too long for a job posting" in n for n in _notices(app))
        await _paste(pilot, area, SAMPLE_POSTING)
        assert area.text == SAMPLE_POSTING, "a posting-sized paste goes in"

        big = tmp_path / "huge.txt"
        big.write_text("Project manager wanted.\n" + "y" * MAX_POSTING_INPUT_BYTES, encoding="utf-8")
        screen.query_one("#paste-file").value = str(big)
        await pilot.press("ctrl+o")
        status = str(screen.query_one("#paste-status").render())
        assert "too big" in status and str(big) in status, status
        assert area.text == SAMPLE_POSTING, "the text already there is kept"

        fifo = tmp_path / "posting.fifo"
        os.mkfifo(fifo)
        screen.query_one("#paste-file").value = str(fifo)
        await pilot.press("ctrl+o")  # would block for ever if the FIFO were opened to read
        assert "not a regular file" in str(screen.query_one("#paste-status").render())


def test_a_posting_paste_or_file_over_the_limit_is_refused(tmp_path):
    asyncio.run(_paste_posting(tmp_path))


async def _paste_story() -> None:
    saved: list[str] = []

    def save(text: str):
        saved.append(text)
        raise AssertionError("not reached: nothing is saved in this test")

    app = _app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_scorer(pilot)
        dialog = StoryEditorDialog("New story", TEMPLATE, save, cursor_blink=False)
        app.push_screen(dialog)
        await pilot.pause()
        editor = dialog.query_one("#story-editor")
        await _paste(pilot, editor, "word " * (MAX_STORY_FILE_BYTES // 5 + 1))
        assert editor.text == TEMPLATE
        assert any("too long for a story file" in n for n in _notices(app))
        await _paste(pilot, editor, "Tags: vendor")
        assert "Tags: vendor" in editor.text
        assert saved == []


def test_a_story_paste_over_the_limit_is_refused():
    asyncio.run(_paste_story())
