"""The path a microphone feeds: blocks of samples in, text out while the candidate speaks.

`LiveTranscription.feed` is called from the audio thread (or by `play_file` for a recording on
disk, which is how tests and benchmarks drive it). A background thread transcribes each ~20 s
stretch as soon as it is complete, cutting at the quietest moment near its end so no word is
split; `finish` then only has the last stretch left, so the text is there seconds after the
candidate stops, however long they spoke.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from .audio import (
    MAX_SECONDS,
    SAMPLE_RATE,
    Recording,
    check_recording,
    frame_rms,
    level_dbfs,
    silent_stretches,
)
from .errors import NoSpeech, RecordingTooLong
from .spoken import ChunkText, SpokenAnswer, join_chunks
from .transcribe import LONG_PAUSE_S, Transcriber

CHUNK_SECONDS = 20.0
"""Transcribe in stretches of about this length (Whisper reads 30 s windows)."""
CUT_SEARCH_SECONDS = 5.0
"""Look this far back from a stretch's end for a quiet place to cut."""
_CUT_FRAME = SAMPLE_RATE // 10


def quiet_cut(samples: np.ndarray, start: int, end: int) -> int:
    """The sample index of the quietest 100 ms in [end - CUT_SEARCH_SECONDS, end]."""
    low = max(start, end - int(CUT_SEARCH_SECONDS * SAMPLE_RATE))
    window = samples[low:end]
    usable = len(window) - len(window) % _CUT_FRAME
    if usable < _CUT_FRAME:
        return end
    energy = np.mean(np.square(window[:usable].reshape(-1, _CUT_FRAME)), axis=1)
    quietest = int(np.argmin(energy))
    return low + quietest * _CUT_FRAME + _CUT_FRAME // 2


class LiveTranscription:
    """One answer being recorded: keeps every sample, transcribes complete stretches early."""

    def __init__(self, transcriber: Callable[[], Transcriber], *, source: str = "the recording",
                 chunk_seconds: float = CHUNK_SECONDS,
                 on_text: Callable[[str], None] | None = None) -> None:
        """`transcriber` is called in the background thread on first need (it may load the
        model); `on_text` gets the text so far each time a stretch is transcribed."""
        self._get_transcriber = transcriber
        self.source = source
        self.chunk_samples = int(chunk_seconds * SAMPLE_RATE)
        self.on_text = on_text
        self._blocks: list[np.ndarray] = []
        self._total = 0
        self._done_upto = 0
        """Samples before this index are transcribed."""
        self._chunks: list[ChunkText] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self.too_long = False
        """Set once the recording reached MAX_SECONDS: later blocks are dropped."""
        self.level_db = -90.0
        """Loudness of the latest block, for the level meter."""
        self.error: BaseException | None = None
        self._worker = threading.Thread(target=self._run, name="speech-chunks", daemon=True)
        self._worker.start()

    # ------------------------------------------------------------ audio thread side
    def feed(self, block: np.ndarray) -> None:
        """Add samples (16 kHz mono float32); cheap, safe from an audio callback."""
        block = np.asarray(block, dtype=np.float32).reshape(-1)
        self.level_db = level_dbfs(block)
        with self._lock:
            if self._stopped or self.too_long:
                return
            room = int(MAX_SECONDS * SAMPLE_RATE) - self._total
            if len(block) >= room:
                block = block[:room]
                self.too_long = True
            self._blocks.append(block.copy())
            self._total += len(block)
        if self._total - self._done_upto >= self.chunk_samples + int(2 * SAMPLE_RATE):
            self._wake.set()

    @property
    def elapsed_s(self) -> float:
        return self._total / SAMPLE_RATE

    # ------------------------------------------------------------ background chunks
    def _samples(self) -> np.ndarray:
        with self._lock:
            if len(self._blocks) > 1:
                self._blocks = [np.concatenate(self._blocks)]
            return self._blocks[0] if self._blocks else np.zeros(0, dtype=np.float32)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            with self._lock:
                if self._stopped:
                    return
            try:
                self._transcribe_ready()
            except BaseException as exc:  # noqa: BLE001 - reported by finish()
                self.error = exc
                return

    def _transcribe_ready(self) -> None:
        samples = self._samples()
        # Leave 2 s after a stretch so the cut search sees what follows the words.
        while len(samples) - self._done_upto >= self.chunk_samples + int(2 * SAMPLE_RATE):
            start = self._done_upto
            cut = quiet_cut(samples, start, start + self.chunk_samples)
            self._transcribe(samples, start, cut)
            with self._lock:
                if self._stopped:
                    return

    def _transcribe(self, samples: np.ndarray, start: int, end: int) -> None:
        stretch = samples[start:end]
        if np.count_nonzero(frame_rms(stretch) >= 0.006):
            chunk = self._get_transcriber().transcribe_samples(
                stretch, offset=start / SAMPLE_RATE, before=self.text_so_far)
            self._chunks.append(chunk)
        self._done_upto = end
        if self.on_text:
            self.on_text(self.text_so_far)

    @property
    def text_so_far(self) -> str:
        return " ".join(c.text for c in self._chunks if c.text)

    # ------------------------------------------------------------ the end
    def finish(self) -> SpokenAnswer:
        """Stop, transcribe what is left, and return the whole answer."""
        with self._lock:
            self._stopped = True
        self._wake.set()
        self._worker.join()
        if self.error is not None:
            raise self.error
        samples = self._samples()
        check_recording(Recording(samples, source=self.source))
        if len(samples) > self._done_upto:
            self._transcribe(samples, self._done_upto, len(samples))
        answer = join_chunks(self._chunks, len(samples) / SAMPLE_RATE,
                             silent_stretches(samples, LONG_PAUSE_S))
        if not answer.text:
            raise NoSpeech(f"no words could be made out in {self.source}")
        return answer

    def cancel(self) -> None:
        with self._lock:
            self._stopped = True
        self._wake.set()


def play_file(recording: Recording, live: LiveTranscription, *, block_seconds: float = 0.1,
              realtime: bool = False) -> None:
    """Feed a recording to `live` block by block, as a microphone would (optionally at speed 1)."""
    step = int(block_seconds * SAMPLE_RATE)
    for offset in range(0, len(recording.samples), step):
        live.feed(recording.samples[offset:offset + step])
        if realtime:
            time.sleep(block_seconds)
        elif offset // step % 50 == 0:
            time.sleep(0)  # let the chunk thread run, as it would between real blocks
    if live.too_long:
        raise RecordingTooLong(f"{recording.source} is longer than {MAX_SECONDS / 60:.0f} minutes")
