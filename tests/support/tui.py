"""Shared pieces for the TUI tests: a layout-only scorer double, a still clock, saved sessions.

`FixedFeedbackScorerDouble` is for screen layout and navigation only (snapshots, help). No test
asserts anything about scoring with it: scoring is tested with the real scorer.
"""

from __future__ import annotations

import re
from pathlib import Path

from interviewprep.bank import Question
from interviewprep.interview import SessionSettings
from interviewprep.scoring.feedback import ElementCoverage, Feedback
from interviewprep.scoring.signals import answer_signals
from interviewprep.transcripts import Attempt, Transcript, TranscriptStore, Turn

STATUS_CYCLE = ("covered", "partial", "missing", "covered", "missing")
SCORE_FOR = {"covered": 0.86, "partial": 0.46, "missing": 0.08}


class FixedFeedbackScorerDouble:
    """Returns the same made-up feedback for the same answer; statuses cycle by position."""

    model_info = {"card": "test-double", "sha256": "0" * 64, "runtime": "test double",
                  "calibration": "none"}

    def __init__(self, elements: dict | None = None) -> None:
        if elements is None:
            from interviewprep.bank import load_app_bank

            elements = load_app_bank()[0].elements
        self.elements = elements

    def score_question(self, question: Question, answer: str) -> Feedback:
        sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", answer)
                     if m.group().strip()]
        coverages = []
        for i, ref in enumerate(question.elements):
            status = STATUS_CYCLE[i % len(STATUS_CYCLE)]
            span = sentences[i % len(sentences)] if sentences and status != "missing" else None
            if span is not None:
                text = answer[span[0]:span[1]]
                lead = len(text) - len(text.lstrip())
                span = (span[0] + lead, span[1])
            coverages.append(ElementCoverage(
                id=ref.id, name=self.elements[ref.id].name if ref.id in self.elements else ref.id,
                status=status, score=SCORE_FOR[status],
                evidence=answer[span[0]:span[1]] if span else None, evidence_span=span,
                weight=ref.weight,
                hint="" if status == "covered" else f"Add the {ref.id.replace('_', ' ')}.",
            ))
        total = sum(c.weight for c in coverages)
        overall = round(100 * sum(c.weight * c.score for c in coverages) / total)
        return Feedback(
            overall=overall, elements=coverages, signals=answer_signals(answer, question.category),
            answer=answer, next_step="Add the missing parts, then answer again.",
            model=dict(self.model_info),
        )


async def wait_for_scorer(pilot, timeout: float = 120.0) -> None:
    """The scorer starts loading after the first frame; wait until it has settled."""
    waited = 0.0
    while pilot.app.scorer_state == "loading" and waited < timeout:
        await pilot.pause(0.05)
        waited += 0.05
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class StillClock:
    """A monotonic clock that only moves when a test moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def start_and_submit(pilot, settings: SessionSettings, answer: str,
                           retry_of: dict | None = None):
    """Start a session, type `answer`, submit it with ctrl+s and wait for the scoring worker.

    Returns the interview screen."""
    from interviewprep.tui.screens.interview import InterviewScreen

    app = pilot.app
    assert app.start_session(settings, retry_of=retry_of) is not False
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, InterviewScreen)
    screen.box.insert(answer)
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def masked_path(path: Path) -> str:
    """No machine paths in snapshots."""
    return f"<transcripts>/session{path.suffix}"


SNAPSHOT_QUESTIONS = """\
questions:
  - id: snap-risk-story
    category: behavioral
    levels: [mid, senior]
    specializations: [general]
    text: "Tell me about a time you had to manage a significant project risk."
    elements: [situation, action, {id: risk, weight: 1.5}, result, metrics]
    model_answer: >-
      At a regional bank I ran a branch server migration. The main risk was the cutover
      weekend, so I agreed a rollback plan with the vendor and rehearsed it twice. We
      finished two weeks early and 20% under budget.
    follow_ups: ["What would you do differently?"]
    tip: "Name the risk, how you assessed it, and what you did about it."
  - id: snap-off-track
    category: adaptability
    levels: [mid]
    specializations: [general, itsm]
    text: "How have you handled a project that went off track?"
    elements: [situation, action, result, stakeholders, {id: lessons, weight: 1.5}]
    model_answer: >-
      I re-baselined a service desk consolidation with the sponsor and finished 4% over
      budget instead of 20%.
    tip: "Own the problem and show the recovery."
  - id: snap-first-weeks
    category: scenario
    levels: [entry, mid]
    specializations: [general]
    text: "You join a project with no plan and no risk log. What do you do in your first two weeks?"
    elements: [action, risk, stakeholders, task]
    model_answer: >-
      I would meet the sponsor, rebuild the plan with the team and start a risk log in
      week one.
