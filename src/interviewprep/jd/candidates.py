"""Named terms the curated vocabulary does not know, found by shape and vetted by meaning.

A posting names tools and standards no list can keep up with ("Azure Migrate", "NERC CIP",
"HRSD"). Candidates are spans shaped like names (acronyms, CamelCase words, runs of capitalised
words inside a sentence); the embedding model keeps those that sit close to some vocabulary term
in meaning, which drops company names, places and ordinary capitalised words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

ACCEPT_SIMILARITY = 0.40
"""A candidate is kept when its nearest vocabulary term is at least this similar (cosine).
Chosen on postings jd-001..jd-030 with each posting's own terms hidden from the vocabulary
(benchmarks/bench_jd.py --tune)."""

_ACRONYM = re.compile(r"(?<![\w&/.-])([A-Z][A-Z0-9]*(?:[&/+.-][A-Z0-9]+)*[A-Z0-9+]|[A-Z]{2,}s)(?![\w&-])")
_CAMEL = re.compile(r"(?<![\w.-])([A-Za-z]*[a-z][A-Z][A-Za-z0-9]*(?:\s[A-Z][A-Za-z0-9]+)?)(?![\w-])")
_CAPITAL_RUN = re.compile(
    r"(?<=[a-z,;(]\s)((?:[A-Z][A-Za-z0-9+&/.-]*)(?:\s(?:[A-Z][A-Za-z0-9+&/.-]*|\d+[A-Za-z]*|of|for|and)){1,3})"
    r"(?![\w])")

# Capitalised words and acronyms that are never product or method names.
_NOT_TERMS = {
    "IT", "PM", "PMS", "PMs", "US", "USA", "UK", "EU", "EMEA", "APAC", "NA", "CEO", "CFO", "CIO",
    "CTO", "COO", "CISO", "CDO", "VP", "SVP", "EVP", "HR", "FTE", "FTEs", "TBD", "ASAP", "FYI",
    "OK", "LLC", "INC", "LTD", "PLC", "GMBH", "AM", "EST", "PST", "CET", "GMT", "UTC", "ID",
    "DOE", "W2", "C2C", "OTE", "CV", "CVs", "NYC", "DC", "AND", "OR", "THE", "OF", "TO", "IN", "FOR",
    "WITH", "YOU", "WE", "OUR", "ON", "AT", "AN", "A", "I", "II", "III", "IV", "NV", "ACT", "NSW",
    "TX", "CA", "NY", "WA", "OH", "VA", "SC", "NC", "MN", "IL", "GA", "FL", "MA", "CO", "AZ", "PA",
    "NJ", "MI", "UT", "MD", "TN", "WI", "MO", "KY", "LA", "AL", "IA", "KS",
    "BA", "BSc", "MSc", "BS", "MS", "PhD", "QLD", "VIC", "UAE", "KSA", "HQ", "R&D", "B2B", "B2C",
}
_STOP_WORDS = {
    "Experience", "Knowledge", "Strong", "Excellent", "Good", "Ability", "Understanding", "Working",
    "Proven", "Manage", "Lead", "Own", "Drive", "Support", "Plan", "Run", "Track", "The", "This",
    "Our", "We", "You", "Your", "They", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "English", "French", "German", "Spanish", "Director",
    "Manager", "Managers", "Officer", "Head", "Board", "Team", "Teams", "Services", "Service",
    "Department", "University", "Council", "Group", "Inc", "Ltd", "Limited", "Company", "Program",
    "Programme", "Project", "Projects", "Office", "Senior", "Junior", "Associate", "Coordinator",
}
_ROLE_WORDS = {"Manager", "Coordinator", "Director", "Officer", "Analyst", "Engineer", "Lead",
               "Administrator", "Specialist", "Consultant", "Architect", "Head", "Partner", "Leader",
               "Developer", "Designer", "Assistant", "Associate", "Executive", "President", "Member"}


def candidate_spans(lines: Sequence[str]) -> list[str]:
    """Name-shaped spans in the lines, each once, in order of first appearance."""
    found: dict[str, None] = {}
    for line in lines:
        for regex in (_ACRONYM, _CAMEL, _CAPITAL_RUN):
            for match in regex.finditer(line):
                span = match.group(1).strip(" .,;:-/")
                words = span.split()
                if not span or span in _NOT_TERMS or len(span) < 2:
                    continue
                if words and (words[0] in _STOP_WORDS or words[-1] in {"of", "for", "and"}):
                    continue
                if len(words) > 1 and all(w in _STOP_WORDS for w in words):
                    continue
                if words[-1].rstrip("s") in _ROLE_WORDS:
                    continue  # "IT Project Manager", "Finance Director": a job, not a term
                found.setdefault(span, None)
    return list(found)


def vet_candidates(candidates: Sequence[str], candidate_vectors: np.ndarray,
                   vocabulary_vectors: np.ndarray,
                   threshold: float = ACCEPT_SIMILARITY) -> list[tuple[str, float]]:
    """The candidates whose nearest vocabulary term is similar enough, with that similarity."""
    if not len(candidates) or not len(vocabulary_vectors):
        return []
    similarity = candidate_vectors @ vocabulary_vectors.T
    best = similarity.max(axis=1)
    return [(c, float(s)) for c, s in zip(candidates, best, strict=True) if s >= threshold]
