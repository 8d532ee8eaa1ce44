"""Voice answers for a whole app run: which input to open, and the speech model, loaded once.

The TUI and plain mode each hold one `Voice`. Nothing heavy is imported until the candidate
first records: the microphone check imports sounddevice, the first transcription the model.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

AUDIO_INPUT_ENV = "INTERVIEWPREP_AUDIO_INPUT"
"""Set to a WAV file, recording plays that file instead of the microphone (scripts, tests)."""

if TYPE_CHECKING:
    from .sources import AudioInput, AudioInputFactory, BlockSink
    from .transcribe import Transcriber


class Voice:
    """Recording and transcription, shared by every screen of one run."""

    def __init__(self, audio_input: AudioInputFactory | None = None) -> None:
        """`audio_input` replaces the microphone (a WAV file played back, in tests); without
        it, INTERVIEWPREP_AUDIO_INPUT=FILE.wav does the same for scripts."""
        if audio_input is None and os.environ.get(AUDIO_INPUT_ENV):
            from .sources import input_from_environment

            audio_input = input_from_environment()
        self.audio_input = audio_input
        self.told_unavailable = False
        """The user was told once why voice answers are unavailable."""
        self._transcriber: Transcriber | None = None
        self._lock = threading.Lock()

    def problem(self) -> str | None:
        """Why recording cannot work here (no audio library, no microphone), or None."""
        if self.audio_input is not None:
            return None
        from .microphone import microphone_problem

        return microphone_problem()

    def open(self, on_block: BlockSink) -> AudioInput:
        """Start recording into `on_block`; MicrophoneUnavailable when it cannot."""
        if self.audio_input is not None:
            return self.audio_input(on_block)
        from .sources import open_microphone

        return open_microphone(on_block)

    def transcriber(self) -> Transcriber:
        """The speech model, loaded on first use (call it from a worker thread)."""
        with self._lock:
            if self._transcriber is None:
                from .transcribe import Transcriber

                self._transcriber = Transcriber.load()
            return self._transcriber

    @property
    def loaded(self) -> bool:
        return self._transcriber is not None
