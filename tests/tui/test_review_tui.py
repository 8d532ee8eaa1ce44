"""Pilot tests of the review screens over real-engine fixture transcripts.

`ReviewTestApp` is a test double for the app: it provides only what the review and progress
screens use (bank, store, scorer, start_session, the help key) and records started sessions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.binding import Binding
from textual.widgets import DataTable, Input, OptionList, Select

from interviewprep import locations
from interviewprep.transcripts.export import to_markdown
from interviewprep.tui.dialogs.confirm import ConfirmDialog
from interviewprep.tui.screens.review import ReviewScreen, SessionDetailScreen
from support.review_app import (  # noqa: F401
    _BANK,
    CORRUPT,
    FIXTURES,
    GOOD,
    NEWEST_FIRST,
    V1,
    ReviewTestApp,
    install,
    notifications,
    pilot_test,
    settle,
    shared_bank,
)


def row_keys(table: DataTable) -> list[str]:
    return [str(row.key.value) for row in table.ordered_rows]


def select_session(app: App, session_id: str) -> None:
    """Put the review table's cursor on one session's row."""
    table = app.screen.query_one("#review-table", DataTable)
    table.move_cursor(row=row_keys(table).index(session_id))


async def open_session(app: App, pilot: Any, session_id: str) -> SessionDetailScreen:
    """Open one session from the review table with Enter."""
    select_session(app, session_id)
    await pilot.press("enter")
    await pilot.pause()
    detail = app.screen
    assert isinstance(detail, SessionDetailScreen)
    return detail


@pytest.fixture
def sessions() -> Path:
    return install(*GOOD, V1)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@pilot_test
async def test_lists_saved_sessions_newest_first(sessions, size):
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#review-table", DataTable)
        assert row_keys(table) == NEWEST_FIRST + ["20250210-173000-0a1b2c"]
        assert not notifications(app)
        first = table.get_row("20250303-184512-3fa9c1")
        assert str(first[0]) == "2025-03-03 18:45"
        assert str(first[1]).strip() == "3"
        assert "41" in str(first[2])


@pilot_test
async def test_filters_by_category_and_start_date(sessions):
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        table = screen.query_one("#review-table", DataTable)
        screen.query_one("#review-category", Select).value = "leadership"
        await pilot.pause()
        assert row_keys(table) == ["20250303-184512-3fa9c1", "20250210-173000-0a1b2c"]
        await pilot.press("s")
        assert isinstance(app.focused, Input)
        for key in "2025-03-01":
            await pilot.press(key)
        await pilot.pause()
        assert row_keys(table) == ["20250303-184512-3fa9c1"]
        screen.query_one("#review-category", Select).clear()
        await pilot.pause()
        assert row_keys(table) == NEWEST_FIRST
        assert "4 of 5" in str(screen.query_one("#review-count").render())
        screen.query_one("#review-since", Input).value = "2099-01-01"
        await pilot.pause()
        assert row_keys(table) == []
        assert screen.has_class("-empty")


@pilot_test
async def test_corrupt_file_is_reported_skipped_and_left_untouched(sessions):
    folder = install(CORRUPT)
    before = (folder / CORRUPT.name).read_bytes()
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one("#review-table", DataTable)
        assert len(row_keys(table)) == 5
        warnings = [n for n in notifications(app) if n.severity == "warning"]
        assert len(warnings) == 1
        assert CORRUPT.name in warnings[0].message
        assert "not valid JSON" in warnings[0].message
    assert (folder / CORRUPT.name).read_bytes() == before


@pilot_test
async def test_enter_opens_the_whole_transcript_with_feedback_and_evidence(sessions):
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        detail = await open_session(app, pilot, "20250303-184512-3fa9c1")
        assert detail.transcript.id == "20250303-184512-3fa9c1"
        questions = detail.query_one("#detail-questions", OptionList)
        assert questions.option_count == 3
        turn = detail.query_one("#turn-1")
        source = turn._markdown  # the Markdown source the widget shows
        evidence = detail.transcript.turns[0].attempts[0].feedback.elements[0].evidence
        assert evidence in source
        assert "| Element | Status | Score | Evidence |" in source
        assert "Model answer" in source
        follow = detail.query_one("#turn-2")._markdown
        assert "Follow-up" in follow and "How did you control changes" in follow
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


@pilot_test
async def test_the_detail_ends_with_your_questions_for_the_interviewer(sessions):
    from interviewprep.transcripts import AskedQuestion, TranscriptStore

    store = TranscriptStore()
    transcript = store.load("20250303-184512-3fa9c1")
    transcript.questions_offered = True
    transcript.questions_asked = [
        AskedQuestion("Who decides when a failing project is stopped?", "strong", ["about governance"]),
        AskedQuestion("Is there parking?", "weak", ["about pay, perks or conditions"],
                      rewrite="What would you want delivered in the first six months?")]
    store.save(transcript)
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        detail = await open_session(app, pilot, "20250303-184512-3fa9c1")
        source = detail.query_one("#detail-asked")._markdown
        assert "Your questions for the interviewer" in source
        assert "1. **strong**: Who decides when a failing project is stopped?" in source
        assert "*Try instead:* What would you want delivered in the first six months?" in source
        await pilot.press("escape")
        other = await open_session(app, pilot, "20250324-081455-d1e7aa")
        assert not other.query("#detail-asked"), "a session from before the questions shows none"


@pilot_test
async def test_retry_starts_a_session_on_the_highlighted_question(sessions):
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.focused, DataTable)
        await pilot.press("down", "down", "down", "enter")  # the 2025-03-03 session
        await pilot.pause()
        assert app.screen.transcript.id == "20250303-184512-3fa9c1"
        await pilot.press("down", "t")
        await pilot.pause()
        assert len(app.started) == 1
        settings, retry_of = app.started[0]
        assert settings.question_ids == ["tech-scope-creep-control"]
        assert settings.follow_ups is False
        assert retry_of == {"session": "20250303-184512-3fa9c1",
                            "question_id": "tech-scope-creep-control", "overall": 28}


@pilot_test
async def test_delete_asks_first_and_moves_the_file_to_the_trash(sessions):
    victim = sessions / "20250324-081455-d1e7aa.json"
    content = victim.read_bytes()
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert victim.exists()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert not victim.exists()
        assert (locations.trash_dir() / victim.name).read_bytes() == content
        table = app.screen.query_one("#review-table", DataTable)
        assert "20250324-081455-d1e7aa" not in row_keys(table)
        assert len(row_keys(table)) == 4


@pilot_test
async def test_delete_from_the_detail_view_returns_to_a_refreshed_list(sessions):
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionDetailScreen)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert row_keys(app.screen.query_one("#review-table", DataTable))[0] == NEWEST_FIRST[1]
        assert (locations.trash_dir() / f"{NEWEST_FIRST[0]}.json").exists()


@pilot_test
async def test_export_writes_markdown_into_the_data_folder(sessions):
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        path = locations.data_dir() / "exports" / f"{NEWEST_FIRST[0]}.md"
        transcript = app.store.load(NEWEST_FIRST[0])
        assert path.read_text(encoding="utf-8") == to_markdown(transcript, app.bank)
        assert any(str(path) in n.message for n in notifications(app))
        # And from the detail view.
        select_session(app, "20250310-190205-8b27de")
        await pilot.press("enter", "e")
        await pilot.pause()
        assert (locations.data_dir() / "exports" / "20250310-190205-8b27de.md").exists()


@pilot_test
async def test_an_older_schema_version_session_opens(sessions):
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        detail = await open_session(app, pilot, "20250210-173000-0a1b2c")
        assert [t.question_id for t in detail.transcript.turns] == [
            "adapt-key-person-leaves", "lead-stakeholder-management-approach"]
        assert "Our lead tester left" in detail.query_one("#turn-1")._markdown
    # Opening never rewrote the old file.
    assert (sessions / V1.name).read_bytes() == V1.read_bytes()


@pilot_test
async def test_empty_folder_says_how_to_begin():
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.screen.has_class("-empty")
        assert "No saved sessions yet" in str(app.screen.query_one("#review-empty").render())
        await pilot.press("enter", "d", "e", "t")  # nothing to act on: no error
        await pilot.pause()
        assert app.started == []


@pilot_test
async def test_help_key_shows_this_screens_keys(sessions):
    from interviewprep.tui.screens.help import HelpScreen

    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.under.HELP_TITLE == "Review past sessions"


def test_every_binding_has_an_id_and_a_description():
    from interviewprep.tui.screens.progress import ProgressScreen

    for screen in (ReviewScreen, SessionDetailScreen, ProgressScreen):
        for binding in screen.BINDINGS:
            assert isinstance(binding, Binding), (screen, binding)
            assert binding.id and binding.description, (screen, binding)
