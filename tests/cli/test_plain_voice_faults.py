"""`practice --plain --voice` keeps what was said or typed as typed mode does (issue 16, D3):
the transcript of a recording, a correction being typed after it, and lines typed instead of
recording are kept as the draft at once, so SIGTERM, SIGHUP and even kill -9 lose none of it."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from interviewprep.interview import DraftStore
from interviewprep.transcripts import TranscriptStore
from support.cli import run_cli
from support.faults import OutputReader, wait_until_read
from support.speech import STAKEHOLDER_ANSWER, speak

SAID = ("When our supplier was late, I moved the testing forward, told the sponsor the same "
        "day, and we still opened the site on time.")
CORRECTION = "When the supplier was late I moved testing forward"
TYPED = ["I typed this answer instead of recording it", "and it goes on to the risk log"]
START = "(Press Enter to start recording"


def _start(wav) -> tuple[subprocess.Popen, OutputReader]:
    """Plain voice mode; `wav` plays as the microphone (None: the machine's own, if any)."""
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEWPREP_AUDIO_INPUT"}
    if wav is not None:
        env["INTERVIEWPREP_AUDIO_INPUT"] = str(wav)
    proc = subprocess.Popen([sys.executable, "-m", "interviewprep", "practice", "--plain",
                             "--voice", "--count", "1", "--seed", "2", "--no-follow-ups"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, bufsize=1, env=env)
    return proc, OutputReader(proc.stdout)


def _type(proc: subprocess.Popen, text: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(text)
    proc.stdin.flush()


def _stop(proc: subprocess.Popen, sig: int) -> str:
    """Send `sig`; the draft's text once the process has ended as it should."""
    wait_until_read(proc, proc.stdin.fileno())
    proc.send_signal(sig)
    expected = -sig if sig == signal.SIGKILL else 128 + sig
    assert proc.wait(120) == expected, proc.stderr.read()
    assert "Traceback" not in proc.stderr.read()
    (transcript,) = TranscriptStore().list()[0]
    draft = DraftStore().load(transcript.id)
    assert draft is not None, "the unsent answer is kept"
    return draft.text


def _record(proc: subprocess.Popen, out: OutputReader) -> str:
    out.wait_for(START, proc)
    _type(proc, "\n")  # start recording
    out.wait_for("Recording... press Enter to stop.", proc)
    _type(proc, "\n")  # stop
    out.wait_for("(Enter keeps it;", proc)
    (said,) = re.findall(r"^Transcript: (.*)$", out.text, re.MULTILINE)
    assert "supplier" in said.lower()
    return said


@pytest.mark.slow
def test_a_transcript_waiting_to_be_kept_survives_sighup_and_is_resumed(tmp_path, isolated_home):
    proc, out = _start(speak(SAID, tmp_path / "said.wav"))
    said = _record(proc, out)
    assert _stop(proc, signal.SIGHUP) == said
    again = run_cli("resume", "--plain", stdin="\n")  # an empty line sends it as it is
    assert again.returncode == 0, again.stderr
    assert "Your unsent answer from last time" in again.stdout and said in again.stdout
    (transcript,) = TranscriptStore().list()[0]
    assert TranscriptStore().load(transcript.id).turns[0].attempts[0].answer == said


@pytest.mark.slow
def test_a_correction_being_typed_survives_kill_9_with_the_transcript(tmp_path, isolated_home):
    proc, out = _start(speak(SAID, tmp_path / "said.wav"))
    said = _record(proc, out)
    _type(proc, CORRECTION + "\n")  # no empty line yet: the correction is still being typed
    assert _stop(proc, signal.SIGKILL) == said + "\n" + CORRECTION


@pytest.mark.slow
def test_lines_typed_instead_of_recording_survive_sigterm(tmp_path, isolated_home):
    proc, out = _start(speak(SAID, tmp_path / "said.wav"))
    out.wait_for(START, proc)
    _type(proc, "\n".join(TYPED) + "\n")
    assert _stop(proc, signal.SIGTERM) == "\n".join(TYPED)


@pytest.mark.slow
def test_lines_typed_when_voice_is_unavailable_survive_sighup(isolated_home):
    from interviewprep.speech.microphone import microphone_problem

    if microphone_problem() is None:
        pytest.skip("this machine has a microphone; the no-microphone path cannot be shown")
    proc, out = _start(None)
    out.wait_for("Voice answers are unavailable", proc)
    _type(proc, "\n".join(TYPED) + "\n")
    assert _stop(proc, signal.SIGHUP) == "\n".join(TYPED)


class _StopWhenHeard(io.StringIO):
    """Standard input of a candidate who presses Enter to record and is then stopped by a
    signal (raised where the handler raises it: in readline) once a stretch is transcribed."""

    def __init__(self, typed: list[str]) -> None:
        super().__init__()
        self.typed = typed
        self.calls = 0

    def readline(self, *_args) -> str:
        from interviewprep.cli.plain import _Stopped

        self.calls += 1
        if self.calls == 1:
            return "\n"  # start recording
        deadline = time.monotonic() + 120  # a hang guard, not a speed limit
        while not self.typed and time.monotonic() < deadline:
            time.sleep(0.05)
        raise _Stopped(signal.SIGTERM)


@pytest.mark.slow
def test_a_signal_while_recording_keeps_what_was_transcribed_so_far(tmp_path, monkeypatch):
    """A 34 s answer: its first stretch is transcribed while the recording goes on, and that
    is what a signal keeps."""
    from interviewprep.cli.plain import _Stopped, _VoiceAnswers

    monkeypatch.setenv("INTERVIEWPREP_AUDIO_INPUT",
                       str(speak(STAKEHOLDER_ANSWER, tmp_path / "long.wav")))
    typed: list[str] = []
    voice = _VoiceAnswers(lambda _text="": None, _StopWhenHeard(typed))
    assert voice.problem is None
    with pytest.raises(_Stopped):
        voice.read(typed, lambda _lines: None)
    assert typed, "the first stretch was transcribed before the signal"
    heard = typed[0].lower()
    assert "last job" in heard, heard
    assert "timetable" not in heard, "only what was transcribed so far, not the end"
