"""Spoken answers with the real model: espeak-ng recordings through the microphone's path."""

from __future__ import annotations

import subprocess
import threading

import pytest

from interviewprep.speech.audio import SAMPLE_RATE, read_audio_file
from interviewprep.speech.delivery import assess_delivery
from interviewprep.speech.errors import NoSpeech, UnreadableAudio
from interviewprep.speech.live import LiveTranscription, play_file
from support.speech import (
    STAKEHOLDER_ANSWER,
    join_wavs,
    silence,
    speak,
    word_error_rate,
)


def _sox_seconds(path) -> float:
    return float(subprocess.run(["soxi", "-D", str(path)], capture_output=True, text=True,
                                check=True).stdout)


def test_live_path_transcribes_in_chunks_while_recording(transcriber, spoken_answer_wav):
    recording = read_audio_file(spoken_answer_wav)
    partial: list[str] = []
    seen_before_finish = threading.Event()

    def on_text(text: str) -> None:
        partial.append(text)
        seen_before_finish.set()

    live = LiveTranscription(lambda: transcriber, source="the test recording",
                             chunk_seconds=15.0, on_text=on_text)
    play_file(recording, live)
    # A 40 s answer has two complete 15 s stretches: the first is transcribed before the end.
    assert seen_before_finish.wait(60)
    answer = live.finish()
    assert len(partial) >= 2 and partial[0] and len(partial[0]) < len(answer.text)
    assert word_error_rate(STAKEHOLDER_ANSWER, answer.text) <= 0.15, answer.text
    assert answer.duration_s == pytest.approx(_sox_seconds(spoken_answer_wav), abs=0.05)
    assert answer.words[0].start < 1.0 and answer.words[-1].end <= answer.duration_s + 0.5
    delivery = assess_delivery(answer)
    # Pace is words over the file's real length (espeak-ng's -s 140 comes out near 160 wpm
    # on these short words).
    seconds = _sox_seconds(spoken_answer_wav)
    assert delivery.words_per_minute == pytest.approx(answer.word_count * 60 / seconds, abs=0.1)
    assert 130 <= delivery.words_per_minute <= 190
    assert delivery.speaking_time == "short" and not delivery.long_pauses


def test_whole_file_and_live_path_agree(transcriber, spoken_answer_wav):
    recording = read_audio_file(spoken_answer_wav)
    whole = transcriber.transcribe(recording)
    live = LiveTranscription(lambda: transcriber, chunk_seconds=15.0)
    play_file(recording, live)
    assert word_error_rate(whole.text, live.finish().text) <= 0.1


def test_spoken_fillers_are_kept_and_counted(transcriber, tmp_path):
    wav = speak("Um, so, we had, uh, a big problem with the vendor. Um, I called them, and we "
                "agreed on a new date. It was, like, a hard week, you know.", tmp_path / "f.wav")
    answer = transcriber.transcribe(read_audio_file(wav))
    assert answer.fillers.get("um", 0) >= 2, answer.text
    assert answer.filler_count >= 4, answer.text


def test_a_long_pause_is_reported_after_the_word_before_it(transcriber, tmp_path):
    first = speak("I planned the migration carefully.", tmp_path / "a.wav", pause_after_s=3.0)
    second = speak("Then we delivered it on time.", tmp_path / "b.wav")
    answer = transcriber.transcribe(read_audio_file(join_wavs([first, second], tmp_path / "c.wav")))
    pauses = assess_delivery(answer).long_pauses
    assert len(pauses) == 1 and pauses[0].length_s >= 2.5
    assert pauses[0].after.strip(",.").lower() == "carefully"


@pytest.mark.parametrize(("content", "error", "words"), [
    (b"", UnreadableAudio, "empty"),
    (b"this is a text file, not audio\n" * 20, UnreadableAudio, "not readable audio"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00" + b"\x00" * 8, UnreadableAudio, "not readable"),
])
def test_broken_files_get_a_clear_error(tmp_path, content, error, words):
    path = tmp_path / "broken.wav"
    path.write_bytes(content)
    with pytest.raises(error, match=words):
        read_audio_file(path)


def test_a_wav_cut_after_its_header_holds_no_answer(tmp_path, spoken_answer_wav):
    path = tmp_path / "cut.wav"
    path.write_bytes(spoken_answer_wav.read_bytes()[:44])
    with pytest.raises((NoSpeech, UnreadableAudio)):
        read_audio_file(path)


def test_a_silent_recording_is_refused_before_the_model_runs(tmp_path):
    with pytest.raises(NoSpeech, match="silent"):
        read_audio_file(silence(tmp_path / "quiet.wav", 3))


def test_the_live_path_refuses_silence_too(transcriber):
    import numpy as np

    live = LiveTranscription(lambda: transcriber)
    live.feed(np.zeros(SAMPLE_RATE * 2, dtype=np.float32))
    with pytest.raises(NoSpeech):
        live.finish()
