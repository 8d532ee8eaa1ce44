"""The rating of one question: light (no model), so the UI and transcripts can use it freely."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class QuestionVerdict:
    """The rating of one line the candidate typed (one or more questions)."""

    text: str
    verdict: str
    """strong, fair or weak."""
    reasons: list[str]
    """Why, in plain words: what makes it strong first, then what weakens it."""
    rewrite: str | None = None
    """For a weak question: a concrete better question to ask instead."""
    kinds: list[str] = field(default_factory=list)
    """The kinds found (open, closed, pay-perks, ...), for scripts and progress."""
    parts: list[str] = field(default_factory=list)
    """The separate questions, when the line held more than one."""
    p_strong: float = 0.0
    p_weak: float = 0.0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "verdict": self.verdict, "reasons": self.reasons,
                                "kinds": self.kinds}
        if self.rewrite:
            data["rewrite"] = self.rewrite
        if len(self.parts) > 1:
            data["parts"] = self.parts
        return data
