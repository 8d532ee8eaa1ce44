"""Pilot tests of the progress screen over the fixture transcripts."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from interviewprep.tui.screens.progress import ProgressScreen
from support.review_app import GOOD, V1, ReviewTestApp, install, pilot_test, settle


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
@pilot_test
async def test_progress_shows_totals_trends_and_weakest(size):
    install(*GOOD, V1)
    app = ReviewTestApp(ProgressScreen)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        totals = text_of(screen, "#progress-totals")
        assert "5 sessions" in totals and "9 answers" in totals
        assert "13 min 49 s practised" in totals
        categories = text_of(screen, "#progress-categories")
        assert "Technical / process" in categories and "+50" in categories
        elements = text_of(screen, "#progress-elements")
        assert "Change control" in elements and any(ch in elements for ch in "▁▂▃▄▅▆▇█")
        weak = text_of(screen, "#progress-weak-elements")
        assert "Planning" in weak
        questions = screen.query_one("#progress-questions", OptionList)
        assert questions.option_count == 3
        assert app.focused is not None


@pilot_test
async def test_practise_these_starts_a_session_on_the_weakest_questions():
    install(*GOOD, V1)
    app = ReviewTestApp(ProgressScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        settings, retry_of = app.started[-1]
        assert settings.question_ids == ["lead-stakeholder-management-approach",
                                         "scn-critical-path-slip",
                                         "beh-managing-significant-risks"]
        assert retry_of is None
        # Enter on one question practises just that one.
        questions = app.screen.query_one("#progress-questions", OptionList)
        questions.focus()
        questions.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.started[-1][0].question_ids == ["scn-critical-path-slip"]


@pilot_test
async def test_progress_with_no_sessions_says_so():
    app = ReviewTestApp(ProgressScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert "No answered questions yet" in text_of(app.screen, "#progress-totals")
        await pilot.press("p")
        await pilot.pause()
        assert app.started == []


@pilot_test
async def test_progress_counts_your_questions_for_the_interviewer():
    import json

    folder = install(*GOOD)
    path = folder / GOOD[0].name
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(schema_version=3, questions_offered=True, questions_asked=[
        {"text": "Who signs off a go-live?", "verdict": "strong", "reasons": ["about governance"]},
        {"text": "What is the salary?", "verdict": "weak", "reasons": ["pay"], "rewrite": "Ask X?"}])
    path.write_text(json.dumps(data), encoding="utf-8")
    app = ReviewTestApp(ProgressScreen)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        totals = text_of(app.screen, "#progress-totals")
        assert "Your questions for the interviewer: 1 strong · 0 fair · 1 weak" in totals
