"""`interviewprep transcribe` and `score --answer-audio` as a user runs them (DESIGN.md contract)."""

from __future__ import annotations

import json
import subprocess

import pytest

from support.cli import run_cli
from support.speech import STAKEHOLDER_ANSWER, silence, word_error_rate

pytestmark = pytest.mark.slow
QUESTION = "adapt-failed-go-live-recovery"  # expects situation, action, risk, result, lessons


def _seconds(path) -> float:
    return float(subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True,
                                check=True).stdout)


def test_transcribe_json_follows_the_contract(spoken_answer_wav):
    result = run_cli("transcribe", str(spoken_answer_wav), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"text", "duration_s", "words_per_minute", "fillers"} <= set(data)
    assert word_error_rate(STAKEHOLDER_ANSWER, data["text"]) <= 0.15, data["text"]
    seconds = _seconds(spoken_answer_wav)
    assert data["duration_s"] == pytest.approx(seconds, abs=0.05)
    words = len(data["text"].split())
    assert data["words_per_minute"] == pytest.approx(words * 60 / seconds, abs=0.2)
    assert data["fillers"] == 0 and data["delivery"]["speaking_time"] == "short"


def test_transcribe_prints_text_and_delivery(spoken_answer_wav):
    result = run_cli("transcribe", str(spoken_answer_wav))
    assert result.returncode == 0, result.stderr
    assert "network" in result.stdout and "Delivery:" in result.stdout and " wpm " in result.stdout


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(b"not audio at all\n" * 50), "not readable audio"),
    (lambda p: p.write_bytes(b""), "the file is empty"),
    (lambda p: silence(p, 3), "is silent"),
    (lambda p: None, "no such file"),
])
def test_transcribe_refuses_what_is_not_a_spoken_answer(tmp_path, make, message):
    path = tmp_path / "take.wav"
    make(path)
    result = run_cli("transcribe", str(path))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_score_answer_audio_scores_the_transcript_with_the_real_duration(spoken_answer_wav):
    result = run_cli("score", "--question", QUESTION, "--answer-audio", str(spoken_answer_wav),
                     "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert word_error_rate(STAKEHOLDER_ANSWER, data["transcript"]) <= 0.15
    assert data["id"] == QUESTION and 0 <= data["overall"] <= 100
    elements = {e["id"]: e for e in data["elements"]}
    assert elements["risk"]["covered"] and "risk" in elements["risk"]["evidence"]
    assert not elements["lessons"]["covered"] or "learned" in data["transcript"]
    seconds = _seconds(spoken_answer_wav)
    assert data["signals"]["speaking_seconds"] == round(seconds)
    assert data["signals"]["length_verdict"] == "short"
    assert data["delivery"]["duration_s"] == pytest.approx(seconds, abs=0.05)


def test_score_answer_audio_fails_fast_on_a_broken_wav(tmp_path):
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x10\x00\x00\x00WAVEjunkjunk")
    result = run_cli("score", "--question", QUESTION, "--answer-audio", str(broken))
    assert result.returncode == 2
    assert "not readable audio" in result.stderr and "Traceback" not in result.stderr
    assert "Loading the speech model" not in result.stderr  # refused before any model loads


def test_score_takes_text_or_audio_not_both(tmp_path, spoken_answer_wav):
    text = tmp_path / "a.txt"
    text.write_text("An answer.")
    result = run_cli("score", "--question", QUESTION, "--answer-file", str(text),
                     "--answer-audio", str(spoken_answer_wav))
    assert result.returncode == 2 and "one of --answer-file" in result.stderr


def test_plain_voice_records_transcribes_and_keeps_delivery(tmp_path, isolated_home):
    from support.speech import speak

    wav = speak("When our supplier was late, I moved the testing forward, told the sponsor the "
                "same day, and we still opened the site on time.", tmp_path / "short.wav")
    # Enter starts recording, Enter stops, Enter keeps the transcript; then end of input.
    result = run_cli("practice", "--plain", "--voice", "--count", "1", "--seed", "2",
                     "--no-follow-ups", stdin="\n\n\n",
                     env={"INTERVIEWPREP_AUDIO_INPUT": str(wav)})
    assert result.returncode == 0, result.stderr
    assert "Transcript: When our supplier" in result.stdout
    assert "Spoken delivery:" in result.stdout and "wpm" in result.stdout
    saved = json.loads(next((isolated_home / "data" / "transcripts").glob("*.json")).read_text())
    attempt = saved["turns"][0]["attempts"][0]
    assert attempt["answer"].startswith("When our supplier")
    assert attempt["delivery"]["duration_s"] == pytest.approx(_seconds(wav), abs=0.05)


def test_plain_voice_without_a_microphone_says_so_once_and_reads_typing(isolated_home):
    from interviewprep.speech.microphone import microphone_problem

    if microphone_problem() is None:
        pytest.skip("this machine has a microphone; the no-microphone path cannot be shown")
    result = run_cli("practice", "--plain", "--voice", "--count", "2", "--seed", "2",
                     "--no-follow-ups", stdin="We moved testing forward.\n\n\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Voice answers are unavailable") == 1
    assert "Overall:" in result.stdout
    saved = json.loads(next((isolated_home / "data" / "transcripts").glob("*.json")).read_text())
    assert saved["turns"][0]["attempts"][0]["delivery"] is None
