"""The story bank ready for use: stored stories, their profiles and the matcher, built once
with a loaded scorer (in a worker thread in the TUI, once per command in the CLI)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .match import (
    MatcherCard,
    QuestionView,
    StoryMatch,
    StoryMatcher,
    pair_features,
    question_views,
    raw_scores,
)
from .parse import StoryProblem
from .profile import StoryProfile, profile_all
from .store import StoredStory, StoryStore
from .told import StoryTold, story_told

if TYPE_CHECKING:
    from ..bank.models import Question
    from ..scoring.scorer import Scorer


@dataclass
class QuestionFit:
    """A bank question a story answers well."""

    question: Question
    score: float
    fit: str


class StoryLibrary:
    """Every story in the bank, scored, with matching both ways."""

    def __init__(self, scorer: Scorer, store: StoryStore | None = None,
                 card: MatcherCard | None = None) -> None:
        self.scorer = scorer
        self.store = store or StoryStore()
        self.stored: list[StoredStory]
        self.problems: list[StoryProblem]
        self.stored, self.problems = self.store.load()
        self.profiles: list[StoryProfile] = profile_all(scorer, self.stored)
        self.matcher = StoryMatcher(scorer, self.profiles, card)
        self._views: dict[str, QuestionView] = {}

    @property
    def empty(self) -> bool:
        return not self.profiles

    def profile(self, story_id: str) -> StoryProfile | None:
        return next((p for p in self.profiles if p.id == story_id), None)

    def titles(self) -> dict[str, str]:
        return {p.id: p.story.title for p in self.profiles}

    def usage(self) -> dict[str, int]:
        usage = self.store.usage()
        return {p.id: len(usage.get(p.id, [])) for p in self.profiles}

    def _views_for(self, texts: Sequence[str]) -> list[QuestionView]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._views]
        for view in question_views(self.scorer, missing):
            self._views[view.text] = view
        return [self._views[t] for t in texts]

    def match(self, question: str) -> list[StoryMatch]:
        """Stories for a question, best first."""
        if not question.strip():
            return []
        return self.matcher.rank(self._views_for([question])[0])

    def questions_for(self, story_id: str, questions: Sequence[Question], limit: int = 5
                      ) -> list[QuestionFit]:
        """The bank questions this story fits best (on its own evidence)."""
        profile = self.profile(story_id)
        if profile is None or not questions:
            return []
        views = self._views_for([q.text for q in questions])
        card = self.matcher.card
        feats = np.array([pair_features(v, profile) for v in views])
        raw = raw_scores(card, feats)
        scores = 1 / (1 + np.exp(-(card.final_bias + card.absolute * raw)))
        order = np.argsort(-scores, kind="stable")[:limit]
        return [QuestionFit(questions[i], float(scores[i]), card.band(float(scores[i])))
                for i in order]

    def told(self, answer: str) -> StoryTold | None:
        return story_told(self.scorer, self.profiles, answer)
