"""Samples to words: Whisper tiny.en through faster-whisper, with word timestamps.

`Transcriber.load()` costs about half a second and is done once, on first use; `transcribe`
takes 16 kHz samples (a whole recording or one chunk of it) and an offset for the chunk's
place in the recording.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from .audio import Recording, check_recording, silent_stretches
from .errors import NoSpeech, SpeechModelError
from .fillers import FILLER_PROMPT
from .spoken import ChunkText, SpokenAnswer, SpokenWord, join_chunks

if TYPE_CHECKING:
    import numpy as np
    from faster_whisper import WhisperModel

LONG_PAUSE_S = 2.0
"""A silence at least this long is a long pause (delivery.py reports them)."""
PROMPT_CONTEXT_WORDS = 40
"""How much of the previous chunk's text a live chunk sees."""
BEAM_SIZE = 5
"""Beam search: on our generated answers it halved the worst word error rate of greedy
decoding (0.115 -> 0.052) for under 10% more time."""


class Transcriber:
    """Whisper tiny.en, loaded once; safe to call from one thread at a time (a lock sees to it)."""

    def __init__(self, model: WhisperModel) -> None:
        self.model = model
        self._lock = threading.Lock()

    @classmethod
    def load(cls, progress: Callable[[str], None] | None = None) -> Transcriber:
        from .model import load_whisper

        if progress:
            progress("Loading the speech model (Whisper tiny.en) ...")
        return cls(load_whisper())

    def transcribe_samples(self, samples: np.ndarray, offset: float = 0.0,
                           before: str = "") -> ChunkText:
        """Words in `samples`; their times are shifted by `offset` seconds. `before` is the text
        of the stretch just before (live chunks): it joins the prompt so the words run on."""
        prompt = FILLER_PROMPT
        if before:
            prompt = f"{prompt} {' '.join(before.split()[-PROMPT_CONTEXT_WORDS:])}"
        try:
            with self._lock:
                segments, _info = self.model.transcribe(
                    samples, language="en", beam_size=BEAM_SIZE, temperature=0.0,
                    initial_prompt=prompt, condition_on_previous_text=False,
                    word_timestamps=True, vad_filter=False, without_timestamps=False)
                segments = list(segments)
        except (RuntimeError, ValueError) as exc:
            raise SpeechModelError(f"transcription failed: {exc}") from exc
        texts, words = [], []
        for segment in segments:
            text = segment.text.strip()
            if not text:
                continue
            texts.append(text)
            for word in segment.words or []:
                words.append(SpokenWord(word.word.strip(), round(float(word.start) + offset, 2),
                                        round(float(word.end) + offset, 2)))
        return ChunkText(" ".join(texts), words)

    def transcribe(self, recording: Recording) -> SpokenAnswer:
        """A whole recording in one go (files; the microphone goes through live.py)."""
        check_recording(recording)
        chunk = self.transcribe_samples(recording.samples)
        answer = join_chunks([chunk], recording.duration_s,
                             silent_stretches(recording.samples, LONG_PAUSE_S))
        if not answer.text:
            raise NoSpeech(f"no words could be made out in {recording.source}")
        return answer
