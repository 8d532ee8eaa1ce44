"""Question bank models: what a question and a reference answer element are."""

from __future__ import annotations

from typing import Annotated, Any, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from ..vocabulary import (  # noqa: F401 - re-exported
    CATEGORIES,
    CATEGORY_NAMES,
    CONTRACT_ELEMENTS,
    LEVELS,
    SPECIALIZATIONS,
    Category,
    Level,
    Specialization,
)

NO_MODEL_ANSWER = "(no model answer in the question file: answers are scored on the elements only)"
"""What is shown where a question without a model answer would show one."""

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ElementRef(BaseModel):
    """A reference element a question expects, with its weight in the overall score."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    """Element id from the element library."""
    weight: float = Field(default=1.0, gt=0, le=5)
    """Relative weight in the question's overall score."""


def _all_levels() -> list[Level]:
    return list(get_args(Level))


def _general() -> list[Specialization]:
    return ["general"]


class Question(BaseModel):
    """One interview question with what a strong answer contains."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    """Stable slug, unique across all loaded banks."""
    category: Category
    levels: list[Level] = Field(min_length=1, default_factory=_all_levels)
    """Default: every level, as LEVELS lists them (docs/question-files.md lists the defaults)."""
    specializations: list[Specialization] = Field(min_length=1, default_factory=_general)
    """Default: general."""
    text: Text
    """The question as the interviewer asks it."""
    elements: list[ElementRef] = Field(min_length=1)
    """Reference elements a strong answer covers."""
    model_answer: Text | None = None
    """What a strong candidate might say. Default: none, and then no similarity to a model
    answer is scored (the element coverage still is)."""
    follow_ups: list[Text] = Field(default_factory=list)
    """Questions an interviewer asks next."""
    tip: str = ""
    """One line of coaching."""

    @field_validator("elements", mode="before")
    @classmethod
    def _plain_ids(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"id": v} if isinstance(v, str) else v for v in value]
        return value

    @field_validator("elements")
    @classmethod
    def _no_repeats(cls, value: list[ElementRef]) -> list[ElementRef]:
        ids = [e.id for e in value]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"element listed twice: {', '.join(repeated)}")
        return value

    @property
    def element_ids(self) -> list[str]:
        return [e.id for e in self.elements]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "levels": list(self.levels),
            "specializations": list(self.specializations),
            "text": self.text,
            "elements": self.element_ids,
            "element_weights": {e.id: e.weight for e in self.elements},
            "model_answer": self.model_answer,
            "follow_ups": list(self.follow_ups),
            "tip": self.tip,
        }


class Element(BaseModel):
    """A reference answer element (STAR part, risk, stakeholders, ...) and how to spot it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug
    name: Text
    definition: Text
    """One-line meaning."""
    hint: Text
    """What to add when the element is missing."""
    exemplars: list[Text] = Field(min_length=1)
    """Sentences that clearly show the element."""
    counter_exemplars: list[Text] = Field(default_factory=list)
    """Near misses that must not count: negations, stuffing, vague talk."""
