"""`interviewprep practice --plain`: a line-based interview for screen readers, scripts and SSH.

Each question is printed; the answer is read from standard input until an empty line; end of
input ends the session. Feedback is printed, and the transcript is saved exactly as in the TUI.
"""

from __future__ import annotations

import functools
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from .. import clock
from ..asking import PostingContext, QuestionRater
from ..interview import InterviewSession, SessionError, SessionSettings, TurnResult
from ..schedule import ScheduleStore, describe_when
from ..scoring.feedback import render_text
from ..scoring.modelcard import ModelError
from ..scoring.scorer import Scorer
from ..transcripts import Transcript, TranscriptError, TranscriptStore
from ..transcripts.lock import SessionLock, TranscriptChanged
from .ask import render_verdict
from .common import EXIT_ERROR, EXIT_OK, err, load_bank_or_warn, progress, warn

T = TypeVar("T")

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


def _clean_line(line: str) -> str:
    """A line read from standard input, without its newline. Undecodable bytes arrive as lone
    surrogates: they become visible replacement characters."""
    return line.rstrip("\n").encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_answer(stdin: TextIO, on_stories: Callable[[], None] | None = None,
                 typed: list[str] | None = None,
                 on_line: Callable[[list[str]], None] | None = None) -> str | None:
    """Lines until an empty line; None at end of input with nothing typed. `typed` collects
    the lines as they come, so that a signal mid-answer can keep them as a draft; `on_line`
    is called with them after each line (to keep the draft on disk as the user types)."""
    lines: list[str] = typed if typed is not None else []
    lines.clear()
    while True:
        line = stdin.readline()
        if line == "":
            return "\n".join(lines) if lines else None
        line = _clean_line(line)
        if not lines and on_stories is not None and line.strip().lower() == STORIES_COMMAND:
            on_stories()
            continue
        if not line.strip():
            return "\n".join(lines)
        lines.append(line)
        if on_line is not None:
            on_line(lines)


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
        try:
            used = self.library.store.record_use(told.id, f"{session_id}:{question_id}")
        except OSError as exc:  # a full disk: the answer is saved, only the count is not
            warn(f"the story this answer told could not be counted ({exc})")
            used = self.library.store.used(told.id)
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

    def read(self, typed: list[str], on_line: Callable[[list[str]], None]
             ) -> tuple[str | None, SpokenAnswer | None]:
        """(answer text or None at end of input, the recording it came from). As in typed
        mode, `typed` holds what a signal would keep and `on_line` keeps it on disk at once:
        each line typed, the transcript as soon as it is made (with the correction being
        typed after it), and while recording, what has been transcribed so far."""
        if self.problem:
            return _read_answer(self.stdin, None, typed, on_line), None
        self.say("(Press Enter to start recording, Enter again to stop; or type your answer.)")
        first = self.stdin.readline()
        if first == "":
            return None, None
        if first.strip():  # typing after all: this line is the start of the answer
            first = _clean_line(first)
            _keep(typed, [first], on_line)
            rest = _read_answer(self.stdin, None, [], _after([first], typed, on_line)) or ""
            return first + ("\n" + rest if rest else ""), None
        spoken = self._record(typed)
        if spoken is None:
            self.say("(Type your answer instead; an empty line ends it.)")
            return _read_answer(self.stdin, None, typed, on_line), None
        _keep(typed, [spoken.text], on_line)
        self.say(f"Transcript: {spoken.text}")
        self.say("(Enter keeps it; or type a corrected answer, ending with an empty line.)")
        corrected = _read_answer(self.stdin, None, [], _after([spoken.text], typed, on_line))
        return (corrected if corrected and corrected.strip() else spoken.text), spoken

    def _record(self, typed: list[str]) -> SpokenAnswer | None:
        from ..speech.errors import SpeechError
        from ..speech.live import LiveTranscription

        def heard(text: str) -> None:
            """Each stretch transcribed while recording: what a signal would keep (transcribing
            the rest would take too long then)."""
            typed[:] = [text] if text else []

        live = LiveTranscription(self.voice.transcriber, source="the recording", on_text=heard)
        try:
            audio = self.voice.open(live.feed)
        except SpeechError as exc:
            live.cancel()
            self.say(f"(Recording failed: {exc}.)")
            return None
        recording = True
        try:
            self.say("Recording... press Enter to stop.")
            self.stdin.readline()
            audio.stop()
            recording = False
            progress(f"Transcribing {live.elapsed_s:.0f} s of speech ...")
            return live.finish()
        except SpeechError as exc:
            self.say(f"(The recording could not be used: {exc}.)")
            return None
        finally:
            if recording:
                audio.stop()
            live.cancel()


