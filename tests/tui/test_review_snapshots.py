"""Snapshots of the review, session detail and progress screens in the real app.

Fixed fixture sessions (their dates are data, not the machine's clock), masked paths, a still
cursor, and a layout-only scorer stand-in so nothing waits for the model.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interviewprep import locations
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.screens.progress import ProgressScreen
from interviewprep.tui.screens.review import ReviewScreen

SNAPSHOT_NOW = "2025-03-26T12:00:00+00:00"
"""Two days after the newest fixture session."""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Due dates and "back in N days" on screen follow the app clock: keep it still."""
    monkeypatch.setenv("INTERVIEWPREP_NOW", SNAPSHOT_NOW)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"


class ScorerStandIn:
    """Never scores: these screens only read saved sessions."""

    model_info = {"card": "stand-in", "runtime": "none"}


def app_with_sessions() -> InterviewPrepApp:
    folder = locations.transcripts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for path in [*FIXTURES.glob("*.json"), FIXTURES / "v1" / "20250210-173000-0a1b2c.json"]:
        shutil.copy(path, folder / path.name)
    return InterviewPrepApp(scorer_loader=lambda _progress: ScorerStandIn(),
                            show_path=lambda p: f"<data>/{p.name}", cursor_blink=False)


def open_screen(screen_factory, *keys: str):
    async def run_before(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.push_screen(screen_factory(pilot.app.context))
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()

    return run_before


def test_review_snapshot_120x36(snap_compare):
    assert snap_compare(app_with_sessions(), terminal_size=(120, 36),
                        run_before=open_screen(ReviewScreen, "down", "down", "down"))


def test_session_detail_snapshot_80x24(snap_compare):
    assert snap_compare(app_with_sessions(), terminal_size=(80, 24),
                        run_before=open_screen(ReviewScreen, "down", "down", "down", "enter",
                                               "down"))


def test_progress_snapshot_120x36(snap_compare):
    assert snap_compare(app_with_sessions(), terminal_size=(120, 36),
                        run_before=open_screen(ProgressScreen))
