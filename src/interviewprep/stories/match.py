"""Which story to tell for a question: a ranking with a fit band (strong, workable, stretch, gap).

A story is matched on what it is about, not only on its words: the whole story, its best
sentences, its title and situation, its tags, and the competencies it shows against the ones
the question asks for. The weights and the band cut-offs come from a matcher card
(models/story-matcher.yaml), fitted on labeled (question, story, fit) pairs by `fit_card`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import yaml
from pydantic import BaseModel, Field

from .. import locations
from .competencies import COMPETENCIES
from .profile import StoryProfile, _examples_of

if TYPE_CHECKING:
    from ..scoring.scorer import Scorer

FEATURES: tuple[str, ...] = ("full", "top2", "title", "situation", "tags", "competency")
"""What a (question, story) pair is described by; see `pair_features`."""
BANDS: tuple[str, ...] = ("strong", "workable", "stretch", "gap")
GRADE = {"strong": 3, "workable": 2, "stretch": 1, "gap": 0}
CARD_FILE = "story-matcher.yaml"
QUESTION_TEMPERATURE = 0.03
COMPETENCY_INDEX = {c.id: i for i, c in enumerate(COMPETENCIES)}
"""Softmax temperature turning a question's competency similarities into what it asks for."""


class MatcherCard(BaseModel):
    """Weights and band cut-offs of the matcher, fitted for one embedding model."""

    id: str = "story-matcher"
    embedding_sha256: str = ""
    fitted_on: str = ""
    features: list[str] = Field(default_factory=lambda: list(FEATURES))
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    absolute: float = 1.0
    """Weight of the pair's own evidence in the final score."""
    relative: float = 0.0
    """Weight of how far the pair is behind the best story for the same question."""
    final_bias: float = 0.0
    cutoffs: dict[str, float]
    """Lowest score of each band: strong, workable, stretch (below: gap)."""

    @classmethod
    def load(cls, path: Path | None = None) -> MatcherCard:
        path = path or locations.model_cards_dir() / CARD_FILE
        return cls.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))

    def band(self, score: float) -> str:
        for band in BANDS[:-1]:
            if score >= self.cutoffs[band]:
                return band
        return "gap"


@dataclass
class StoryMatch:
    """One story's fit for one question."""

    id: str
    title: str
    fit: str
    score: float
    reasons: list[str] = field(default_factory=list)
    """Why it fits: the competencies both share, the story's sentence closest to the question."""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "fit": self.fit,
                "score": round(self.score, 3), "reasons": self.reasons}


@dataclass
class QuestionView:
    """A question embedded once, with the competencies it asks for."""

    text: str
    vector: np.ndarray
    wants: np.ndarray
    """Per competency (COMPETENCIES order): how much the question asks for it; sums to 1."""


def question_views(scorer: Scorer, texts: Sequence[str]) -> list[QuestionView]:
    """Questions embedded in one encoder pass, each with the competencies it asks for."""
    if not texts:
        return []
    vectors = scorer.embedder.encode(list(texts))
    examples = _examples_of(scorer)
    sims = np.column_stack([examples.similarity(c, vectors) for c in COMPETENCIES])
    terms = np.array([[0.05 if c.term_pattern().search(t) else 0.0 for c in COMPETENCIES]
                      for t in texts])
    sims = sims + terms
    weights = np.exp((sims - sims.max(axis=1, keepdims=True)) / QUESTION_TEMPERATURE)
    weights /= weights.sum(axis=1, keepdims=True)
    return [QuestionView(t, vectors[i], weights[i]) for i, t in enumerate(texts)]


def question_view(scorer: Scorer, text: str) -> QuestionView:
    return question_views(scorer, [text])[0]


def pair_features(question: QuestionView, profile: StoryProfile) -> np.ndarray:
    """The FEATURES of one (question, story) pair."""
    v = question.vector
    sims = np.sort(profile.sentence_vectors @ v)[::-1]
    tags = float((profile.tag_vectors @ v).max()) if len(profile.tag_vectors) else 0.0
    shows = np.array([c.score for c in profile.competencies])
    return np.array([
        float(profile.vector @ v),
        float(sims[:2].mean()),
        float(profile.title_vector @ v),
        float(profile.situation_vector @ v),
        tags,
        float(question.wants @ shows),
    ])


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def raw_scores(card: MatcherCard, features: np.ndarray) -> np.ndarray:
    """The evidence of each pair on its own (one row of features per story)."""
    x = (features - np.array(card.mean)) / np.array(card.scale)
    return card.bias + x @ np.array(card.weights)


def final_scores(card: MatcherCard, raw: np.ndarray) -> np.ndarray:
    """0-1 fit scores of a question's stories: own evidence, and the distance to the best."""
    if not len(raw):
        return raw
    return _sigmoid(card.final_bias + card.absolute * raw + card.relative * (raw - raw.max()))


def _reasons(question: QuestionView, profile: StoryProfile) -> list[str]:
    reasons = []
    shared = [(question.wants[i] * c.score, c) for i, c in enumerate(profile.competencies)]
    for _weight, c in sorted(shared, key=lambda x: -x[0])[:2]:
        if c.score >= 0.75 and question.wants[COMPETENCY_INDEX[c.id]] > 0.2:
            reasons.append(f"shows {c.name.lower()}")
    sims = profile.sentence_vectors @ question.vector
    if len(sims):
        reasons.append(f"closest sentence: \"{profile.sentences[int(np.argmax(sims))]}\"")
    return reasons


