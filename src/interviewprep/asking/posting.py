"""What the rater knows of the job posting, so that questions about it count as prepared.

A saved posting's analysis (`jd.analysis.PostingAnalysis`, read by the layers above with
`jd.PostingStore`) becomes a context with `from_analysis`; a posting given only as text with
`from_text`. This package sits below `jd` in the layers, so it names the analysis's shape as a
protocol instead of importing it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

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


class AnalysedLine(Protocol):
    """A requirement line of an analysed posting (jd.analysis.AnalysedRequirement)."""

    @property
    def text(self) -> str: ...

    @property
    def terms(self) -> list[str]: ...

    @property
    def kind(self) -> str:
        """duty, skill or nice (nice to have)."""
        ...


class AnalysedPosting(Protocol):
    """What the rater reads of an analysed posting (jd.analysis.PostingAnalysis)."""

    @property
    def title(self) -> str | None: ...

    @property
    def level(self) -> str: ...

    @property
    def specializations(self) -> list[str]: ...

    @property
    def requirements(self) -> Sequence[AnalysedLine]: ...

    @property
    def terms(self) -> list[str]: ...


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
    duties: list[str] = field(default_factory=list)
    """The requirement lines that are the role's duties (from an analysis; empty for plain text)."""

    @classmethod
    def from_text(cls, text: str) -> PostingContext:
        """A posting pasted as text: its bullet or sentence lines are its requirements."""
        lines = [_BULLET.sub("", line).strip() for line in text.splitlines()]
        lines = [line for line in lines if len(line.split()) >= 3]
        title = next((line for line in text.splitlines() if line.strip()), None)
        terms = sorted(set(_NAMED_TERM.findall(text)))
        return cls(title=title.strip() if title else None, requirements=lines[:80], terms=terms[:60])

    @classmethod
    def from_analysis(cls, analysis: AnalysedPosting) -> PostingContext:
        """A saved posting as the job-description analysis read it: its requirement lines, and
        the named terms of the posting and of each line, in posting order."""
        terms = list(analysis.terms) + [t for r in analysis.requirements for t in r.terms]
        return cls(title=analysis.title, requirements=[r.text for r in analysis.requirements],
                   terms=list(dict.fromkeys(terms)), level=analysis.level,
                   specializations=list(analysis.specializations),
                   duties=[r.text for r in analysis.requirements if r.kind == "duty"])

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
