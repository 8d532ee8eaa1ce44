"""The default microphone, through sounddevice (PortAudio).

Imported only when the candidate records. Without the PortAudio library (Debian:
libportaudio2) or without an input device, `microphone_problem()` says so in one sentence and
the app carries on with typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .audio import SAMPLE_RATE
from .errors import MicrophoneUnavailable

BLOCK_SECONDS = 0.1


def _sounddevice() -> Any:
    try:
        import sounddevice
    except ImportError as exc:
        raise MicrophoneUnavailable(
            "voice answers need the Python package 'sounddevice' (run `make run`)") from exc
    except OSError as exc:  # the package is there but PortAudio is not
        raise MicrophoneUnavailable(
            "voice answers need the PortAudio library (Debian/Ubuntu: sudo apt-get install "
            "libportaudio2; macOS: brew install portaudio)") from exc
    return sounddevice


def microphone_problem() -> str | None:
    """Why recording cannot work here, or None when a default input device is there."""
    try:
        sd = _sounddevice()
        device = sd.query_devices(kind="input")
    except MicrophoneUnavailable as exc:
        return str(exc)
    except Exception:  # noqa: BLE001 - PortAudio reports a missing device in several ways
        return "no microphone found (no default audio input device)"
    if not device or int(device.get("max_input_channels", 0)) < 1:
        return "no microphone found (no default audio input device)"
    return None


def _resampler(rate: int) -> Callable[[np.ndarray], np.ndarray]:
    if rate == SAMPLE_RATE:
        return lambda block: block
    ratio = SAMPLE_RATE / rate

    def resample(block: np.ndarray) -> np.ndarray:
        n = max(1, round(len(block) * ratio))
        return np.interp(np.linspace(0, len(block) - 1, n), np.arange(len(block)), block)

    return resample


class Microphone:
    """Records from the default input device, handing 16 kHz mono blocks to `on_block`."""

    def __init__(self, on_block: Callable[[np.ndarray], None]) -> None:
        sd = _sounddevice()
        problem = microphone_problem()
        if problem:
            raise MicrophoneUnavailable(problem)
        rate = SAMPLE_RATE
        try:
            sd.check_input_settings(samplerate=SAMPLE_RATE, channels=1, dtype="float32")
        except Exception:  # noqa: BLE001 - record at the device's own rate and resample
            rate = int(sd.query_devices(kind="input")["default_samplerate"])
        convert = _resampler(rate)

        def callback(indata: np.ndarray, frames: int, time_info: Any, status: Any) -> None:
            on_block(convert(indata[:, 0].astype(np.float32)))

        try:
            self._stream = sd.InputStream(samplerate=rate, channels=1, dtype="float32",
                                          blocksize=int(rate * BLOCK_SECONDS), callback=callback)
            self._stream.start()
        except Exception as exc:  # noqa: BLE001 - PortAudio errors carry a readable message
            raise MicrophoneUnavailable(f"the microphone could not be opened: {exc}") from exc

    def stop(self) -> None:
        try:
            self._stream.stop()
            self._stream.close()
        except Exception:  # noqa: BLE001 - stopping a dead stream is not the user's problem
            pass
