"""No escape sequence from a stored file reaches the terminal (issue 16, S1), and exports never
replace what they should not (S3).

Stored text (transcripts, question files, stories, job postings, file names) is planted with
OSC 52 (clipboard), a window-title change, clear-screen, a CSI colour, an 8-bit CSI, a BEL and a
right-to-left override; every command that shows it is run as a user would, and its standard
output and error must hold none of those characters, while the text around them (and any
"[bold]" markup, which must stay literal) is still shown.
"""

from __future__ import annotations

import json
import os
import re
import socket
from pathlib import Path

from interviewprep import locations
from interviewprep.textsafe import clean, has_unsafe
from support.cli import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
SESSION = "20250303-184512-3fa9c1"
PAYLOAD = ("\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned title\x07\x1b[2J\x1bc\x1b[31mred\x9b31m"
           "\u202eevil\u202c [bold]literal[/bold] \r\rover")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def assert_clean(result, *must_show: str) -> None:
    both = result.stdout + result.stderr
    assert "Traceback" not in both, both[-2000:]
    found = sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(both)})
    assert not found, f"control characters reached the terminal: {found}"
    for text in must_show:
        assert text in result.stdout, (text, result.stdout[-2000:])


def plant_transcript() -> Path:
    data = json.loads((FIXTURES / f"{SESSION}.json").read_text())
    for turn in data["turns"]:
        turn["question_text"] += PAYLOAD
        for attempt in turn["attempts"]:
            attempt["answer"] = "MARKER-ANSWER " + PAYLOAD + " " + attempt["answer"]
            for element in attempt["feedback"]["elements"]:
                if element.get("evidence"):
                    element["evidence"] += PAYLOAD
    folder = locations.transcripts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{SESSION}.json"
    path.write_text(json.dumps(data))
    return path


def test_clean_makes_every_control_visible_and_is_idempotent():
    out = clean(PAYLOAD)
    assert not has_unsafe(out)
    assert "\\u001b]52;c;cHduZWQ=\\u0007" in out and "\\u009b31m" in out and "\\u202e" in out
    assert "[bold]literal[/bold]" in out
    assert clean(out) == out
    assert clean("a\r\nb\tc\n") == "a\nb\tc\n"


def test_review_show_export_list_and_progress_show_no_escape_sequences():
    plant_transcript()
    assert_clean(run_cli("review", "show", SESSION), "MARKER-ANSWER", "[bold]literal[/bold]")
    assert_clean(run_cli("export", SESSION, "--format", "md"), "MARKER-ANSWER", "[bold]literal")
    # JSON keeps the data (control characters come out as JSON escapes) and stays valid JSON
    exported = run_cli("export", SESSION, "--format", "json")
    assert_clean(exported)
    turn = json.loads(exported.stdout)["turns"][0]
    assert PAYLOAD in turn["question_text"]
    shown = run_cli("review", "show", SESSION, "--json")
    assert_clean(shown)
    assert PAYLOAD in json.loads(shown.stdout)["turns"][0]["attempts"][0]["answer"]
    assert_clean(run_cli("review", "list"), SESSION)
    assert_clean(run_cli("review", "list", "--json"), SESSION)
    assert_clean(run_cli("progress"))
    assert_clean(run_cli("progress", "--json"))


