"""Plain mode end to end, and sessions that survive a kill and resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from interviewprep.interview import InterviewSession, SessionSettings, plan_questions
from interviewprep.transcripts import TranscriptStore
from support.cli import run_cli

ANSWER_1 = (
    "At a logistics company I led the move of our warehouse system to the cloud.\n"
    "I was responsible for the cutover plan and I met the operations director every week.\n"
    "We went live two weeks early and cut downtime by 40%.\n"
)
ANSWER_2 = "I would first talk to the sponsor and then re-plan the work with the team.\n"


def transcripts(home: Path) -> list[dict]:
    folder = home / "data" / "transcripts"
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]


@pytest.mark.slow
def test_plain_mode_runs_a_session_from_stdin_and_saves_it(isolated_home):
    stdin = ANSWER_1 + "\n" + ANSWER_2 + "\n"
    result = run_cli("practice", "--plain", "--count", "2", "--seed", "7", "--no-follow-ups",
                     stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Question 1 of 2" in out and "Question 2 of 2" in out
    assert "Overall:" in out and "Transcript saved:" in out
    (saved,) = transcripts(isolated_home)
    assert saved["finished_at"]
    assert [len(t["attempts"]) for t in saved["turns"]] == [1, 1]
    first = saved["turns"][0]["attempts"][0]
    assert first["answer"].startswith("At a logistics company")
    assert {e["id"] for e in first["feedback"]["elements"]} == set(saved["turns"][0]["elements"])


@pytest.mark.slow
def test_plain_mode_asks_a_follow_up_and_scores_it_with_the_first_answer(isolated_home):
    stdin = "I did some planning.\n\nWe went live on time and saved 20% of the budget.\n\n"
    result = run_cli("practice", "--plain", "--count", "1", "--seed", "3",
                     "--category", "behavioral", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "With your follow-up:" in result.stdout
    (saved,) = transcripts(isolated_home)
    follow = saved["turns"][0]["follow_up"]
    assert follow["answer"].startswith("We went live")
    assert follow["feedback"]["overall"] >= saved["turns"][0]["attempts"][0]["feedback"]["overall"]


def test_end_of_input_mid_session_leaves_a_resumable_transcript(isolated_home, element_bank,
                                                                real_scorer):
    result = run_cli("practice", "--plain", "--count", "3", "--seed", "11", "--no-follow-ups",
                     stdin=ANSWER_1 + "\n")
    assert result.returncode == 0, result.stderr
    assert "can be resumed" in result.stdout
    store = TranscriptStore()
    (summary,) = store.list()[0]
    assert not summary.finished and len(summary.turns) == 1
    session = InterviewSession.resume(element_bank, real_scorer, store, summary)
    assert session.index == 1 and session.total == 3
    session.submit(ANSWER_2)
    session.advance()
    session.skip()
    session.finish()
    reloaded = store.load(summary.id)
    assert reloaded.finished and len(reloaded.turns) == 3 and reloaded.turns[2].skipped


@pytest.mark.slow
def test_plain_resume_carries_on_where_it_stopped(isolated_home):
    first = run_cli("practice", "--plain", "--count", "2", "--seed", "11", "--no-follow-ups",
                    stdin=ANSWER_1 + "\n")
    assert first.returncode == 0, first.stderr
    again = run_cli("resume", "--plain", stdin=ANSWER_2 + "\n")
    assert again.returncode == 0, again.stderr
    assert "Resuming session" in again.stdout and "Question 2 of 2" in again.stdout
    (saved,) = transcripts(isolated_home)
    assert saved["finished_at"] and len(saved["turns"]) == 2


@pytest.mark.slow
def test_a_killed_session_keeps_every_submitted_answer(isolated_home):
    proc = subprocess.Popen(
        [sys.executable, "-m", "interviewprep", "practice", "--plain", "--count", "3",
         "--seed", "5", "--no-follow-ups"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=os.environ.copy(),
    )
    assert proc.stdin is not None
    proc.stdin.write(ANSWER_1 + "\n")
    proc.stdin.flush()
    folder = isolated_home / "data" / "transcripts"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        files = list(folder.glob("*.json")) if folder.is_dir() else []
        turns = json.loads(files[0].read_text())["turns"] if files else []
        if turns and turns[0]["attempts"]:  # typed lines alone make an unanswered turn
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    (saved,) = transcripts(isolated_home)
    assert saved["turns"][0]["attempts"][0]["answer"].startswith("At a logistics company")
    assert saved["finished_at"] is None
    assert not list(folder.glob(".*.tmp"))


def test_planning_is_seeded_and_respects_filters(element_bank):
    settings = SessionSettings(category="scenario", level="senior", count=4, seed=42)
    first = [q.id for q in plan_questions(element_bank, settings)]
    again = [q.id for q in plan_questions(element_bank, settings)]
    assert first == again and len(first) == 4
    for qid in first:
        q = element_bank.questions[qid]
        assert q.category == "scenario" and "senior" in q.levels


def test_retry_shows_the_change(element_bank, real_scorer, tmp_path):
    store = TranscriptStore(tmp_path / "t", tmp_path / "trash")
    qid = element_bank.filter(category="behavioral")[0].id
    session = InterviewSession(element_bank, real_scorer, store,
                               SessionSettings(question_ids=[qid], follow_ups=False))
    first = session.submit("I helped.")
    second = session.submit(ANSWER_1)
    assert second.previous_overall == first.feedback.overall
    assert second.feedback.overall > first.feedback.overall
    assert len(store.load(session.transcript.id).turns[0].attempts) == 2
