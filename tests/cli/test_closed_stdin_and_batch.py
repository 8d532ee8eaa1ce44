"""Closed standard input gives a clean message, never a traceback (issue 16, C5 and C8), and
`score --batch` keeps going past hostile lines and writes strict JSON only (C5)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from interviewprep import locations
from support.cli import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
SESSION = "20250303-184512-3fa9c1"


def run_closed_stdin(*args: str):
    """`interviewprep ARGS <&-`: standard input closed, as a shell's `<&-` does."""
    return subprocess.run([sys.executable, "-m", "interviewprep", *args], capture_output=True,
                          text=True, timeout=300, preexec_fn=lambda: os.close(0))


def install_session() -> Path:
    folder = locations.transcripts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(FIXTURES / f"{SESSION}.json", folder))


def test_review_delete_with_closed_stdin_deletes_nothing():
    path = install_session()
    result = run_closed_stdin("review", "delete", SESSION)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Not deleted" in result.stderr
    assert path.exists()


def test_review_delete_at_end_of_input_deletes_nothing():
    path = install_session()
    result = run_cli("review", "delete", SESSION, stdin="")
    assert result.returncode == 1 and "Not deleted" in result.stderr
    assert path.exists()


def test_stories_and_postings_removal_with_closed_stdin(tmp_path):
    story = tmp_path / "s.md"
    story.write_text("## Kept story\n\nSituation: we moved 300 servers in 6 weeks.\n")
    assert run_cli("stories", "add", str(story)).returncode == 0
    story_id = json.loads(run_cli("stories", "list", "--json").stdout)[0]["id"]
    result = run_closed_stdin("stories", "remove", story_id)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Not removed" in result.stderr
    assert json.loads(run_cli("stories", "list", "--json").stdout)[0]["id"] == story_id


def test_score_batch_from_closed_stdin_says_there_was_no_input():
    result = run_closed_stdin("score", "--batch", "-")
    assert "Traceback" not in result.stderr
    assert result.stdout == "" and "no input lines" in result.stderr


@pytest.mark.slow
def test_practice_plain_with_closed_stdin_ends_cleanly():
    result = run_closed_stdin("practice", "--plain", "--count", "1", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "Nothing was answered" in result.stdout + result.stderr
    assert not locations.transcripts_dir().exists() or not list(locations.transcripts_dir().glob("*.json"))


@pytest.mark.slow
def test_score_batch_cli_keeps_going_and_prints_strict_json(tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join([
        '{"id": "a", "answer": "We cut scope and shipped in six weeks."}',
        '{"answer":"x","elements":[{"id":["a"]}]}',
        "[" * 100_000 + "]" * 100_000,
        '{"id": NaN, "answer": "x"}',
        '{"id": "b", "answer": "I raised the vendor risk with the sponsor.", "elements": ["risk"]}',
    ]) + "\n")
    result = run_cli("score", "--batch", str(batch))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "3 bad input line(s)" in result.stderr
    out = [json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} in output"))
           for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, None, None, "b"]
    assert [o.get("line") for o in out[1:4]] == [2, 3, 4]
    assert all("error" in o for o in out[1:4]) and "overall" in out[4]


@pytest.mark.slow
def test_a_huge_answer_is_cut_before_scoring_and_says_so(tmp_path):
    answer = tmp_path / "huge.txt"
    sentence = "I told the sponsor about the vendor risk and we agreed a fallback supplier. "
    answer.write_text(sentence * 700_000)  # about 53 MB
    bank_question = json.loads(run_cli("bank", "list", "--json").stdout)[0]["id"]
    result = run_cli("score", "--question", bank_question, "--answer-file", str(answer), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["signals"]["truncated"] is True
    assert "12,000 characters" in data["notice"]
