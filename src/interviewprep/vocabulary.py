"""The fixed ids of the question bank and how they, and scores, are written for people.

One home for categories, levels, specializations, the contract elements, status marks and score
formatting. Kept free of heavy imports so the command line can offer the ids as choices instantly.
"""

from __future__ import annotations

from typing import Literal, get_args

Category = Literal["behavioral", "technical", "scenario", "leadership", "adaptability"]
Level = Literal["entry", "mid", "senior"]
Specialization = Literal[
    "general", "infrastructure", "software", "itsm", "cybersecurity", "erp", "digital-transformation"
]
CoverageStatus = Literal["covered", "partial", "missing"]

CATEGORIES: tuple[str, ...] = get_args(Category)
LEVELS: tuple[str, ...] = get_args(Level)
SPECIALIZATIONS: tuple[str, ...] = get_args(Specialization)

CATEGORY_NAMES: dict[str, str] = {
    "behavioral": "Behavioral",
    "technical": "Technical / process",
    "scenario": "Case study / scenario",
    "leadership": "Leadership / team",
    "adaptability": "Adaptability / change",
}

# The eight elements whose ids and meanings are a contract (DESIGN.md).
CONTRACT_ELEMENTS: tuple[str, ...] = (
    "situation",
    "task",
    "action",
    "result",
    "risk",
    "stakeholders",
    "metrics",
    "lessons",
)

STATUS_MARK: dict[str, str] = {"covered": "✓", "partial": "~", "missing": "✗"}
"""How an element's coverage is marked, in text, Markdown and on screen."""

NO_SCORE_TEXT = "-"
"""A missing score in plain text and Markdown (reports, `review list`)."""
NO_SCORE_SCREEN = "—"
"""A missing score on screen (the TUI)."""


def category_name(category: str) -> str:
    """'Case study / scenario': a category's display name (the id itself if unknown)."""
    return CATEGORY_NAMES.get(category, category or "unknown")


def short_category_name(category: str) -> str:
    """'Behavioral', 'Case study' ...: the first words of a category's display name."""
    return CATEGORY_NAMES.get(category, category or "unknown").split(" /")[0]


def format_score(value: float | None, missing: str = NO_SCORE_TEXT) -> str:
    """A 0-100 score as a whole number, halves rounded up (72.5 -> 73), or `missing`."""
    return missing if value is None else str(int(value + 0.5))
