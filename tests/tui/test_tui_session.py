"""A whole session in the TUI with the real scorer, checked on screen and in the saved JSON."""

from __future__ import annotations

import asyncio
import json

import pytest

from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.screens.home import HomeScreen
from interviewprep.tui.screens.interview import InterviewScreen
from interviewprep.tui.screens.setup import SetupScreen
from interviewprep.tui.screens.summary import SummaryScreen
from interviewprep.tui.widgets.feedback import FeedbackPanel
from support.tui import wait_for_scorer

SHORT_ANSWER = "We hired two contractors and it went fine."
PROBE_ANSWER = ("It was at a regional insurer during a claims system rebuild; I met the "
                "sponsor weekly and we went live two weeks early, saving 15 percent.")
SECOND_ANSWER = (
    "At a logistics company I ran the consolidation of three service desks into one. "
    "My responsibility was to finish it in six months without hurting service levels. "
    "I agreed a phased plan with the COO, the sponsor, and held a weekly risk review. "
    "The biggest risk was data migration, so I added a dedicated analyst and a rehearsal. "
    "We went live on time, first-contact resolution rose from 58 to 71 percent, and I "
    "learned to surface slippage early instead of absorbing it."
)


def _text(widget) -> str:
    return str(widget.render())


async def _wait(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.mark.slow
def test_two_question_session_with_the_real_scorer(isolated_home):
    asyncio.run(_two_question_session(isolated_home))


async def _two_question_session(isolated_home):
    app = InterviewPrepApp(cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await wait_for_scorer(pilot)  # the real scorer loads in its thread worker
        assert app.scorer_state == "ready", app.scorer_detail
        assert app.scorer is not None

        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        app.screen.query_one("#setup-count").value = "2"
        app.screen.query_one("#setup-seed").value = "11"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert screen.session.total == 2
        assert screen.mode == "answer"

        # Question 1: a thin answer, typed in part, gets a follow-up probe.
        await pilot.press(*"We hired")
        screen.box.insert(SHORT_ANSWER.removeprefix("We hired"))
        assert screen.box.text == SHORT_ANSWER
        await pilot.press("ctrl+s")
        await _wait(pilot)
        assert screen.mode == "follow_up", "a thin answer should get the interviewer's probe"
        probe = screen.session.current_turn.follow_up.question
        chat_texts = [m.text for m in screen.query("ChatMessage")]
        assert probe in chat_texts
        panel = screen.query_one(FeedbackPanel)
        assert panel.has_class("-has-feedback")
        checklist = "\n".join(_text(w) for w in panel.query(".fb-element"))
        assert any(mark in checklist for mark in "✓~✗")
        first_overall = screen.session.current_turn.attempts[0].overall

        # Answer the probe: scored together with the first answer, the change is shown.
        screen.box.insert(PROBE_ANSWER)
        await pilot.press("f2")
        await _wait(pilot)
        assert screen.mode == "review"
        assert "Change" in _text(panel.query_one("#fb-score"))
        assert str(first_overall) in _text(panel.query_one("#fb-score"))

        # Question 2: a full answer; skip a probe if there is one, then finish.
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.index == 1 and screen.mode == "answer"
        screen.box.insert(SECOND_ANSWER)
        await pilot.press("ctrl+s")
        await _wait(pilot)
        assert "highlighted" in _text(panel.query_one(".fb-heading"))
        assert "The biggest risk was data migration" in _text(panel.query_one("#fb-answer"))
        if screen.mode == "follow_up":
            await pilot.press("f4")
            await pilot.pause()
            assert screen.mode == "review"
        await pilot.press("n")
        await _wait(pilot)
        await pilot.press("f4")  # no questions for the interviewer (tests/tui/test_questions_tui.py)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.summary
        path = summary.transcript_path
        assert len(summary.per_question) == 2
        assert all(score is not None for _qid, _text_, score in summary.per_question)

        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    data = json.loads(path.read_text(encoding="utf-8"))
    assert path.parent == isolated_home / "data" / "transcripts"
    assert data["finished_at"] is not None
    assert data["model"]["card"], "the model card behind the scores is recorded"
    first, second = data["turns"]
    assert first["attempts"][0]["answer"] == SHORT_ANSWER
    assert first["follow_up"]["question"] == probe
    assert first["follow_up"]["answer"] == PROBE_ANSWER
    assert first["follow_up"]["feedback"]["overall"] >= 0
    assert second["attempts"][0]["answer"] == SECOND_ANSWER
    for turn in (first, second):
        element_ids = [e["id"] for e in turn["attempts"][0]["feedback"]["elements"]]
        assert element_ids == turn["elements"]
        for element in turn["attempts"][0]["feedback"]["elements"]:
            assert 0.0 <= element["score"] <= 1.0
            assert element["status"] in ("covered", "partial", "missing")
    covered = [e for e in second["attempts"][0]["feedback"]["elements"] if e["covered"]]
    assert covered, "a full STAR answer covers at least one element"
    for element in covered:
        start, end = element["evidence_span"]
        assert SECOND_ANSWER[start:end] == element["evidence"]
