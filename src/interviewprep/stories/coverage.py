"""The bank at a glance: which stories show each competency and element, and what no story shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..vocabulary import CONTRACT_ELEMENTS
from .competencies import BY_ID, COMPETENCIES
from .profile import StoryProfile

PAIRS: tuple[tuple[str, str, str], ...] = (
    ("conflict", "vendor", "no story shows a conflict with a vendor"),
    ("conflict", "stakeholders", "no story shows a conflict between stakeholders"),
    ("conflict", "leadership", "no story shows a conflict inside your team"),
    ("failure", "stakeholders", "no story shows bad news taken to stakeholders after a failure"),
)
"""Combinations interviewers ask for together; a gap when no single story shows both."""


def coverage_report(profiles: Sequence[StoryProfile]) -> dict[str, Any]:
    """`stories coverage --json`: competencies and elements x stories, and the gaps."""
    competencies: list[dict[str, Any]] = []
    for c in COMPETENCIES:
        shown = [p for p in profiles if (s := p.competency(c.id)) is not None and s.shown]
        competencies.append({"id": c.id, "name": c.name,
                             "stories": [p.id for p in shown],
                             "scores": {p.id: round(p.competency(c.id).score, 3)  # type: ignore[union-attr]
                                        for p in profiles}})
    elements = []
    for element_id in CONTRACT_ELEMENTS:
        covered = [p.id for p in profiles
                   if any(e.id == element_id and e.covered for e in p.elements)]
        elements.append({"id": element_id, "stories": covered})
    gaps = [BY_ID[c["id"]].gap for c in competencies if not c["stories"]]
    for first, second, message in PAIRS:
        if any(c["stories"] for c in competencies if c["id"] == first) and not any(
            p.competency(first).shown and p.competency(second).shown  # type: ignore[union-attr]
            for p in profiles
        ):
            gaps.append(message)
    for e in elements:
        if profiles and not e["stories"]:
            gaps.append(f"no story covers {e['id']}")
    return {"stories": [{"id": p.id, "title": p.story.title} for p in profiles],
            "competencies": competencies, "elements": elements, "gaps": gaps}
