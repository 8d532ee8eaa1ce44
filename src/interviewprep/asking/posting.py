"""What the rater knows of the job posting, so that questions about it count as prepared.

The job-description store (the `jd` package) is optional: when it is installed, a saved posting
is read through `from_saved`; otherwise a posting's text can be given directly (`from_text`).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field

_STOP = set(
    "a an and are as at be by for from has have i in is it its of on or our that the their this to "
    "was we were will with you your what how who which when where why do does did can could would "
    "should about into over more most any all some such other than then there here they them also "
    "experience strong ability work working role team years including etc".split()
)
_WORD = re.compile(r"[a-z][a-z0-9+/#.-]{2,}")
# Named tools and methods: capitals inside a word (ServiceNow, PRINCE2, SAFe, S/4HANA).
_NAMED_TERM = re.compile(r"\b[A-Z][A-Za-z0-9/+]*[A-Z0-9][A-Za-z0-9/+]*\b|\b[A-Z][a-z]+[A-Z]\w*\b")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s*")


def content_words(text: str) -> set[str]:
    """Lower-cased words worth matching: no stop words, trailing punctuation removed."""
    return {w.rstrip(".-/") for w in _WORD.findall(text.lower()) if w.rstrip(".-/") not in _STOP}


class PostingUnavailable(Exception):
    """A saved posting was asked for but cannot be read (no job-description store, or no such name)."""


@dataclass
class PostingContext:
    """A job posting reduced to what a question can refer to."""

    title: str | None = None
    requirements: list[str] = field(default_factory=list)
    """The posting's duty, skill and qualification lines, as it words them."""
    terms: list[str] = field(default_factory=list)
    """Tools, methods and certifications it names (Jira, PRINCE2, ...)."""
    level: str | None = None
    specializations: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str) -> PostingContext:
        """A posting pasted as text: its bullet or sentence lines are its requirements."""
        lines = [_BULLET.sub("", line).strip() for line in text.splitlines()]
        lines = [line for line in lines if len(line.split()) >= 3]
        title = next((line for line in text.splitlines() if line.strip()), None)
        terms = sorted(set(_NAMED_TERM.findall(text)))
        return cls(title=title.strip() if title else None, requirements=lines[:80], terms=terms[:60])

    def referred_requirement(self, question: str) -> str | None:
        """The requirement (or named term) `question` refers to, if any."""
        lowered = question.lower()
        for term in self.terms:
            if len(term) >= 3 and re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", lowered):
                return term
        words = content_words(question)
        best: tuple[int, str] | None = None
        for requirement in self.requirements:
            shared = len(words & content_words(requirement))
            if shared >= 2 and (best is None or shared > best[0]):
                best = (shared, requirement)
        return best[1] if best else None


def from_saved(name: str) -> PostingContext:
    """A posting saved with `interviewprep jd add`, if the job-description store exists."""
    try:
        store_module = importlib.import_module("interviewprep.jd.store")
    except ImportError as exc:
        raise PostingUnavailable("saved job descriptions are not available in this version; "
                                 "pass the posting's text with --posting FILE instead") from exc
    try:
        saved = store_module.PostingStore().load(name)  # the jd store's public reader
    except Exception as exc:  # noqa: BLE001 - any failure of the optional store reads the same
        raise PostingUnavailable(f"cannot read the saved job description {name!r}: {exc}") from exc
    analysis = getattr(saved, "analysis", None)
    context = PostingContext.from_text(saved.text)
    context.title = getattr(saved, "title", None) or context.title
    if analysis is not None:
        requirements = [getattr(r, "text", str(r)) for r in getattr(analysis, "requirements", [])]
        context.requirements = requirements or context.requirements
        context.terms = list(getattr(analysis, "terms", []) or context.terms)
        context.level = getattr(analysis, "level", None)
        context.specializations = list(getattr(analysis, "specializations", []) or [])
    return context
