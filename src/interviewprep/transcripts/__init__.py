"""Transcripts: the versioned record of every session, saved atomically after every turn."""

from .errors import TranscriptError, UnreadableTranscript
from .model import SCHEMA_VERSION, AskedQuestion, Attempt, FollowUp, Transcript, Turn
from .store import TranscriptStore

__all__ = [
    "SCHEMA_VERSION",
    "AskedQuestion",
    "Attempt",
    "FollowUp",
    "Transcript",
    "TranscriptError",
    "TranscriptStore",
    "Turn",
    "UnreadableTranscript",
]
