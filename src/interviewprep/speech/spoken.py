"""A transcribed answer as plain data: words in time, the real duration, fillers.

No numpy and no model here: transcripts, review and the interview engine import it freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .fillers import count_fillers


@dataclass
class SpokenWord:
    """One transcribed word and when it was said (seconds from the recording's start)."""

    text: str
    start: float
    end: float


@dataclass
class ChunkText:
    """What one stretch of audio said."""

    text: str
    words: list[SpokenWord] = field(default_factory=list)


@dataclass
class SpokenAnswer:
    """A transcribed recording: the text, its words in time, and its real length."""

    text: str
    duration_s: float
    """The recording's length, from its samples: pace and speaking time are measured on it."""
    words: list[SpokenWord] = field(default_factory=list)
    fillers: dict[str, int] = field(default_factory=dict)
    """Filler word -> how often it was said."""
    silences: list[tuple[float, float]] = field(default_factory=list)
    """(start, end) seconds of the quiet stretches of 2 s or more, measured on the samples."""

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def filler_count(self) -> int:
        return sum(self.fillers.values())

    @property
    def words_per_minute(self) -> float:
        return round(self.word_count * 60 / self.duration_s, 1) if self.duration_s > 0 else 0.0

    def to_json(self) -> dict[str, Any]:
        """The `interviewprep transcribe --json` object (contract keys first)."""
        minutes = self.duration_s / 60
        return {
            "text": self.text,
            "duration_s": round(self.duration_s, 2),
            "words_per_minute": self.words_per_minute,
            "fillers": self.filler_count,
            "filler_words": self.fillers,
            "fillers_per_minute": round(self.filler_count / minutes, 2) if minutes else 0.0,
            "words": self.word_count,
        }


def join_chunks(chunks: list[ChunkText], duration_s: float,
                silences: list[tuple[float, float]] | None = None) -> SpokenAnswer:
    text = " ".join(c.text for c in chunks if c.text).strip()
    words = [w for c in chunks for w in c.words]
    return SpokenAnswer(text=text, duration_s=duration_s, words=words, fillers=count_fillers(text),
                        silences=list(silences or []))
