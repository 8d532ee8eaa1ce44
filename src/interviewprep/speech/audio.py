"""Recordings as the transcriber wants them: 16 kHz mono float32 samples, checked first.

A file is decoded with PyAV (through faster-whisper's `decode_audio`), so WAV and most other
formats work; a microphone delivers the same samples block by block (see live.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import NoSpeech, RecordingTooLong, UnreadableAudio

SAMPLE_RATE = 16_000
"""Whisper's rate: every recording is resampled to it."""
MAX_SECONDS = 600.0
"""Ten minutes: far beyond a 1-2 minute answer, and still transcribed in well under a minute."""
MIN_SECONDS = 0.5
"""Shorter than this cannot hold a spoken answer."""
FRAME = SAMPLE_RATE * 30 // 1000
"""30 ms frames for the loudness checks."""
VOICE_RMS = 0.006
"""A frame quieter than this (about -44 dBFS) counts as silence."""
MIN_VOICED_SECONDS = 0.3


@dataclass
class Recording:
    """Mono samples at SAMPLE_RATE, -1..1."""

    samples: np.ndarray
    source: str = "recording"
    """Where it came from, for messages: a file name or 'the microphone'."""

    @property
    def duration_s(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def frame_rms(samples: np.ndarray) -> np.ndarray:
    """Root-mean-square loudness of each 30 ms frame."""
    usable = len(samples) - len(samples) % FRAME
    if usable == 0:
        return np.zeros(0, dtype=np.float32)
    frames = samples[:usable].reshape(-1, FRAME).astype(np.float32)
    return np.sqrt(np.mean(frames * frames, axis=1))


def level_dbfs(block: np.ndarray) -> float:
    """Loudness of a block in dB below full scale (-90 for digital silence), for level meters."""
    if block.size == 0:
        return -90.0
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float32))))
    return max(-90.0, 20 * float(np.log10(rms))) if rms > 0 else -90.0


def silent_stretches(samples: np.ndarray, min_seconds: float) -> list[tuple[float, float]]:
    """(start, end) seconds of each quiet stretch of at least `min_seconds` between the first
    and the last sound: Whisper's word times can run across a pause, the samples cannot."""
    loud = frame_rms(samples) >= VOICE_RMS
    voiced = np.flatnonzero(loud)
    if voiced.size < 2:
        return []
    stretches, run_start = [], None
    for index in range(int(voiced[0]), int(voiced[-1]) + 1):
        if not loud[index]:
            run_start = index if run_start is None else run_start
        elif run_start is not None:
            if (index - run_start) * FRAME / SAMPLE_RATE >= min_seconds:
                stretches.append((run_start * FRAME / SAMPLE_RATE, index * FRAME / SAMPLE_RATE))
            run_start = None
    return [(round(a, 2), round(b, 2)) for a, b in stretches]


def check_recording(recording: Recording) -> Recording:
    """Refuse recordings that are too short, too long or silent, with a message saying which."""
    seconds = recording.duration_s
    if seconds > MAX_SECONDS:
        raise RecordingTooLong(
            f"{recording.source} is {seconds / 60:.1f} minutes long; the limit is "
            f"{MAX_SECONDS / 60:.0f} minutes (an answer should take 1-2 minutes)")
    if seconds < MIN_SECONDS:
        raise NoSpeech(f"{recording.source} is only {seconds:.2f} s long: too short to hold an answer")
    voiced = float(np.count_nonzero(frame_rms(recording.samples) >= VOICE_RMS)) * FRAME / SAMPLE_RATE
    if voiced < MIN_VOICED_SECONDS:
        raise NoSpeech(f"{recording.source} is silent: no speech was heard (check the microphone "
                       "or the file)")
    return recording


def read_audio_file(path: Path) -> Recording:
    """Decode an audio file to 16 kHz mono; UnreadableAudio for anything that is not audio."""
    name = str(path)
    if not path.is_file():
        raise UnreadableAudio(f"cannot read {name}: no such file")
    if path.stat().st_size == 0:
        raise UnreadableAudio(f"cannot read {name}: the file is empty")
    try:
        import av
        from faster_whisper import decode_audio
    except ImportError as exc:
        raise UnreadableAudio(f"cannot read {name}: faster-whisper is not installed "
                              "(run `make run`)") from exc
    try:
        with av.open(name) as container:
            if not container.streams.audio:
                raise UnreadableAudio(f"cannot read {name}: it holds no audio")
            if container.duration and container.duration / 1e6 > MAX_SECONDS * 1.5:
                raise RecordingTooLong(
                    f"{name} is {container.duration / 6e7:.1f} minutes long; the limit is "
                    f"{MAX_SECONDS / 60:.0f} minutes (an answer should take 1-2 minutes)")
        samples = decode_audio(name, sampling_rate=SAMPLE_RATE)
    except (av.error.FFmpegError, OSError, ValueError) as exc:  # InvalidDataError is both
        detail = getattr(exc, "strerror", None) or str(exc)
        raise UnreadableAudio(f"cannot read {name}: not readable audio ({detail})") from exc
    return check_recording(Recording(np.asarray(samples, dtype=np.float32), source=name))
