"""Contract tests of `interviewprep review`, `export` and `progress`, run as a user would."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interviewprep import locations
from support.cli import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
GOOD = sorted(FIXTURES.glob("*.json"))
V1 = FIXTURES / "v1" / "20250210-173000-0a1b2c.json"
CORRUPT = FIXTURES / "corrupt" / "20250315-120000-badf00.json"
NEWEST_FIRST = ["20250324-081455-d1e7aa", "20250317-201130-c45e02", "20250310-190205-8b27de",
                "20250303-184512-3fa9c1", "20250210-173000-0a1b2c"]


@pytest.fixture
def folder() -> Path:
    target = locations.transcripts_dir()
    target.mkdir(parents=True)
    for path in [*GOOD, V1]:
        shutil.copy(path, target / path.name)
    return target


def test_review_list_json_contract(folder):
    result = run_cli("review", "list", "--json")
    assert result.returncode == 0, result.stderr
    sessions = json.loads(result.stdout)
    assert [s["id"] for s in sessions] == NEWEST_FIRST
    for s in sessions:
        assert {"id", "started_at", "questions", "overall", "categories", "finished",
                "seconds"} <= set(s)
    by_id = {s["id"]: s for s in sessions}
    assert by_id["20250303-184512-3fa9c1"]["questions"] == 3
    assert by_id["20250303-184512-3fa9c1"]["overall"] == 40.7
    assert by_id["20250317-201130-c45e02"]["finished"] is False
    assert by_id["20250210-173000-0a1b2c"]["overall"] == 41.5  # schema 1, migrated
    assert result.stderr == ""


def test_review_list_of_nothing_is_an_empty_array():
    result = run_cli("review", "list", "--json")
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_review_list_filters(folder):
    result = run_cli("review", "list", "--json", "--category", "leadership",
                     "--since", "2025-03-01")
    assert [s["id"] for s in json.loads(result.stdout)] == ["20250303-184512-3fa9c1"]
    bad = run_cli("review", "list", "--since", "March")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr


def test_a_corrupt_file_is_warned_about_skipped_and_untouched(folder):
    shutil.copy(CORRUPT, folder / CORRUPT.name)
    before = (folder / CORRUPT.name).read_bytes()
    result = run_cli("review", "list", "--json")
    assert result.returncode == 0
    assert [s["id"] for s in json.loads(result.stdout)] == NEWEST_FIRST
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"warning: {folder / CORRUPT.name}: not valid JSON")
    human = run_cli("review", "list")
    assert human.returncode == 0 and "warning:" in human.stderr
    assert "Traceback" not in human.stderr
    assert (folder / CORRUPT.name).read_bytes() == before
    progress = run_cli("progress", "--json")
    assert progress.returncode == 0 and "warning:" in progress.stderr
    assert (folder / CORRUPT.name).read_bytes() == before


def test_review_list_human_readable(folder):
    result = run_cli("review")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["ID", "STARTED", "QS"]
    assert lines[1].startswith("20250324-081455-d1e7aa   2025-03-24 08:14")
    assert "(retry)" in lines[1] and "(unfinished)" in lines[2]


def test_review_show(folder):
    result = run_cli("review", "show", "20250310-190205-8b27de")
    assert result.returncode == 0, result.stderr
    assert "Attempt 2 (60/100)" in result.stdout
    assert '"I would agree monthly service reviews' in result.stdout  # evidence
    assert "Model answer:" in result.stdout
    as_json = run_cli("review", "show", "20250303", "--json")  # a unique prefix works
    assert json.loads(as_json.stdout)["id"] == "20250303-184512-3fa9c1"


@pytest.mark.parametrize("args", [
    ("review", "show", "20990101-000000-ffffff"),
    ("export", "nope"),
    ("review", "delete", "nope", "--yes"),
    ("export", "../../etc/passwd"),
])
def test_unknown_id_is_a_clear_message_and_exit_1(folder, args):
    result = run_cli(*args)
    assert result.returncode == 1
    assert result.stderr.startswith("interviewprep: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_an_ambiguous_prefix_asks_for_more(folder):
    result = run_cli("export", "202503")
    assert result.returncode == 1 and "give more of the id" in result.stderr


def test_export_markdown_to_stdout_and_json_to_a_file(folder, tmp_path):
    md = run_cli("export", "20250303-184512-3fa9c1", "--format", "md")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# Mock interview, Monday 3 March 2025, 18:45")
    assert "### Model answer" in md.stdout
    target = tmp_path / "out" / "session.json"
    js = run_cli("export", "20250210-173000-0a1b2c", "--format", "json", "-o", str(target))
    assert js.returncode == 0 and js.stdout == ""
    assert str(target) in js.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["schema_version"] == 3 and data["id"] == "20250210-173000-0a1b2c"
    assert data["questions_asked"] == []  # migrated: a v1 session asked none
    assert not list(target.parent.glob(".*.tmp"))  # written atomically, nothing left over
    assert (folder / V1.name).read_bytes() == V1.read_bytes()


def test_export_to_an_unwritable_place_fails_cleanly(folder, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("export", NEWEST_FIRST[0], "-o", str(blocker / "sub" / "x.md"))
    assert result.returncode == 1 and "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_delete_asks_then_moves_to_the_trash(folder):
    path = folder / f"{NEWEST_FIRST[0]}.json"
    declined = run_cli("review", "delete", NEWEST_FIRST[0], stdin="n\n")
    assert declined.returncode == 1 and path.exists()
    assert "Move session 20250324-081455-d1e7aa" in declined.stderr
    no_answer = run_cli("review", "delete", NEWEST_FIRST[0], stdin="")
    assert no_answer.returncode == 1 and path.exists() and "--yes" in no_answer.stderr
    content = path.read_bytes()
    agreed = run_cli("review", "delete", NEWEST_FIRST[0], stdin="y\n")
    assert agreed.returncode == 0, agreed.stderr
    assert not path.exists()
    assert (locations.trash_dir() / path.name).read_bytes() == content
    listed = json.loads(run_cli("review", "list", "--json").stdout)
    assert NEWEST_FIRST[0] not in [s["id"] for s in listed]


def test_delete_yes_can_trash_an_unreadable_file(folder):
    shutil.copy(CORRUPT, folder / CORRUPT.name)
    result = run_cli("review", "delete", CORRUPT.stem, "--yes")
    assert result.returncode == 0, result.stderr
    assert "unreadable" in result.stderr
    assert (locations.trash_dir() / CORRUPT.name).read_bytes() == CORRUPT.read_bytes()


def test_progress(folder):
    result = run_cli("progress", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["totals"]["sessions"] == 5 and data["totals"]["answers"] == 9
    assert [q["question_id"] for q in data["weakest_questions"]][0] == (
        "lead-stakeholder-management-approach")
    human = run_cli("progress")
    assert human.returncode == 0
    assert "Progress over 5 session(s)" in human.stdout
    assert "Technical / process" in human.stdout and "28 → 78" in human.stdout


def test_progress_with_no_sessions():
    result = run_cli("progress")
    assert result.returncode == 0 and "No answered questions yet" in result.stdout
