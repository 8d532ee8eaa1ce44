"""Analyses and readiness as plain text, for the command line and plain mode."""

from __future__ import annotations

from ..bank import Bank
from .analysis import PostingAnalysis
from .readiness import Readiness

STATUS_MARK = {"covered": "✓", "partial": "~", "missing": "✗"}
KIND_NAME = {"duty": "does", "skill": "asks", "nice": "nice to have"}


def render_analysis(analysis: PostingAnalysis, bank: Bank | None = None, name: str | None = None) -> str:
    lines = [f"{analysis.title or '(no title found)'}" + (f"  [{name}]" if name else "")]
    lines.append(f"Level: {analysis.level} ({analysis.level_reason})")
    lines.append(f"Specializations: {', '.join(analysis.specializations)}")
    lines.append(f"Terms: {', '.join(analysis.terms) if analysis.terms else '(none found)'}")
    lines.append("")
    lines.append(f"Requirements ({len(analysis.requirements)}):")
    for r in analysis.requirements:
        lines.append(f"  - [{KIND_NAME.get(r.kind, r.kind)}] {r.text}")
    if not analysis.requirements:
        lines.append("  (none found: is this the whole posting?)")
    lines.append("")
    lines.append("Questions to practise, best first:")
    for q in analysis.plan or []:
        question = bank.get(q.question_id) if bank else None
        text = f": {question.text}" if question else ""
        lines.append(f"  {q.question_id}{text}")
    if not analysis.plan:
        lines.extend(f"  {qid}" for qid in analysis.questions)
    return "\n".join(lines)


def render_readiness(readiness: Readiness, title: str | None = None) -> str:
    lines = [f"Readiness{f' for {title}' if title else ''}: {readiness.readiness}/100"]
    sources = ", ".join(f"{n} {kind} sentences" for kind, n in readiness.sources.items())
    lines.append(f"Evidence read: {sources or 'none yet (no saved answers or stories)'}")
    lines.append("")
    for r in readiness.requirements:
        lines.append(f"{STATUS_MARK[r.status]} {r.status:8} {r.text}")
        if r.evidence:
            lines.append(f"             {r.evidence.kind} {r.evidence.id}: \"{r.evidence.text}\"")
        if r.next_step:
            lines.append(f"             next: {r.next_step}")
    return "\n".join(lines)
