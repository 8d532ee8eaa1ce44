"""`interviewprep practice --plain`: a line-based interview for screen readers, scripts and SSH.

Each question is printed; the answer is read from standard input until an empty line; end of
input ends the session. Feedback is printed, and the transcript is saved exactly as in the TUI.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from ..asking import QuestionRater
from ..interview import InterviewSession, SessionError, SessionSettings
from ..scoring.feedback import render_text
from ..scoring.modelcard import ModelError
from ..scoring.scorer import Scorer
from ..transcripts import Transcript, TranscriptError, TranscriptStore
from .ask import render_verdict
from .common import EXIT_ERROR, EXIT_OK, err, load_bank_or_warn, progress


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


def run_plain(settings: SessionSettings, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout,
              bank_paths: list[Path] | None = None, resume: Transcript | None = None) -> int:
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
    try:
        while not session.done:
            question = session.current
            assert question is not None
            say()
            say(f"Question {session.index + 1} of {session.total} [{question.category}]")
            say(f"Interviewer: {session.transition()} {question.text}")
            started = time.monotonic()
            answer = _read_answer(stdin)
            if answer is None:
                if session.path.exists():
                    say("\nEnd of input: the session is saved and can be resumed "
                        "(`interviewprep resume --plain`, or from the app).")
                break
            if not answer.strip():
                session.skip()
                say("(skipped)")
                continue
            result = session.submit(answer, time.monotonic() - started)
            say()
            say(render_text(result.feedback))
            if result.probe:
                say()
                say(f"Interviewer: {result.probe}")
                say("(Answer the follow-up, or an empty line to move on.)")
                started = time.monotonic()
                follow = _read_answer(stdin)
                if follow and follow.strip():
                    combined = session.submit_follow_up(follow, time.monotonic() - started)
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
            for qid, _text, score in summary.per_question:
                say(f"  {'skipped' if score is None else f'{score:>3}/100'}  {qid}")
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
