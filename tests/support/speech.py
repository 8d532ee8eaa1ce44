"""Spoken test answers made on the spot with espeak-ng and sox (Debian packages installed by
`make test`); without them the speech tests skip and say why."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

VOICE = ["-v", "en-us", "-s", "140"]

STAKEHOLDER_ANSWER = (
    "In my last job I led the move of forty offices to a new network. I was responsible for the "
    "plan and the budget. The main risk was losing the network during working hours, so I "
    "planned every change at night and kept a way back ready. I met the regional directors each "
    "week and agreed the order of the sites with them. We finished two weeks early, cut network "
    "costs by thirty percent, and had no outage during the working day. I learned to agree the "
    "timetable with the business before anything else."
)
"""About 95 words, 34 s when spoken: one complete 15 s live chunk before the end, and the rest."""


def require_speech_tools() -> None:
    missing = [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (Debian: apt-get install espeak-ng "
                    "sox; `make test` installs them when run as root)")


def speak(text: str, path: Path, *, pause_after_s: float = 0.0) -> Path:
    """A WAV of espeak-ng saying `text`, with `pause_after_s` of silence appended."""
    require_speech_tools()
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", *VOICE, "-w", str(raw), text], check=True, capture_output=True)
    if pause_after_s:
        subprocess.run(["sox", str(raw), str(path), "pad", "0", str(pause_after_s)], check=True,
                       capture_output=True)
        raw.unlink()
    else:
        raw.rename(path)
    return path


def join_wavs(parts: list[Path], path: Path) -> Path:
    subprocess.run(["sox", *map(str, parts), str(path)], check=True, capture_output=True)
    return path


def silence(path: Path, seconds: float) -> Path:
    require_speech_tools()
    subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(path), "trim", "0", str(seconds)],
                   check=True, capture_output=True)
    return path


def normalise_for_wer(text: str) -> str:
    """Lower case, numbers as words ('30%' -> 'thirty percent'), no punctuation: so a word
    error is a wrong word, not a different way of writing the same one."""
    import re

    from num2words import num2words

    text = text.replace("%", " percent")
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    text = re.sub(r"\d+", lambda m: f" {num2words(int(m.group()))} ", text)
    text = re.sub(r"[^a-z' ]", " ", text.lower().replace("-", " "))
    return " ".join(text.split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    import jiwer

    return float(jiwer.wer(normalise_for_wer(reference), normalise_for_wer(hypothesis)))
