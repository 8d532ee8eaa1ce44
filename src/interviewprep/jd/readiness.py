"""How ready the candidate is for a posting: each requirement covered, partial or missing.

Evidence is what the candidate has said or written: the sentences of their saved answers
(transcripts) and of their stories. Each requirement is compared with every evidence sentence
(evidence.py: embedding cosine plus the requirement's terms and words said); the best one is
quoted. Missing requirements get a next step: a bank question to practise and a
story to write.

Sources are small objects with `passages()`, so the story bank plugs in without this module
knowing its internals: `StoryEvidence` reads it through `interviewprep.stories` when that
package is installed, and yields nothing otherwise.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ..transcripts import TranscriptStore
from .analysis import AnalysedRequirement, PostingAnalyser, PostingAnalysis
from .evidence import evidence_score, status_for

NICE_WEIGHT = 0.5
MAX_PASSAGES = 4000
"""Newest evidence first; beyond this many sentences older ones are not read (speed)."""


@dataclass(frozen=True)
class Passage:
    """One sentence of evidence."""

    kind: str
    """'answer' or 'story'."""
    id: str
    """Session id and question id ('20261201-101500-abc123/tech-risk-register'), or story id."""
    text: str


class EvidenceSource(Protocol):
    def passages(self) -> list[Passage]: ...


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [p.strip() for p in parts if len(p.split()) >= 4]


class AnswerEvidence:
    """Sentences of every saved answer (first tries, retries and follow-ups), newest first."""

    def __init__(self, store: TranscriptStore | None = None) -> None:
        self.store = store or TranscriptStore()
        self.unreadable: list[str] = []

    def passages(self) -> list[Passage]:
        transcripts, bad = self.store.list()
        self.unreadable = [str(b) for b in bad]
        out: list[Passage] = []
        for transcript in sorted(transcripts, key=lambda t: t.started_at, reverse=True):
            for turn in transcript.turns:
                texts = [a.answer for a in turn.attempts]
                if turn.follow_up and turn.follow_up.answer:
                    texts.append(turn.follow_up.answer)
                for text in texts:
                    out.extend(Passage("answer", f"{transcript.id}/{turn.question_id}", s)
                               for s in sentences(text))
        return out


class StoryEvidence:
    """Sentences of the candidate's stories, through the story bank when it is installed."""

    def __init__(self) -> None:
        self.available = False

    def passages(self) -> list[Passage]:
        try:
            store_module = importlib.import_module("interviewprep.stories.store")
        except ModuleNotFoundError:
            return []
        self.available = True
        stories, _problems = store_module.StoryStore().load()
        out: list[Passage] = []
        for stored in stories:
            story = stored.story
            body = getattr(story, "body", "") or getattr(story, "text", "")
            out.extend(Passage("story", stored.id, s) for s in sentences(f"{story.title}. {body}"))
        return out


@dataclass
class RequirementReadiness:
    text: str
    kind: str
    status: str
    """covered, partial or missing."""
    similarity: float
    evidence: Passage | None
    next_step: str | None = None
    """For a partial or missing requirement: what to practise or write."""
    practise: str | None = None
    """A bank question id to practise for it."""


@dataclass
class Readiness:
    readiness: int
    """0-100: covered counts fully, partial half; nice-to-haves weigh half."""
    requirements: list[RequirementReadiness]
    sources: dict[str, int] = field(default_factory=dict)
    """How many evidence sentences each kind of source gave."""

    def to_contract_json(self) -> dict[str, Any]:
        return {
            "readiness": self.readiness,
            "requirements": [{
                "text": r.text,
                "status": r.status,
                "evidence": ({"kind": r.evidence.kind, "id": r.evidence.id, "text": r.evidence.text}
                             if r.evidence else None),
                "similarity": round(r.similarity, 3),
                "next_step": r.next_step,
                "practise": r.practise,
            } for r in self.requirements],
            "sources": self.sources,
        }


def assess(analysis: PostingAnalysis, analyser: PostingAnalyser,
           sources: Iterable[EvidenceSource]) -> Readiness:
    """Readiness of the candidate's evidence for the posting's requirements."""
    passages: list[Passage] = []
    counts: dict[str, int] = {}
    for source in sources:
        found = source.passages()
        for p in found:
            counts[p.kind] = counts.get(p.kind, 0) + 1
        passages.extend(found)
    passages = passages[:MAX_PASSAGES]
    requirements = analysis.requirements
    if not requirements:
        return Readiness(0, [], counts)
    req_vectors = analyser.encode([r.text for r in requirements])
    if passages:
        vectors = analyser.cache.encode([p.text for p in passages])
        analyser.cache.save()
        similarity = req_vectors @ vectors.T
    else:
        similarity = np.zeros((len(requirements), 0), dtype=np.float32)
    question_ids = analyser.question_ids
    q_similarity = req_vectors @ analyser.question_vectors.T
    results = []
    for i, requirement in enumerate(requirements):
        row = np.array([evidence_score(requirement.text, requirement.terms, p.text, similarity[i, j])
                        for j, p in enumerate(passages)])
        best = int(np.argmax(row)) if len(row) else -1
        score = float(row[best]) if best >= 0 else 0.0
        status = status_for(score)
        evidence = passages[best] if best >= 0 and status != "missing" else None
        practise = question_ids[int(np.argmax(q_similarity[i]))] if question_ids else None
        results.append(RequirementReadiness(
            requirement.text, requirement.kind, status, score, evidence,
            next_step=_next_step(requirement, status, practise), practise=practise))
    return Readiness(readiness_score(results), results, counts)


def readiness_score(results: Sequence[RequirementReadiness]) -> int:
    credit = {"covered": 1.0, "partial": 0.5, "missing": 0.0}
    weights = [NICE_WEIGHT if r.kind == "nice" else 1.0 for r in results]
    total = sum(weights)
    if not total:
        return 0
    got = sum(w * credit[r.status] for w, r in zip(weights, results, strict=True))
    return int(100 * got / total + 0.5)


def _next_step(requirement: AnalysedRequirement, status: str, practise: str | None) -> str | None:
    if status == "covered":
        return None
    ask = f"practise `{practise}`" if practise else "practise a question on it"
    if status == "partial":
        return f"Show it more fully: {ask}, naming what you did and what came of it."
    if requirement.kind == "skill" and re.search(r"\b(?:certif\w*|degree)\b|\d\+?\s*(?:years|yrs)",
                                                requirement.text, re.IGNORECASE):
        return f"Say it in your answers (where you got it, how you used it), then {ask}."
    return f"Write a story where you did this, then {ask}."
