"""`interviewprep ask check` and the plain-mode questions, run as a user would (fresh processes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.cli import run_cli

QUESTIONS = ("How are risks escalated to the steering group, and who sets the tolerances?\n"
             "\n"
             "Do you use Jira?\n"
             "what's the salary? and is there parking\n")


@pytest.mark.slow
def test_ask_check_json_follows_the_contract(tmp_path):
    source = tmp_path / "questions.txt"
    source.write_text(QUESTIONS, encoding="utf-8")
    result = run_cli("ask", "check", str(source), "--json")
    assert result.returncode == 0, result.stderr
    rated = json.loads(result.stdout)
    assert [r["text"] for r in rated] == [line for line in QUESTIONS.splitlines() if line.strip()]
    assert [r["verdict"] for r in rated] == ["strong", "weak", "weak"]
    for record in rated:
        assert {"text", "verdict", "reasons"} <= set(record)
        assert record["reasons"] and all(isinstance(r, str) for r in record["reasons"])
    assert rated[1]["rewrite"] and "rewrite" not in rated[0]
    assert rated[2]["parts"] == ["what's the salary?", "and is there parking"]


@pytest.mark.slow
def test_ask_check_reads_stdin_and_prints_verdicts_for_people():
    result = run_cli("ask", "check", stdin="ok cool\nWho decides when a failing project is stopped?\n")
    assert result.returncode == 0, result.stderr
    assert "1. WEAK" in result.stdout and "2. STRONG" in result.stdout
    assert "Try instead:" in result.stdout
    assert "1 strong, 0 fair, 1 weak." in result.stdout


@pytest.mark.slow
def test_ask_check_with_a_posting_counts_its_requirements_as_prepared(tmp_path):
    posting = tmp_path / "posting.txt"
    posting.write_text("Senior IT Project Manager\n- Lead the Oracle Fusion finance rollout\n",
                       encoding="utf-8")
    result = run_cli("ask", "check", "-", "--json", "--posting", str(posting),
                     stdin="Who on the finance side owns the Oracle Fusion rollout decisions?\n")
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert "prepared-jd" in record["kinds"]


@pytest.mark.parametrize(("data", "message"), [
    (b"How?\n\x00\x00\x00", ":2: contains NUL"),
    (b"\xff\xfe\xfa\n", ":1: not UTF-8"),
])
def test_ask_check_refuses_binary_input_with_file_and_line(tmp_path, data, message):
    source = tmp_path / "q.bin"
    source.write_bytes(data)
    result = run_cli("ask", "check", str(source), "--json")
    assert result.returncode == 2
    assert f"{source}{message}" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_ask_check_missing_file_and_empty_input():
    missing = run_cli("ask", "check", "no-such-file.txt")
    assert missing.returncode == 2 and "cannot read no-such-file.txt" in missing.stderr
    empty = run_cli("ask", "check", "--json", stdin="\n\n")
    assert empty.returncode == 0 and json.loads(empty.stdout) == []


POSTING = """IT Project Manager - ServiceNow ITSM
Kestrel Health | Remote

Responsibilities
- Lead the ServiceNow ITSM rollout across four hospitals
- Run the change advisory board and keep the CMDB accurate
- Report progress and risks to the CIO

