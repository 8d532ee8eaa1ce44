"""`interviewprep jd ...` and `practice --jd` as a user runs them (fresh processes)."""

from __future__ import annotations

import json
from pathlib import Path

from support.cli import run_cli

POSTING = """IT Project Manager - ServiceNow ITSM
Kestrel Health | Remote | $110k - $125k

Responsibilities
- Lead the ServiceNow ITSM rollout across four hospitals
- Run the change advisory board and keep the CMDB accurate
- Report progress and risks to the CIO

Requirements
- 5+ years managing IT service management projects
- ITIL 4 Foundation
- Experience with Jira and Agile delivery

We are an equal opportunity employer.
"""
ANSWER = ("At a hospital group I led the ServiceNow ITSM rollout for three sites. I ran the change "
          "advisory board every week and cleaned the CMDB before go-live. Incidents were logged "
          "in one tool from day one and first-time fixes rose by 15 percent.")


def write(tmp_path: Path, text: str | bytes, name: str = "posting.txt") -> Path:
    path = tmp_path / name
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    return path


def test_analyse_json_follows_the_contract_and_saves_nothing(tmp_path, isolated_home):
    result = run_cli("jd", "analyse", str(write(tmp_path, POSTING)), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "IT Project Manager - ServiceNow ITSM"
    assert data["level"] == "mid"
    assert data["specializations"][0] == "itsm"
    texts = [r["text"] for r in data["requirements"]]
    assert "Run the change advisory board and keep the CMDB accurate" in texts
    assert not any("$110k" in t or "equal opportunity" in t for t in texts)
    assert {"ServiceNow", "ITIL 4 Foundation", "CMDB", "Jira"} <= set(data["terms"])
    assert len(data["questions"]) >= 5
    assert "Loading" in result.stderr  # progress on slow work, on stderr
    assert not (isolated_home / "data" / "jd").exists()


def test_analyse_reads_standard_input():
    result = run_cli("jd", "analyse", "-", "--json", stdin=POSTING)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["level"] == "mid"


def test_bad_input_gets_a_clear_message_and_exit_2(tmp_path):
    for content, message in [("", "the file is empty"), (b"\x00\x01binary", "not a text file"),
                             (b"Manager \xff\xfe of many projects here", "not UTF-8")]:
        result = run_cli("jd", "add", str(write(tmp_path, content, "bad.txt")))
        assert result.returncode == 2, (content, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
    missing = run_cli("jd", "analyse", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_add_list_show_remove(tmp_path, isolated_home):
    added = run_cli("jd", "add", str(write(tmp_path, POSTING)), "--name", "kestrel")
    assert added.returncode == 0, added.stderr
    assert "Saved as kestrel" in added.stdout
    listed = json.loads(run_cli("jd", "list", "--json").stdout)
    assert [(p["name"], p["level"]) for p in listed] == [("kestrel", "mid")]
    shown = run_cli("jd", "show", "kestrel", "--json")
    assert json.loads(shown.stdout)["text"] == POSTING
    human = run_cli("jd", "show", "kestrel")
    assert "Level: mid" in human.stdout and "ITIL 4 Foundation" in human.stdout
    again = run_cli("jd", "add", str(write(tmp_path, POSTING)), "--name", "kestrel")
    assert again.returncode == 2 and "already exists" in again.stderr
    asks = run_cli("jd", "remove", "kestrel")  # no terminal to ask on: refuses
    assert asks.returncode == 2 and "--yes" in asks.stderr
    removed = run_cli("jd", "remove", "kestrel", "--yes")
    assert removed.returncode == 0, removed.stderr
    assert list((isolated_home / "data" / "trash" / "jd").glob("kestrel*.json"))
    assert json.loads(run_cli("jd", "list", "--json").stdout) == []
    unknown = run_cli("jd", "show", "kestrel")
    assert unknown.returncode == 1 and "no saved posting named 'kestrel'" in unknown.stderr


def test_a_broken_saved_file_is_named_and_skipped(isolated_home, tmp_path):
    run_cli("jd", "add", str(write(tmp_path, POSTING)), "--name", "good")
    broken = isolated_home / "data" / "jd" / "broken.json"
    broken.write_text('{"name": "broken",\n "text": ""}')
    result = run_cli("jd", "list")
    assert result.returncode == 0
    assert "good" in result.stdout
    assert "broken.json:2: text" in result.stderr
    assert broken.read_text() == '{"name": "broken",\n "text": ""}'


def test_practice_plain_from_a_posting_then_readiness(tmp_path, isolated_home):
    run_cli("jd", "add", str(write(tmp_path, POSTING)), "--name", "kestrel")
    before = json.loads(run_cli("jd", "readiness", "kestrel", "--json").stdout)
    assert before["readiness"] == 0
    assert all(r["status"] == "missing" and r["evidence"] is None for r in before["requirements"])

    result = run_cli("practice", "--jd", "kestrel", "--plain", "--count", "1",
                     stdin=f"{ANSWER}\n\n\n")
    assert result.returncode == 0, result.stderr
    assert "IT Project Manager – ServiceNow ITSM role" in result.stdout
    saved = [json.loads(p.read_text()) for p in (isolated_home / "data" / "transcripts").glob("*.json")]
    assert len(saved) == 1 and saved[0]["settings"]["jd"] == "kestrel"
    planned = json.loads(run_cli("jd", "show", "kestrel", "--json").stdout)["questions"]
    assert saved[0]["plan"] == planned[:1]

    after = json.loads(run_cli("jd", "readiness", "kestrel", "--json").stdout)
    assert after["readiness"] > before["readiness"]
    covered = [r for r in after["requirements"] if r["status"] != "missing"]
    assert covered and all(r["evidence"]["kind"] == "answer" for r in covered)
    assert all(r["evidence"]["text"] in ANSWER for r in covered)


def test_practice_with_an_unknown_posting_fails_cleanly():
    result = run_cli("practice", "--jd", "nothing-here", "--plain")
    assert result.returncode == 1
    assert "no saved posting named 'nothing-here'" in result.stderr
    assert "Traceback" not in result.stderr


def test_locate_lists_the_posting_folders():
    out = run_cli("locate").stdout
    assert "job descriptions" in out and "removed postings" in out
