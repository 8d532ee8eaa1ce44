"""What the candidate is told: coverage per element with evidence, signals, next step."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any, cast

from ..vocabulary import STATUS_MARK
from .signals import AnswerSignals


@dataclass
class ElementCoverage:
    """How well the answer covers one reference element."""

    id: str
    name: str
    status: str
    """covered | partial | missing"""
    score: float
    """Calibrated probability that the answer contains the element, 0-1."""
    evidence: str | None
    """The answer sentence that earned it (for covered and partial)."""
    evidence_span: tuple[int, int] | None
    """Character offsets of the evidence in `Feedback.answer`."""
    weight: float = 1.0
    hint: str = ""
    """How to add it, phrased for this question (for partial and missing)."""
    example: str | None = None
    """A sentence from the model answer that shows the element."""

    @property
    def covered(self) -> bool:
        return self.status == "covered"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "covered": self.covered,
            "status": self.status,
            "score": round(self.score, 3),
            "evidence": self.evidence,
            "evidence_span": list(self.evidence_span) if self.evidence_span else None,
            "weight": self.weight,
            "hint": self.hint or None,
            "example": self.example,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ElementCoverage:
        span = data.get("evidence_span")
        return cls(
            id=data["id"],
            name=str(data.get("name") or data["id"]),
            status=data.get("status") or ("covered" if data.get("covered") else "missing"),
            score=float(data.get("score") or 0.0),
            evidence=data.get("evidence"),
            evidence_span=cast("tuple[int, int]", tuple(span)) if span else None,
            weight=float(data.get("weight", 1.0)),
            hint=data.get("hint") or "",
            example=data.get("example"),
        )


@dataclass
class Feedback:
    """The scored answer, as the TUI, the CLI and transcripts show it."""

    overall: int
    elements: list[ElementCoverage]
    signals: AnswerSignals
    answer: str
    """The answer as scored (cleaned of control characters)."""
    model_answer_similarity: float | None = None
    strengths: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    next_step: str = ""
    notice: str | None = None
    """Why an answer could not be scored normally (empty, not English, cut short)."""
    model: dict[str, str] = field(default_factory=dict)
    """Model card id, weights hash and runtime, so old scores stay interpretable."""

    def element(self, element_id: str) -> ElementCoverage | None:
        return next((e for e in self.elements if e.id == element_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "overall": self.overall,
            "elements": [e.to_json() for e in self.elements],
            "model_answer_similarity": (
                None if self.model_answer_similarity is None
                else round(self.model_answer_similarity, 4)
            ),
            "signals": self.signals.to_json(),
            "strengths": self.strengths,
            "improvements": self.improvements,
            "next_step": self.next_step,
            "notice": self.notice,
            "model": self.model,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], answer: str = "") -> Feedback:
        signals_data = data.get("signals") or {}
        known = AnswerSignals.__dataclass_fields__
        signals = AnswerSignals(**{k: v for k, v in signals_data.items() if k in known})
        return cls(
            overall=int(data.get("overall", 0)),
            elements=[ElementCoverage.from_json(e) for e in data.get("elements", [])],
            signals=signals,
            answer=data.get("answer", answer),
            model_answer_similarity=data.get("model_answer_similarity"),
            strengths=list(data.get("strengths", [])),
            improvements=list(data.get("improvements", [])),
            next_step=data.get("next_step", ""),
            notice=data.get("notice"),
            model=dict(data.get("model", {})),
        )


def signal_notes(signals: AnswerSignals) -> list[str]:
    """Plain-language remarks on the answer's signals, most useful first."""
    notes = []
    minutes = signals.speaking_seconds / 60
    if signals.length_verdict in ("too short", "short"):
        notes.append(f"At {signals.words} words (~{signals.speaking_seconds} s spoken) the answer "
                     "is short: aim for 1-2 minutes, 140-280 words.")
    elif signals.length_verdict in ("long", "too long"):
        notes.append(f"At {signals.words} words (~{minutes:.1f} min spoken) the answer runs long: "
                     "aim for 1-2 minutes and lead with the point.")
    if signals.hypothetical_on_behavioral:
        notes.append("You describe what you would do; this question asks for a real example of "
                     "what you did.")
    if signals.ownership == "we":
        notes.append(f"You say 'we' {signals.we_count} times and 'I' {signals.i_count}: say what "
                     "you personally did.")
    if not signals.quantities and signals.words >= 40:
        notes.append("No numbers: add one measurable fact (time, money, %, count).")
    if len(signals.fillers) >= 2:
        notes.append(f"Filler words ({', '.join(signals.fillers[:4])}) weaken the answer.")
    if len(signals.hedges) >= 2:
        notes.append(f"Hedging ({', '.join(signals.hedges[:4])}) undercuts your confidence.")
    if signals.off_topic:
        notes.append("The answer seems to be about something other than the question.")
    return notes


def render_text(feedback: Feedback, question: str | None = None, width: int = 88) -> str:
    """Feedback as plain text for the CLI and plain mode."""
    wrap = lambda s, indent="    ": textwrap.fill(  # noqa: E731
        s, width=width, initial_indent=indent, subsequent_indent=indent
    )
    lines = []
    if question:
        lines += [textwrap.fill(question, width=width), ""]
    if feedback.notice:
        lines += [f"Note: {feedback.notice}", ""]
    lines.append(f"Overall: {feedback.overall}/100")
    if feedback.model_answer_similarity is not None:
        lines.append(f"Similarity to the model answer: {feedback.model_answer_similarity:.2f}")
    lines.append("")
    for e in feedback.elements:
        lines.append(f"  {STATUS_MARK[e.status]} {e.name:<18} {e.status:<8} {e.score:.2f}")
        if e.evidence and e.status != "missing":
            lines.append(wrap(f'"{e.evidence}"'))
        if e.status != "covered" and e.hint:
            lines.append(wrap(f"→ {e.hint}"))
    notes = signal_notes(feedback.signals)
    if notes:
        lines += ["", "Delivery:"] + [wrap(f"- {n}", "  ") for n in notes]
    if feedback.next_step:
        lines += ["", wrap(f"Next step: {feedback.next_step}", "")]
    return "\n".join(lines)
