"""A pasted job posting split into its requirement lines, robust to messy pastes.

Real postings arrive with headers, salary and benefit lines, company blurbs, duplicated text,
bullets glued onto one line and no punctuation. The splitter works in three passes: clean the
text into lines, cut each line into pieces (inline bullets, runs of spaces, sentences, glued
bullets, "Label: a, b, c" lists), then keep the pieces that state a duty, skill or qualification,
using the section they sit in ("What you'll do", "Essential", "Benefits" ...) and their own shape.
Each requirement keeps the posting's wording (minus its bullet mark).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# ---------------------------------------------------------------------------- sections
SECTION_KINDS = ("duty", "skill", "nice", "role", "about", "benefits", "apply", "other")

_HEADER_WORDS: list[tuple[str, str]] = [
    # (regex on a lower-cased header line, the kind of section it opens)
    (r"nice to have|nice-to-have|desirable|bonus|preferred|a plus|plus if|would be great|"
     r"extra credit|advantageous|ideally|great to have|good to have", "nice"),
    (r"what you.?ll do|what you will do|you will|you.?ll be|responsibilit|duties|the job|"
     r"your role|role involves|job involves|day to day|day-to-day|key tasks|accountabilit|"
     r"what you.?ll be doing|in this role|your mission|the work|what the job", "duty"),
    (r"require|qualification|what you.?ll bring|what you bring|what we.?re looking for|"
     r"looking for|you have|you.?ll have|about you|who you are|essential|must have|must-have|"
     r"skills|experience|criteria|person spec|competenc|what you need|you need|ideal candidate|"
     r"knowledge|background|you bring|we need|we.?d love|you.?ll need|what we want|need from you|"
     r"skills and experience", "skill"),
    (r"benefit|perks|what we offer|we offer|compensation|salary|package|rewards|why join|"
     r"why work|what.?s in it|pay", "benefits"),
    (r"how to apply|to apply|apply|application|next steps|interview process|hiring process|"
     r"recruitment process|closing date", "apply"),
    (r"the role|role summary|job summary|summary|overview|the opportunity|opportunity|"
     r"the position|position summary|job description|description|purpose", "role"),
    (r"about|who we are|company|our team|the team|introduction|our mission|culture|"
     r"how we work|values|diversity|equal opportunit|location|working pattern|hours|contract|"
     r"employment", "about"),
]

# ---------------------------------------------------------------------------- line shapes
_BULLET = re.compile(
    r"^\s*(?:[-*•·▪‣◦●○■□➤➢►▶→⇒✓✔✅☑❖◆◇⁃–—+>]+|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)](?=\s)|"
    r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]+)\s*"
)
_INLINE_BULLET = re.compile(r"\s*(?:[•·▪‣◦●■➤➢►▶→⇒✓✔✅☑❖◆]|\s\|\s|\s-\s(?=[A-Z]))\s*")
_EMOJI = re.compile(r"[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200d]")
_SPACES = re.compile(r"[ \t]{2,}")

_MONEY = re.compile(
    r"[$£€¥₹]\s?\d[\d,.]*\s?[kK]?\s*(?:-|–|—|to)\s*[$£€¥₹]?\s?\d|\d\s?[kK]\s*(?:-|–|to|\+|DOE)|"
    r"\bper (?:annum|year|hour|hr|day)\b|"
    r"/\s?(?:hr|hour|yr|year)\b|\bsalary\b|\bpay (?:range|band|scale)\b|\bcompensation\b|"
    r"\bOTE\b|\bequity\b|\bbonus\b|\bday rate\b|\bgrade:", re.IGNORECASE)
_BENEFIT = re.compile(
    r"\b401\s?\(?k\)?|\bpension\b|\bPTO\b|\bannual leave\b|\bholiday|\bvacation\b|\bdental\b|"
    r"\bmedical\b|\bhealth (?:insurance|care|plan)\b|\bparental leave\b|\btuition\b|"
    r"\bwellness\b|\bgym\b|\bstock options?\b|\bcycle to work\b|\bemployee assistance\b|"
    r"\blife (?:insurance|assurance)\b|\bvolunteer(?:ing)? (?:time|days)\b|\bsick (?:days|pay)\b|"
    r"\blearning budget\b|\bhome office budget\b|\bcar allowance\b|\bsuper(?:annuation)?\b(?!-)",
    re.IGNORECASE)
_BOILERPLATE = re.compile(
    r"equal opportunit|equal employment|affirmative action|without regard to|"
    r"regardless of|encourage[ds]? (?:to apply|applications)|welcome applications|"
    r"are encouraged|reasonable adjustment|accommodation|diverse and inclusive|inclusive workplace|"
    r"committed to (?:diversity|equality|inclusion|creating|building)|protected (?:characteristic|veteran)|"
    r"\bapply (?:now|today|online|through|via|here|by)\b|\bto apply\b|click apply|"
    r"send (?:your|a) (?:cv|resume)|"
    r"\bcvs?\b.*\b(?:accepted|to)\b|cover letter|recruit(?:er|ment agency)|#\w+|\bcall \w+ at\b|"
    r"closing date|no agencies|visa sponsorship|right to work|background check|drug (?:test|screen)|"
    r"e-?verify|job (?:id|ref|reference)\b|requisition|posted \d|\bapplicants?\b|"
    r"interviews? (?:are|will be) held|immediate start|\bEEO\b|discriminat|disability confident|"
    r"veterans?\b|\bpay (?:depends|will depend|is based)|assessment (?:centre|center)s?|"
    r"\bdepending on (?:location|experience)\b",
    re.IGNORECASE)
_LOGISTICS = re.compile(
    r"^(?:location|based|office|reports? to|reporting to|department|team|division|employment|"
    r"job type|contract|duration|hours|schedule|start date|salary|rate|grade|clearance|"
    r"security clearance|working pattern|work model|travel|company|client|industry|level|"
    r"seniority|type|category|function|posted|closing|ref|reference)\s*[:\-–]", re.IGNORECASE)
_WORKPLACE = re.compile(
    r"^(?:\(?(?:remote|hybrid|on-?site|in office|full[- ]time|part[- ]time|permanent|contract|"
    r"temporary|temp|fixed[- ]term|\d+\s*(?:months?|days?)|w2|c2c|1099)\)?[\s,/|–\-]*)+$",
    re.IGNORECASE)

# Words a requirement typically starts with (after "you will", bullets and labels are gone).
_REQUIREMENT_START = (
    "manage|lead|own|drive|run|coordinate|co-ordinate|plan|deliver|support|track|maintain|"
    "prepare|produce|develop|build|create|define|establish|ensure|oversee|facilitate|work|"
    "partner|collaborate|communicate|report|monitor|chair|organise|organize|schedule|schedule|"
    "follow|document|keep|help|assist|act|serve|translate|engage|negotiate|review|identify|"
    "assess|analyse|analyze|implement|execute|direct|govern|budget|forecast|champion|mentor|"
    "coach|shape|set|design|hold|liaise|escalate|chase|capture|update|write|present|take|"
    "make|bring|provide|handle|resolve|improve|contribute|participate|conduct|administer|"
    "minute|book|arrange|prioritise|prioritize|remove|protect|choose|adapt|scope|agree|"
    "embed|mobilise|mobilize|stand up|steer|influence|challenge|balance|juggle|sponsor|"
    "collect|check|consolidate|gather|verify|validate|test|train|onboard|publish|compile|"
    "research|procure|source|recruit|hire|measure|roll out|migrate|configure|install|deploy|"
    "upgrade|ship|launch|close|approve|control|audit|operate|introduce|standardise|standardize|"
    "streamline|automate|modernise|modernize|integrate|consult|advise|grow|"
    "experience|proven|demonstrable|demonstrated|strong|excellent|good|solid|working|"
    "knowledge|understanding|familiarity|familiar|exposure|ability|able|comfortable|"
    "confident|skilled|proficient|fluent|track record|background|history|hands-on|"
    "certification|certified|degree|bachelor|master|qualification|qualified|"
    "pmp|prince2|capm|csm|itil|safe|\\d+\\+?\\s*(?:-|–|to)?\\s*\\d*\\s*(?:years|yrs)|"
    "at least|minimum|must|you|a |an |excellent|outstanding|exceptional|previous|prior|"
    "some|basic|advanced|deep|expert|willing|willingness|eligible|ready|happy|passion|"
    "interest|curious|self|detail|organised|organized|sql|agile|scrum"
)
_STARTS_LIKE_REQUIREMENT = re.compile(rf"^(?:{_REQUIREMENT_START})\b", re.IGNORECASE)
_REQUIREMENT_SIGNAL = re.compile(
    r"\b(?:experience|years?|knowledge|understanding|ability to|able to|skills?|certifi\w*|"
    r"degree|proficien\w*|familiar\w*|exposure|track record|you will|you.ll|you would|"
    r"must|required|essential|responsible for|accountable for|background in|proven)\b",
    re.IGNORECASE)
_YOU_WILL = re.compile(r"^(?:you will|you'll|you’ll|you will be|you'll be|you’ll be)\s+", re.IGNORECASE)
_GLUED_CAPITAL = re.compile(r"(?<=[a-z0-9)%])(?=[A-Z][a-z]+\b)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'“])")
_LABEL = re.compile(r"^([A-Za-z][A-Za-z '’/&-]{1,40}?)\s*[:：]\s+(.+)$")


@dataclass(frozen=True)
class Requirement:
    """One duty, skill or qualification line, in the posting's words."""

    text: str
    kind: str
    """duty (what the job does), skill (what it asks for) or nice (nice to have)."""


