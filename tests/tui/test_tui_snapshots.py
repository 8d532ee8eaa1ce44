"""Snapshots of the main screens at 120x36 (and the interview at 80x24).

No machine-specific text on screen: fixed session dates, a still clock, masked paths, a still
cursor, and a small fixed question bank. The interview and summary use
`FixedFeedbackScorerDouble` for layout only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.interview import SessionSettings
from interviewprep.tui.app import InterviewPrepApp
from support.tui import (
    FixedFeedbackScorerDouble,
    StillClock,
    masked_path,
    save_sample_sessions,
    snapshot_bank,
    wait_for_scorer,
)

SNAPSHOT_NOW = "2025-03-08T12:00:00+00:00"
"""After the sample sessions: some of their questions are due, some later."""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Due dates and "back in N days" on screen follow the app clock: keep it still."""
    monkeypatch.setenv("INTERVIEWPREP_NOW", SNAPSHOT_NOW)

SIZE = (120, 36)
QUESTION_IDS = ["snap-risk-story", "snap-off-track"]
ANSWER = (
    "At a regional bank I managed the migration of 40 branch servers to Azure. "
    "My task was to deliver it within six months without disrupting the tellers. "
    "I set up a weekly steering meeting with the sponsor and the branch managers, "
    "and I planned the cutover in three waves. "
    "The migration finished two weeks early and cut hosting costs by 20 percent."
)


def layout_app(tmp_path: Path, clock: StillClock | None = None) -> InterviewPrepApp:
    bank = snapshot_bank(tmp_path / "bank")
    app = InterviewPrepApp(
        scorer_loader=lambda _progress: FixedFeedbackScorerDouble(bank.elements),
        clock=clock or StillClock(), show_path=masked_path, cursor_blink=False,
    )
    app.bank = bank
    return app


async def _settle(pilot) -> None:
    await wait_for_scorer(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def test_home_snapshot(snap_compare, tmp_path):
    app = layout_app(tmp_path)
    save_sample_sessions(sorted(app.bank.questions.values(), key=lambda q: q.id)[:3])

    async def run_before(pilot) -> None:
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def _interview_with_feedback(clock: StillClock):
    async def run_before(pilot) -> None:
        app = pilot.app
        await _settle(pilot)
        app.start_session(SessionSettings(question_ids=QUESTION_IDS, seed=3))
        await pilot.pause()
        app.screen.box.insert(ANSWER)
        clock.now += 95
        await pilot.press("ctrl+s")
        await _settle(pilot)
        await pilot.press("escape")
        await pilot.pause()

    return run_before


def test_interview_feedback_snapshot(snap_compare, tmp_path):
    clock = StillClock()
    assert snap_compare(layout_app(tmp_path, clock), terminal_size=SIZE,
                        run_before=_interview_with_feedback(clock))


def test_interview_feedback_snapshot_80x24(snap_compare, tmp_path):
    clock = StillClock()
    assert snap_compare(layout_app(tmp_path, clock), terminal_size=(80, 24),
                        run_before=_interview_with_feedback(clock))


def test_summary_snapshot(snap_compare, tmp_path):
    clock = StillClock()

    async def run_before(pilot) -> None:
        await _interview_with_feedback(clock)(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("f4")  # no questions for the interviewer
        await _settle(pilot)

    assert snap_compare(layout_app(tmp_path, clock), terminal_size=SIZE, run_before=run_before)


def test_setup_snapshot(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("s")
        await pilot.pause()

    assert snap_compare(layout_app(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_setup_with_due_questions_snapshot(snap_compare, tmp_path):
    app = layout_app(tmp_path)
    save_sample_sessions(sorted(app.bank.questions.values(), key=lambda q: q.id)[:3])

    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("s")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
