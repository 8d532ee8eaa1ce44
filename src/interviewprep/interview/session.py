"""The interview session engine: plan, ask, score, probe, retry, save, summarise.

Pure Python: the TUI and the plain mode drive the same object. Scoring may be slow, so a UI
calls the submit methods from a worker thread; one thread at a time uses a session.
"""

from __future__ import annotations

import copy
import functools
import random
import threading
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .. import clock
from ..asking.posting import PostingContext
from ..asking.suggest import suggestions_for
from ..asking.verdict import QuestionVerdict
from ..bank import Bank, Question
from ..schedule import (
    AnswerRating,
    ScheduleFile,
    ScheduleStore,
    due_today,
    mix_due_and_new,
    next_due,
    override,
    rate_answer,
)
from ..scoring.feedback import Feedback
from ..speech.answer import apply_recording
from ..speech.delivery import Delivery, assess_delivery
from ..speech.spoken import SpokenAnswer
from ..transcripts import AskedQuestion, Attempt, FollowUp, Transcript, TranscriptStore, Turn
from ..transcripts.lock import DiskStamp, SessionLock
from ..transcripts.model import StoredFeedback, now_iso
from . import lines
from .drafts import Draft, DraftStore

if TYPE_CHECKING:
    from ..asking.rater import QuestionRater

_Method = TypeVar("_Method", bound=Callable[..., Any])


def _all_or_nothing(method: _Method) -> _Method:
    """A session action that changes the transcript and saves it: if anything fails (a full
    disk, another writer) the session is left exactly as it was before the call, so trying
    again never adds the same answer twice. One action at a time (the UI thread may keep a
    draft while a worker thread saves a scored answer)."""

    @functools.wraps(method)
    def wrapper(self: InterviewSession, *args: Any, **kwargs: Any) -> Any:
        with self._mutex:
            before = (copy.deepcopy(self.transcript.__dict__), self.index, self._awaiting_probe)
            try:
                return method(self, *args, **kwargs)
            except BaseException:
                self.transcript.__dict__.clear()
                self.transcript.__dict__.update(before[0])
                self.index, self._awaiting_probe = before[1], before[2]
                raise

    return wrapper  # type: ignore[return-value]


TARGET_SECONDS = 120
PROBE_BELOW = 0.35
"""A key element scoring under this gets the one follow-up probe."""


class AnswerScorer(Protocol):
    def score_question(self, question: Question, answer: str) -> Feedback: ...


class RoleContext(Protocol):
    """The job a session was planned for (jd.interview.JobContext): how the interviewer mentions
    the role, and which of its requirements an answer did not show."""

    def greeting(self) -> str: ...

    def introduce(self, question: Question, first: bool) -> str: ...

    def probe(self, question: Question, answer: str) -> tuple[str, str] | None: ...


class SessionError(Exception):
    """The session cannot be planned or resumed; the message says why."""