def test_a_markdown_export_file_holds_no_control_characters(tmp_path):
    plant_transcript()
    target = tmp_path / "report.md"
    result = run_cli("export", SESSION, "-o", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_text()
    assert "MARKER-ANSWER" in text and not has_unsafe(text)


def test_a_file_name_with_escapes_is_reported_without_them():
    folder = locations.transcripts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bad\x1b]0;title\x07.json").write_text("{not json")
    result = run_cli("review", "list")
    assert result.returncode == 0
    assert_clean(result)
    assert "bad\\u001b]0;title\\u0007.json" in result.stderr


HOSTILE_QUESTION = """\
questions:
  - id: hostile-question
    category: behavioral
    text: "Tell me about a late project.\\e]0;pwned\\a [bold]literal[/bold]"
    elements: [situation, action, result]
    model_answer: "I replanned it.\\e[2J and we shipped"
    tip: "\\e]52;c;cHduZWQ=\\a Use STAR."
"""


def test_bank_list_and_show_show_no_escape_sequences(isolated_home):
    user = isolated_home / "questions"
    user.mkdir(parents=True)
    (user / "mine.yaml").write_text(HOSTILE_QUESTION)
    assert_clean(run_cli("bank", "list"), "hostile-question", "[bold]literal[/bold]")
    assert_clean(run_cli("bank", "list", "--json"), "hostile-question")
    assert_clean(run_cli("bank", "show", "hostile-question"), "Tell me about a late project.")


def test_stories_and_postings_show_no_escape_sequences(tmp_path):
    story = tmp_path / "stories.md"
    story.write_text("## Data centre \x1b]0;pwned\x07move\n\nSituation: we moved 300 servers"
                     "\x1b[2J in 6 weeks.\nResult: done \x9b31m on time.\n")
    added = run_cli("stories", "add", str(story))
    assert_clean(added)
    assert added.returncode == 0, added.stderr  # stored as written; shown made safe
    assert_clean(run_cli("stories", "list"), "Data centre")
    story_id = json.loads(run_cli("stories", "list", "--json").stdout)[0]["id"]
    assert_clean(run_cli("stories", "show", story_id), "300 servers")
    assert_clean(run_cli("stories", "export"), "300 servers")
    posting = tmp_path / "posting.txt"
    posting.write_text("IT Project Manager \x1b]0;pwned\x07\n\nWe need a project manager with "
                       "5 years of ERP delivery\x1b[2J, stakeholder management and risk "
                       "registers.\nPRINCE2 or PMP required.\n")
    added = run_cli("jd", "add", str(posting), "--name", "hostile")
    assert_clean(added)
    assert added.returncode == 0, added.stderr
    assert_clean(run_cli("jd", "list"), "hostile")
    assert_clean(run_cli("jd", "show", "hostile"), "ERP")


# ---------------------------------------------------------------- S3: export targets
def test_export_never_replaces_a_file_without_force(tmp_path):
    plant_transcript()
    target = tmp_path / "mine.md"
    target.write_text("my own notes\n")
    refused = run_cli("export", SESSION, "-o", str(target))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert target.read_text() == "my own notes\n"
    forced = run_cli("export", SESSION, "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "MARKER-ANSWER" in target.read_text()


def test_export_refuses_symlinks_fifos_devices_and_directories(tmp_path):
    plant_transcript()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me\n")
    link = tmp_path / "link.md"
    link.symlink_to(precious)
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.md"
    folder.mkdir()
    sock_path = tmp_path / "sock.md"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    targets = {link: "symbolic link", fifo: "FIFO", folder: "directory", sock_path: "socket"}
    if Path("/dev/null").exists():
        targets[Path("/dev/null")] = "device"
    try:
        for target, word in targets.items():
            for extra in ([], ["--force"]):
                result = run_cli("export", SESSION, "-o", str(target), *extra)
                assert result.returncode == 1, (target, result.stderr)
                assert word in result.stderr and "Traceback" not in result.stderr
    finally:
        sock.close()
    assert precious.read_text() == "keep me\n" and link.is_symlink()
    assert fifo.is_fifo() and folder.is_dir() and not any(folder.iterdir())


def test_stories_export_has_the_same_target_rules(tmp_path):
    target = tmp_path / "stories.md"
    target.write_text("mine\n")
    result = run_cli("stories", "export", "-o", str(target))
    assert result.returncode == 1 and "--force" in result.stderr
    assert target.read_text() == "mine\n"
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = run_cli("stories", "export", "-o", str(link), "--force")
    assert result.returncode == 1 and "symbolic link" in result.stderr
    assert target.read_text() == "mine\n"


def test_export_to_a_new_file_still_works(tmp_path):
    plant_transcript()
    target = tmp_path / "sub" / "new.json"
    result = run_cli("export", SESSION, "--format", "json", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text())["id"] == SESSION
