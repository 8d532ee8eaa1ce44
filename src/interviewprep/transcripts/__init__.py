"""Transcripts: the versioned record of every session, saved atomically after every turn."""

from .model import SCHEMA_VERSION, Attempt, FollowUp, Transcript, Turn
from .store import TranscriptError, TranscriptStore, UnreadableTranscript, atomic_write_text

__all__ = [
    "SCHEMA_VERSION",
    "Attempt",
    "FollowUp",
    "Transcript",
    "TranscriptError",
    "TranscriptStore",
    "Turn",
    "UnreadableTranscript",
    "atomic_write_text",
]
