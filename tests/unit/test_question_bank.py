"""The bundled bank: validates, meets its counts, has no near-duplicates, and every model answer
is judged by the scorer to cover its own listed elements."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from interviewprep.bank import CATEGORIES, LEVELS, SPECIALIZATIONS

COMMON_QUESTIONS = [
    "Walk me through how you initiate a new IT project",
    "How do you manage project scope and handle scope creep?",
    "Describe your experience with Agile methodologies",
    "Tell me about a time you had to manage significant project risks",
    "How do you measure and report on project success?",
    "Describe your stakeholder management approach",
    "What project management tools are you proficient in?",
    "How have you handled a project that went off track?",
]


def test_counts(element_bank):
    questions = list(element_bank.questions.values())
    assert len(questions) >= 250
    by_category = Counter(q.category for q in questions)
    by_level = Counter(level for q in questions for level in q.levels)
    by_spec = Counter(s for q in questions for s in q.specializations)
    for category in CATEGORIES:
        assert by_category[category] >= 40, by_category
    for level in LEVELS:
        assert by_level[level] >= 60, by_level
    for spec in SPECIALIZATIONS:
        if spec != "general":
            assert by_spec[spec] >= 15, by_spec


def test_the_eight_common_questions_are_there(element_bank):
    texts = {q.text.rstrip("?.").casefold() for q in element_bank.questions.values()}
    for question in COMMON_QUESTIONS:
        assert question.rstrip("?.").casefold() in texts, question


def test_every_question_is_complete(element_bank):
    for q in element_bank.questions.values():
        assert 3 <= len(q.elements) <= 6, q.id
        assert 120 <= len(q.model_answer.split()) <= 300, (q.id, len(q.model_answer.split()))
        assert 1 <= len(q.follow_ups) <= 3, q.id
        assert q.tip, q.id


def test_element_library(element_bank):
    elements = element_bank.elements
    assert len(elements) >= 12
    for element in elements.values():
        assert len(element.exemplars) >= 12, element.id
        assert element.counter_exemplars, element.id


def test_no_near_duplicate_questions(element_bank, real_scorer):
    questions = list(element_bank.questions.values())
    vectors = real_scorer.embedder.encode([q.text for q in questions])
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, 0)
    i, j = np.unravel_index(np.argmax(sims), sims.shape)
    assert sims[i, j] <= 0.9, (questions[i].text, questions[j].text, float(sims[i, j]))


@pytest.mark.parametrize("category", CATEGORIES)
def test_model_answers_cover_their_own_elements(element_bank, real_scorer, category):
    shortfalls = []
    for q in element_bank.filter(category=category):
        feedback = real_scorer.score_question(q, q.model_answer)
        covered = sum(1 for e in feedback.elements if e.covered)
        if covered < 0.8 * len(feedback.elements):
            missing = [e.id for e in feedback.elements if not e.covered]
            shortfalls.append(f"{q.id}: missing {missing}")
    assert not shortfalls, "\n".join(shortfalls)
