"""How well a question is known, rated from its feedback: again, hard, good or easy.

The rating looks at the first answer only: a retry after reading the feedback, or a follow-up
the interviewer had to prompt, shows the candidate can be coached, not that they recall it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Grade = Literal["again", "hard", "good", "easy"]
GRADES: tuple[str, ...] = get_args(Grade)

GRADE_NAMES: dict[str, str] = {
    "again": "Again", "hard": "Hard", "good": "Good", "easy": "Easy",
}
OVERRIDES: dict[str, str] = {
    "again": "again",
    "knew": "good",
}
"""What the candidate can say instead of the derived rating: 'again' or 'I knew this'."""

AGAIN_BELOW = 40
HARD_BELOW = 60
EASY_FROM = 80


@dataclass
class AnswerRating:
    """The rating one answer earned, with the reasons shown to the candidate."""

    grade: Grade
    by: Literal["feedback", "you"] = "feedback"
    """'feedback': derived from the score; 'you': the candidate overrode it."""
    reasons: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return GRADE_NAMES[self.grade]

    def to_json(self) -> dict[str, Any]:
        return {"grade": self.grade, "by": self.by, "reasons": list(self.reasons)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnswerRating:
        grade = data.get("grade")
        if grade not in GRADES:
            raise ValueError(f"unknown rating grade {grade!r}")
        by: Literal["feedback", "you"] = "you" if data.get("by") == "you" else "feedback"
        return cls(grade=grade, by=by, reasons=[str(r) for r in data.get("reasons", [])])


def _demote(grade: str) -> str:
    return {"easy": "good", "good": "hard"}.get(grade, grade)


def rate_answer(overall: int, expected: Sequence[str], missed: Sequence[str],
                follow_up: bool, names: dict[str, str] | None = None) -> AnswerRating:
    """The grade of a first answer.

    The score sets the grade (under 40 again, under 60 hard, under 80 good, else easy); a
    follow-up that had to be asked, or an expected element that is missing, lowers good or easy
    by one; missing more than half of the expected elements is again, whatever the score.
    """
    names = names or {}
    reasons = [f"scored {overall}/100"]
    if overall < AGAIN_BELOW:
        grade = "again"
    elif overall < HARD_BELOW:
        grade = "hard"
    elif overall < EASY_FROM:
        grade = "good"
    else:
        grade = "easy"
    missing = [m for m in missed if m in expected] if expected else list(missed)
    if missing:
        reasons.append("missed " + ", ".join(names.get(m, m) for m in missing))
    if follow_up:
        reasons.append("needed a follow-up")
    if expected and len(missing) * 2 > len(expected):
        grade = "again"
    elif missing or follow_up:
        grade = _demote(grade)
    return AnswerRating(grade=grade, reasons=reasons)  # type: ignore[arg-type]


def override(previous: AnswerRating | None, choice: str) -> AnswerRating:
    """The candidate's own call ('again' or 'knew'), keeping the derived reasons for the record."""
    if choice not in OVERRIDES:
        raise ValueError(f"choose one of: {', '.join(OVERRIDES)}")
    reasons = list(previous.reasons) if previous else []
    said = "you said you knew it" if choice == "knew" else "you asked to see it again"
    return AnswerRating(grade=OVERRIDES[choice], by="you",  # type: ignore[arg-type]
                        reasons=[*reasons, said])
