"""The Markdown report and JSON export of a saved session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewprep.bank import load_app_bank
from interviewprep.transcripts import SCHEMA_VERSION, Transcript, TranscriptStore
from interviewprep.transcripts.export import (
    format_duration,
    format_score,
    format_started,
    settings_summary,
    to_json,
    to_markdown,
    to_text,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
REGENERATE = "regenerate with: .venv/bin/python tests/fixtures/transcripts/regenerate.py --expected"


def load(name: str) -> Transcript:
    return TranscriptStore(FIXTURES).load_path(FIXTURES / name)


@pytest.mark.parametrize("session_id", ["20250303-184512-3fa9c1", "20250310-190205-8b27de"])
def test_markdown_matches_the_expected_report(session_id):
    expected = (FIXTURES / "expected" / f"{session_id}.md").read_text(encoding="utf-8")
    assert to_markdown(load(f"{session_id}.json")) == expected, REGENERATE


def test_markdown_reads_as_a_report():
    md = to_markdown(load("20250303-184512-3fa9c1.json"))
    assert md.startswith("# Mock interview, Monday 3 March 2025, 18:45\n")
    assert "- **Settings:** all categories · mid level · 3 questions" in md
    assert "- **Overall:** 41/100 (mean of 3 answered questions)" in md
    assert "- **Duration:** 8 min 13 s (4 min 17 s answering)" in md
    assert md.count("| Element | Status | Score | Evidence |") == 3
    assert "| Result | ✗ missing | 0.21 | - |" in md
    assert "- **Result** (missing): Close with the outcome" in md
    assert "**Interviewer:** How did you control changes to the scope?" in md
    assert "*Scored together with the answer above: 28/100 (before the follow-up: 2/100).*" in md
    assert "#### Delivery" in md and "No numbers: add one measurable fact" in md
    assert "Model answer" not in md  # no bank given


def test_markdown_includes_model_answers_from_the_bank():
    bank, _ = load_app_bank()
    md = to_markdown(load("20250303-184512-3fa9c1.json"), bank)
    assert md.count("### Model answer") == 3
    first = " ".join(bank.questions["beh-managing-significant-risks"].model_answer.split())
    assert f"> {first}" in md


def test_markdown_marks_skips_unfinished_sessions_and_retries():
    md = to_markdown(load("20250317-201130-c45e02.json"))
    assert "- **Status:** not finished (2 of 2 questions asked)" in md
    assert "| 2 | Tell me about a time your budget was cut" in md and "| skipped |" in md
    assert "*Skipped: no answer given.*" in md
    retry = to_markdown(load("20250324-081455-d1e7aa.json"))
    assert ("- **Retry of:** session `20250303-184512-3fa9c1`, question "
            "`tech-scope-creep-control` (scored 28/100 then)") in retry


def test_table_cells_cannot_break_the_table():
    t = load("20250324-081455-d1e7aa.json")
    t.turns[0].attempts[0].feedback.elements[0].evidence = "cost | time\nand scope"
    md = to_markdown(t)
    assert "“cost \\| time and scope”" in md


def test_json_export_is_the_current_schema_even_for_an_old_file():
    data = json.loads(to_json(load("v1/20250210-173000-0a1b2c.json")))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["turns"][0]["attempts"][0]["answer"].startswith("Our lead tester left")
    assert Transcript.from_json(data).overall == 41.5


def test_plain_text_shows_answers_feedback_and_evidence():
    t = load("20250310-190205-8b27de.json")
    text = to_text(t)
    assert "Attempt 1 (3/100)" in text and "Attempt 2 (60/100)" in text
    assert "Overall: 60/100" in text
    assert '"I would agree monthly service reviews' in text


@pytest.mark.parametrize("seconds, expected", [
    (0, "0 s"), (44.6, "45 s"), (60, "1 min"), (257.3, "4 min 17 s"), (3600, "1 h 00 min"),
    (7530, "2 h 05 min"),
])
def test_format_duration(seconds, expected):
    assert format_duration(seconds) == expected


@pytest.mark.parametrize("value, expected", [(None, "-"), (40.5, "41"), (40.4, "40"), (78, "78")])
def test_format_score_rounds_half_up(value, expected):
    assert format_score(value) == expected


def test_format_started_copes_with_odd_values():
    assert format_started("2025-03-03T18:45:12+01:00") == "2025-03-03 18:45"
    assert format_started("not a date") == "not a date"
    assert format_started("") == "unknown date"


def test_settings_summary_of_a_retry_and_of_a_sparse_old_file():
    assert settings_summary({"question_ids": ["q1"], "follow_ups": False}) == (
        "chosen questions: q1 · follow-ups off")
    assert settings_summary({"count": 2, "category": None}) == "all categories · 2 questions"
