"""Lexical answer signals: quantities, ownership, length, fillers, hedges, hypotheticals."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

SPEAKING_WORDS_PER_MINUTE = 140
TARGET_SECONDS = (60, 120)

NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|hundred|hundreds|thousand|thousands|dozen|dozens|half|a couple of|"
    r"a few|several)"
)
_UNITS = (
    r"(?:%|percent|per cent|pct|x\b|times|fold|k\b|m\b|bn\b|million|billion|thousand|"
    r"hours?|hrs?|days?|weeks?|wks?|months?|quarters?|years?|minutes?|mins?|seconds?|secs?|"
    r"sprints?|people|persons?|staff|engineers?|developers?|devs|members?|users?|customers?|"
    r"clients?|employees?|agents?|analysts?|testers?|contractors?|fte|ftes|headcount|"
    r"servers?|vms?|machines?|laptops?|devices?|sites?|locations?|offices?|branches?|stores?|"
    r"hospitals?|countries|regions?|teams?|squads?|vendors?|suppliers?|applications?|apps?|"
    r"systems?|databases?|interfaces?|integrations?|tickets?|incidents?|defects?|bugs?|"
    r"issues?|risks?|requests?|changes?|releases?|deployments?|features?|stories|story points|"
    r"points|records?|rows?|tb|gb|mb|terabytes?|gigabytes?|workstreams?|projects?|"
    r"stakeholders?|departments?|modules?|licen[cs]es?|calls?|transactions?|pages?|"
    r"beds?|patients?|stories|tests?|test cases|scripts?|milestones?|phases?|waves?)"
)
_CURRENCY = re.compile(
    r"(?:[$€£¥]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion|thousand)?\b|"
    r"\b\d[\d,.]*\s?(?:k|m|bn|million|billion)?\s?(?:dollars|euros?|pounds|usd|eur|gbp)\b)",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
_NUMBER_UNIT = re.compile(
    r"\b(?:\d+(?:[.,]\d+)?(?:\s?-\s?\d+)?|" + NUMBER_WORDS + r")\s?(?:-\s?)?(?:[a-z-]+\s){0,2}?"
    + _UNITS + r"\b",
    re.IGNORECASE,
)
_RATIO = re.compile(
    r"\b(?:from\s+\S+\s+to\s+\S*\d|by\s+(?:half|a third|a quarter|\d)|doubled|tripled|halved|"
    r"cut in half|\d+\s?(?:out of|of|in)\s?\d+|\d+:\d+(?!\d)(?!\s?(?:am|pm)))",
    re.IGNORECASE,
)
_TEAM_OF = re.compile(r"\b(?:team|group|squad|crew) of\s+(?:\d+|" + NUMBER_WORDS + r")\b", re.I)
# Numbers that are not quantities of the case: years, dates, versions, standards, ids.
_NOT_QUANTITY = re.compile(
    r"\b(?:19|20)\d\d\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|"
    r"\b(?:v|version|release|rel|r|sprint|phase|wave|level|tier|gen|windows|win|ios|android|"
    r"java|python|php|ipv|iso|iec|nist|sp|pci|sox|itil|prince|cobit|sap|s/|oracle|ecc|r/|"
    r"office|server|rhel|ubuntu|sql|jira|p|sev|severity|priority|q|h|fy|cmmi|owasp|top|"
    r"section|article|chapter|room|building|floor|step|stage|day|week|month)\s?-?\s?\d[\w.]*|"
    r"\b\d+(?:\.\d+){1,3}\b|"
    r"\b[A-Z]{2,}[-_]?\d+\b|\b\d+(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)

FILLERS = re.compile(
    r"\b(?:um+|uh+|er+m?|like,|you know|i mean|basically|actually|literally|kind of|sort of|"
    r"stuff like that|and so on|whatever)\b",
    re.IGNORECASE,
)
HEDGES = re.compile(
    r"\b(?:i think|i guess|i believe|maybe|perhaps|probably|i suppose|i'm not sure|"
    r"not sure|hopefully|somewhat|more or less|i hope|kind of|sort of)\b",
    re.IGNORECASE,
)
HYPOTHETICAL = re.compile(
    r"\b(?:i would|i'd|i will|i'll|i could|i might|we would|we'd|we could|my approach would|"
    r"i'm going to|i am going to)\b",
    re.IGNORECASE,
)
FIRST_SINGULAR = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself|mine)\b", re.IGNORECASE)
FIRST_PLURAL = re.compile(r"\b(?:we|we're|we've|we'd|we'll|us|our|ours|ourselves)\b", re.I)


_ANY_DIGIT_OR_NUMBER_WORD = re.compile(r"\d|" + r"\b" + NUMBER_WORDS + r"\b|doubled|tripled|halved",
                                       re.IGNORECASE)


@dataclass
class Quantity:
    text: str
    start: int
    end: int


def find_quantities(text: str) -> list[Quantity]:
    """Quantified facts (money, %, durations, counts), not dates, years, versions or ids."""
    if not _ANY_DIGIT_OR_NUMBER_WORD.search(text):
        return []
    _blocked: list[tuple[int, int]] | None = None

    def blocked_spans() -> list[tuple[int, int]]:
        nonlocal _blocked
        if _blocked is None:  # only computed when a candidate quantity needs checking
            _blocked = [(m.start(), m.end()) for m in _NOT_QUANTITY.finditer(text)]
        return _blocked

    def is_blocked(a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in blocked_spans())

    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_CURRENCY, _PERCENT, _TEAM_OF, _NUMBER_UNIT, _RATIO):
        for m in pattern.finditer(text):
            a, b = m.start(), m.end()
            if any(a < y and x < b for x, y in taken):
                continue
            digits = re.findall(r"\d+", m.group())
            if digits and is_blocked(a, b) and pattern is not _CURRENCY and pattern is not _PERCENT:
                # "in 2021 users" or "version 4 servers": the number is a year/version.
                span_blocked = [(x, y) for x, y in blocked_spans() if a < y and x < b]
                if all(any(x <= a + d.start() < y for x, y in span_blocked)
                       for d in re.finditer(r"\d+", m.group())):
                    continue
            found.append(Quantity(m.group().strip(), a, b))
            taken.append((a, b))
    found.sort(key=lambda q: q.start)
    return found


@dataclass
class AnswerSignals:
    """Lexical facts about an answer that the feedback reports alongside element coverage."""

    words: int = 0
    speaking_seconds: int = 0
    """Estimated at 140 words per minute."""
    length_verdict: str = "empty"
    """empty | too short | short | good | long | too long, against a 1-2 minute answer."""
    quantities: list[str] = field(default_factory=list)
    i_count: int = 0
    we_count: int = 0
    ownership: str = "none"
    """'I' | 'we' | 'balanced' | 'none': who the answer says did the work."""
    fillers: list[str] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    hypothetical: bool = False
    """The answer speaks of what the candidate would do rather than did."""
    hypothetical_on_behavioral: bool = False
    question_similarity: float | None = None
    off_topic: bool = False
    truncated: bool = False
    """Only the first part of a very long answer was scored."""
    non_english: bool = False

    def to_json(self) -> dict:
        return asdict(self)


def _length_verdict(words: int) -> str:
    if words == 0:
        return "empty"
    return speaking_time_verdict(words * 60 / SPEAKING_WORDS_PER_MINUTE)


def speaking_time_verdict(seconds: float) -> str:
    """Speaking time against the 1-2 minute target (typed answers at 140 words a minute)."""
    if seconds < 20:
        return "too short"
    if seconds < TARGET_SECONDS[0]:
        return "short"
    if seconds <= TARGET_SECONDS[1]:
        return "good"
    if seconds <= 180:
        return "long"
    return "too long"


_ASCII_WORD = re.compile(r"[A-Za-z]+")
_COMMON_EN = {
    "the", "and", "to", "of", "a", "i", "we", "in", "was", "for", "that", "it", "with", "on",
    "my", "is", "this", "be", "as", "our", "had", "were", "by", "so", "at", "would", "have",
    "they", "team", "project", "not", "an", "from", "or", "but", "all", "which", "are", "me",
}


def looks_english(text: str) -> bool:
    words = [w.lower() for w in _ASCII_WORD.findall(text)]
    letters = sum(ch.isalpha() for ch in text)
    if letters == 0:
        return False
    ascii_share = sum(len(w) for w in words) / letters
    if ascii_share < 0.6:
        return False
    if len(words) < 6:
        return True
    return sum(w in _COMMON_EN for w in words) / len(words) >= 0.12


def answer_signals(text: str, category: str | None = None, truncated: bool = False,
                   words: int | None = None) -> AnswerSignals:
    """Signals of the (cleaned) text; `words` gives the true length of an answer cut short."""
    words = words if words is not None else len(text.split())
    i_count = len(FIRST_SINGULAR.findall(text))
    we_count = len(FIRST_PLURAL.findall(text))
    if i_count == 0 and we_count == 0:
        ownership = "none"
    elif we_count > 2 * max(i_count, 1) and i_count <= 2:
        ownership = "we"
    elif i_count >= we_count:
        ownership = "I"
    else:
        ownership = "balanced"
    hypothetical_hits = len(HYPOTHETICAL.findall(text))
    sentences = max(1, len(re.findall(r"[.!?]+", text)))
    hypothetical = hypothetical_hits >= 2 and hypothetical_hits / sentences >= 0.3
    return AnswerSignals(
        words=words,
        speaking_seconds=round(words * 60 / SPEAKING_WORDS_PER_MINUTE),
        length_verdict=_length_verdict(words),
        quantities=[q.text for q in find_quantities(text)][:12],
        i_count=i_count,
        we_count=we_count,
        ownership=ownership,
        fillers=sorted({m.group().lower() for m in FILLERS.finditer(text)}),
        hedges=sorted({m.group().lower() for m in HEDGES.finditer(text)}),
        hypothetical=hypothetical,
        hypothetical_on_behavioral=hypothetical and category in ("behavioral", "leadership",
                                                                   "adaptability"),
        truncated=truncated,
        non_english=bool(text.strip()) and not looks_english(text),
    )
