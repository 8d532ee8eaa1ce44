"""What can go wrong reading or writing transcripts, shared by the store and the index."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class TranscriptError(Exception):
    """A transcript could not be read or written; the message names the file."""


@dataclass
class UnreadableTranscript:
    """A file in the transcripts folder that could not be loaded (it is left untouched)."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
