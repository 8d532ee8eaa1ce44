"""Scoring with the real model on clear-cut answers (not the borderline ones calibration uses)."""

from __future__ import annotations

import pytest

STAR_ANSWER = (
    "At a regional hospital, our patient-records migration was three weeks behind schedule when "
    "I joined as project manager. I was responsible for getting the new system live before the "
    "old vendor's support contract expired. I re-planned the cutover into two waves, moved two "
    "developers onto the data-cleansing work and ran a daily fifteen-minute stand-up with the "
    "ward leads. The biggest risk was losing records during the move, so we rehearsed the "
    "migration twice and kept a tested rollback plan. Every Friday I met the head of nursing and "
    "the finance director to walk through progress and agree trade-offs. We went live on the "
    "planned weekend with no lost records, and the backlog of unfiled charts fell by 60% in the "
    "first month. What I learned is to rehearse a cutover early: next time I would schedule the "
    "first dry run in week one."
)


def coverage(feedback):
    return {e.id: e.status for e in feedback.elements}


def test_a_full_star_answer_covers_every_contract_element(real_scorer):
    feedback = real_scorer.score(STAR_ANSWER, question="Tell me about a time you rescued a late "
                                 "project.", category="behavioral")
    statuses = coverage(feedback)
    assert all(s == "covered" for s in statuses.values()), statuses
    assert feedback.overall >= 70


def test_evidence_is_a_quoted_sentence_of_the_answer(real_scorer):
    feedback = real_scorer.score(STAR_ANSWER, category="behavioral")
    for element in feedback.elements:
        if element.covered:
            start, end = element.evidence_span
            assert feedback.answer[start:end] == element.evidence
    metrics = feedback.element("metrics")
    assert "60%" in metrics.evidence or "three weeks" in metrics.evidence or "fifteen" in metrics.evidence


def test_a_thin_answer_is_told_what_is_missing_and_how(real_scorer):
    feedback = real_scorer.score(
        "I coordinated the upgrade of the ticketing tool and made sure the team was organised.",
        category="behavioral",
    )
    statuses = coverage(feedback)
    for missing in ("metrics", "lessons", "risk", "stakeholders"):
        assert statuses[missing] != "covered", statuses
        assert feedback.element(missing).hint
    assert statuses["metrics"] == "missing" and feedback.element("metrics").evidence is None
    assert feedback.overall < 40
    assert feedback.next_step


@pytest.mark.parametrize(
    ("answer", "element"),
    [
        ("We never assessed the risks on that project and nothing was done about them.", "risk"),
        ("Nobody from the business or the executive team was involved at any point.", "stakeholders"),
        ("I always focus on stakeholders, risks, metrics, results and lessons learned.", "stakeholders"),
        ("I always focus on stakeholders, risks, metrics, results and lessons learned.", "risk"),
        ("In 2021 we upgraded the ERP to version 12 for ISO 27001 compliance.", "metrics"),
        ("I always learn something from every project.", "lessons"),
    ],
)
def test_negation_stuffing_and_non_metrics_do_not_count(real_scorer, answer, element):
    feedback = real_scorer.score(answer, category="behavioral")
    assert not feedback.element(element).covered, (element, feedback.element(element).score)


@pytest.mark.parametrize(
    ("answer", "element"),
    [
        ("Because the vendor looked shaky, we lined up a second supplier and kept two weeks of "
         "buffer in the plan.", "risk"),
        ("I sat down with the CFO every Friday to walk through the budget and agree trade-offs.",
         "stakeholders"),
        ("We cut the average ticket resolution time from nine hours to under four.", "metrics"),
        ("If I ran it again, I would bring the security team in at kick-off, not in week ten.",
         "lessons"),
    ],
)
def test_paraphrases_without_trigger_words_count(real_scorer, answer, element):
    feedback = real_scorer.score(answer, category="behavioral")
    assert feedback.element(element).covered, (element, feedback.element(element).score)


def test_model_answer_similarity_ranks_a_close_answer_above_an_unrelated_one(real_scorer):
    reference = ("I baseline the scope, route every change through a change request with an "
                 "impact analysis, and let the change board decide.")
    close = real_scorer.score("Every change request gets an impact analysis on the scope "
                              "baseline and the change board approves it.", model_answer=reference)
    far = real_scorer.score("I enjoy cooking pasta at the weekend with my family.",
                            model_answer=reference)
    assert close.model_answer_similarity > far.model_answer_similarity + 0.2


@pytest.mark.parametrize(
    "answer",
    [
        "",
        "   \n\t  ",
        "x" * 200_000,
        "word " * 40_000,
        "\x00\x01\x02 binary \xff\xfe garbage \x1b[31m",
        "Ich habe das Projekt geleitet und das Budget um 10 % unterschritten.",
        "我负责这个项目，我们提前两周完成了。",
        "🚀🚀🚀 shipped it 🎉",
    ],
)
def test_odd_input_gets_feedback_not_a_traceback(real_scorer, answer):
    feedback = real_scorer.score(answer, question="How do you manage risk?", category="technical")
    assert 0 <= feedback.overall <= 100
    assert len(feedback.elements) == 8
    if not answer.strip():
        assert feedback.notice and feedback.overall == 0


def test_non_english_answers_carry_a_notice(real_scorer):
    feedback = real_scorer.score("Ich habe das Projekt geleitet und das Budget deutlich "
                                 "unterschritten, weil wir früh geplant haben.")
    assert feedback.notice and "English" in feedback.notice


def test_hypothetical_answer_to_a_behavioral_question_is_flagged(real_scorer):
    feedback = real_scorer.score(
        "I would first meet the sponsor. Then I would re-plan the work. I would also add a buffer.",
        category="behavioral",
    )
    assert feedback.signals.hypothetical_on_behavioral


def test_off_topic_answer_is_flagged(real_scorer):
    feedback = real_scorer.score("My favourite recipe is a slow-cooked tomato sauce with basil.",
                                 question="How do you handle scope creep on an ERP project?")
    assert feedback.signals.off_topic
