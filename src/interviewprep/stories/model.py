"""A story: one of the candidate's own experiences, written once and told for many questions."""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ConfigDict, Field, field_validator

PARTS: tuple[str, ...] = ("situation", "task", "action", "result", "lessons")
"""The labeled parts a story may have, in the order they are told."""

MAX_TITLE = 200
MAX_WORDS = 3000


def slugify(text: str) -> str:
    """A stable, file-name-safe id from a title: lower case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or "story"


class Story(BaseModel):
    """One `## Title` section of a story file, validated."""

    model_config = ConfigDict(frozen=True)

    title: str = Field(min_length=1, max_length=MAX_TITLE)
    """The heading text, as the candidate wrote it."""
    parts: dict[str, str] = Field(default_factory=dict)
    """Labeled parts (situation, task, action, result, lessons) that have text."""
    text: str = ""
    """Unlabeled text: the whole story when it has no labeled parts, else any lines before them."""
    tags: list[str] = Field(default_factory=list)
    """The candidate's own topics for the story (`Tags: a, b`)."""
    line: int = Field(default=1, ge=1)
    """The line of the `## Title` heading in the file it came from."""

    @field_validator("title")
    @classmethod
    def _one_line_title(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("the title is empty")
        return value

    @field_validator("parts")
    @classmethod
    def _known_parts(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = [k for k in value if k not in PARTS]
        if unknown:
            raise ValueError(f"unknown part(s): {', '.join(unknown)}")
        return {k: value[k] for k in PARTS if value.get(k, "").strip()}

    @field_validator("tags")
    @classmethod
    def _clean_tags(cls, value: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for tag in value:
            tag = " ".join(tag.split())
            if tag and tag.lower() not in seen:
                seen[tag.lower()] = tag
        return list(seen.values())

    @property
    def body(self) -> str:
        """Everything the candidate would say: the free text, then the parts in STAR order."""
        pieces = [self.text] if self.text.strip() else []
        pieces += [self.parts[p] for p in PARTS if p in self.parts]
        return "\n\n".join(pieces)

    @property
    def labeled_body(self) -> str:
        """The body as the scorer reads it: each part under its own label ("Lessons: ..."), so
        that the candidate's own structure counts as evidence, as it does in a typed answer."""
        pieces = [self.text] if self.text.strip() else []
        pieces += [f"{p.capitalize()}: {self.parts[p]}" for p in PARTS if p in self.parts]
        return "\n\n".join(pieces)

    @property
    def words(self) -> int:
        return len(self.body.split())

    @property
    def slug(self) -> str:
        return slugify(self.title)

    def to_markdown(self) -> str:
        """The story as a `## Title` section that parses back to the same story."""
        lines = [f"## {self.title}"]
        if self.text.strip():
            lines.append(self.text.strip())
            if self.parts:
                lines.append("")
        for part in PARTS:
            if part in self.parts:
                lines.append(f"{part.capitalize()}: {self.parts[part].strip()}")
        if self.tags:
            lines.append(f"Tags: {', '.join(self.tags)}")
        return "\n".join(lines) + "\n"
