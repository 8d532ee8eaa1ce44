"""Answering out loud in the TUI: F6 records (here a WAV file played through the microphone's
path), the transcript lands in the answer box, the feedback adds delivery, the transcript keeps it."""

from __future__ import annotations

import asyncio
import json
import subprocess

import pytest

from interviewprep.interview import SessionSettings
from interviewprep.speech.errors import MicrophoneUnavailable
from interviewprep.speech.sources import FilePlayback
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.screens.interview import InterviewScreen
from interviewprep.tui.widgets.feedback import FeedbackPanel
from interviewprep.tui.widgets.recording import RecordingBar
from support.speech import STAKEHOLDER_ANSWER, require_speech_tools, word_error_rate
from support.tui import (
    FixedFeedbackScorerDouble,
    StillClock,
    masked_path,
    snapshot_bank,
    wait_for_scorer,
)

QUESTION = "adapt-failed-go-live-recovery"


class Player:
    """Opens a FilePlayback of `path` (as fast as it can read) and remembers it."""

    def __init__(self, path, speed: float = 0.0) -> None:
        self.path, self.speed, self.opened = path, speed, []

    def __call__(self, on_block):
        playback = FilePlayback(self.path, on_block, speed=self.speed)
        self.opened.append(playback)
        return playback


def _notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def _until(pilot, condition, timeout: float = 120.0) -> None:
    waited = 0.0
    while not condition() and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
    assert condition()


@pytest.mark.slow
def test_spoken_answer_is_transcribed_scored_and_kept(isolated_home, spoken_answer_wav, transcriber):
    asyncio.run(_spoken_answer(isolated_home, spoken_answer_wav))


async def _spoken_answer(home, wav):
    player = Player(wav)
    app = InterviewPrepApp(SessionSettings(question_ids=[QUESTION], follow_ups=False),
                           cursor_blink=False, audio_input=player)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        screen.box.insert("Here is my answer.")
        await pilot.press("f6")
        bar = screen.query_one(RecordingBar)
        assert bar.state == "recording" and screen.box.read_only
        await _until(pilot, lambda: player.opened[0].finished.is_set())
        await _until(pilot, lambda: bar.elapsed > 30)
        assert str(bar.render()).startswith("● REC 0:3")  # the file ends in silence: meter empty
        # The first 20 s were transcribed while "speaking": text is in the box before the stop.
        await _until(pilot, lambda: "network" in screen.box.text)
        await pilot.press("f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert bar.state == "idle" and not screen.box.read_only
        text = screen.box.text
        assert text.startswith("Here is my answer.\n\n")
        assert word_error_rate(STAKEHOLDER_ANSWER, text.split("\n\n", 1)[1]) <= 0.15, text
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = str(screen.query_one("#fb-delivery").render())
        assert "wpm" in panel and "Spoken" in panel
        assert screen.query_one(FeedbackPanel).has_class("-has-feedback")
    saved = json.loads(next((home / "data" / "transcripts").glob("*.json")).read_text())
    attempt = saved["turns"][0]["attempts"][0]
    seconds = float(subprocess.run(["soxi", "-D", str(wav)], capture_output=True, text=True).stdout)
    assert attempt["answer"] == text
    assert attempt["delivery"]["duration_s"] == pytest.approx(seconds, abs=0.05)
    assert attempt["feedback"]["signals"]["speaking_seconds"] == round(seconds)


class NoMicrophoneDouble:
    """An audio input that fails the way a machine without a microphone does."""

    def __call__(self, on_block):
        raise MicrophoneUnavailable("no microphone found (no default audio input device)")


def _layout_app(tmp_path, **kw) -> InterviewPrepApp:
    bank = snapshot_bank(tmp_path / "bank")
    app = InterviewPrepApp(scorer_loader=lambda _p: FixedFeedbackScorerDouble(bank.elements),
                           clock=StillClock(), show_path=masked_path, cursor_blink=False, **kw)
    app.bank = bank
    return app


def test_without_a_microphone_the_app_says_so_once_and_typing_works(tmp_path):
    asyncio.run(_no_microphone(tmp_path))


async def _no_microphone(tmp_path):
    app = _layout_app(tmp_path, audio_input=NoMicrophoneDouble())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_scorer(pilot)
        app.start_session(SessionSettings(question_ids=["snap-risk-story"], follow_ups=False, seed=3))
        await pilot.pause()
        screen = app.screen
        await pilot.press("f6")
        await pilot.press("f6")
        await pilot.pause()
        notes = _notes(app)
        assert sum("no microphone found" in n for n in notes) == 1, notes
        assert sum("unavailable here" in n for n in notes) == 1, notes
        assert screen.query_one(RecordingBar).state == "idle"
        await pilot.press(*"We shipped it.")
        assert screen.box.text == "We shipped it." and not screen.box.read_only
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.session.transcript.turns[0].attempts[0].delivery is None


def test_recording_snapshot(snap_compare, tmp_path):
    require_speech_tools()
    tone = tmp_path / "tone.wav"
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(tone), "synth", "3.2", "sine",
                    "440", "vol", "0.25"], check=True)
    player = Player(tone)

    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_for_scorer(pilot)
        app.start_session(SessionSettings(question_ids=["snap-risk-story"], follow_ups=False, seed=3))
        await pilot.pause()
        await pilot.press("f6")
        await _until(pilot, lambda: player.opened and player.opened[0].finished.is_set())
        bar = app.screen.query_one(RecordingBar)
        await _until(pilot, lambda: bar.elapsed >= 3.2)
        await pilot.pause(0.2)

    assert snap_compare(_layout_app(tmp_path, audio_input=player), terminal_size=(120, 36),
                        run_before=run_before)