@dataclass
class _Piece:
    text: str
    section: str
    line_no: int


def clean_text(raw: str) -> str:
    """Normalise a paste: HTML remnants, odd spaces and line breaks, control characters."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"(?i)<\s*(?:br|/p|/li|/div|/h\d|li)\b[^>]*>", "\n", text)
    text = re.sub(r"<[^>]{1,200}>", " ", text)
    text = html.unescape(text)
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = "".join(
        ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" or ch == "\u200d" else " "
        for ch in text
    )
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    return text


def _header_kind(line: str) -> str | None:
    """The kind of section a line opens, if it is a header ("WHAT YOU'LL DO", "Essential:")."""
    bare = _EMOJI.sub("", line).strip().strip("*#=_ ").strip()
    bare = _strip_bullet(bare) if not bare[:1].isalnum() else bare
    if not bare:
        return None
    ends_colon = bare.endswith((":", "："))
    bare = bare.rstrip(":：").strip()
    words = bare.split()
    if not words or len(words) > 9 or _MONEY.search(bare):
        return None
    shouting = bare.isupper() and len(bare) > 3
    lowered = bare.lower()
    kind, share = None, 0.0
    for pattern, candidate in _HEADER_WORDS:
        match = re.search(rf"(?:^|\b)(?:{pattern})", lowered)
        if match:
            kind = candidate
            lead = re.match(r"^(?:(?:what|our|your|the|key|main|core|additional|other|general|"
                            r"minimum|basic|desired|required|job|role|position|some|a few)\s+)*",
                            lowered[: match.start()] + " ")
            anchored = lead is not None and lead.end() >= match.start()
            share = (match.end() - match.start()) / max(1, len(lowered)) if anchored else 0.0
            break
    if ends_colon or shouting:
        if kind is None:
            return "other" if (shouting and len(words) <= 6) or len(words) <= 4 else None
        return kind if len(words) <= 8 else None
    if kind is None or len(words) > 6:
        return None
    title_case = all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _SMALL_WORDS
                     for w in words)
    return kind if share >= 0.5 or (title_case and len(words) <= 4) else None


_SMALL_WORDS = {"a", "an", "and", "the", "of", "to", "in", "for", "on", "with", "at", "you", "we",
                "our", "your", "what", "who", "&", "is", "are", "be", "do", "ll", "you'll", "we're",
                "you’ll", "we’re", "about"}


def _strip_bullet(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _BULLET.sub("", text, count=1).strip()
    return text


def _split_line(line: str) -> list[str]:
    """Cut one line into pieces: inline bullets, runs of spaces, sentences, glued bullets."""
    pieces = [p for p in _INLINE_BULLET.split(line) if p and p.strip()]
    out: list[str] = []
    for piece in pieces:
        for part in _SPACES.split(piece):
            for sentence in _SENTENCE_END.split(part):
                out.extend(_unglue(sentence))
    return [p.strip() for p in (_strip_bullet(x) for x in out) if p.strip()]


def _unglue(text: str) -> list[str]:
    """Separate bullets a paste ran together: "...up to dateOrganise audits", "...systems You will"."""
    parts = _GLUED_CAPITAL.split(text)
    merged: list[str] = []
    for part in parts:
        starts_new = bool(re.match(rf"(?:{_REQUIREMENT_START}|you will|you'll)\b", part, re.I))
        if merged and not starts_new:
            merged[-1] += part
        else:
            merged.append(part)
    out: list[str] = []
    for part in merged:
        # "...line of business systems You will join": a sentence with its full stop lost.
        for sentence in re.split(r"(?<=[a-z0-9)])\s+(?=You (?:will|'ll|’ll)\b)", part):
            out.extend(_split_run_on(sentence))
    return [s for s in out if s]


_IMPERATIVE = re.compile(
    r"(?<=[a-z0-9)])\s+(?=(?:Track|Run|Coordinate|Co-ordinate|Manage|Lead|Own|Drive|Plan|Deliver|"
    r"Support|Maintain|Prepare|Produce|Build|Create|Define|Ensure|Oversee|Facilitate|Work|Partner|"
    r"Report|Monitor|Organise|Organize|Schedule|Document|Keep|Help|Engage|Review|Identify|"
    r"Implement|Chair|Minute|Collect|Check|Consolidate|Liaise|Escalate|Chase|Update|Write|"
    r"Present|Act|Assist|Negotiate|Develop|Establish|Set up|Test|Train|Arrange|Book)\s+"
    r"(?:[a-z]|[A-Z]{2,}\b))")
_CLOSER = re.compile(
    r"\b((?:required|preferred|essential|desirable|a plus|a bonus|nice to have|advantageous|"
    r"mandatory))\s+(?=[A-Za-z0-9])")


def _split_run_on(text: str) -> list[str]:
    """A line of several bullets run together without marks: split before each new imperative
    ("...in Azure DevOps Run daily stand-ups") and after "required" / "a plus" closers."""
    if len(text.split()) < 8 or re.search(r"[.,;:]", text):
        return [text]
    out: list[str] = []
    for part in _IMPERATIVE.split(text):
        out.extend(p for p in _CLOSER.sub(r"\1\n", part).split("\n") if p.strip())
    return out


def _split_label_list(text: str, section: str) -> tuple[list[str], str]:
    """'MUST HAVE: 5+ years, MS Project, budget ownership' -> its items and their section."""
    match = _LABEL.match(text)
    if not match:
        return [text], section
    label, rest = match.group(1), match.group(2)
    kind = _header_kind(label + ":")
    if kind is None or kind in {"about", "other"} and not _STARTS_LIKE_REQUIREMENT.match(rest):
        return [text], section
    if kind in {"benefits", "apply"}:
        return [], kind
    items = [i.strip() for i in re.split(r",\s+|;\s+", rest) if i.strip()]
    if len(items) >= 3 and all(len(i.split()) <= 7 for i in items):
        return items, kind
    return [rest], kind


def _is_junk(text: str) -> bool:
    """Salary, benefits, equal-opportunity text, how to apply, location and contract lines."""
    words = text.split()
    if not words or len(text) < 2:
        return True
    if _MONEY.search(text) or _BOILERPLATE.search(text) or _LOGISTICS.match(text):
        return True
    if _WORKPLACE.match(text):
        return True
    if _BENEFIT.search(text) and not _REQUIREMENT_SIGNAL.search(text):
        return True
    return False


def _is_requirement(piece: _Piece) -> bool:
    text = piece.text
    if _is_junk(text):
        return False
    words = text.split()
    if len(words) < 2 and not (piece.section in {"duty", "skill", "nice"} and
                               re.match(r"^[A-Z][A-Za-z0-9+/&.-]{1,}$", text)):
        return False
    if text.endswith((":", "：")) and len(words) <= 12:
        return False  # an intro to a list ("As a Delivery Manager you'll:")
    if piece.section in {"benefits", "apply"}:
        return False
    if piece.section in {"duty", "skill", "nice"}:
        return len(words) <= 60
    # Outside a duty or skill section (the blurb, or a posting with no headers at all): only
    # lines that read like a requirement.
    if len(words) > 45:
        return False
    if piece.section == "about":
        return bool(_YOU_WILL.match(text) and len(words) <= 30) or bool(
            re.match(r"^(?:\d+\+?\s*(?:-|–|to)?\s*\d*\s*(?:years|yrs)|must|experience)\b", text, re.I))
    return bool(_STARTS_LIKE_REQUIREMENT.match(text) or _REQUIREMENT_SIGNAL.search(text)) and not \
        re.match(r"^(?:we|our|the company|this is|this role|join|as (?:a|an|the)\b)", text, re.I)


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def title_of(text: str) -> str | None:
    """The job title: the first line that is not a header, a logistics line or boilerplate."""
    for raw in clean_text(text).split("\n"):
        line = _EMOJI.sub("", raw).strip().strip("*#=_ ").strip()
        if not line or len(line) > 120:
            continue
        if re.match(r"^(?:job title|title|position|role)\s*[:\-–]\s*(.+)$", line, re.I):
            return re.sub(r"^(?:job title|title|position|role)\s*[:\-–]\s*", "", line, flags=re.I)
        if _LOGISTICS.match(line) or _MONEY.search(line) or _BOILERPLATE.search(line):
            continue
        if _header_kind(line) in {"about", "benefits", "apply", "duty", "skill", "nice"} and \
                not re.search(r"manager|coordinator|lead|director|officer|analyst|head|pm\b", line, re.I):
            continue
        return line
    return None


def split_requirements(text: str) -> list[Requirement]:
    """The posting's duty, skill and qualification lines, each once, in posting order."""
    pieces: list[_Piece] = []
    section = "other"
    seen_title = False
    lines = clean_text(text).split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if not seen_title:
            seen_title = True
            if title_of(line) == _EMOJI.sub("", line).strip().strip("*#=_ ").strip():
                continue  # the title line is not a requirement
        kind = _header_kind(line)
        if kind is not None:
            stripped = _strip_bullet(_EMOJI.sub("", line)).rstrip(":： ").strip()
            # "Essential: PRINCE2 Foundation" style headers carry content after the colon.
            section = kind
            if not (_LABEL.match(stripped)):
                continue
        for part in _split_line(line):
            items, item_section = _split_label_list(part, section)
            for item in items:
                item = _YOU_WILL_PREFIX_KEEP(item)
                pieces.append(_Piece(item, item_section, number))
    out: list[Requirement] = []
    seen: set[str] = set()
    for piece in pieces:
        if not _is_requirement(piece):
            continue
        key = _normal(piece.text)
        if not key or key in seen:
            continue
        seen.add(key)
        kind = piece.section if piece.section in {"duty", "skill", "nice"} else _guess_kind(piece.text)
        out.append(Requirement(piece.text.rstrip(" ,;"), kind))
    return out


