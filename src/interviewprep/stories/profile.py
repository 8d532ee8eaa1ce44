"""What a story proves: the eight contract elements and the competencies, scored by the real scorer.

A profile also keeps the story's vectors (whole story, sentences, title and situation, tags) so
matching many questions against it costs one encoder pass per question.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import locations
from ..fileio import atomic_binary_file, atomic_write_text
from ..scoring.feedback import ElementCoverage
from ..scoring.segment import clean, segment
from ..vocabulary import CONTRACT_ELEMENTS
from .competencies import COMPETENCIES, Competency
from .model import Story

if TYPE_CHECKING:
    from ..scoring.scorer import Scorer

SHOWN = 0.6
"""A competency score from here up counts as shown by the story (set by reading the profiles of
calibration/stories: at 0.5 the scorer's vendor element credits workshops and meetings)."""
TAG_SCORE = 0.9
"""What a tag naming the competency is worth: the candidate says the story is about it."""
BODY_TERMS_SCORE = 0.7
"""Two different words naming the competency, in two sentences of the story."""
BODY_TERM_SCORE = 0.62
"""One such word, for a competency no scorer element detects: just over SHOWN."""
EXAMPLE_CENTRE, EXAMPLE_SPREAD = 0.52, 0.06
"""Cosine of a story sentence to a competency's examples mapped to 0-1: 0.5 at the centre."""


@dataclass
class CompetencyScore:
    """How well one story shows one competency."""

    id: str
    name: str
    score: float
    """0-1: the strongest of the scorer's element probability, example similarity and tags."""
    evidence: str | None
    """The story sentence that shows it best, or the tag that names it."""

    @property
    def shown(self) -> bool:
        return self.score >= SHOWN

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "score": round(self.score, 3),
                "shown": self.shown, "evidence": self.evidence}


@dataclass
class StoryProfile:
    """A scored story with the vectors matching needs."""

    id: str
    story: Story
    elements: list[ElementCoverage]
    """The eight contract elements, as the scorer reports them for answers."""
    competencies: list[CompetencyScore]
    sentences: list[str]
    sentence_vectors: np.ndarray
    vector: np.ndarray
    """The whole story, embedded as an answer is."""
    title_vector: np.ndarray
    situation_vector: np.ndarray
    """The title with the situation (or the opening paragraph): what the story is about."""
    tag_vectors: np.ndarray
    """One row per tag (zero rows when the story has none)."""

    @property
    def overall(self) -> int:
        return round(100 * sum(e.score for e in self.elements) / max(1, len(self.elements)))

    def competency(self, competency_id: str) -> CompetencyScore | None:
        return next((c for c in self.competencies if c.id == competency_id), None)

    def badges(self) -> list[tuple[str, bool]]:
        return [(e.id, e.covered) for e in self.elements]

    def summary_json(self, used: int = 0) -> dict[str, Any]:
        """The `stories list --json` object (contract)."""
        return {"id": self.id, "title": self.story.title, "tags": list(self.story.tags),
                "words": self.story.words,
                "elements": [{"id": e.id, "covered": e.covered} for e in self.elements],
                "used": used}

    def detail_json(self, used: int = 0) -> dict[str, Any]:
        data = self.summary_json(used)
        data["elements"] = [e.to_json() for e in self.elements]
        data["competencies"] = [c.to_json() for c in self.competencies]
        data["overall"] = self.overall
        data["text"] = self.story.to_markdown()
        return data


class CompetencyExamples:
    """The competencies' example sentences, embedded once per scorer."""

    def __init__(self, scorer: Scorer) -> None:
        texts = [t for c in COMPETENCIES for t in c.examples]
        cache = getattr(scorer, "cache", None)
        vectors = cache.encode(texts) if cache is not None else scorer.embedder.encode(texts)
        if cache is not None:
            cache.save()
        self.by_id: dict[str, np.ndarray] = {}
        start = 0
        for c in COMPETENCIES:
            self.by_id[c.id] = vectors[start : start + len(c.examples)]
            start += len(c.examples)

    def similarity(self, competency: Competency, vectors: np.ndarray) -> np.ndarray:
        """Per row of `vectors`: the mean of its two best cosines to the competency's examples."""
        if not len(vectors):
            return np.zeros(0)
        sims = np.sort(vectors @ self.by_id[competency.id].T, axis=1)[:, -2:]
        return sims.mean(axis=1)


def _examples_of(scorer: Scorer) -> CompetencyExamples:
    cached = getattr(scorer, "_story_competency_examples", None)
    if cached is None:
        cached = CompetencyExamples(scorer)
        scorer._story_competency_examples = cached  # type: ignore[attr-defined]
    return cached


