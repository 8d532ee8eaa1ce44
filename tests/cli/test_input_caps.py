"""Pasted and imported input is capped before any expensive step (issue 16, H2): `stories add`
and `jd analyse`/`jd add` refuse an input over their limit with a clear message and without
loading the model or reading it whole, and `score --batch` reports one enormous line as a bad
line by number and scores the lines after it."""

from __future__ import annotations

import json

import pytest

from interviewprep.jd.store import MAX_POSTING_INPUT_BYTES
from interviewprep.stories.parse import MAX_STORY_FILE_BYTES
from interviewprep.stories.store import StoryStore
from support.cli import run_cli

STORY = "## The payroll upgrade\nSituation: The payroll upgrade was six weeks late.\n"


def _huge_story_file(tmp_path):
    path = tmp_path / "stories.md"
    path.write_text(STORY + "Action: " + "we planned " * (MAX_STORY_FILE_BYTES // 10) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_stories_add_refuses_an_input_over_the_cap_and_adds_nothing(tmp_path, via):
    path = _huge_story_file(tmp_path)
    if via == "file":
        result = run_cli("stories", "add", str(path))
    else:
        result = run_cli("stories", "add", "-", stdin=path.read_text(encoding="utf-8"))
    assert result.returncode == 2, result.stderr
    label = str(path) if via == "file" else "standard input"
    assert f"{label}: more than 2 MB is too big for a story file" in result.stderr
    assert "Traceback" not in result.stderr
    assert StoryStore().files() == []


@pytest.mark.parametrize("command", ["analyse", "add"])
def test_jd_refuses_a_posting_over_the_cap_before_loading_the_model(tmp_path, command):
    path = tmp_path / "posting.txt"
    path.write_text("Project manager wanted for our ERP roll-out.\n"
                    + "- Lead the roll-out\n" * (MAX_POSTING_INPUT_BYTES // 20 + 10),
                    encoding="utf-8")
    result = run_cli("jd", command, str(path))
    assert result.returncode == 2, result.stderr
    assert f"{path}: more than 0.4 MB is too big for one job posting" in result.stderr
    assert "Loading the embedding model" not in result.stderr, "refused before the model"
    assert "Traceback" not in result.stderr
    piped = run_cli("jd", command, "-", stdin=path.read_text(encoding="utf-8"))
    assert piped.returncode == 2 and "standard input: more than" in piped.stderr


def test_jd_still_takes_a_long_posting_under_the_cap(tmp_path):
    """The cap is on bytes read; the character limit still says how long is too long."""
    path = tmp_path / "posting.txt"
    path.write_text("Project manager wanted.\n" + "- Lead the roll-out\n" * 6000, encoding="utf-8")
    result = run_cli("jd", "analyse", str(path))
    assert result.returncode == 2
    assert "characters is too long for one job posting (at most 100,000)" in result.stderr


@pytest.mark.slow
def test_score_batch_reports_an_enormous_line_by_number_and_goes_on(tmp_path):
    answer = ("I led the move of 40 offices to a new network; the main risk was downtime, so I "
              "planned every change at night and we finished two weeks early.")
    lines = [json.dumps({"id": "first", "answer": answer, "question_id": "beh-managing-significant-risks"}),
             json.dumps({"id": "huge", "answer": "word " * 400_000}),
             json.dumps({"id": "third", "answer": answer, "question_id": "beh-managing-significant-risks"})]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("score", "--batch", str(batch))
    assert result.returncode == 2, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r.get("id") for r in records] == ["first", None, "third"]
    assert records[1]["line"] == 2 and "too long for one input line" in records[1]["error"]
    assert "line 2: 2,000,0" in result.stderr and "Traceback" not in result.stderr
    assert isinstance(records[0]["overall"], int) and isinstance(records[2]["overall"], int)


def test_ask_check_refuses_a_posting_over_the_cap_before_loading_the_model(tmp_path):
    questions = tmp_path / "questions.txt"
    questions.write_text("How does the team decide what goes into a release?\n", encoding="utf-8")
    posting = tmp_path / "posting.txt"
    posting.write_text("Project manager wanted.\n" + "- Lead the roll-out\n"
                       * (MAX_POSTING_INPUT_BYTES // 20 + 10), encoding="utf-8")
    result = run_cli("ask", "check", str(questions), "--posting", str(posting))
    assert result.returncode == 2, result.stderr
    assert f"{posting}: more than 0.4 MB is too big for one job posting" in result.stderr
    assert "Loading" not in result.stderr and "Traceback" not in result.stderr