def _YOU_WILL_PREFIX_KEEP(text: str) -> str:  # noqa: N802 - reads as what it does
    """Requirements keep the posting's wording, "you will" included; only stray marks go."""
    return text.strip().strip("*_").strip()


_QUALIFICATION = re.compile(
    r"\b(?:experience|years?|knowledge|understanding|certifi\w*|degree|skills?|familiar\w*|"
    r"exposure|background|proficien\w*|ability|able to|fluent)\b", re.IGNORECASE)


def _guess_kind(text: str) -> str:
    if re.search(r"\b(?:nice to have|a plus|desirable|preferred|bonus|ideally)\b", text, re.I):
        return "nice"
    return "skill" if _QUALIFICATION.search(text) else "duty"


_YEARS = re.compile(
    r"(?<![\w.])(\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*(\d{1,2})\s*\+?\s*)?(?:years?|yrs?)\b"
    r"(?!\s+old)",
    re.IGNORECASE)
_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}


def years_asked(text: str) -> list[int]:
    """The minimum years of experience each 'N+ years' / 'N-M years' phrase asks for."""
    cleaned = re.sub(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b(?=\s*\+?\s*(?:\(\d+\)\s*)?(?:years?|yrs?))",
                     lambda m: str(_WORD_NUMBERS[m.group(1).lower()]), text, flags=re.IGNORECASE)
    found: list[int] = []
    for match in _YEARS.finditer(cleaned):
        after = cleaned[match.end(): match.end() + 40].lower()
        before = cleaned[max(0, match.start() - 40): match.start()].lower()
        # "within 6 months", "a 3-year programme", "founded 20 years ago" are not experience.
        if re.match(r"\s*(?:ago|old|in business|history|warranty|contract|programme|program|plan)",
                    after) or re.search(r"(?:over the (?:last|past|next)|for (?:the )?next|"
                                        r"founded|established|since)\s*$", before):
            continue
        low = int(match.group(1))
        if low > 30:
            continue
        found.append(low)
    return found


def content_lines(text: str) -> list[str]:
    """The lines that say something about the job: no headers, salary, benefits or boilerplate.

    Named terms are looked for here (and in the requirements), not in "WHAT YOU'LL DO" or in
    "401(k) with 5% match"."""
    out = []
    for raw in clean_text(text).split("\n"):
        line = _strip_bullet(_EMOJI.sub("", raw).strip())
        if not line or _header_kind(line) is not None:
            continue
        if _is_junk(line) or (line.isupper() and len(line.split()) <= 8):
            continue
        out.append(line)
    return out