def _scored(scorer: Scorer, story: Story, element_ids: list[str], texts: list[str]
            ) -> tuple[list[ElementCoverage], np.ndarray]:
    """The scorer's verdict on the story and the vectors of `texts`, cached on disk by story,
    model and calibration: a bank of a dozen stories then loads without an encoder pass."""
    info = getattr(scorer, "model_info", {}) or {}
    key = hashlib.sha256(json.dumps([story.labeled_body, story.title, story.tags, element_ids,
                                     info.get("sha256"), info.get("calibration")]
                                    ).encode()).hexdigest()[:32]
    folder = locations.story_cache_dir()
    try:
        elements = [ElementCoverage.from_json(e)
                    for e in json.loads((folder / f"{key}.json").read_text("utf-8"))]
        vectors = np.load(folder / f"{key}.npy", allow_pickle=False)
        if (vectors.ndim == 2 and vectors.shape[0] == len(texts) and vectors.dtype.kind == "f"
                and np.isfinite(vectors).all()):
            return elements, vectors
    except (OSError, ValueError, KeyError, TypeError, AttributeError, EOFError, RecursionError):
        pass  # a damaged cache entry is scored again and rewritten
    feedback = scorer.score(story.labeled_body, category="behavioral", elements=element_ids)
    vectors = scorer.embedder.encode(texts)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_binary_file(folder / f"{key}.npy") as fh:
            np.save(fh, vectors, allow_pickle=False)
        atomic_write_text(folder / f"{key}.json", json.dumps([e.to_json() for e in feedback.elements]))
    except OSError:
        pass  # a cache that cannot be written only costs time
    return feedback.elements, vectors


def profile_story(scorer: Scorer, story_id: str, story: Story) -> StoryProfile:
    """Score a story as an answer would be scored, then read its competencies off the result."""
    competency_elements = [c.element for c in COMPETENCIES
                           if c.element and c.element in scorer.elements]
    element_ids = list(CONTRACT_ELEMENTS) + [e for e in dict.fromkeys(competency_elements)
                                             if e not in CONTRACT_ELEMENTS]
    sentences = [s.text for s in segment(clean(story.body)[0]) if not s.window]
    if not sentences:
        sentences = [clean(story.body)[0] or story.title]
    situation = story.parts.get("situation") or (story.text.split("\n\n")[0] if story.text
                                                 else story.body.split("\n\n")[0])
    head = [story.title, f"{story.title}. {situation}"]
    scored, encoded = _scored(scorer, story, element_ids, sentences + head + list(story.tags))
    by_id = {e.id: e for e in scored}
    sentence_vectors = encoded[: len(sentences)]
    title_vector, situation_vector = encoded[len(sentences)], encoded[len(sentences) + 1]
    tag_vectors = encoded[len(sentences) + 2 :]
    mean = sentence_vectors.mean(axis=0)
    vector = mean / max(float(np.linalg.norm(mean)), 1e-12)

    examples = _examples_of(scorer)
    competencies = []
    for c in COMPETENCIES:
        candidates: list[tuple[float, str | None]] = []
        element = by_id.get(c.element) if c.element else None
        if element is not None:
            candidates.append((element.score, element.evidence))
        sims = examples.similarity(c, sentence_vectors)
        if len(sims):
            best = int(np.argmax(sims))
            mapped = 1 / (1 + np.exp(-(float(sims[best]) - EXAMPLE_CENTRE) / EXAMPLE_SPREAD))
            candidates.append((float(mapped), sentences[best]))
        tag = next((t for t in story.tags if c.term_pattern().search(t)), None)
        if tag:
            candidates.append((TAG_SCORE, f"tagged: {tag}"))
        # Words that name it: in two places (title or sentences; two different words), or, for
        # a competency no scorer element detects (conflict, failure, change), in one sentence.
        places = [story.title, *sentences]
        hits = [(i, m.group(0).lower()) for i, text in enumerate(places)
                for m in c.term_pattern().finditer(text)]
        if len({i for i, _ in hits}) >= 2 and len({w for _, w in hits}) >= 2:
            candidates.append((BODY_TERMS_SCORE, places[max(1, hits[-1][0])]
                               if len(places) > 1 else places[0]))
        elif c.element is None and any(i > 0 for i, _ in hits):
            candidates.append((BODY_TERM_SCORE, next(places[i] for i, _ in hits if i > 0)))
        score, evidence = max(candidates, key=lambda x: x[0]) if candidates else (0.0, None)
        competencies.append(CompetencyScore(c.id, c.name, float(score),
                                            evidence if score >= SHOWN else None))
    return StoryProfile(
        id=story_id, story=story,
        elements=[by_id[e] for e in CONTRACT_ELEMENTS],
        competencies=competencies, sentences=sentences, sentence_vectors=sentence_vectors,
        vector=vector,
        title_vector=title_vector, situation_vector=situation_vector, tag_vectors=tag_vectors,
    )


def profile_all(scorer: Scorer, stored: list[Any]) -> list[StoryProfile]:
    """Profiles of stored stories (anything with `.id` and `.story`), in the same order."""
    return [profile_story(scorer, s.id, s.story) for s in stored]
