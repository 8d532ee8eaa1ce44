"""The level (entry / mid / senior) and the specializations a posting is for.

Level: the title's words decide when they are clear (coordinator, associate, junior ... senior,
lead, principal, head, director, program manager); otherwise the years of experience asked.
Specializations: evidence from the named terms (each vocabulary term says which specializations
it points to), from plain cue words, weighted up in the title; a specialization is kept when its
share of the evidence is large enough. No clear evidence: general.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .posting import years_asked
from .termbank import TermHit, TermVocabulary

ENTRY_TITLE = re.compile(
    r"\b(?:coordinator|co-ordinator|associate|junior|jr\.?|assistant|administrator|admin|trainee|"
    r"graduate|grad|intern|internship|apprentice|apprenticeship|entry[- ]level|support officer|"
    r"project support|pmo analyst|pmo officer|project officer|scheduler|entry)\b", re.IGNORECASE)
SENIOR_TITLE = re.compile(
    r"\b(?:senior|sr\.?|lead|principal|head of|head|director|vp|vice president|chief|"
    r"program(?:me)? manager|portfolio manager|pmo manager|pmo lead|pmo director|"
    r"transformation manager|transformation lead|delivery director|staff|group manager|"
    r"engagement manager|programme director|program director)\b", re.IGNORECASE)
# Words that make "Lead" or "Senior" in a title not about the candidate ("Lead Generation").
_NOT_SENIOR = re.compile(r"\blead (?:generation|gen)\b", re.IGNORECASE)

ENTRY_MAX_YEARS = 2
"""Asking for at most this many years reads as an entry-level role."""
SENIOR_MIN_YEARS = 8
"""Asking for at least this many years reads as a senior role."""


@dataclass(frozen=True)
class LevelInference:
    level: str
    reason: str
    """Why, in words a candidate can check ("title says 'Senior'", "asks for 8+ years")."""


def infer_level(title: str | None, text: str) -> LevelInference:
    """The level, from the title's words first and the years asked second."""
    years = years_asked(text)
    most = max(years) if years else None
    title = title or ""
    senior = SENIOR_TITLE.search(title) if not _NOT_SENIOR.search(title) else None
    entry = ENTRY_TITLE.search(title)
    if entry and not senior:
        if most is not None and most >= 5:
            return LevelInference("mid", f"title says '{entry.group(0)}' but asks for {most}+ years")
        return LevelInference("entry", f"title says '{entry.group(0)}'")
    if senior and not entry:
        if most is not None and most <= ENTRY_MAX_YEARS:
            return LevelInference("mid", f"title says '{senior.group(0)}' but asks for {most} years")
        return LevelInference("senior", f"title says '{senior.group(0)}'")
    if most is not None:
        if most <= ENTRY_MAX_YEARS:
            return LevelInference("entry", f"asks for {most} years of experience")
        if most >= SENIOR_MIN_YEARS:
            return LevelInference("senior", f"asks for {most}+ years of experience")
        return LevelInference("mid", f"asks for {most} years of experience")
    return LevelInference("mid", "no level words in the title and no years asked")


TITLE_WEIGHT = 3.0
"""A term or cue word in the title counts this many times."""
TERM_WEIGHT = 2.0
"""A named term counts this many cue words (it is more specific than a plain word)."""
KEEP_SHARE = 0.35
"""A specialization is kept when its evidence is at least this share of the strongest one's."""
MIN_EVIDENCE = 4.0
"""Below this much evidence for the strongest specialization, the posting is general."""


@dataclass(frozen=True)
class SpecializationInference:
    specializations: list[str]
    evidence: dict[str, float]
    """Weighted evidence per specialization, for explanations and benchmarks."""


def specialization_evidence(title: str | None, body: str, hits: list[TermHit],
                            title_hits: list[TermHit], vocabulary: TermVocabulary) -> dict[str, float]:
    evidence: dict[str, float] = {}

    def add(spec: str, weight: float) -> None:
        evidence[spec] = evidence.get(spec, 0.0) + weight

    seen: set[tuple[str, str]] = set()
    for hit in hits:
        for spec in hit.term.specializations:
            # One term counts once per posting: a name repeated ten times is still one fact.
            if (hit.term.name, spec) in seen:
                continue
            seen.add((hit.term.name, spec))
            add(spec, TERM_WEIGHT / len(hit.term.specializations) ** 0.5)
    for hit in title_hits:
        for spec in hit.term.specializations:
            add(spec, TITLE_WEIGHT)
    for spec, count in vocabulary.cue_counts(body).items():
        add(spec, min(count, 8) * 1.0)
    if title:
        for spec, count in vocabulary.cue_counts(title).items():
            add(spec, count * TITLE_WEIGHT)
    evidence.pop("general", None)
    return evidence


def choose_specializations(evidence: dict[str, float], keep_share: float = KEEP_SHARE,
                           min_evidence: float = MIN_EVIDENCE, most: int = 2) -> list[str]:
    ranked = sorted(((s, v) for s, v in evidence.items() if v > 0), key=lambda sv: (-sv[1], sv[0]))
    if not ranked or ranked[0][1] < min_evidence:
        return ["general"]
    top = ranked[0][1]
    kept = [s for s, v in ranked if v >= keep_share * top][:most]
    return kept
