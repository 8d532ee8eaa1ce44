"""What can go wrong with a spoken answer, each with a message for the user."""

from __future__ import annotations


class SpeechError(Exception):
    """A recording cannot be turned into an answer; the message says why and what to do."""


class UnreadableAudio(SpeechError):
    """The file is missing, empty, or not audio that can be decoded."""


class NoSpeech(SpeechError):
    """The recording is silent, or no words could be heard in it."""


class RecordingTooLong(SpeechError):
    """Longer than an interview answer could sensibly be."""


class SpeechModelError(SpeechError):
    """The speech model is missing, altered or cannot load."""


class MicrophoneUnavailable(SpeechError):
    """No audio library or no input device: typing still works."""
