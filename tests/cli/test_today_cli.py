"""`interviewprep today`, `practice --due` and `rate` as a user runs them, with the real scorer.

The clock is moved with INTERVIEWPREP_NOW for every command; nothing sleeps.
"""

from __future__ import annotations

import json

import pytest

from interviewprep import locations
from support.cli import run_cli

pytestmark = pytest.mark.slow

STRONG_Q = "scn-late-scope-creep-go-live"
WEAK_Q = "scn-critical-path-slip"
WEAK = "I would talk to the team about it."
DAY0 = "2026-03-02T09:00:00+00:00"
TWO_DAYS = "2026-03-04T09:00:00+00:00"


def at(when: str) -> dict:
    return {"INTERVIEWPREP_NOW": when}


def model_answer(qid: str) -> str:
    shown = run_cli("bank", "show", qid, "--json")
    return json.loads(shown.stdout)["model_answer"]


def answer(qid: str, text: str, when: str = DAY0):
    return run_cli("practice", "--plain", "--question", qid, "--no-follow-ups",
                   stdin=f"{text}\n\n", env=at(when))


@pytest.fixture
def strong_and_weak():
    strong = answer(STRONG_Q, model_answer(STRONG_Q))
    weak = answer(WEAK_Q, WEAK)
    assert strong.returncode == 0 and weak.returncode == 0, strong.stderr + weak.stderr
    return strong, weak


def test_weak_answer_comes_back_within_two_days_strong_one_does_not(strong_and_weak):
    strong, weak = strong_and_weak
    assert "Review rating: Again" in weak.stdout and "comes back tomorrow" in weak.stdout
    assert "Review rating:" in strong.stdout and "Again" not in strong.stdout.split(
        "Review rating:")[1].split("\n")[0]

    now = run_cli("today", "--json", env=at(DAY0))
    assert now.returncode == 0, now.stderr
    assert json.loads(now.stdout)["due"] == []

    later = run_cli("today", "--json", env=at(TWO_DAYS))
    data = json.loads(later.stdout)
    assert [d["question_id"] for d in data["due"]] == [WEAK_Q]
    item = data["due"][0]
    assert set(item) >= {"question_id", "text", "due", "last_score", "reason"}
    assert item["last_score"] < 40 and item["due"].startswith("2026-03-03")
    assert data["next_due"] is not None and data["next_due"] > TWO_DAYS

    plain = run_cli("today", env=at(TWO_DAYS))
    assert WEAK_Q in plain.stdout and STRONG_Q not in plain.stdout

    session = run_cli("practice", "--plain", "--due", stdin="", env=at(TWO_DAYS))
    assert session.returncode == 0, session.stderr
    assert "Question 1 of 1" in session.stdout
    assert "critical path" in session.stdout  # the weak question's text is asked


def test_practice_due_with_nothing_due_says_so():
    result = run_cli("practice", "--plain", "--due", stdin="", env=at(DAY0))
    assert result.returncode == 1
    assert "nothing is due for review today" in result.stderr
    assert "Traceback" not in result.stderr


def test_rate_overrides_and_survives_a_rebuild(strong_and_weak):
    rated = run_cli("rate", WEAK_Q, "knew", env=at(DAY0))
    assert rated.returncode == 0, rated.stderr
    assert "rated Good" in rated.stdout and "in 3 days" in rated.stdout
    assert run_cli("today", "--json", env=at(TWO_DAYS)).stdout.count(WEAK_Q) == 0

    locations.schedule_path().unlink()
    rebuilt = run_cli("today", "--json", env=at("2026-03-05T09:00:00+00:00"))
    assert "no schedule file" in rebuilt.stderr.lower()
    assert [d["question_id"] for d in json.loads(rebuilt.stdout)["due"]] == [WEAK_Q]

    unknown = run_cli("rate", "no-such-question", "again")
    assert unknown.returncode == 1 and "no saved answer" in unknown.stderr


def test_corrupt_schedule_file_is_set_aside_with_a_message(strong_and_weak):
    path = locations.schedule_path()
    path.write_text('{"kind": "interviewprep-schedule", "schema_version": 1,\n  "oops"\n')
    result = run_cli("today", "--json", env=at(TWO_DAYS))
    assert result.returncode == 0
    assert f"{path}:3: not valid JSON" in result.stderr and "trash" in result.stderr
    assert [d["question_id"] for d in json.loads(result.stdout)["due"]] == [WEAK_Q]
    assert len(list(locations.trash_dir().glob("schedule-*.json"))) == 1


@pytest.mark.parametrize("value", ["tomorrow", "2026-02-30T10:00:00"])
def test_bad_clock_is_a_usage_error_for_every_command(value):
    for args in (["today"], ["review", "list"], ["practice", "--plain", "--due"]):
        result = run_cli(*args, stdin="", env={"INTERVIEWPREP_NOW": value})
        assert result.returncode == 2, args
        assert "INTERVIEWPREP_NOW" in result.stderr and "Traceback" not in result.stderr


def test_clock_stamps_saved_sessions(strong_and_weak):
    listed = json.loads(run_cli("review", "list", "--json").stdout)
    assert {s["started_at"] for s in listed} == {DAY0}


def test_locate_lists_the_schedule():
    result = run_cli("locate")
    assert "schedule" in result.stdout and str(locations.schedule_path()) in result.stdout
