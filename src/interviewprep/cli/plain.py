"""`interviewprep practice --plain`: a line-based interview for screen readers, scripts and SSH.

Each question is printed; the answer is read from standard input until an empty line; end of
input ends the session. Feedback is printed, and the transcript is saved exactly as in the TUI.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..interview import InterviewSession, SessionError, SessionSettings
from ..scoring.feedback import render_text
from ..scoring.modelcard import ModelError
from ..scoring.scorer import Scorer
from ..transcripts import Transcript, TranscriptError, TranscriptStore
from .common import EXIT_ERROR, EXIT_OK, err, load_bank_or_warn, progress

if TYPE_CHECKING:
    from ..speech.spoken import SpokenAnswer


def _read_answer(stdin: TextIO) -> str | None:
    """Lines until an empty line; None at end of input with nothing typed."""
    lines: list[str] = []
    while True:
        line = stdin.readline()
        if line == "":
            return "\n".join(lines) if lines else None
        # Undecodable bytes arrive as lone surrogates: make them visible replacement characters.
        line = line.rstrip("\n").encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if not line.strip():
            return "\n".join(lines)
        lines.append(line)


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
              voice: bool = False) -> int:
    def say(text: str = "") -> None:
        print(text, file=out, flush=True)

    bank = load_bank_or_warn(bank_paths)
    store = TranscriptStore()
    try:
        progress("Loading the scorer ...")
        scorer = Scorer.load(bank.elements)
        if resume is not None:
            session = InterviewSession.resume(bank, scorer, store, resume)
        else:
            session = InterviewSession(bank, scorer, store, settings, model_info=scorer.model_info)
    except (SessionError, ModelError) as exc:
        err(str(exc))
        return EXIT_ERROR

    if resume is not None:
        say(f"Resuming session {resume.id}: {session.index} of {session.total} questions done.")
    else:
        say(f"Interviewer: {session.greeting()}")
    say("(Type your answer; an empty line ends it. An empty answer skips the question. "
        "End of input (Ctrl-D) ends the session.)")
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
            started = time.monotonic()
            answer, spoken = read_answer()
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
            say(f"Interviewer: {session.closing()}")
            say()
            say("Summary")
            for qid, _text, score in summary.per_question:
                say(f"  {'skipped' if score is None else f'{score:>3}/100'}  {qid}")
            if summary.overall is not None:
                say(f"  Overall: {summary.overall:.0f}/100")
            if summary.strongest:
                say("  Strongest: " + ", ".join(f"{n} ({v:.2f})" for n, v in summary.strongest))
            if summary.weakest:
                say("  Work on: " + ", ".join(f"{n} ({v:.2f})" for n, v in summary.weakest))
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
