"""The job-posting screens: Pilot flows (paste, analyse, readiness, practise, remove) with the real
embedding model, and snapshots of the three screens.

`FixedFeedbackScorerDouble` only lets the interview screen open; nothing here is scored with it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from interviewprep.jd import PostingStore
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.screens.interview import InterviewScreen
from interviewprep.tui.screens.job_postings import JobPostingsScreen
from interviewprep.tui.screens.paste_posting import PastePostingScreen
from interviewprep.tui.screens.readiness import ReadinessScreen
from support.tui import (
    SAMPLE_POSTING,
    FixedFeedbackScorerDouble,
    StillClock,
    masked_path,
    save_sample_posting,
    snapshot_bank,
    wait_for_scorer,
)

SIZE = (120, 36)


def navigation_app(tmp_path: Path | None = None) -> InterviewPrepApp:
    app = InterviewPrepApp(scorer_loader=lambda _p: FixedFeedbackScorerDouble(),
                           clock=StillClock(), show_path=masked_path, cursor_blink=False)
    if tmp_path is not None:
        app.bank = snapshot_bank(tmp_path / "bank")
    return app


async def _paste_analyse_and_practise() -> None:
    app = navigation_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_scorer(pilot)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JobPostingsScreen)
        assert "No saved job postings" in str(app.screen.query_one("#jd-analysis").render())
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PastePostingScreen)
        await pilot.press("ctrl+s")  # nothing pasted yet: refused with a message, screen stays
        await pilot.pause()
        assert isinstance(app.screen, PastePostingScreen)
        assert "empty" in str(app.screen.query_one("#paste-status").render())
        app.screen.query_one("#paste-text").text = SAMPLE_POSTING
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JobPostingsScreen)
        saved, _ = PostingStore().list()
        assert [p.title for p in saved] == ["Senior IT Project Manager - Cloud Migration"]
        assert saved[0].analysis is not None and saved[0].analysis.level == "senior"
        shown = str(screen.query_one("#jd-analysis").render())
        assert "Lead the migration of 40 applications to Azure" in shown
        assert "infrastructure" in shown and "AZ-900" in shown

        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReadinessScreen)
        assert "0/100" in str(app.screen.query_one("#readiness-score").render())
        assert "missing" in str(app.screen.query_one("#readiness-rows").render())
        await pilot.press("s")  # practise from the readiness screen
        await pilot.pause()
        await pilot.pause()
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        session = interview.session
        assert session.settings.jd == saved[0].name
        assert session.transcript.plan == saved[0].analysis.questions[:5]
        assert "Senior IT Project Manager – Cloud Migration role" in session.transition()


def test_paste_analyse_readiness_and_practise():
    asyncio.run(_paste_analyse_and_practise())


async def _load_from_file_and_remove(posting_file: Path) -> None:
    app = navigation_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_scorer(pilot)
        await pilot.press("j", "a")
        await pilot.pause()
        app.screen.query_one("#paste-file").value = str(posting_file.parent / "missing.txt")
        await pilot.press("ctrl+o")
        assert "cannot read" in str(app.screen.query_one("#paste-status").render())
        app.screen.query_one("#paste-file").value = str(posting_file)
        app.screen.query_one("#paste-name").value = "northwind"
        await pilot.press("ctrl+o")
        assert app.screen.query_one("#paste-text").text == SAMPLE_POSTING
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        posting = PostingStore().load("northwind")
        assert posting.source == str(posting_file)
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert PostingStore().list()[0] == []
        assert "No saved job postings" in str(app.screen.query_one("#jd-analysis").render())


def test_load_a_posting_from_a_file_and_remove_it(tmp_path):
    path = tmp_path / "posting.txt"
    path.write_text(SAMPLE_POSTING)
    asyncio.run(_load_from_file_and_remove(path))


# ---------------------------------------------------------------------------- snapshots
def test_job_postings_snapshot(snap_compare, tmp_path):
    app = navigation_app(tmp_path)
    save_sample_posting()

    async def run_before(pilot) -> None:
        await wait_for_scorer(pilot)
        await pilot.press("j")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_paste_posting_snapshot(snap_compare, tmp_path):
    app = navigation_app(tmp_path)

    async def run_before(pilot) -> None:
        await wait_for_scorer(pilot)
        await pilot.press("j", "a")
        await pilot.pause()
        app.screen.query_one("#paste-text").text = SAMPLE_POSTING
        app.screen.query_one("#paste-name").value = "northwind"
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_readiness_snapshot(snap_compare, tmp_path):
    app = navigation_app(tmp_path)
    save_sample_posting()

    async def run_before(pilot) -> None:
        await wait_for_scorer(pilot)
        await pilot.press("j", "r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
