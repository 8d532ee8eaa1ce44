"""How strongly one sentence of the candidate's shows one requirement of a posting.

Embedding cosine alone underrates short, concrete sentences ("I owned the cutover plan") against
long requirement lines, so two lexical signals are added: the requirement's named terms said
in the sentence, and the share of the requirement's content words it uses. Used by readiness
and by the follow-up probe, so both judge "shown" alike. Not yet calibrated on labeled pairs:
the weights are set so that a sentence naming the requirement's term and restating part of it
reads as partial, and one that restates most of it as covered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

TERM_WEIGHT = 0.10
OVERLAP_WEIGHT = 0.20
COVERED_AT = 0.55
PARTIAL_AT = 0.40

_STOP = set("""a an the and or of to in on for with by at from as is are be been being this that these those
your you our we will would can could should must may into across within through including such
etc via per other their them they it its who what when where how which all any each more most
able ability strong good excellent experience experienced years year knowledge understanding
working work skills skill plus ideally preferred required desirable""".split())


def content_words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z0-9][a-z0-9/+-]*", text.lower())
            if w not in _STOP and len(w) > 2}


def term_said(term: str, text: str) -> bool:
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags) is not None


def evidence_score(requirement: str, terms: Sequence[str], sentence: str, cosine: float) -> float:
    wanted = content_words(requirement)
    overlap = len(wanted & content_words(sentence)) / len(wanted) if wanted else 0.0
    named = any(term_said(t, sentence) for t in terms)
    return float(cosine) + TERM_WEIGHT * named + OVERLAP_WEIGHT * overlap


def status_for(score: float) -> str:
    return "covered" if score >= COVERED_AT else "partial" if score >= PARTIAL_AT else "missing"
