"""Job postings with the real embedding model: analysis, planning, readiness and the probes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewprep.interview import InterviewSession, SessionSettings
from interviewprep.jd import PostingAnalyser
from interviewprep.jd.interview import JobContext
from interviewprep.jd.readiness import AnswerEvidence, Passage, StoryEvidence, assess
from interviewprep.transcripts import TranscriptStore

REPO = Path(__file__).resolve().parents[2]
POSTING = """Senior IT Project Manager – SAP S/4HANA Finance
Harbourline Foods | Bristol (hybrid) | £75,000 - £85,000

About us
We make frozen food for supermarkets in six countries.

What you'll do
- Lead the finance workstream of our SAP S/4HANA programme from design to hypercare
- Own the cutover plan and run the go/no-go with the CFO
- Manage the systems integrator against the statement of work
- Report budget, risks and issues to the steering committee every month

What you'll bring
- 8+ years of IT project management, including two ERP go-lives
- PMP or PRINCE2 Practitioner
- Experience with Jira and Scrum inside a hybrid delivery plan

Benefits: 28 days holiday, pension, private medical.
"""
ANSWER = ("At a dairy company I led the finance workstream of an S/4HANA programme. "
          "I owned the cutover plan and ran the go/no-go meeting with the CFO two days before "
          "go-live. We went live on the planned weekend and closed the first month in five days.")


@pytest.fixture(scope="module")
def analyser(element_bank) -> PostingAnalyser:
    return PostingAnalyser.load(element_bank)


def test_analysis_of_a_posting(analyser, element_bank):
    analysis = analyser.analyse(POSTING)
    assert analysis.title == "Senior IT Project Manager – SAP S/4HANA Finance"
    assert analysis.level == "senior"
    assert analysis.specializations[0] == "erp"
    texts = [r.text for r in analysis.requirements]
    assert "Own the cutover plan and run the go/no-go with the CFO" in texts
    assert "PMP or PRINCE2 Practitioner" in texts
    assert not any("holiday" in t or "£" in t or "frozen food" in t for t in texts)
    for term in ("SAP S/4HANA", "hypercare", "cutover plan", "PMP", "PRINCE2 Practitioner", "Jira",
                 "Scrum"):
        assert term in analysis.terms, term
    assert len(analysis.questions) >= 5
    assert len(set(analysis.questions)) == len(analysis.questions)
    questions = [element_bank.questions[q] for q in analysis.questions]
    assert all("senior" in q.levels for q in questions)
    # A technical question on a method or tool the posting names.
    assert any(q.category == "technical" and p.terms
               for q, p in zip(questions, analysis.plan, strict=True))


def test_contract_shape(analyser):
    data = analyser.analyse(POSTING).to_contract_json()
    assert {"title", "level", "specializations", "requirements", "terms", "questions"} <= set(data)
    assert data["level"] in {"entry", "mid", "senior"}
    for requirement in data["requirements"]:
        assert isinstance(requirement["text"], str) and requirement["text"] in POSTING
        assert isinstance(requirement["elements"], list) and isinstance(requirement["terms"], list)


def test_every_labeled_posting_plans_at_least_five_questions(analyser):
    path = REPO / "calibration" / "jd" / "jd_postings.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        posting = json.loads(line)
        assert len(analyser.analyse(posting["text"]).questions) >= 5, posting["id"]


def test_a_posting_with_no_requirement_lines_still_plans_questions(analyser):
    analysis = analyser.analyse("Project Manager\nWe are hiring. Apply now through our site.")
    assert analysis.requirements == []
    assert len(analysis.questions) >= 5


def _answer_once(element_bank, real_scorer, question_id: str, answer: str) -> None:
    session = InterviewSession(element_bank, real_scorer, TranscriptStore(),
                               SessionSettings(question_ids=[question_id], follow_ups=False))
    session.submit(answer, 60.0)
    session.advance()


def test_readiness_from_saved_answers(analyser, element_bank, real_scorer):
    analysis = analyser.analyse(POSTING)
    empty = assess(analysis, analyser, [AnswerEvidence(), StoryEvidence()])
    assert empty.readiness == 0
    assert all(r.status == "missing" and r.evidence is None for r in empty.requirements)
    assert all(r.next_step and r.practise in element_bank.questions for r in empty.requirements)

    _answer_once(element_bank, real_scorer, analysis.questions[0], ANSWER)
    ready = assess(analysis, analyser, [AnswerEvidence(), StoryEvidence()])
    by_text = {r.text: r for r in ready.requirements}
    cutover = by_text["Own the cutover plan and run the go/no-go with the CFO"]
    assert cutover.status == "covered"
    assert cutover.evidence is not None and cutover.evidence.kind == "answer"
    assert "cutover plan" in cutover.evidence.text
    assert by_text["PMP or PRINCE2 Practitioner"].status == "missing"
    assert 0 < ready.readiness < 100
    data = ready.to_contract_json()
    assert data["readiness"] == ready.readiness
    assert {"text", "status", "evidence"} <= set(data["requirements"][0])


class StoryPassagesForTest:
    """A story source given as sentences: stands in for the story bank's store (no scoring)."""

    def passages(self) -> list[Passage]:
        return [Passage("story", "sap-cutover", "I managed the systems integrator against the "
                        "statement of work and signed off each milestone.")]


def test_stories_count_as_evidence_through_the_source_interface(analyser):
    analysis = analyser.analyse(POSTING)
    result = assess(analysis, analyser, [StoryPassagesForTest()])
    si = next(r for r in result.requirements if r.text.startswith("Manage the systems integrator"))
    assert si.status == "covered"
    assert si.evidence is not None and si.evidence.kind == "story" and si.evidence.id == "sap-cutover"
    assert result.sources == {"story": 1}


def test_the_probe_asks_about_a_requirement_the_answer_did_not_show(analyser, element_bank):
    analysis = analyser.analyse(POSTING)
    context = JobContext("harbourline", analysis, analyser.embedder)
    planned = next(p for p in analysis.plan if p.requirements)
    question = element_bank.questions[planned.question_id]
    target = analysis.requirements[planned.requirements[0]].text
    unrelated = ("I enjoy team lunches and I keep my desk tidy. My colleagues say I am friendly "
                 "and I like to plan holidays.")
    probe = context.probe(question, unrelated)
    assert probe is not None
    assert probe[1] in context.targets(question.id)
    shown = " ".join(f"In my last role I had to {t[:1].lower()}{t[1:]}, and I did."
                     for t in context.targets(question.id)[:2])
    assert context.probe(question, shown) is None
    assert target in context.targets(question.id)
    assert analysis.role_phrase() in context.introduce(question, first=True)
