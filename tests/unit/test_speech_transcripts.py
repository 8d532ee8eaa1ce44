"""A spoken answer's delivery in the saved transcript, the review text, exports and progress."""

from __future__ import annotations

from interviewprep.speech.delivery import assess_delivery
from interviewprep.speech.spoken import SpokenAnswer, SpokenWord
from interviewprep.transcripts import Attempt, Transcript, TranscriptStore, Turn
from interviewprep.transcripts.export import to_markdown, to_text
from interviewprep.transcripts.index import SessionDigest
from interviewprep.transcripts.progress import progress_report


def _delivery(wpm_words: int, seconds: float, fillers: int = 0) -> dict:
    text = " ".join(["um,"] * fillers + ["word"] * (wpm_words - fillers))
    words = [SpokenWord("word", 0.0, 1.0), SpokenWord("word", 4.0, 5.0)]
    from interviewprep.speech.fillers import count_fillers

    spoken = SpokenAnswer(text=text, duration_s=seconds, words=words, fillers=count_fillers(text))
    return assess_delivery(spoken).to_json()


def _session(*deliveries: dict | None) -> Transcript:
    transcript = Transcript()
    for n, delivery in enumerate(deliveries):
        turn = Turn(question_id=f"q{n}", question_text=f"Question {n}?", category="behavioral",
                    elements=[])
        turn.attempts.append(Attempt(answer="We shipped it.", feedback={"overall": 50 + n,
                                                                        "elements": []},
                                     delivery=delivery))
        transcript.turns.append(turn)
    return transcript


def test_delivery_survives_saving_and_loading():
    store = TranscriptStore()
    transcript = _session(_delivery(150, 60.0, fillers=6), None)
    path = store.save(transcript)
    again = store.load_path(path)
    assert again.turns[0].attempts[0].delivery == transcript.turns[0].attempts[0].delivery
    assert again.turns[1].attempts[0].delivery is None


def test_review_text_and_markdown_show_spoken_delivery():
    transcript = _session(_delivery(150, 60.0, fillers=6), None)
    text, markdown = to_text(transcript), to_markdown(transcript)
    for out in (text, markdown):
        assert "Spoken: 150 wpm (comfortable) · 6 fillers (6.0/min) · 1 long pause" in out
        assert out.count("Spoken:") == 1  # the typed answer has none
        assert "filler words" in out  # the note on 6 fillers a minute


def test_progress_averages_the_spoken_answers_only():
    earlier, later = _session(_delivery(120, 60.0), None), _session(_delivery(180, 60.0, fillers=3))
    # The clock is fixed in tests: give the sessions the order the trend is read in.
    earlier.started_at, later.started_at = "2025-03-01T09:00:00+00:00", "2025-03-02T09:00:00+00:00"
    first = SessionDigest.of(earlier, "a.json", 2)
    second = SessionDigest.of(later, "b.json", 2)
    report = progress_report([first, second])
    spoken = report.spoken
    assert spoken.answers == 2 and report.answers == 3
    assert spoken.words_per_minute == 150.0 and spoken.fillers_per_minute == 1.5
    assert spoken.pace.values == [120.0, 180.0]
    assert report.to_json()["spoken"]["answers"] == 2


def test_progress_without_spoken_answers_reports_none():
    report = progress_report([SessionDigest.of(_session(None), "a.json", 2)])
    assert report.spoken.answers == 0 and report.to_json()["spoken"]["words_per_minute"] is None