@dataclass
class SessionSettings:
    """What the user chose on the setup screen or the command line."""

    category: str | None = None
    level: str | None = None
    specialization: str | None = None
    count: int = 5
    seed: int | None = None
    timer: bool = True
    """Show elapsed time against the 2-minute target."""
    follow_ups: bool = True
    """Ask one probe per question when a key element is missing."""
    question_ids: list[str] = field(default_factory=list)
    """Ask exactly these questions (bank browser, retry), ignoring filters and count."""
    jd: str | None = None
    """The saved job posting the questions were planned from (`practice --jd NAME`)."""
    due: bool = False
    """Ask only the questions due for review today (up to `count`), most urgent first."""
    mix_due: bool = True
    """When something is due, make up to half the session of due questions, the rest new."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionSettings:
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in known})


def plan_questions(bank: Bank, settings: SessionSettings, schedule: ScheduleFile | None = None
                   ) -> list[Question]:
    """Pick the session's questions: the given ids; the due ones; due ones mixed with new ones
    (when `schedule` has some due and mixing is on); or a seeded sample that spreads categories."""
    if settings.question_ids:
        missing = [qid for qid in settings.question_ids if bank.get(qid) is None]
        if missing:
            raise SessionError(f"unknown question id(s): {', '.join(missing)}")
        return [bank.questions[qid] for qid in settings.question_ids]
    pool = bank.filter(settings.category, settings.level, settings.specialization)
    if not pool:
        raise SessionError("no questions match these filters; widen the category, level or "
                           "specialization")
    rng = random.Random(settings.seed)
    if settings.due or (settings.mix_due and schedule is not None):
        now = clock.now()
        known = {q.id for q in pool}
        due = [d.question_id for d in due_today(schedule, now, known)] if schedule else []
        if settings.due:
            if not due:
                later = next_due(schedule, now, known) if schedule else None
                raise SessionError("nothing is due for review today" + (
                    f"; the next question is due {later:%Y-%m-%d}" if later else
                    "; answer some questions first and they come back when they are due"))
            return [bank.questions[qid] for qid in due[: max(1, settings.count)]]
        if due and schedule is not None:
            weak = set(schedule.weak_elements)
            fresh = [q.id for q in sorted(pool, key=lambda q: q.id)
                     if q.id not in schedule.questions]
            weak_first = {qid for qid in fresh if weak & set(bank.questions[qid].element_ids)}
            ids = mix_due_and_new(due, fresh, max(1, settings.count), weak_first, rng)
            return [bank.questions[qid] for qid in ids]
    by_category: dict[str, list[Question]] = defaultdict(list)
    for q in sorted(pool, key=lambda q: q.id):
        by_category[q.category].append(q)
    for group in by_category.values():
        rng.shuffle(group)
    order = sorted(by_category)
    rng.shuffle(order)
    picked: list[Question] = []
    count = max(1, min(settings.count, len(pool)))
    while len(picked) < count:
        for category in order:
            if by_category[category] and len(picked) < count:
                picked.append(by_category[category].pop())
    return picked


@dataclass
class TurnResult:
    """What the UI shows after an answer is scored."""

    feedback: Feedback
    probe: str | None = None
    """The follow-up question to ask now, if any."""
    previous_overall: int | None = None
    """For a follow-up or retry: the score before, to show the change."""
    newly_covered: list[str] = field(default_factory=list)
    rating: AnswerRating | None = None
    """The question's spaced-repetition rating (from the first answer, or the candidate's call)."""
    comes_back: datetime | None = None
    """When the question is due again (None if no schedule is kept for this session)."""
    schedule_notice: str | None = None
    """Why the schedule could not be updated, or what was repaired while loading it."""
    delivery: Delivery | None = None
    """For a spoken answer: pace, fillers, pauses and speaking time from the recording."""


@dataclass
class SessionSummary:
    overall: float | None
    per_question: list[tuple[str, str, int | None]]
    """(question id, question text, final score or None if skipped)."""
    strongest: list[tuple[str, float]]
    """Elements with the highest mean score across the session."""
    weakest: list[tuple[str, float]]
    seconds: float
    transcript_path: Path
    questions_to_ask: list[str]
    """Suggested questions for the interviewer, for the session's level and specialization."""
    questions_asked: list[AskedQuestion] = field(default_factory=list)
    """The candidate's own questions at the end, with their verdicts."""
    comes_back: dict[str, datetime] = field(default_factory=dict)
    """Question id -> when it is due again (empty if no schedule is kept)."""


@dataclass
class DraftRestore:
    """What resuming found of an unsent answer."""

    text: str | None = None
    """Text to put back into the answer box."""
    kept_at: Path | None = None
    """Where a draft that could not be restored was set aside."""