Requirements
- 5+ years managing IT service management projects
- Experience with Jira and Agile delivery
"""
ABOUT_THE_POSTING = "How is the change advisory board run across the four hospitals today, and who chairs it?"


@pytest.mark.slow
def test_ask_check_with_a_saved_posting(tmp_path, isolated_home):
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    added = run_cli("jd", "add", str(posting), "--name", "kestrel")
    assert added.returncode == 0, added.stderr
    questions = f"{ABOUT_THE_POSTING}\nWhat does a typical week look like?\nDo you use Jira?\n"
    result = run_cli("ask", "check", "--jd", "kestrel", "--json", stdin=questions)
    assert result.returncode == 0, result.stderr
    about, generic, jira = json.loads(result.stdout)
    assert "prepared-jd" in about["kinds"] and about["verdict"] == "strong"
    assert any("saved job description" in r for r in about["reasons"])
    assert "prepared-jd" not in generic["kinds"]
    assert jira["verdict"] == "weak" and any("already answers it (Jira)" in r for r in jira["reasons"])
    # Without the posting the same question is not "prepared".
    alone = json.loads(run_cli("ask", "check", "--json", stdin=questions).stdout)
    assert all("prepared-jd" not in r["kinds"] for r in alone)
    # The unique start of a name works, as in `jd show`.
    short = json.loads(run_cli("ask", "check", "--jd", "kes", "--json", stdin=questions).stdout)
    assert short == [about, generic, jira]


def test_ask_check_with_an_unknown_or_broken_posting_fails_cleanly(isolated_home):
    unknown = run_cli("ask", "check", "--jd", "acme", stdin="How?\n")
    assert unknown.returncode == 2 and "no saved posting named 'acme'" in unknown.stderr
    folder = isolated_home / "data" / "jd"
    folder.mkdir(parents=True, exist_ok=True)
    broken = folder / "broken.json"
    broken.write_text('{"name": "broken",\n "text": ""\n}\n', encoding="utf-8")
    result = run_cli("ask", "check", "--jd", "broken", stdin="How?\n")
    assert result.returncode == 2 and f"{broken}:" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert broken.read_text(encoding="utf-8") == '{"name": "broken",\n "text": ""\n}\n'  # untouched


@pytest.mark.slow
def test_plain_session_from_a_posting_rates_questions_against_it(tmp_path, isolated_home):
    posting = tmp_path / "posting.txt"
    posting.write_text(POSTING, encoding="utf-8")
    assert run_cli("jd", "add", str(posting), "--name", "kestrel").returncode == 0
    answer = ("At a hospital group I led the ServiceNow rollout for three sites. I ran the change "
              "advisory board every week and cleaned the CMDB before go-live.\n\n")
    result = run_cli("practice", "--jd", "kestrel", "--plain", "--count", "1", "--no-follow-ups",
                     stdin=answer + ABOUT_THE_POSTING + "\n\n")
    assert result.returncode == 0, result.stderr
    assert "refers to a requirement of the saved job description (change advisory board)" in result.stdout
    (path,) = (isolated_home / "data" / "transcripts").glob("*.json")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["settings"]["jd"] == "kestrel"
    assert "prepared-jd" in saved["questions_asked"][0]["kinds"]
    # The summary's first suggestion quotes one of the posting's duties.
    suggestions = result.stdout.split("Questions you could ask the interviewer:")[1]
    assert any(duty in suggestions.splitlines()[1] for duty in (
        "Lead the ServiceNow ITSM rollout", "Run the change advisory board", "Report progress and risks"))


@pytest.mark.slow
def test_plain_mode_asks_for_questions_rates_and_saves_them(isolated_home: Path):
    answer = ("At a retailer I led a point-of-sale upgrade across 60 stores. I planned it in waves, "
              "agreed a rollback with the vendor and we finished a week early.\n\n")
    questions = "Who owns the benefits after go-live here?\nWhen can I start?\n\n"
    result = run_cli("practice", "--plain", "--count", "1", "--seed", "2", "--no-follow-ups",
                     stdin=answer + questions)
    assert result.returncode == 0, result.stderr
    assert "questions for" in result.stdout
    assert "1. STRONG" in result.stdout and "2. WEAK" in result.stdout
    assert "Your questions: 1 strong, 0 fair, 1 weak" in result.stdout
    (path,) = (isolated_home / "data" / "transcripts").glob("*.json")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 3
    assert [(q["text"], q["verdict"]) for q in saved["questions_asked"]] == [
        ("Who owns the benefits after go-live here?", "strong"), ("When can I start?", "weak")]
    exported = run_cli("export", saved["id"], "--format", "md")
    assert "## Your questions for the interviewer" in exported.stdout
    progress = run_cli("progress", "--json")
    assert json.loads(progress.stdout)["questions_asked"]["strong"] == 1


@pytest.mark.slow
def test_plain_mode_end_of_input_at_the_questions_finishes_the_session(isolated_home: Path):
    answer = "I ran a data centre move for a hospital and we finished on time and on budget.\n"
    result = run_cli("practice", "--plain", "--count", "1", "--seed", "2", "--no-follow-ups", stdin=answer)
    assert result.returncode == 0, result.stderr
    assert "questions for" in result.stdout and "No questions." in result.stdout
    (path,) = (isolated_home / "data" / "transcripts").glob("*.json")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["finished_at"] and saved["questions_asked"] == [] and saved["questions_offered"]
