"""Where recorded blocks come from: the microphone, or a file played back as if spoken.

Both call `on_block(samples)` from a thread of their own, 0.1 s at a time, and stop with
`stop()`; the TUI and plain mode take either, so a WAV file drives exactly the path a
microphone does (tests and benchmarks use that).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import numpy as np

from .audio import SAMPLE_RATE, read_audio_file

BlockSink = Callable[[np.ndarray], None]


class AudioInput(Protocol):
    """A running recording; blocks go to the sink given when it was opened."""

    def stop(self) -> None: ...


AudioInputFactory = Callable[[BlockSink], AudioInput]
"""Opens an input that feeds `on_block`; raises MicrophoneUnavailable when it cannot."""


def open_microphone(on_block: BlockSink) -> AudioInput:
    from .microphone import Microphone

    return Microphone(on_block)


class FilePlayback:
    """Plays a recording into `on_block` in 0.1 s blocks at `speed` times real time (0: as
    fast as possible), then goes quiet until stopped, like a microphone nobody speaks into."""

    def __init__(self, path: Path, on_block: BlockSink, *, speed: float = 1.0) -> None:
        self.samples = read_audio_file(path).samples
        self._on_block = on_block
        self._speed = speed
        self._stop = threading.Event()
        self.finished = threading.Event()
        """Set once the whole file has been fed."""
        self._thread = threading.Thread(target=self._run, name="file-playback", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        step = SAMPLE_RATE // 10
        for offset in range(0, len(self.samples), step):
            if self._stop.is_set():
                return
            self._on_block(self.samples[offset:offset + step])
            if self._speed > 0:
                time.sleep(0.1 / self._speed)
        self.finished.set()

    def stop(self) -> None:
        """Stop once the file has played to its end: a recording on disk is the whole answer."""
        self.finished.wait(timeout=len(self.samples) / SAMPLE_RATE / max(self._speed, 1.0) + 10)
        self._stop.set()
        self._thread.join(timeout=5)


def file_playback(path: Path, *, speed: float = 1.0) -> AudioInputFactory:
    """An AudioInputFactory that plays `path` instead of opening the microphone."""
    return lambda on_block: FilePlayback(path, on_block, speed=speed)


def input_from_environment() -> AudioInputFactory | None:
    """INTERVIEWPREP_AUDIO_INPUT=FILE.wav: play that file, as fast as it reads, for recording."""
    import os

    value = os.environ.get("INTERVIEWPREP_AUDIO_INPUT")
    return file_playback(Path(value), speed=0.0) if value else None