class InterviewSession:
    """One mock interview, saved to its transcript after every change."""

    def __init__(
        self,
        bank: Bank,
        scorer: AnswerScorer | None,
        store: TranscriptStore,
        settings: SessionSettings,
        questions: Sequence[Question] | None = None,
        transcript: Transcript | None = None,
        model_info: dict[str, str] | None = None,
        drafts: DraftStore | None = None,
        role: RoleContext | None = None,
        schedule: ScheduleStore | None = None,
    ) -> None:
        self.bank = bank
        self.role = role
        """The job posting the session is for, if any."""
        self.posting: PostingContext | None = None
        """The same posting as the question rater and the summary's suggestions read it (set by
        whoever loads the posting: questions about its requirements count as prepared)."""
        self.schedule = schedule
        """Where the spaced-repetition schedule is kept (None: ratings are saved, no schedule)."""
        self.schedule_state: ScheduleFile | None = None
        """The schedule as last loaded or updated."""
        self.schedule_notices: list[str] = []
        """What loading the schedule repaired, for the UI to show once."""
        if schedule is not None:
            self._reload_schedule()
        self.drafts = drafts or DraftStore()
        """Where an unsent answer is kept when the user leaves mid-answer."""
        self.scorer = scorer
        self.store = store
        self.settings = settings
        self.questions = (list(questions) if questions is not None
                          else plan_questions(bank, settings, self.schedule_state))
        self.rng = random.Random(settings.seed)
        self.transcript = transcript or Transcript(
            settings=settings.to_json(), plan=[q.id for q in self.questions],
            model=dict(model_info or {}),
        )
        self.index = len([t for t in self.transcript.turns if t.attempts or t.skipped])
        self._awaiting_probe = False
        self.path = self.store.path_for(self.transcript.id)
        self._mutex = threading.RLock()
        """Held by each action that changes and saves the transcript (see _all_or_nothing)."""
        self._on_disk: DiskStamp | None = DiskStamp.of(self.path)
        """The version of the transcript file this session last saw; each save checks that
        it is still the one there (no other writer, not deleted)."""
        self._lock: SessionLock | None = None

    # ------------------------------------------------------------------ resume
    @classmethod
    def resume(cls, bank: Bank, scorer: AnswerScorer | None, store: TranscriptStore,
               transcript: Transcript, role: RoleContext | None = None,
               schedule: ScheduleStore | None = None) -> InterviewSession:
        if transcript.finished:
            raise SessionError(f"session {transcript.id} is already finished")
        missing = [qid for qid in transcript.plan if bank.get(qid) is None]
        if missing:
            raise SessionError(f"session {transcript.id} uses questions no longer in the bank: "
                               f"{', '.join(missing)}")
        settings = SessionSettings.from_json(transcript.settings)
        questions = [bank.questions[qid] for qid in transcript.plan]
        # A turn that was asked but never answered is asked again.
        transcript.turns = [t for t in transcript.turns if t.attempts or t.skipped]
        return cls(bank, scorer, store, settings, questions, transcript, role=role,
                   schedule=schedule)

    # ------------------------------------------------------------------ state
    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def current(self) -> Question | None:
        return self.questions[self.index] if self.index < self.total else None

    @property
    def done(self) -> bool:
        return self.index >= self.total

    @property
    def current_turn(self) -> Turn | None:
        """The transcript turn of the current question, once it has been answered or skipped."""
        turns = self.transcript.turns
        return turns[self.index] if self.index < len(turns) else None

    @property
    def awaiting_follow_up(self) -> bool:
        return self._awaiting_probe

    def greeting(self) -> str:
        text = lines.pick(self.rng, lines.GREETINGS, count=self.total)
        return f"{self.role.greeting()} {text}" if self.role else text

    def transition(self) -> str:
        default = lines.pick(self.rng, lines.FIRST_QUESTION if self.index == 0 else lines.TRANSITIONS)
        question = self.current
        if self.role is not None and question is not None:
            intro = self.role.introduce(question, first=self.index == 0)
            if intro:
                return intro if self.index == 0 else f"{default} {intro}"
        return default

    def closing(self) -> str:
        return lines.pick(self.rng, lines.CLOSINGS)

    def invitation(self) -> str:
        """The interviewer's last question; it always contains the words "questions for"."""
        return lines.pick(self.rng, lines.INVITATIONS)

    def ask_questions(self, rater: QuestionRater, texts: Sequence[str]) -> list[QuestionVerdict]:
        """Rate the candidate's questions for the interviewer and keep them in the transcript.

        Empty `texts` records that the interviewer asked and the candidate had none (or skipped).
        """
        typed = [t.strip() for t in texts if t.strip()]
        verdicts = rater.rate_many(typed, self.posting) if typed else []
        self.record_questions(verdicts)
        return verdicts

    @_all_or_nothing
    def record_questions(self, verdicts: Sequence[QuestionVerdict]) -> None:
        """Save already rated questions (the TUI rates them in a worker, then records them here)."""
        self.transcript.questions_offered = True
        self.transcript.questions_asked.extend(
            AskedQuestion(text=v.text, verdict=v.verdict, reasons=list(v.reasons), rewrite=v.rewrite,
                          kinds=list(v.kinds)) for v in verdicts)
        self.save()

    def save(self) -> Path:
        """Save the transcript over the version this session last saw: TranscriptError if it
        cannot be written, TranscriptChanged if another writer changed or deleted it since."""
        with self._mutex:
            self._on_disk = self.store.save_checked(self.transcript, self._on_disk)
        return self.path

    # ------------------------------------------------------------------ one writer
    def claim(self, where: str, lock: SessionLock | None = None) -> None:
        """Hold the session's lock while it is open here (`where` names this program for
        another instance's message). Raises SessionInUse if it is open elsewhere. `lock`: one
        taken already, before the transcript was read."""
        if self._lock is None:
            self._lock = lock or self.store.lock(self.transcript.id, where)

    def close(self) -> None:
        """The session is no longer open here: another instance may resume it."""
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    # ------------------------------------------------------------------ leaving mid-answer
    def save_for_later(self, text: str, mode: str) -> None:
        """Keep unsent `text` as a draft and make sure the session is saved to resume.

        `mode` is what the text was typed as (answer, follow_up, retry, or scoring when it was
        being scored). Raises OSError if the draft cannot be written; the session is saved anyway.
        """
        question = self.current
        if question is None or not text.strip():
            return
        failure: OSError | None = None
        try:
            self.drafts.save(self.transcript.id, Draft(question.id, mode, text))
        except OSError as exc:
            failure = exc
        self._keep_resumable()
        if failure is not None:
            raise failure

    @_all_or_nothing
    def _keep_resumable(self) -> None:
        question = self.current
        if question is not None and self.current_turn is None:
            # An asked-but-unanswered turn makes the session resumable (resume asks it again),
            # so a draft is never left without its transcript, also while the answer waits for
            # the scorer (the scored answer is added to this turn).
            self.transcript.turns.append(Turn(
                question_id=question.id, question_text=question.text,
                category=question.category, elements=question.element_ids))
            self.save()

    def keep_draft(self, text: str, mode: str) -> None:
        """Keep what is in the answer box as the user types (a debounced save): like
        save_for_later, and an emptied box forgets its draft. Raises OSError or
        TranscriptError if it cannot be kept."""
        if text.strip():
            self.save_for_later(text, mode)
        else:
            self.drafts.delete(self.transcript.id)

    def restore_draft(self) -> DraftRestore:
        """The unsent text for the current question, if one was kept.

        Text typed for a follow-up or a retry of an answered question cannot go back into that
        turn: it stays on disk, set aside, and `kept_at` says where.
        """
        draft = self.drafts.load(self.transcript.id)
        if draft is None:
            return DraftRestore()
        question = self.current
        if question is None or draft.question_id != question.id:
            if draft.text.strip():
                return DraftRestore(kept_at=self.drafts.set_aside(self.transcript.id, draft))
            return DraftRestore()
        if self.current_turn is not None:  # answered since: the draft is stale
            return DraftRestore()
        return DraftRestore(text=draft.text)

    def discard_draft(self) -> None:
        """The draft was submitted, or the session finished: forget it."""
        self.drafts.delete(self.transcript.id)

    def _require_scorer(self) -> AnswerScorer:
        if self.scorer is None:
            raise SessionError("the scorer is not ready yet")
        return self.scorer

    def _turn_for_current(self) -> Turn:
        question = self.current
        if question is None:
            raise SessionError("the session is over")
        turn = self.current_turn
        if turn is None:
            turn = Turn(question_id=question.id, question_text=question.text,
                        category=question.category, elements=question.element_ids)
            self.transcript.turns.append(turn)
        return turn

    # ------------------------------------------------------------------ actions
    @_all_or_nothing
    def submit(self, answer: str, seconds: float = 0.0,
               spoken: SpokenAnswer | None = None) -> TurnResult:
        """Score an answer (first try or retry) to the current question and save. `spoken`:
        the recording it was transcribed from (the text may have been corrected since)."""
        question = self.current
        if question is None:
            raise SessionError("the session is over")
        feedback = self._require_scorer().score_question(question, answer)
        delivery = apply_recording(feedback, spoken) if spoken is not None else None
        turn = self._turn_for_current()
        previous = turn.overall if turn.attempts else None
        turn.attempts.append(Attempt(answer=answer, feedback=StoredFeedback.of(feedback),
                                     seconds=seconds, delivery=delivery.to_json() if delivery else None))
        turn.follow_up = None
        turn.skipped = False
        probe = None
        element = self._probe_element(question, feedback)
        # A session for a job posting first probes a requirement the answer did not show.
        asked = (self.role.probe(question, answer)
                 if self.role is not None and self.settings.follow_ups and len(turn.attempts) == 1
                 else None)
        if asked is not None:
            probe, requirement = asked
            turn.follow_up = FollowUp(question=probe, element=None, requirement=requirement)
        elif self.settings.follow_ups and element and len(turn.attempts) == 1:
            probe = lines.probe_for(element, self.rng, self.bank.elements[element].hint)
            turn.follow_up = FollowUp(question=probe, element=element)
        self._awaiting_probe = probe is not None
        if len(turn.attempts) == 1:
            # The first answer rates the question; retries and follow-ups are coached answers.
            names = {e.id: e.name for e in feedback.elements}
            turn.rating = rate_answer(
                feedback.overall, [ref.id for ref in question.elements],
                [e.id for e in feedback.elements if e.status == "missing"],
                follow_up=turn.follow_up is not None, names=names).to_json()
        self.save()
        result = TurnResult(feedback, probe=probe, previous_overall=previous,
                            delivery=delivery)
        self._schedule_result(result, turn)
        return result

    # ------------------------------------------------------------------ spaced repetition
    def _reload_schedule(self) -> str | None:
        """Bring the schedule in step with the transcripts; returns a problem, if any."""
        if self.schedule is None:
            return None
        try:
            loaded = self.schedule.load()
        except OSError as exc:  # an unreadable transcripts folder
            return f"the schedule could not be updated ({exc})"
        self.schedule_state = loaded.schedule
        self.schedule_notices.extend(loaded.notices)
        return "; ".join(loaded.notices) or None

    def _schedule_result(self, result: TurnResult, turn: Turn) -> None:
        result.rating = AnswerRating.from_json(turn.rating) if turn.rating else None
        if self.schedule is None:
            return
        result.schedule_notice = self._reload_schedule()
        if self.schedule_state is not None:
            card = self.schedule_state.questions.get(turn.question_id)
            result.comes_back = card.card.due.astimezone(clock.now().tzinfo) if card else None

    @_all_or_nothing
    def rate_current(self, choice: str) -> TurnResult:
        """The candidate overrides the current question's rating: 'again' or 'knew' (I knew this)."""
        turn = self.current_turn
        if turn is None or not turn.attempts or turn.skipped:
            raise SessionError("answer the question before rating it")
        previous = AnswerRating.from_json(turn.rating) if turn.rating else None
        if previous is not None and previous.by == "you":
            # A second change of mind replaces the first; the derived reasons stay.
            previous.reasons = [r for r in previous.reasons if not r.startswith("you ")]
        turn.rating = override(previous, choice).to_json()
        self.save()
        feedback = turn.final_feedback.to_feedback() if turn.final_feedback else None
        result = TurnResult(feedback)  # type: ignore[arg-type]
        self._schedule_result(result, turn)
        return result

    def _probe_element(self, question: Question, feedback: Feedback) -> str | None:
        gaps = [(ref.weight, -e.score, e.id) for ref in question.elements
                if (e := feedback.element(ref.id)) is not None and e.score < PROBE_BELOW]
        return max(gaps)[2] if gaps else None

    @_all_or_nothing
    def submit_follow_up(self, answer: str, seconds: float = 0.0,
                         spoken: SpokenAnswer | None = None) -> TurnResult:
        """Score the probe's answer together with the first answer and save. A spoken
        follow-up keeps its own delivery; the combined content score has no single recording."""
        question = self.current
        turn = self.current_turn
        if question is None or turn is None or turn.follow_up is None:
            raise SessionError("there is no follow-up question to answer")
        first = turn.attempts[-1]
        combined = f"{first.answer.rstrip()}\n\n{answer.strip()}"
        feedback = self._require_scorer().score_question(question, combined)
        before = {e.id for e in first.feedback.elements if e.state == "covered"}
        turn.follow_up.answer = answer
        turn.follow_up.feedback = StoredFeedback.of(feedback)
        turn.follow_up.seconds = seconds
        delivery = assess_delivery(spoken) if spoken is not None else None
        turn.follow_up.delivery = delivery.to_json() if delivery else None
        self._awaiting_probe = False
        self.save()
        return TurnResult(feedback, previous_overall=first.overall,
                          newly_covered=[e.id for e in feedback.elements
                                         if e.covered and e.id not in before], delivery=delivery)

    @_all_or_nothing
    def skip_follow_up(self) -> None:
        turn = self.current_turn
        if turn and turn.follow_up and not turn.follow_up.answer:
            turn.follow_up = None
        self._awaiting_probe = False
        self.save()

    @_all_or_nothing
    def skip(self) -> None:
        """Skip the current question without answering."""
        turn = self._turn_for_current()
        if not turn.attempts:
            turn.skipped = True
        self._awaiting_probe = False
        self.index += 1
        self.save()

    @_all_or_nothing
    def advance(self) -> Question | None:
        """Move to the next question after feedback; returns it, or None at the end."""
        if self._awaiting_probe:
            self.skip_follow_up()
        self.index += 1
        if self.done:
            self.finish()
        return self.current

    @_all_or_nothing
    def finish(self) -> SessionSummary:
        if not self.transcript.finished_at:
            self.transcript.finished_at = now_iso()
        self.index = self.total
        self.save()
        return self.summary()

    # ------------------------------------------------------------------ summary
    def summary(self) -> SessionSummary:
        summary = summarise(self.transcript, self.path, self.bank, self.settings.level,
                            self.settings.specialization, self.posting)
        if self.schedule_state is not None:
            tz = clock.now().tzinfo
            for qid, _text, _score in summary.per_question:
                card = self.schedule_state.questions.get(qid)
                if card is not None:
                    summary.comes_back[qid] = card.card.due.astimezone(tz)
        return summary


