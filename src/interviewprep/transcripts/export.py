"""A saved session as a report people read (Markdown, plain text) or tools read (JSON)."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..scoring.feedback import Feedback, render_text, signal_notes
from ..speech.delivery import Delivery
from ..textsafe import clean
from ..vocabulary import STATUS_MARK, category_name, format_score
from .model import StoredFeedback, Transcript, Turn

if TYPE_CHECKING:
    from ..bank import Bank


# ------------------------------------------------------------------ small formatting helpers
def format_duration(seconds: float) -> str:
    """'45 s', '4 min 17 s', '2 h 05 min': how long, for people."""
    total = int(round(seconds))
    if total < 60:
        return f"{total} s"
    minutes, secs = divmod(total, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def parse_time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def format_started(value: str, long: bool = False) -> str:
    """'2025-03-03 18:45', or 'Monday 3 March 2025, 18:45'; the clock the user saw then."""
    when = parse_time(value)
    if when is None:
        return value or "unknown date"
    if long:
        return f"{when:%A} {when.day} {when:%B %Y}, {when:%H:%M}"
    return f"{when:%Y-%m-%d %H:%M}"


def wall_seconds(transcript: Transcript) -> float | None:
    """Start to finish on the clock, for a finished session."""
    start, end = parse_time(transcript.started_at), parse_time(transcript.finished_at)
    if start is None or end is None:
        return None
    try:
        return max(0.0, (end - start).total_seconds())
    except TypeError:  # one naive, one aware
        return None


def settings_summary(settings: dict[str, Any]) -> str:
    """'scenario · senior · infrastructure · 2 questions · follow-ups on · timer on · seed 4'."""
    parts = []
    if settings.get("question_ids"):
        parts.append("chosen questions: " + ", ".join(settings["question_ids"]))
    else:
        category = settings.get("category")
        parts.append(category_name(category) if category else "all categories")
        if settings.get("level"):
            parts.append(f"{settings['level']} level")
        if settings.get("specialization"):
            parts.append(str(settings["specialization"]))
        if settings.get("count"):
            parts.append(f"{settings['count']} questions")
    if "follow_ups" in settings:
        parts.append("follow-ups " + ("on" if settings["follow_ups"] else "off"))
    if "timer" in settings:
        parts.append("timer " + ("on" if settings["timer"] else "off"))
    if settings.get("seed") is not None:
        parts.append(f"seed {settings['seed']}")
    return " · ".join(parts)


def _cell(text: Any) -> str:
    """Text safe inside one Markdown table cell."""
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def _quote(text: str) -> str:
    lines = text.strip().splitlines() or [""]
    return "\n".join(f"> {line}".rstrip() for line in lines)


def _feedback(data: StoredFeedback | dict[str, Any], answer: str = "") -> Feedback:
    if isinstance(data, StoredFeedback):
        return data.to_feedback(answer)
    return StoredFeedback.of(data).to_feedback(answer)


# ------------------------------------------------------------------ Markdown
def header_markdown(transcript: Transcript, level: int = 1) -> str:
    """The session's heading, facts and one-line-per-question summary."""
    h = "#" * level
    out = [f"{h} Mock interview, {format_started(transcript.started_at, long=True)}", ""]
    out.append(f"- **Session:** `{transcript.id}`")
    out.append(f"- **Settings:** {settings_summary(transcript.settings) or 'not recorded'}")
    answered = len(transcript.answered_turns)
    if transcript.overall is None:
        out.append("- **Overall:** no answered questions")
    else:
        out.append(f"- **Overall:** {format_score(transcript.overall)}/100 "
                   f"(mean of {answered} answered question{'s' if answered != 1 else ''})")
    wall = wall_seconds(transcript)
    answering = format_duration(transcript.seconds)
    out.append(f"- **Duration:** {format_duration(wall)} ({answering} answering)" if wall
               is not None else f"- **Time answering:** {answering}")
    if not transcript.finished:
        planned = len(transcript.plan) or len(transcript.turns)
        out.append(f"- **Status:** not finished ({len(transcript.turns)} of {planned} "
                   "questions asked)")
    if transcript.retry_of:
        r = transcript.retry_of
        before = r.overall
        out.append(f"- **Retry of:** session `{r.session}`, question "
                   f"`{r.question_id or '?'}`"
                   + (f" (scored {before}/100 then)" if before is not None else ""))
    if transcript.model:
        m = transcript.model
        out.append(f"- **Scored with:** {m.get('card', '?')} "
                   f"({str(m.get('sha256', ''))[:12] or '?'}), "
                   f"calibration {m.get('calibration', '?')}")
    if transcript.turns:
        out += ["", "| # | Question | Category | Score |", "|--:|---|---|--:|"]
        for n, turn in enumerate(transcript.turns, 1):
            score = "skipped" if turn.skipped else format_score(turn.overall)
            category = _cell(category_name(turn.category))
            out.append(f"| {n} | {_cell(turn.question_text)} | {category} | {score} |")
    return "\n".join(out)


