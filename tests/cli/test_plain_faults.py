"""Plain mode under real faults (issue 16): SIGTERM and SIGHUP while typing, a disk that fills
up before the follow-up is sent, and a second instance on a session that is open."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from interviewprep import locations
from interviewprep.interview import DraftStore
from interviewprep.transcripts import TranscriptStore
from support.cli import run_cli
from support.faults import (
    OutputReader,
    fill,
    lock_held_by_another_process,
    small_filesystem,
    wait_until_read,
)

UNSENT = "My unsent answer starts with the sponsor meeting\nand goes on to the risk log"


def _start(*args: str, env: dict | None = None) -> tuple[subprocess.Popen, OutputReader]:
    proc = subprocess.Popen([sys.executable, "-m", "interviewprep", *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, bufsize=1,
                            env={**os.environ, **(env or {})})
    return proc, OutputReader(proc.stdout)


def _type(proc: subprocess.Popen, text: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(text)
    proc.stdin.flush()


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
                         ids=["SIGTERM", "SIGHUP", "SIGKILL"])
def test_a_signal_while_typing_keeps_the_unsent_answer_as_a_draft(isolated_home, sig):
    """Each line is kept as it is typed (so even kill -9 loses nothing sent to the program);
    SIGTERM and SIGHUP end the session the orderly way, with 128 + the signal."""
    proc, out = _start("practice", "--plain", "--count", "2", "--seed", "11",
                       "--no-follow-ups")
    out.wait_for("Question 1 of 2", proc)
    _type(proc, UNSENT + "\n")  # no empty line yet: the answer is still being typed
    wait_until_read(proc, proc.stdin.fileno())
    proc.send_signal(sig)
    expected = -sig if sig == signal.SIGKILL else 128 + sig
    assert proc.wait(60) == expected, proc.stderr.read()
    assert "Traceback" not in proc.stderr.read()
    (transcript,) = TranscriptStore().list()[0]
    draft = DraftStore().load(transcript.id)
    assert draft is not None and draft.text == UNSENT, "the typed lines are on disk"
    # Resuming shows the kept answer, and an empty line sends it as it is.
    again = run_cli("resume", "--plain", stdin="\n")
    assert again.returncode == 0, again.stderr
    assert "Your unsent answer from last time" in again.stdout and UNSENT in again.stdout
    saved = TranscriptStore().load(transcript.id)
    assert saved.turns[0].attempts[0].answer == UNSENT
    assert DraftStore().load(transcript.id) is None, "a sent draft is forgotten"


@pytest.mark.slow
def test_a_full_disk_before_the_follow_up_keeps_it_and_a_retry_saves_it_once(tmp_path):
    with small_filesystem(tmp_path / "disk", "16m") as disk:
        home = disk / "home"
        env = {"INTERVIEWPREP_HOME": str(home)}
        proc, out = _start("practice", "--plain", "--count", "1", "--seed", "3",
                           "--category", "behavioral", env=env)
        _type(proc, "I did some planning.\n\n")
        out.wait_for("Answer the follow-up", proc)
        filler = fill(disk)
        follow = "We went live on time and saved 20% of the budget."
        _type(proc, follow + "\n\n")
        out.wait_for("press Enter to save again", proc)
        text = out.text
        shown = text[text.index("Your answer was not saved"):]
        assert follow in shown and "I did some planning" not in shown, \
            "the follow-up just typed is shown, not the first answer"
        filler.unlink()
        _type(proc, "\n")  # save again
        out.wait_for("With your follow-up:", proc)
        proc.stdin.close()
        assert proc.wait(60) == 0, proc.stderr.read()
        (path,) = (home / "data" / "transcripts").glob("*.json")
        saved = json.loads(path.read_text())
        assert len(saved["turns"]) == 1 and len(saved["turns"][0]["attempts"]) == 1
        assert saved["turns"][0]["follow_up"]["answer"] == follow
        assert not list(disk.rglob(".*.tmp")), "no temporary file left holding space"


def test_a_session_open_elsewhere_cannot_be_resumed_deleted_or_rerated(isolated_home,
                                                                        element_bank):
    from interviewprep.schedule import rate_answer
    from interviewprep.transcripts import Attempt, Transcript, Turn

    store = TranscriptStore()
    qid = sorted(element_bank.questions)[0]
    question = element_bank.questions[qid]
    transcript = Transcript(plan=[qid, sorted(element_bank.questions)[1]], turns=[Turn(
        question_id=qid, question_text=question.text, category=question.category,
        elements=question.element_ids,
        attempts=[Attempt(answer="an answer", feedback={"overall": 50, "elements": []})],
        rating=rate_answer(50, question.element_ids, [], follow_up=False, names={}).to_json())])
    store.save(transcript)
    before = store.path_for(transcript.id).read_bytes()
    with lock_held_by_another_process(store.folder, transcript.id, "in the app") as pid:
        for args in (("resume", transcript.id, "--plain"), ("resume", "--plain"),
                     ("resume", transcript.id)):
            result = run_cli(*args, stdin="an answer that must not land\n\n")
            assert result.returncode == 1, (args, result.stdout, result.stderr)
            assert f"is open in the app (process {pid}" in result.stderr, result.stderr
        deleted = run_cli("review", "delete", transcript.id, "--yes")
        assert deleted.returncode != 0 and "not deleted" in deleted.stderr, deleted.stderr
        rated = run_cli("rate", qid, "knew", "--session", transcript.id)
        assert rated.returncode != 0 and "open in the app" in rated.stderr, rated.stderr
    assert store.path_for(transcript.id).read_bytes() == before, "the file is untouched"
    assert not (locations.trash_dir()).exists() or not list(locations.trash_dir().iterdir())
