"""Questions planned from a posting: its requirements covered, at its level and specializations.

Greedy coverage: each pick is the bank question that adds the most similarity to the posting's
requirements not yet covered by earlier picks, plus a bonus for a technical question on a method
or tool the posting names, and a small cost for repeating a category, so that a plan reads like
an interview (behavioral, technical, scenario ...) rather than ten takes on one duty.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from ..bank import Bank, Question


class RequirementLine(Protocol):
    """What planning needs of a requirement (analysis.AnalysedRequirement has it)."""

    text: str
    kind: str

MIN_QUESTIONS = 5
TARGET_SIMILARITY = 0.30
"""A question 'targets' a requirement when their cosine similarity reaches this."""
TERM_IN_TEXT_BONUS = 0.12
"""A question whose own text names one of the posting's terms (a technical question on it)."""
TERM_IN_ANSWER_BONUS = 0.04
"""A question whose model answer or tip names one of the posting's terms."""
SPECIALIZATION_BONUS = 0.03
CATEGORY_REPEAT_COST = 0.04
NICE_WEIGHT = 0.5
"""A nice-to-have requirement counts half."""


@dataclass
class PlannedQuestion:
    question_id: str
    requirements: list[int] = field(default_factory=list)
    """Indexes of the requirements this question targets, best first."""
    terms: list[str] = field(default_factory=list)
    """Posting terms the question names."""


def _mentions(text: str, term: str) -> bool:
    # Acronyms must match as written: "SIT" is a test phase, "sit" is not.
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags) is not None


def candidate_pool(bank: Bank, level: str, specializations: Sequence[str]) -> list[Question]:
    """Questions at the level whose specializations meet the posting's (or are general)."""
    wanted = set(specializations) | {"general"}
    pool = [q for q in bank.questions.values()
            if level in q.levels and wanted & set(q.specializations)]
    if len(pool) < MIN_QUESTIONS * 2:
        pool = [q for q in bank.questions.values() if wanted & set(q.specializations)]
    if len(pool) < MIN_QUESTIONS:
        pool = list(bank.questions.values())
    return sorted(pool, key=lambda q: q.id)


def plan_questions(
    bank: Bank,
    question_ids: Sequence[str],
    question_vectors: np.ndarray,
    requirements: Sequence[RequirementLine],
    requirement_vectors: np.ndarray,
    level: str,
    specializations: Sequence[str],
    terms: Sequence[str],
    count: int = 10,
) -> list[PlannedQuestion]:
    """At least MIN_QUESTIONS (when the bank has them), best first."""
    count = max(MIN_QUESTIONS, count)
    row = {qid: i for i, qid in enumerate(question_ids)}
    pool = [q for q in candidate_pool(bank, level, specializations) if q.id in row]
    if not pool:
        return []
    vectors = question_vectors[[row[q.id] for q in pool]]
    if len(requirements):
        similarity = vectors @ requirement_vectors.T
        weights = np.array([NICE_WEIGHT if r.kind == "nice" else 1.0 for r in requirements])
    else:
        similarity = np.zeros((len(pool), 0), dtype=np.float32)
        weights = np.zeros(0)
    specific = set(specializations) - {"general"}
    bonus = np.zeros(len(pool))
    named: list[list[str]] = []
    for i, q in enumerate(pool):
        in_text = [t for t in terms if len(t) > 1 and _mentions(q.text, t)]
        in_answer = [t for t in terms if len(t) > 2 and t not in in_text
                     and _mentions(f"{q.model_answer} {q.tip}", t)]
        named.append(in_text)
        if in_text:
            bonus[i] += TERM_IN_TEXT_BONUS * (1.5 if q.category == "technical" else 1.0)
        if in_answer:
            bonus[i] += TERM_IN_ANSWER_BONUS
        if specific & set(q.specializations):
            bonus[i] += SPECIALIZATION_BONUS
    covered = np.zeros(similarity.shape[1])
    chosen: list[int] = []
    categories: Counter[str] = Counter()
    total_weight = float(weights.sum()) or 1.0
    while len(chosen) < min(count, len(pool)):
        gains = (np.clip(similarity - covered, 0, None) * weights).sum(axis=1) / total_weight
        scores = gains + bonus - np.array([CATEGORY_REPEAT_COST * categories[q.category]
                                           for q in pool])
        scores[chosen] = -np.inf
        best = int(np.argmax(scores))
        chosen.append(best)
        categories[pool[best].category] += 1
        if similarity.shape[1]:
            covered = np.maximum(covered, similarity[best])
    plan = []
    for i in chosen:
        targets = [int(j) for j in np.argsort(-similarity[i]) if similarity[i, j] >= TARGET_SIMILARITY]
        plan.append(PlannedQuestion(pool[i].id, targets[:3], named[i]))
    return plan