def element_means(transcript: Transcript) -> dict[str, float]:
    totals: dict[str, list[float]] = defaultdict(list)
    for turn in transcript.turns:
        feedback = turn.final_feedback
        if turn.skipped or not feedback:
            continue
        for e in feedback.elements:
            totals[e.id].append(float(e.score or 0.0))
    return {k: sum(v) / len(v) for k, v in totals.items()}


def summarise(transcript: Transcript, path: Path, bank: Bank | None = None,
              level: str | None = None, specialization: str | None = None,
              posting: PostingContext | None = None) -> SessionSummary:
    means = element_means(transcript)
    ranked = sorted(means.items(), key=lambda kv: kv[1], reverse=True)
    names = {k: (bank.elements[k].name if bank and k in bank.elements else k) for k in means}
    return SessionSummary(
        overall=transcript.overall,
        per_question=[(t.question_id, t.question_text, t.overall) for t in transcript.turns],
        strongest=[(names[k], v) for k, v in ranked[:3] if v >= 0.5],
        weakest=[(names[k], v) for k, v in reversed(ranked[-3:]) if v < 0.5],
        seconds=transcript.seconds,
        transcript_path=path,
        questions_to_ask=suggestions_for(level or (posting.level if posting else None),
                                         specialization or _main_specialization(posting),
                                         posting, seed=_seed_of(transcript)),
        questions_asked=list(transcript.questions_asked),
    )


def _main_specialization(posting: PostingContext | None) -> str | None:
    """The posting's first specialization other than general, if it has one."""
    return next((s for s in (posting.specializations if posting else []) if s != "general"), None)


def _seed_of(transcript: Transcript) -> int:
    """A stable seed per session (its planned questions), so the summary suggests the same
    questions every time it is shown."""
    key = "|".join(transcript.plan) or transcript.id
    return sum(ord(c) * (i + 1) for i, c in enumerate(key))