def _keep(typed: list[str], lines: list[str], on_line: Callable[[list[str]], None]) -> None:
    typed[:] = lines
    on_line(typed)


def _after(before: list[str], typed: list[str], on_line: Callable[[list[str]], None]
           ) -> Callable[[list[str]], None]:
    """An `on_line` for lines typed after `before` (the transcript, or a first line): what is
    kept is `before` and then those lines."""
    return lambda lines: _keep(typed, before + lines, on_line)


class _Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived (the terminal was closed, or the process was told to stop);
    handled like Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, _frame: object) -> None:
    raise _Stopped(signum)


@contextmanager
def _stop_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the session like Ctrl-C does (the unsent answer is kept as a
    draft) instead of ending the process where it stands."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _raise_stopped) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


STOP_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
                     if s is not None)


class _Typing:
    """What the user has typed and not yet had saved: the lines of the answer being read, or
    the answer being scored and saved."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pending: str | None = None
        self.mode = "answer"

    def start(self, mode: str) -> list[str]:
        self.mode, self.pending = mode, None
        self.lines = []
        return self.lines

    def sending(self, text: str) -> None:
        self.pending = text

    def sent(self) -> None:
        self.pending = None
        self.lines = []

    @property
    def text(self) -> str:
        return self.pending if self.pending is not None else "\n".join(self.lines)


def run_plain(settings: SessionSettings, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout,
              bank_paths: list[Path] | None = None, resume: Transcript | None = None,
              show_stories: bool = False, voice: bool = False) -> int:
    with _stop_signals():
        return _run_plain(settings, stdin, out, bank_paths, resume, show_stories, voice)


def _run_plain(settings: SessionSettings, stdin: TextIO, out: TextIO,
               bank_paths: list[Path] | None, resume: Transcript | None,
               show_stories: bool, voice: bool) -> int:
    def say(text: str = "") -> None:
        try:
            print(text, file=out, flush=True)
        except OSError:
            pass  # the terminal is gone (SIGHUP): what matters is on disk

    bank = load_bank_or_warn(bank_paths)
    store = TranscriptStore()
    schedule = ScheduleStore(store)
    lock: SessionLock | None = None
    try:
        if resume is not None:
            # One writer per session: taken before the transcript is read again, so that what
            # is resumed is what the last writer saved.
            lock = store.lock(resume.id, "plain mode")
            try:
                resume = store.load(resume.id)
            except TranscriptError:
                pass  # a file not named after its id: carry on with what was read
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
        session.claim("in plain mode", lock)
    except (SessionError, ModelError, TranscriptError) as exc:
        if lock is not None:
            lock.release()
        err(str(exc))
        return EXIT_ERROR
    if role is not None:  # questions for the interviewer about the posting count as prepared
        session.posting = PostingContext.from_analysis(role.analysis)
    try:
        return _interview(session, scorer, say, stdin, resume, show_stories, voice)
    finally:
        session.close()


def _interview(session: InterviewSession, scorer: Scorer, say: Callable[..., None],
               stdin: TextIO, resume: Transcript | None, show_stories: bool,
               voice: bool) -> int:
    for notice in session.schedule_notices:
        warn(notice)

    draft: str | None = None
    if resume is not None:
        say(f"Resuming session {resume.id}: {session.index} of {session.total} questions done.")
        restored = session.restore_draft()
        if restored.kept_at is not None:
            say(f"(Text you had typed for an earlier question is kept in {restored.kept_at}.)")
        draft = restored.text
    else:
        say(f"Interviewer: {session.greeting()}")
    stories = PlainStories.load(scorer, say, show_stories)
    say("(Type your answer; an empty line ends it. An empty answer skips the question. "
        "End of input (Ctrl-D) ends the session.)")
    if stories is not None and not show_stories:
        say(f"(Type {STORIES_COMMAND} on a line of its own to see which of your stories fit.)")
    voice_answers = _VoiceAnswers(say, stdin) if voice else None
    typing = _Typing()

    def read_answer(mode: str, on_stories: Callable[[], None] | None = None
                    ) -> tuple[str | None, SpokenAnswer | None]:
        lines = typing.start(mode)
        if voice_answers is not None:
            return voice_answers.read(lines, functools.partial(keep_typed, mode))
        return _read_answer(stdin, on_stories, lines, functools.partial(keep_typed, mode)), None

    def keep_typed(mode: str, lines: list[str]) -> None:
        """Each line typed is kept as the draft at once (it survives even kill -9)."""
        try:
            session.keep_draft("\n".join(lines), mode)
        except (OSError, TranscriptError):
            pass  # a full disk: a failed save of the answer says so, and shows the text

    def saved(action: Callable[[], T], text: str) -> tuple[bool, T | None]:
        """Run an action that saves the transcript; on a failed save, say why, show the
        typed text (it is also kept as a draft when that can be written) and offer to try
        again. The session is unchanged by a failed save, so a retry adds nothing twice.
        (False, None): the user gave up (or the file was changed elsewhere: retrying cannot
        help)."""
        while True:
            try:
                return True, action()
            except TranscriptError as exc:
                err(str(exc))
                if text.strip():
                    kept = _keep_as_draft(session, text, typing.mode)
                    say("\nYour answer was not saved. So that it is not lost, here it is:\n")
                    say(text)
                    if kept is not None:
                        say(f"\n(It is also kept as a draft: {kept}.)")
                if isinstance(exc, TranscriptChanged):
                    return False, None
                say("\nFree some space (or fix what the message says), then press Enter to "
                    "save again; end of input (Ctrl-D) stops here.")
                if stdin.readline() == "":
                    return False, None

    try:
        while not session.done:
            question = session.current
            assert question is not None
            say()
            say(f"Question {session.index + 1} of {session.total} [{question.category}]")
            say(f"Interviewer: {session.transition()} {question.text}")
            if stories is not None and show_stories:
                stories.suggest(question.text)
            if draft is not None:
                say("\nYour unsent answer from last time:\n")
                say(draft)
                say("\n(An empty line sends it as it is; or type another answer.)")
            started = time.monotonic()
            on_stories: Callable[[], None] | None = None
            if stories is not None:
                on_stories = functools.partial(stories.suggest, question.text)
            answer, spoken = read_answer("answer", on_stories)
            if draft is not None and answer is not None and not answer.strip():
                answer = draft
            draft = None
            if answer is None:
                if session.path.exists():
                    say("\nEnd of input: the session is saved and can be resumed "
                        "(`interviewprep resume --plain`, or from the app).")
                break
            if not answer.strip():
                if not saved(session.skip, "")[0]:
                    return EXIT_ERROR
                say("(skipped)")
                continue
            typing.sending(answer)
            seconds = time.monotonic() - started
            ok, result = saved(functools.partial(session.submit, answer, seconds,
                                                 spoken=spoken), answer)
            if not ok or result is None:
                return EXIT_ERROR
            typing.sent()
            session.discard_draft()
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
                follow, spoken = read_answer("follow_up")
                if follow and follow.strip():
                    typing.sending(follow)
                    seconds = time.monotonic() - started
                    ok, combined = saved(functools.partial(
                        session.submit_follow_up, follow, seconds, spoken=spoken), follow)
                    if not ok or combined is None:
                        return EXIT_ERROR
                    typing.sent()
                    session.discard_draft()
                    say()
                    say(f"With your follow-up: {combined.previous_overall} → "
                        f"{combined.feedback.overall}/100"
                        + (f"; now covered: {', '.join(combined.newly_covered)}"
                           if combined.newly_covered else ""))
                elif not saved(session.skip_follow_up, "")[0]:
                    return EXIT_ERROR
                if follow is None:
                    say("\nEnd of input: the session is saved and can be resumed "
                        "(`interviewprep resume --plain`, or from the app).")
                    break
            if not saved(session.advance, "")[0]:
                return EXIT_ERROR
        if session.done:
            ok, summary = saved(session.finish, "")
            if not ok or summary is None:
                return EXIT_ERROR
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
    except KeyboardInterrupt as exc:
        # Ctrl-C, a closed terminal (SIGHUP) or SIGTERM: what was being typed is kept.
        kept = _keep_as_draft(session, typing.text, typing.mode if typing.pending is None
                              else "scoring")
        say("\nInterrupted." + (f" Your unsent answer is kept ({kept}); `interviewprep resume "
                                "--plain` brings it back." if kept else ""))
        if isinstance(exc, _Stopped):
            return 128 + exc.signum
    if session.path.exists():
        say(f"\nTranscript saved: {session.path}")
    else:
        say("\nNothing was answered, so no transcript was saved.")
    return EXIT_OK


def _keep_as_draft(session: InterviewSession, text: str, mode: str) -> Path | None:
    """Keep unsent text as the session's draft (and the session resumable); where it is, or
    None if there was nothing to keep or it could not be written."""
    if not text.strip():
        return None
    try:
        session.save_for_later(text, mode)
    except OSError:
        return None
    except TranscriptError:
        pass  # the draft may still have been written: it is checked below
    draft = session.drafts.load(session.transcript.id)
    if draft is None or draft.text != text:
        return None
    return session.drafts.path_for(session.transcript.id)