class StoryMatcher:
    """Ranks a bank of profiled stories for any question."""

    def __init__(self, scorer: Scorer, profiles: Sequence[StoryProfile],
                 card: MatcherCard | None = None) -> None:
        self.scorer = scorer
        self.profiles = list(profiles)
        self.card = card or MatcherCard.load()

    def rank(self, question: str | QuestionView) -> list[StoryMatch]:
        """Stories best first; an empty bank gives an empty list."""
        if isinstance(question, str):
            if not question.strip():
                return []
            question = question_view(self.scorer, question)
        if not self.profiles:
            return []
        view = question
        feats = np.array([pair_features(view, p) for p in self.profiles])
        scores = final_scores(self.card, raw_scores(self.card, feats))
        order = np.argsort(-scores, kind="stable")
        return [StoryMatch(self.profiles[i].id, self.profiles[i].story.title,
                           self.card.band(float(scores[i])), float(scores[i]),
                           _reasons(view, self.profiles[i]))
                for i in order]


# ---------------------------------------------------------------------- fitting
def _logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000
              ) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by gradient descent (few features, few rows)."""
    w, b = np.zeros(x.shape[1]), 0.0
    rate = 0.5
    for _ in range(steps):
        p = _sigmoid(x @ w + b)
        grad_w = x.T @ (p - y) / len(y) + l2 * w / len(y)
        grad_b = float(np.mean(p - y))
        w -= rate * grad_w
        b -= rate * grad_b
    return w, b


@dataclass
class LabeledQuestion:
    """A question with the features and labeled fit of every story of one candidate."""

    features: np.ndarray
    fits: list[str]


def band_agreement(card: MatcherCard, questions: Sequence[LabeledQuestion]) -> float:
    hits = total = 0
    for q in questions:
        scores = final_scores(card, raw_scores(card, q.features))
        hits += sum(card.band(float(s)) == f for s, f in zip(scores, q.fits, strict=True))
        total += len(q.fits)
    return hits / total if total else 0.0


def fit_card(questions: Sequence[LabeledQuestion], embedding_sha256: str = "",
             fitted_on: str = "") -> MatcherCard:
    """Weights from the pairs (a strong fit against the rest), then the band cut-offs that
    agree best with the labels on the same pairs."""
    x = np.vstack([q.features for q in questions])
    # Strong against the rest. Soft targets by grade (strong 1, workable 2/3, ...) were tried:
    # fitted on the training candidates, their cut-offs collapsed into two bands (strong, gap).
    y = np.array([GRADE[f] >= 3 for q in questions for f in q.fits], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    w, b = _logistic((x - mean) / scale, y)
    card = MatcherCard(embedding_sha256=embedding_sha256, fitted_on=fitted_on,
                       mean=mean.tolist(), scale=scale.tolist(), weights=w.tolist(), bias=b,
                       cutoffs={"strong": 0.5, "workable": 0.3, "stretch": 0.1})
    # Second stage: own evidence and the distance to the question's best story.
    raw = [raw_scores(card, q.features) for q in questions]
    z = np.concatenate(raw)
    behind = np.concatenate([r - r.max() for r in raw])
    (a, c), b2 = _logistic(np.column_stack([z, behind]), y, l2=0.1)
    card.absolute, card.relative, card.final_bias = float(a), float(c), float(b2)

    scores = np.concatenate([final_scores(card, r) for r in raw])
    grades = np.array([GRADE[f] for q in questions for f in q.fits])
    grid = np.unique(np.quantile(scores, np.linspace(0.0, 1.0, 61)))
    best = (-1, (0.5, 0.3, 0.1))
    for strong in grid:
        is_strong = scores >= strong
        for workable in grid[grid <= strong]:
            is_workable = ~is_strong & (scores >= workable)
            base = int(np.sum(is_strong & (grades == 3)) + np.sum(is_workable & (grades == 2)))
            lower = ~is_strong & ~is_workable
            for stretch in grid[grid <= workable]:
                is_stretch = lower & (scores >= stretch)
                hits = base + int(np.sum(is_stretch & (grades == 1))
                                  + np.sum(lower & ~is_stretch & (grades == 0)))
                if hits > best[0]:
                    best = (hits, (float(strong), float(workable), float(stretch)))
    card.cutoffs = {k: float(f"{v:.6g}") for k, v in
                    zip(("strong", "workable", "stretch"), best[1], strict=True)}
    return card


def card_yaml(card: MatcherCard) -> str:
    data = card.model_dump()
    for key in ("mean", "scale", "weights"):
        data[key] = [round(v, 5) for v in data[key]]
    for key in ("bias", "absolute", "relative", "final_bias"):
        data[key] = round(data[key], 5)
    header = ("# The story matcher: weights and fit-band cut-offs, fitted by\n"
              "# `python benchmarks/bench_stories.py --write-card` on calibration/stories\n"
              "# (candidates 01-06; 07-10 are held out for measurement). Per embedding model.\n")
    return header + yaml.safe_dump(data, sort_keys=False)
