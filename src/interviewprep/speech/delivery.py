"""Delivery feedback from the recording itself: pace, fillers, pauses, speaking time.

Pure functions of a SpokenAnswer; the result is kept in the transcript next to the content
feedback, so review and progress can show it later.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..scoring.signals import speaking_time_verdict
from .spoken import SpokenAnswer

PACE_BAND = (110.0, 160.0)
"""Words per minute that listeners find comfortable in an interview."""
TARGET_SECONDS = (60.0, 120.0)
"""A strong answer takes one to two minutes."""
LONG_PAUSE_S = 2.0
"""A silence at least this long is reported (transcribe.py measures them at this length)."""
FILLERS_PER_MINUTE_OK = 3.0
"""Up to this many fillers a minute go unnoticed; more distract."""


@dataclass
class Pause:
    """A silence between two words."""

    at_s: float
    """When it started, seconds into the recording."""
    length_s: float
    after: str
    """The word said just before it."""


@dataclass
class Delivery:
    """How the answer was said, measured on the recording."""

    duration_s: float
    words: int
    words_per_minute: float
    pace: str
    """slow | comfortable | fast, against PACE_BAND."""
    fillers: int
    fillers_per_minute: float
    filler_words: dict[str, int] = field(default_factory=dict)
    long_pauses: list[Pause] = field(default_factory=list)
    speaking_time: str = "good"
    """too short | short | good | long | too long, against 1-2 minutes."""
    notes: list[str] = field(default_factory=list)
    """Plain-language remarks, most useful first."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Delivery:
        known = cls.__dataclass_fields__
        values = {k: v for k, v in data.items() if k in known}
        values["long_pauses"] = [Pause(**p) for p in values.get("long_pauses", [])]
        return cls(**values)

    def summary(self) -> str:
        """One line: '132 wpm (comfortable) · 2 fillers (1.1/min) · 1 long pause · 1:50'."""
        minutes, seconds = divmod(round(self.duration_s), 60)
        pauses = len(self.long_pauses)
        return (f"{self.words_per_minute:.0f} wpm ({self.pace}) · {self.fillers} filler"
                f"{'' if self.fillers == 1 else 's'} ({self.fillers_per_minute:.1f}/min) · "
                f"{pauses} long pause{'' if pauses == 1 else 's'} · {minutes}:{seconds:02d} spoken")


def pace_verdict(words_per_minute: float) -> str:
    if words_per_minute < PACE_BAND[0]:
        return "slow"
    if words_per_minute > PACE_BAND[1]:
        return "fast"
    return "comfortable"


def long_pauses(answer: SpokenAnswer, threshold: float = LONG_PAUSE_S) -> list[Pause]:
    """Silences of `threshold` seconds or more: gaps between consecutive words' times, and
    quiet stretches measured on the samples (Whisper can stretch a word across a pause)."""
    spans = [(before.end, after.start) for before, after
             in zip(answer.words, answer.words[1:], strict=False) if after.start - before.end >= threshold]
    spans += [(a, b) for a, b in answer.silences if b - a >= threshold]
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    found = []
    for start, end in merged:
        before = [w for w in answer.words if w.start < start]
        after = before[-1].text if before else ""
        found.append(Pause(at_s=round(start, 1), length_s=round(end - start, 1), after=after))
    return found


def assess_delivery(answer: SpokenAnswer) -> Delivery:
    minutes = answer.duration_s / 60
    wpm = answer.words_per_minute
    per_minute = round(answer.filler_count / minutes, 2) if minutes > 0 else 0.0
    delivery = Delivery(
        duration_s=round(answer.duration_s, 2),
        words=answer.word_count,
        words_per_minute=wpm,
        pace=pace_verdict(wpm),
        fillers=answer.filler_count,
        fillers_per_minute=per_minute,
        filler_words=dict(answer.fillers),
        long_pauses=long_pauses(answer),
        speaking_time=speaking_time_verdict(answer.duration_s),
    )
    delivery.notes = delivery_notes(delivery)
    return delivery


def delivery_notes(d: Delivery) -> list[str]:
    notes = []
    low, high = PACE_BAND
    if d.pace == "fast":
        notes.append(f"You spoke at {d.words_per_minute:.0f} words a minute: slow down to "
                     f"{low:.0f}-{high:.0f} so each point lands.")
    elif d.pace == "slow":
        notes.append(f"You spoke at {d.words_per_minute:.0f} words a minute: aim for "
                     f"{low:.0f}-{high:.0f} to keep the listener with you.")
    if d.fillers_per_minute > FILLERS_PER_MINUTE_OK:
        top = ", ".join(f"'{w}' x{n}" for w, n in list(d.filler_words.items())[:3])
        notes.append(f"{d.fillers} filler words ({d.fillers_per_minute:.1f} a minute: {top}): "
                     "a short silence sounds more confident.")
    if d.long_pauses:
        longest = max(d.long_pauses, key=lambda p: p.length_s)
        notes.append(f"{len(d.long_pauses)} long pause{'s' if len(d.long_pauses) > 1 else ''} "
                     f"(longest {longest.length_s:.1f} s after '{longest.after}'): a plan for the "
                     "answer (situation, action, result) keeps you moving.")
    seconds = round(d.duration_s)
    if d.speaking_time in ("too short", "short"):
        notes.append(f"You spoke for {seconds} s: a strong answer takes 1-2 minutes.")
    elif d.speaking_time in ("long", "too long"):
        notes.append(f"You spoke for {seconds // 60} min {seconds % 60:02d} s: aim for 1-2 "
                     "minutes and lead with the point.")
    return notes
