"""`interviewprep stories ...` as a user runs it (subprocess), against the contract in DESIGN.md."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from interviewprep import locations
from support.cli import run_cli

REPO = Path(__file__).resolve().parents[2]
CANDIDATE = REPO / "calibration" / "stories" / "cand-01.md"


@pytest.mark.slow
def test_add_then_list_json_follows_the_contract():
    added = run_cli("stories", "add", str(CANDIDATE))
    assert added.returncode == 0, added.stderr
    assert added.stdout.count("added ") == 8
    listed = run_cli("stories", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    stories = json.loads(listed.stdout)
    assert len(stories) == 8
    for story in stories:
        assert set(story) >= {"id", "title", "tags", "words", "elements", "used"}
        assert [e["id"] for e in story["elements"]] == ["situation", "task", "action", "result",
                                                        "risk", "stakeholders", "metrics",
                                                        "lessons"]
        assert all(isinstance(e["covered"], bool) for e in story["elements"])
        assert story["used"] == 0 and story["words"] > 50
    vendor = next(s for s in stories if "Vendor" in s["title"])
    assert vendor["tags"] == ["vendor management", "negotiation", "SLA"]


@pytest.mark.parametrize(("data", "expected"), [
    (b"## Fine\nText.\n\n## \nSituation: x\n", ["stories.md:4: empty title"]),
    (b"## Fine\nText.\n## Nothing here\nTags: a\n", ["stories.md:3: story 'Nothing here' has no text"]),
    (b"## Fine\nbad \xff\n## Also\nNUL \x00\n", ["stories.md:2: undecodable"]),
])
def test_a_broken_file_is_refused_whole_with_file_and_line(tmp_path, data, expected):
    path = tmp_path / "stories.md"
    path.write_bytes(data)
    result = run_cli("stories", "add", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for line in expected:
        assert f"{tmp_path}/{line}" in result.stderr
    assert "nothing added" in result.stderr
    assert not locations.stories_dir().exists() or not list(locations.stories_dir().glob("*.md"))


def test_add_from_standard_input_and_no_stories_yet():
    empty = run_cli("stories", "list", "--json")
    assert empty.returncode == 0 and json.loads(empty.stdout) == []
    added = run_cli("stories", "add", "-", stdin="## From stdin\nWe shipped it in 3 weeks.\n")
    assert added.returncode == 0, added.stderr
    assert "from-stdin" in added.stdout


@pytest.mark.slow
def test_match_ranks_with_fit_bands_for_bank_and_free_questions():
    run_cli("stories", "add", str(CANDIDATE))
    free = run_cli("stories", "match", "--question",
                   "Describe a supplier that kept underperforming. What did you do?", "--json")
    assert free.returncode == 0, free.stderr
    ranked = json.loads(free.stdout)
    assert len(ranked) == 8
    assert all(set(m) >= {"id", "title", "fit", "score"} for m in ranked)
    assert all(m["fit"] in ("strong", "workable", "stretch", "gap") for m in ranked)
    assert ranked[0]["title"] == "Renegotiating a Failing Network Vendor Contract"
    assert ranked[0]["fit"] == "strong"
    scores = [m["score"] for m in ranked]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    bank = run_cli("stories", "match", "--question-id", "beh-rebaselining-after-scope-creep",
                   "--json")
    assert bank.returncode == 0, bank.stderr
    assert json.loads(bank.stdout)[0]["title"] == "Scope Creep from the Analytics Team"
    unknown = run_cli("stories", "match", "--question-id", "no-such-question")
    assert unknown.returncode == 2 and "no question 'no-such-question'" in unknown.stderr


@pytest.mark.slow
def test_show_coverage_export_and_remove():
    run_cli("stories", "add", str(CANDIDATE))
    show = run_cli("stories", "show", "renegotiating")
    assert show.returncode == 0, show.stderr
    assert "Renegotiating a Failing Network Vendor Contract" in show.stdout
    assert "What it shows" in show.stdout and "Questions it fits best" in show.stdout
    shown = json.loads(run_cli("stories", "show", "renegotiating", "--json").stdout)
    assert len(shown["questions"]) == 5 and shown["competencies"]

    coverage = run_cli("stories", "coverage", "--json")
    assert coverage.returncode == 0, coverage.stderr
    report = json.loads(coverage.stdout)
    assert {c["id"] for c in report["competencies"]} >= {"risk", "vendor", "conflict", "budget"}
    assert isinstance(report["gaps"], list)
    assert "Gaps" in run_cli("stories", "coverage").stdout or not report["gaps"]

    exported = run_cli("stories", "export")
    assert exported.returncode == 0 and exported.stdout.count("\n## ") + 1 == 8

    missing = run_cli("stories", "remove", "nope", "--yes")
    assert missing.returncode == 1 and "no story 'nope'" in missing.stderr
    declined = run_cli("stories", "remove", "renegotiating", stdin="n\n")
    assert declined.returncode == 1
    removed = run_cli("stories", "remove", "renegotiating", "--yes")
    assert removed.returncode == 0, removed.stderr
    assert len(json.loads(run_cli("stories", "list", "--json").stdout)) == 7
    trashed = list(locations.stories_trash_dir().glob("*.md"))
    assert [p.name for p in trashed] == ["renegotiating-a-failing-network-vendor-contract.md"]


def _editor(tmp_path: Path, new_text: str) -> str:
    """An $EDITOR that writes `new_text` into the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text("import sys, pathlib\n"
                      f"pathlib.Path(sys.argv[1]).write_text({new_text!r})\n")
    return f"{sys.executable} {script}"


def test_edit_saves_a_valid_story_and_keeps_an_invalid_edit_aside(tmp_path):
    run_cli("stories", "add", "-", stdin="## Vendor rescue\nThe supplier was late.\n")
    path = locations.stories_dir() / "vendor-rescue.md"
    before = path.read_text()

    bad = run_cli("stories", "edit", "vendor", env={"EDITOR": _editor(tmp_path, "## \nnothing\n")})
    assert bad.returncode == 2
    kept = locations.story_edits_dir() / "vendor-rescue.md"
    assert f"{kept}:1: empty title" in bad.stderr
    assert path.read_text() == before and kept.read_text() == "## \nnothing\n"

    good_text = "## Vendor rescue\nThe supplier was late, so I replaced it in 4 weeks.\n"
    good = run_cli("stories", "edit", "vendor", env={"EDITOR": _editor(tmp_path, good_text)})
    assert good.returncode == 0, good.stderr
    assert path.read_text() == good_text and not kept.exists()

    no_editor = run_cli("stories", "edit", "vendor", env={"EDITOR": "", "VISUAL": ""})
    assert no_editor.returncode == 2 and "set $EDITOR" in no_editor.stderr


def test_locate_lists_the_story_folders():
    result = run_cli("locate")
    assert result.returncode == 0
    for name in ("stories", "story edits", "removed stories", "story cache"):
        assert any(line.startswith(name + " ") for line in result.stdout.splitlines()), name
