"""The layout-only scorer double keeps its evidence inside the answer."""

from __future__ import annotations

from support.tui import FixedFeedbackScorerDouble


def test_the_double_points_its_evidence_inside_the_answer():
    from interviewprep.bank import load_app_bank

    bank, _ = load_app_bank()
    question = next(iter(bank.questions.values()))
    answer = "First sentence here. Second one follows! And a third?"
    feedback = FixedFeedbackScorerDouble(bank.elements).score_question(question, answer)
    for element in feedback.elements:
        if element.evidence_span:
            start, end = element.evidence_span
            assert answer[start:end] == element.evidence