"""


def snapshot_bank(folder: Path):
    """A small fixed bank (bundled element library + three questions): snapshots do not change
    when the bundled questions do."""
    from interviewprep import locations
    from interviewprep.bank import load_bank

    folder.mkdir(parents=True, exist_ok=True)
    questions = folder / "snapshot-questions.yaml"
    questions.write_text(SNAPSHOT_QUESTIONS, encoding="utf-8")
    bank, errors = load_bank([locations.bundled_bank_dir() / "elements.yaml", questions])
    assert not errors, errors
    return bank


def save_sample_sessions(bank_questions: list[Question]) -> list[Transcript]:
    """Three saved sessions with fixed ids and dates: two finished, one unfinished."""
    store = TranscriptStore()
    made = []
    for n, (day, scores, finished) in enumerate([
        ("2025-03-02T18:30:00+00:00", [72, 58, 64], True),
        ("2025-03-05T09:10:00+00:00", [41, None], True),
        ("2025-03-07T20:45:00+00:00", [66], False),
    ]):
        turns = []
        for question, score in zip(bank_questions, scores, strict=False):
            turn = Turn(question_id=question.id, question_text=question.text,
                        category=question.category, elements=question.element_ids,
                        asked_at=day)
            if score is None:
                turn.skipped = True
            else:
                turn.attempts.append(Attempt(answer="A sample answer.", seconds=90.0,
                                             feedback={"overall": score, "elements": []},
                                             submitted_at=day))
            turns.append(turn)
        transcript = Transcript(
            id=f"sample-{n + 1}", started_at=day, finished_at=day if finished else None,
            settings={"count": 3}, plan=[q.id for q in bank_questions[:3]], turns=turns,
        )
        store.save(transcript)
        made.append(transcript)
    return made


class FixedVerdictRaterDouble:
    """Layout only: rates the n-th question strong, fair, weak in turn, with fixed reasons.

    No test asserts anything about rating with it: rating is tested with the real rater."""

    CYCLE = ("strong", "fair", "weak")

    def rate_many(self, lines, posting=None):
        from interviewprep.asking import QuestionVerdict

        out = []
        for n, line in enumerate(lines):
            verdict = self.CYCLE[n % 3]
            out.append(QuestionVerdict(
                text=line, verdict=verdict,
                reasons=[f"double: reason one for a {verdict} question", "double: reason two"],
                rewrite="double: a better question to ask instead?" if verdict == "weak" else None,
                kinds=["open"]))
        return out


SAMPLE_POSTING = """Senior IT Project Manager - Cloud Migration
Northwind Transit | Remote

What you'll do
- Lead the migration of 40 applications to Azure
- Run the change advisory board for each migration wave
- Report budget and risks to the steering committee

What you'll bring
- 8+ years of IT project management
- AZ-900 or another Azure certification
"""


def save_sample_posting(name: str = "northwind-cloud"):
    """A saved posting with a fixed analysis (so that screens show the same thing every run)."""
    from interviewprep.jd import PostingStore
    from interviewprep.jd.analysis import AnalysedRequirement, PostingAnalysis
    from interviewprep.jd.planning import PlannedQuestion

    requirements = [
        AnalysedRequirement("Lead the migration of 40 applications to Azure", "duty",
                            ["action", "result"], ["Azure"]),
        AnalysedRequirement("Run the change advisory board for each migration wave", "duty",
                            ["action"], ["change advisory board"]),
        AnalysedRequirement("Report budget and risks to the steering committee", "duty",
                            ["action", "risk", "stakeholders", "metrics"], ["steering committee"]),
        AnalysedRequirement("8+ years of IT project management", "skill", ["situation"], []),
        AnalysedRequirement("AZ-900 or another Azure certification", "skill", ["situation"],
                            ["AZ-900", "Azure"]),
    ]
    analysis = PostingAnalysis(
        title="Senior IT Project Manager - Cloud Migration", level="senior",
        level_reason="title says 'Senior'", specializations=["infrastructure"],
        requirements=requirements,
        terms=["Azure", "change advisory board", "steering committee", "AZ-900"],
        questions=["snap-risk-story", "snap-off-track", "snap-first-weeks"],
        plan=[PlannedQuestion("snap-risk-story", [0, 2], []),
              PlannedQuestion("snap-off-track", [2], []),
              PlannedQuestion("snap-first-weeks", [1], [])])
    return PostingStore().add(SAMPLE_POSTING, analysis, name=name)
