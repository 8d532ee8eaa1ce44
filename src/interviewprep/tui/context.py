"""What the screens need from the app, handed to each screen in its constructor.

Screens never reach into the app for data: they get a ScreenContext, and they answer with the
messages in messages.py (or dismiss(result)); the app owns navigation.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..bank import Bank
from ..schedule import ScheduleStore
from ..speech.voice import Voice
from ..transcripts import TranscriptStore

if TYPE_CHECKING:
    from ..asking import QuestionRater
    from ..interview.session import AnswerScorer
    from ..jd import PostingAnalyser
    from .story_slot import StorySlot


def _story_slot() -> StorySlot:
    from .story_slot import StorySlot

    return StorySlot()

RaterLoader = Callable[["AnswerScorer | None"], "QuestionRater"]
"""Builds the question rater (in a worker thread) from the loaded scorer, sharing its model."""


def load_real_rater(scorer: AnswerScorer | None) -> QuestionRater:
    from ..asking import QuestionRater

    return QuestionRater.load(embedder=getattr(scorer, "embedder", None))


class ScorerSlot:
    """The scorer while it loads: the app fills it, screens read it and interview workers wait on it."""

    def __init__(self) -> None:
        self.scorer: AnswerScorer | None = None
        """The loaded scorer, None until ready (or after a failure)."""
        self.state = "loading"
        """loading | ready | failed."""
        self.detail = ""
        """The latest progress line while loading, the runtime once ready, or why it failed."""
        self.settled = threading.Event()
        """Set once loading has finished, well or badly; scoring threads wait on it."""


class PostingAnalyserSlot:
    """The job-posting analyser (embedding model, term and question vectors), loaded on first use."""

    def __init__(self) -> None:
        self._analyser: PostingAnalyser | None = None
        self._lock = threading.Lock()

    def get(self, bank: Bank) -> PostingAnalyser:
        """The analyser, loading it first if needed: call from a worker thread, never the UI's."""
        with self._lock:
            if self._analyser is None:
                from ..jd import PostingAnalyser

                self._analyser = PostingAnalyser.load(bank, progress=lambda _message: None)
            return self._analyser


@dataclass
class ScreenContext:
    """The app's shared state and test hooks, as every screen sees them."""

    bank: Bank
    store: TranscriptStore
    scorer: ScorerSlot = field(default_factory=ScorerSlot)
    clock: Callable[[], float] = time.monotonic
    """Seconds, monotonic: answer timing and the interview timer read it."""
    show_path: Callable[[Path], str] = str
    """How a file path is written on screen (tests mask machine paths)."""
    rater_loader: RaterLoader = load_real_rater
    """How the end-of-interview question rater is built (tests of layout pass a double)."""
    raters: dict[str, QuestionRater] = field(default_factory=dict)
    """The rater once built ("rater"), kept for the next session."""
    cursor_blink: bool = True
    stories: StorySlot = field(default_factory=lambda: _story_slot())
    """The candidate's story bank, built once the scorer is ready."""
    postings: PostingAnalyserSlot = field(default_factory=PostingAnalyserSlot)
    """The job-posting analyser, shared by the job-posting screens."""
    schedule: ScheduleStore | None = None
    """The spaced-repetition schedule sessions update (None: ratings saved, no schedule kept)."""
    voice: Voice = field(default_factory=Voice)
    """Recording: the input to open (the microphone, or a file in tests) and the speech model."""
