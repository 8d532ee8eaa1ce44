"""A practice session planned from a saved posting: the questions, the role, the probes.

The interview engine knows nothing of postings: it takes a `JobContext` (see
interview/session.py's `RoleContext` protocol) that says how to mention the role and which
requirement to probe when an answer did not show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..bank import Question
from ..scoring.embedder import Embedder
from .analysis import AnalysedRequirement, PostingAnalysis
from .evidence import PARTIAL_AT, evidence_score
from .store import PostingError, PostingStore


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 3]


def _short(text: str, limit: int = 110) -> str:
    text = re.sub(r"^(?:you will|you'll|you’ll)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = text[:1].lower() + text[1:] if text[:2].isalpha() and not text[:2].isupper() else text
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


class JobContext:
    """What a session needs to know about the posting it was planned from."""

    def __init__(self, name: str, analysis: PostingAnalysis,
                 embedder: Embedder | Callable[[], Embedder | None] | None) -> None:
        """`embedder` may be a function, for a UI whose model is still loading."""
        self.name = name
        self.analysis = analysis
        self._embedder = embedder
        self.role = analysis.role_phrase()
        self._targets = {p.question_id: p.requirements for p in analysis.plan}

    def question_ids(self, count: int) -> list[str]:
        return list(self.analysis.questions[:count])

    def targets(self, question_id: str) -> list[str]:
        """The requirement lines a question was chosen for, best first."""
        return [r.text for r in self._target_requirements(question_id)]

    def _target_requirements(self, question_id: str) -> list[AnalysedRequirement]:
        reqs = self.analysis.requirements
        return [reqs[i] for i in self._targets.get(question_id, []) if i < len(reqs)]

    def greeting(self) -> str:
        return f"This interview is for the {self.role} role."

    def introduce(self, question: Question, first: bool) -> str:
        """What the interviewer says before the question: the role, and what it asks for."""
        targets = self.targets(question.id)
        if first:
            lead = f"For this {self.role} role"
            return (f"{lead}, the posting asks you to {_short(targets[0])}. With that in mind:"
                    if targets else f"{lead}, let's start.")
        if targets and question.category in {"technical", "scenario"}:
            return f"The role involves: {_short(targets[0])}."
        return ""

    def probe(self, question: Question, answer: str) -> tuple[str, str] | None:
        """(follow-up question, requirement) for the best target requirement the answer did not
        show, or None when it showed them (or nothing can be checked)."""
        targets = self._target_requirements(question.id)[:2]
        embedder = self._embedder() if callable(self._embedder) else self._embedder
        if not targets or embedder is None:
            return None
        sentences = _sentences(answer)
        if not sentences:
            return None
        vectors = embedder.encode([r.text for r in targets] + sentences)
        req, said = vectors[: len(targets)], vectors[len(targets):]
        cosine = req @ said.T
        for i, requirement in enumerate(targets):
            best = max(evidence_score(requirement.text, requirement.terms, s, cosine[i, j])
                       for j, s in enumerate(sentences))
            if best < PARTIAL_AT:
                return (f"The role asks for this: \"{_short(requirement.text)}\". "
                        "Where have you done that, and how did it go?", requirement.text)
        return None

def load_job_context(name: str, embedder: Embedder | Callable[[], Embedder | None] | None,
                     store: PostingStore | None = None) -> JobContext:
    """The context of a saved posting (raises PostingError if it is gone or unreadable)."""
    posting = (store or PostingStore()).load(name)
    if posting.analysis is None:
        raise PostingError(f"{posting.path}: the posting has not been analysed; run "
                           f"`interviewprep jd show {posting.name}` once")
    return JobContext(posting.name, posting.analysis, embedder)