def feedback_markdown(data: StoredFeedback | dict[str, Any], level: int = 3) -> str:
    """Element table with evidence, hints for what is missing, delivery notes, next step."""
    fb = _feedback(data)
    h = "#" * level
    out = []
    if fb.notice:
        out += [f"> **Note:** {fb.notice}", ""]
    similarity = ("" if fb.model_answer_similarity is None
                  else f" · similarity to the model answer {fb.model_answer_similarity:.2f}")
    out += [f"**Score: {fb.overall}/100**{similarity}", ""]
    if fb.elements:
        out += ["| Element | Status | Score | Evidence |", "|---|---|--:|---|"]
        for e in fb.elements:
            evidence = f"“{_cell(e.evidence)}”" if e.evidence and e.status != "missing" else "-"
            out.append(f"| {_cell(e.name)} | {STATUS_MARK.get(e.status, '?')} {e.status} "
                       f"| {e.score:.2f} | {evidence} |")
        out.append("")
    hints = [e for e in fb.elements if e.status != "covered" and e.hint]
    if hints:
        out += [f"{h} How to improve", ""]
        out += [f"- **{e.name}** ({e.status}): {' '.join(e.hint.split())}" for e in hints]
        out.append("")
    notes = signal_notes(fb.signals)
    if notes:
        out += [f"{h} Delivery", ""] + [f"- {n}" for n in notes] + [""]
    if fb.next_step:
        out += [f"**Next step:** {' '.join(fb.next_step.split())}", ""]
    return "\n".join(out).rstrip()


def spoken_summary(delivery: dict[str, Any]) -> str:
    """A saved spoken answer's delivery in one line ('unreadable' if the record is damaged)."""
    try:
        return Delivery.from_json(delivery).summary()
    except (TypeError, ValueError, KeyError):
        return "delivery record unreadable"


def turn_markdown(turn: Turn, number: int, bank: Bank | None = None, level: int = 2) -> str:
    """One question: what was asked, every answer, the feedback that counts, the model answer."""
    h, h3 = "#" * level, "#" * (level + 1)
    out = [f"{h} {number}. {turn.question_text}", "",
           f"*{category_name(turn.category)} · `{turn.question_id}`*", ""]
    if turn.skipped:
        out += ["*Skipped: no answer given.*", ""]
    elif not turn.attempts:
        out += ["*Not answered: the session stopped here.*", ""]
    many = len(turn.attempts) > 1
    for n, attempt in enumerate(turn.attempts, 1):
        title = f"Attempt {n} · {attempt.overall}/100" if many else "Your answer"
        out += [f"{h3} {title}", "", _quote(attempt.answer), "",
                f"*{format_duration(attempt.seconds)} to answer*", ""]
        if attempt.delivery:
            out += [f"*Spoken: {spoken_summary(attempt.delivery)}*", ""]
            out += [f"- {note}" for note in attempt.delivery.get("notes") or []] + [""]
    follow = turn.follow_up
    if follow and follow.answer:
        out += [f"{h3} Follow-up", "", f"**Interviewer:** {follow.question}", "",
                _quote(follow.answer), ""]
        if follow.feedback and turn.attempts:
            out += [f"*Scored together with the answer above: {follow.feedback.overall}/100 "
                    f"(before the follow-up: {turn.attempts[-1].overall}/100).*", ""]
    final = turn.final_feedback
    if final and not turn.skipped:
        label = ("answer and follow-up together" if follow and follow.feedback
                 else f"attempt {len(turn.attempts)}" if many else "the answer")
        out += [f"{h3} Feedback on {label}", "", feedback_markdown(final, level + 2), ""]
    question = bank.get(turn.question_id) if bank is not None else None
    if question is not None and question.model_answer:
        out += [f"{h3} Model answer", "", _quote(" ".join(question.model_answer.split())), ""]
        if question.tip:
            out += [f"*Tip: {question.tip}*", ""]
    return "\n".join(out).rstrip()


