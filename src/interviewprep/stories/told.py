"""Which story an answer told, and when one story is carrying a whole interview."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..scoring.segment import clean, segment
from .profile import StoryProfile

if TYPE_CHECKING:
    from ..scoring.scorer import Scorer

TOLD_ALIGNMENT = 0.5
"""Mean, over the answer's sentences, of each one's best cosine to a story sentence: from here
up the answer retells that story. Measured on calibration/stories (candidates 01-04): the bank's
behavioral model answers, which tell other stories, reach at most 0.39 against them; half of a
story's sentences plus one foreign sentence reach 0.52 or more, and always find their story."""
OVERUSE_SHARE = 0.5
OVERUSE_MIN_ANSWERS = 3


@dataclass(frozen=True)
class StoryTold:
    id: str
    title: str
    alignment: float


def story_told(scorer: Scorer, profiles: Sequence[StoryProfile], answer: str) -> StoryTold | None:
    """The story the answer retells, if it retells one."""
    sentences = [s.text for s in segment(clean(answer)[0]) if not s.window]
    if not sentences or not profiles:
        return None
    vectors = scorer.embedder.encode(sentences)
    best: StoryTold | None = None
    for profile in profiles:
        if not len(profile.sentence_vectors):
            continue
        alignment = float(np.mean((vectors @ profile.sentence_vectors.T).max(axis=1)))
        if best is None or alignment > best.alignment:
            best = StoryTold(profile.id, profile.story.title, alignment)
    return best if best is not None and best.alignment >= TOLD_ALIGNMENT else None


def overuse_warning(told: Sequence[str | None], titles: dict[str, str] | None = None) -> str | None:
    """A warning when one story answered most of a session's questions (None: no warning)."""
    answered = len(told)
    counts = Counter(t for t in told if t)
    if answered < OVERUSE_MIN_ANSWERS or not counts:
        return None
    story_id, n = counts.most_common(1)[0]
    if n / answered <= OVERUSE_SHARE:
        return None
    title = (titles or {}).get(story_id, story_id)
    return (f"One story answered {n} of {answered} questions (\"{title}\"). Interviewers notice "
            "a single story told again and again: prepare others (`interviewprep stories "
            "coverage` shows the gaps).")
