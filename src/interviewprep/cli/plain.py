"""`interviewprep practice --plain`: a line-based interview for screen readers, scripts and SSH.

Each question is printed; the answer is read from standard input until an empty line; end of
input ends the session. Feedback is printed, and the transcript is saved exactly as in the TUI.
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import clock
from ..asking import PostingContext, QuestionRater
from ..interview import InterviewSession, SessionError, SessionSettings, TurnResult
from ..schedule import ScheduleStore, describe_when
from ..scoring.feedback import render_text
from ..scoring.modelcard import ModelError
from ..scoring.scorer import Scorer
from ..transcripts import Transcript, TranscriptError, TranscriptStore
from .ask import render_verdict
from .common import EXIT_ERROR, EXIT_OK, err, load_bank_or_warn, progress, warn

STORIES_COMMAND = "?stories"
"""Typed on a line of its own before an answer: show the stories that fit the question."""
if TYPE_CHECKING:
    from ..jd.interview import JobContext

def _rating_line(result: TurnResult, question_id: str) -> str | None:
    """'Review rating: Hard (scored 45/100; missed Stakeholders); it comes back in 2 days ...'."""
    rating = result.rating
    if rating is None:
        return None
    line = f"Review rating: {rating.name} ({'; '.join(rating.reasons)})"
    if result.comes_back is not None:
        line += f"; it comes back {describe_when(result.comes_back, clock.now())}"
    return (line + f".\n(Disagree? Afterwards: `interviewprep rate {question_id} knew` "
            "if you knew it, or `... again` to see it again tomorrow.)")

if TYPE_CHECKING:
    from ..speech.spoken import SpokenAnswer


def _read_answer(stdin: TextIO, on_stories: Callable[[], None] | None = None) -> str | None:
    """Lines until an empty line; None at end of input with nothing typed."""
    lines: list[str] = []
    while True:
        line = stdin.readline()
        if line == "":
            return "\n".join(lines) if lines else None
        # Undecodable bytes arrive as lone surrogates: make them visible replacement characters.
        line = line.rstrip("\n").encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if not lines and on_stories is not None and line.strip().lower() == STORIES_COMMAND:
            on_stories()
            continue
        if not line.strip():
            return "\n".join(lines)
        lines.append(line)


def _read_questions(stdin: TextIO) -> list[str]:
    """One question per line until an empty line or end of input."""
    questions: list[str] = []
    while True:
        line = stdin.readline()
        if line == "":
            return questions
        line = line.rstrip("\n").encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if not line.strip():
            return questions
        questions.append(line.strip())


class PlainStories:
    """The candidate's stories in plain mode: suggestions on request (or under every question
    with --stories), the story each answer told, and the overuse warning at the end."""

    def __init__(self, scorer: Scorer, say: Callable[[str], None], always: bool) -> None:
        from ..stories.library import StoryLibrary

        self.say = say
        self.always = always
        self.library = StoryLibrary(scorer)
        self.told: dict[str, str] = {}
        for problem in self.library.problems:
            warn(f"{problem} (this story file is skipped)")

    @classmethod
    def load(cls, scorer: Scorer, say: Callable[[str], None], always: bool) -> PlainStories | None:
        from ..stories.store import StoryStore

        if not StoryStore().files():
            if always:
                warn("no stories yet: add them with `interviewprep stories add FILE`")
            return None
        try:
            stories = cls(scorer, say, always)
        except (OSError, ValueError) as exc:
            warn(f"your stories could not be scored ({exc}); practising without them")
            return None
        return stories if not stories.library.empty else None

    def suggest(self, question: str) -> None:
        matches = self.library.match(question)[:3]
        self.say("Your stories for this question:")
        for m in matches:
            self.say(f"  {m.fit:8} {m.title}")
        if matches and matches[0].fit == "gap":
            self.say("  (none fits well: answer from another experience)")

    def after_answer(self, session_id: str, question_id: str, answer: str) -> None:
        told = self.library.told(answer)
        if told is None:
            self.told.pop(question_id, None)
            return
        used = self.library.store.record_use(told.id, f"{session_id}:{question_id}")
        self.told[question_id] = told.id
        self.say(f"Story told: {told.title} (told {used} time{'s' if used != 1 else ''} so far)")

    def warning(self, answered: list[str]) -> str | None:
        from ..stories.told import overuse_warning

        return overuse_warning([self.told.get(q) for q in answered], self.library.titles())
def _job_context(name: str | None, scorer: Scorer) -> JobContext | None:
    """The saved posting a session is for; a posting removed since only loses the role lines."""
    if not name:
        return None
    from ..jd import PostingError
    from ..jd.interview import load_job_context

    try:
        return load_job_context(name, scorer.embedder)
    except PostingError as exc:
        warn(f"{exc}; carrying on without the job posting")
        return None
class _VoiceAnswers:
    """`--voice`: each answer is recorded (Enter starts, Enter stops), transcribed, shown, and
    accepted with Enter or replaced by a typed correction. Unavailable: said once, then typing."""

    def __init__(self, say: Callable[[str], None], stdin: TextIO) -> None:
        from ..speech.voice import Voice

        self.voice = Voice()
        self.say = say
        self.stdin = stdin
        self.problem = self.voice.problem()
        if self.problem:
            say(f"(Voice answers are unavailable: {self.problem}. Type your answers instead.)")

    def read(self) -> tuple[str | None, SpokenAnswer | None]:
        """(answer text or None at end of input, the recording it came from)."""
        if self.problem:
            return _read_answer(self.stdin), None
        self.say("(Press Enter to start recording, Enter again to stop; or type your answer.)")
        first = self.stdin.readline()
        if first == "":
            return None, None
        if first.strip():  # typing after all: this line is the start of the answer
            rest = _read_answer(self.stdin) or ""
            return first.rstrip("\n") + ("\n" + rest if rest else ""), None
        spoken = self._record()
        if spoken is None:
            self.say("(Type your answer instead; an empty line ends it.)")
            return _read_answer(self.stdin), None
        self.say(f"Transcript: {spoken.text}")
        self.say("(Enter keeps it; or type a corrected answer, ending with an empty line.)")
        corrected = _read_answer(self.stdin)
        return (corrected if corrected and corrected.strip() else spoken.text), spoken

    def _record(self) -> SpokenAnswer | None:
        from ..speech.errors import SpeechError
        from ..speech.live import LiveTranscription

        live = LiveTranscription(self.voice.transcriber, source="the recording")
        try:
            audio = self.voice.open(live.feed)
        except SpeechError as exc:
            live.cancel()
            self.say(f"(Recording failed: {exc}.)")
            return None
        self.say("Recording... press Enter to stop.")
        self.stdin.readline()
        audio.stop()
        progress(f"Transcribing {live.elapsed_s:.0f} s of speech ...")
        try:
            return live.finish()
        except SpeechError as exc:
            self.say(f"(The recording could not be used: {exc}.)")
            return None


def run_plain(settings: SessionSettings, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout,
              bank_paths: list[Path] | None = None, resume: Transcript | None = None,
              show_stories: bool = False, voice: bool = False) -> int:
    def say(text: str = "") -> None:
        print(text, file=out, flush=True)

    bank = load_bank_or_warn(bank_paths)
    store = TranscriptStore()
    schedule = ScheduleStore(store)
    try:
        if resume is None and not settings.jd:
            # Planned before the model loads, so that "nothing is due" answers at once.
            planned = InterviewSession(bank, None, store, settings, schedule=schedule)
        progress("Loading the scorer ...")
        scorer = Scorer.load(bank.elements)
        role = _job_context(settings.jd, scorer)
        if resume is not None:
            session = InterviewSession.resume(bank, scorer, store, resume, role=role,
                                              schedule=schedule)
        elif settings.jd:
            # A posting plans the questions, and reading it needs the model.
            session = InterviewSession(bank, scorer, store, settings, model_info=scorer.model_info,
                                       role=role, schedule=schedule)
        else:
            session = planned
            session.scorer = scorer
            session.transcript.model = dict(scorer.model_info)
    except (SessionError, ModelError) as exc:
        err(str(exc))
        return EXIT_ERROR
    if role is not None:  # questions for the interviewer about the posting count as prepared
        session.posting = PostingContext.from_analysis(role.analysis)
    for notice in session.schedule_notices:
        warn(notice)

    if resume is not None:
        say(f"Resuming session {resume.id}: {session.index} of {session.total} questions done.")
    else:
        say(f"Interviewer: {session.greeting()}")
    stories = PlainStories.load(scorer, say, show_stories)
    say("(Type your answer; an empty line ends it. An empty answer skips the question. "
        "End of input (Ctrl-D) ends the session.)")
    if stories is not None and not show_stories:
        say(f"(Type {STORIES_COMMAND} on a line of its own to see which of your stories fit.)")
    voice_answers = _VoiceAnswers(say, stdin) if voice else None

    def read_answer() -> tuple[str | None, SpokenAnswer | None]:
        return voice_answers.read() if voice_answers else (_read_answer(stdin), None)

    try:
        while not session.done:
            question = session.current
            assert question is not None
            say()
            say(f"Question {session.index + 1} of {session.total} [{question.category}]")
            say(f"Interviewer: {session.transition()} {question.text}")
            if stories is not None and show_stories:
                stories.suggest(question.text)
            started = time.monotonic()
            on_stories: Callable[[], None] | None = None
            if stories is not None:
                on_stories = functools.partial(stories.suggest, question.text)
            if voice_answers is None:
                answer, spoken = _read_answer(stdin, on_stories), None
            else:
                answer, spoken = voice_answers.read()
            if answer is None:
                if session.path.exists():
                    say("\nEnd of input: the session is saved and can be resumed "
                        "(`interviewprep resume --plain`, or from the app).")
                break
            if not answer.strip():
                session.skip()
                say("(skipped)")
                continue
            result = session.submit(answer, time.monotonic() - started, spoken=spoken)
            say()
            say(render_text(result.feedback))
            if stories is not None:
                stories.after_answer(session.transcript.id, question.id, answer)
            rating_line = _rating_line(result, question.id)
            if rating_line:
                say(rating_line)
            if result.schedule_notice:
                warn(result.schedule_notice)
            if result.delivery is not None:
                say(f"\nSpoken delivery: {result.delivery.summary()}")
                for note in result.delivery.notes:
                    say(f"  - {note}")
            if result.probe:
                say()
                say(f"Interviewer: {result.probe}")
                say("(Answer the follow-up, or an empty line to move on.)")
                started = time.monotonic()
                follow, spoken = read_answer()
                if follow and follow.strip():
                    combined = session.submit_follow_up(follow, time.monotonic() - started,
                                                        spoken=spoken)
                    say()
                    say(f"With your follow-up: {combined.previous_overall} → "
                        f"{combined.feedback.overall}/100"
                        + (f"; now covered: {', '.join(combined.newly_covered)}"
                           if combined.newly_covered else ""))
                else:
                    session.skip_follow_up()
                if follow is None:
                    say("\nEnd of input: the session is saved and can be resumed "
                        "(`interviewprep resume --plain`, or from the app).")
                    break
            session.advance()
        if session.done:
            summary = session.finish()
            say()
            say(f"Interviewer: {session.invitation()}")
            say("(One question per line; an empty line or end of input ends them. "
                "An empty first line means you have none.)")
            asked = _read_questions(stdin)
            if asked:
                say("Rating your questions ...")
            verdicts = session.ask_questions(QuestionRater.load(embedder=scorer.embedder), asked)
            for number, verdict in enumerate(verdicts, start=1):
                say()
                say(render_verdict(number, verdict))
            if not asked:
                say("(No questions. Interviewers notice: have two or three ready; "
                    "see the suggestions below.)")
            summary = session.summary()
            say()
            say(f"Interviewer: {session.closing()}")
            say()
            say("Summary")
            now = clock.now()
            for qid, _text, score in summary.per_question:
                back = summary.comes_back.get(qid)
                when = f"  → back {describe_when(back, now)}" if back is not None else ""
                say(f"  {'skipped' if score is None else f'{score:>3}/100'}  {qid}{when}")
            if summary.overall is not None:
                say(f"  Overall: {summary.overall:.0f}/100")
            if summary.strongest:
                say("  Strongest: " + ", ".join(f"{n} ({v:.2f})" for n, v in summary.strongest))
            if summary.weakest:
                say("  Work on: " + ", ".join(f"{n} ({v:.2f})" for n, v in summary.weakest))
            if summary.questions_asked:
                counts = {k: sum(q.verdict == k for q in summary.questions_asked)
                          for k in ("strong", "fair", "weak")}
                say(f"  Your questions: {counts['strong']} strong, {counts['fair']} fair, "
                    f"{counts['weak']} weak")
            warning = stories.warning([qid for qid, _t, score in summary.per_question
                                       if score is not None]) if stories is not None else None
            if warning:
                say(f"  Warning: {warning}")
            say("\nQuestions you could ask the interviewer:")
            for q in summary.questions_to_ask:
                say(f"  - {q}")
    except TranscriptError as exc:
        err(str(exc))
        last = session.transcript.turns[-1] if session.transcript.turns else None
        if last and last.attempts:
            say("\nThe session could not be saved. Your last answer, so that it is not lost:\n")
            say(last.attempts[-1].answer)
        return EXIT_ERROR
    except KeyboardInterrupt:
        say("\nInterrupted.")
    if session.path.exists():
        say(f"\nTranscript saved: {session.path}")
    else:
        say("\nNothing was answered, so no transcript was saved.")
    return EXIT_OK