def questions_markdown(transcript: Transcript, level: int = 2) -> str:
    """The candidate's questions for the interviewer, each with its verdict, reasons and rewrite."""
    hashes = "#" * level
    if not transcript.questions_offered and not transcript.questions_asked:
        return ""
    out = [f"{hashes} Your questions for the interviewer", ""]
    if not transcript.questions_asked:
        out.append("*None asked.* Have two or three ready: interviewers judge candidates on them.")
    for n, q in enumerate(transcript.questions_asked, 1):
        out.append(f"{n}. **{q.verdict}**: {_cell(q.text)}")
        out += [f"   - {reason}" for reason in q.reasons]
        if q.rewrite:
            out.append(f"   - *Try instead:* {q.rewrite}")
    return "\n".join(out).rstrip()


def questions_text(transcript: Transcript, width: int = 88) -> list[str]:
    """The same for a terminal."""
    if not transcript.questions_offered and not transcript.questions_asked:
        return []
    out = ["", "─" * min(width, 88), "Your questions for the interviewer", ""]
    if not transcript.questions_asked:
        out.append("   (none asked)")
    for n, q in enumerate(transcript.questions_asked, 1):
        out.append(textwrap.fill(f"{n}. {q.verdict.upper()}  {q.text}", width=width, subsequent_indent="   "))
        out += [textwrap.fill(f"- {r}", width=width, initial_indent="   ", subsequent_indent="     ")
                for r in q.reasons]
        if q.rewrite:
            out.append(textwrap.fill(f"Try instead: {q.rewrite}", width=width, initial_indent="   ",
                                     subsequent_indent="     "))
    return out


def to_markdown(transcript: Transcript, bank: Bank | None = None) -> str:
    """The whole session as a Markdown report."""
    parts = [header_markdown(transcript)]
    for n, turn in enumerate(transcript.turns, 1):
        parts.append(turn_markdown(turn, n, bank))
    asked = questions_markdown(transcript)
    if asked:
        parts.append(asked)
    return clean("\n\n".join(parts) + "\n")  # a report is read in a terminal as often as not


def to_json(transcript: Transcript) -> str:
    """The session in the current transcript schema (older files come out migrated)."""
    return json.dumps(transcript.to_json(), indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------ plain text (CLI)
def to_text(transcript: Transcript, bank: Bank | None = None, width: int = 88) -> str:
    """The whole session for a terminal: answers, feedback with evidence, model answers."""
    def fill(text: str, indent: str = "") -> str:
        return textwrap.fill(" ".join(text.split()), width=width, initial_indent=indent,
                             subsequent_indent=indent)

    out = [f"Session {transcript.id}", f"  {format_started(transcript.started_at, long=True)}"]
    out.append(f"  {settings_summary(transcript.settings)}")
    overall = ("no answered questions" if transcript.overall is None
               else f"overall {format_score(transcript.overall)}/100")
    status = "finished" if transcript.finished else "not finished"
    out.append(f"  {overall} · {format_duration(transcript.seconds)} answering · {status}")
    if transcript.retry_of:
        r = transcript.retry_of
        out.append(f"  retry of {r.session} ({r.question_id}, scored {r.overall} then)")
    rule = "─" * min(width, 88)
    for n, turn in enumerate(transcript.turns, 1):
        out += ["", rule, fill(f"{n}. {turn.question_text}"),
                f"   {category_name(turn.category)} · {turn.question_id}", ""]
        if turn.skipped:
            out.append("   (skipped)")
            continue
        if not turn.attempts:
            out.append("   (not answered)")
            continue
        many = len(turn.attempts) > 1
        for k, attempt in enumerate(turn.attempts, 1):
            title = f"Attempt {k} ({attempt.overall}/100)" if many else "Your answer"
            out += [f"{title}, {format_duration(attempt.seconds)}:",
                    fill(attempt.answer, "  │ "), ""]
            if attempt.delivery:
                out += [fill(f"Spoken: {spoken_summary(attempt.delivery)}", "  ")]
                out += [fill(f"- {note}", "    ") for note in attempt.delivery.get("notes") or []]
                out.append("")
        follow = turn.follow_up
        if follow and follow.answer:
            out += [fill(f"Follow-up: {follow.question}"), fill(follow.answer, "  │ "), ""]
        final = turn.final_feedback
        if final:
            out.append(render_text(_feedback(final), width=width))
        question = bank.get(turn.question_id) if bank is not None else None
        if question is not None and question.model_answer:
            out += ["", "Model answer:", fill(question.model_answer, "    ")]
    out += questions_text(transcript, width)
    return clean("\n".join(out) + "\n")
