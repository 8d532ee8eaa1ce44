"""`interviewprep practice --plain`: a line-based interview for screen readers, scripts and SSH.

Each question is printed; the answer is read from standard input until an empty line; end of
input ends the session. Feedback is printed, and the transcript is saved exactly as in the TUI.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from .. import clock
from ..interview import InterviewSession, SessionError, SessionSettings, TurnResult
from ..schedule import ScheduleStore, describe_when
from ..scoring.feedback import render_text
from ..scoring.modelcard import ModelError
from ..scoring.scorer import Scorer
from ..transcripts import Transcript, TranscriptError, TranscriptStore
from .common import EXIT_ERROR, EXIT_OK, err, load_bank_or_warn, progress, warn


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


def run_plain(settings: SessionSettings, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout,
              bank_paths: list[Path] | None = None, resume: Transcript | None = None) -> int:
    def say(text: str = "") -> None:
        print(text, file=out, flush=True)

    bank = load_bank_or_warn(bank_paths)
    store = TranscriptStore()
    schedule = ScheduleStore(store)
    try:
        if resume is not None:
            resume_session = InterviewSession.resume(bank, None, store, resume, schedule=schedule)
        else:
            # Planned before the model loads, so that "nothing is due" answers at once.
            planned = InterviewSession(bank, None, store, settings, schedule=schedule)
        progress("Loading the scorer ...")
        scorer = Scorer.load(bank.elements)
        if resume is not None:
            session = resume_session
            session.scorer = scorer
        else:
            session = planned
            session.scorer = scorer
            session.transcript.model = dict(scorer.model_info)
    except (SessionError, ModelError) as exc:
        err(str(exc))
        return EXIT_ERROR
    for notice in session.schedule_notices:
        warn(notice)

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
            rating_line = _rating_line(result, question.id)
            if rating_line:
                say(rating_line)
            if result.schedule_notice:
                warn(result.schedule_notice)
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
