"""Filler words in a spoken answer, counted.

Whisper drops hesitations unless nudged: `FILLER_PROMPT` (the decoder's initial prompt) is
written the way people talk, hesitations and all, so the transcript keeps them.
"""

from __future__ import annotations

import re
from collections import Counter

FILLER_PROMPT = ("Um, so, uh, we had, like, a tight deadline, you know, and, er, hmm, I "
                 "decided, um, to re-plan the project.")
"""Our own sentence, in the style the transcript should take: fillers written out."""

_HESITATION = re.compile(r"\b(?:u+m+|u+h+m*|e+r+m+|e+r+|h+m+|a+h+|m+hm+)\b", re.IGNORECASE)
# "like" and "you know" are fillers only where they stand apart from the sentence: "it was,
# like, late" but not "I would like to" or "you know the plan".
_LIKE = re.compile(r"(?:^|(?<=[,.!?;]))\s*like\b\s*(?=[,.!?;]|$)|,\s*like\s+(?=,)", re.I | re.M)
_YOU_KNOW = re.compile(r"\byou know\b(?=\s*[,.!?;]|\s*$)", re.IGNORECASE | re.MULTILINE)
_I_MEAN = re.compile(r"(?:^|(?<=[,.!?;]))\s*i mean\b(?=\s*,)", re.IGNORECASE | re.MULTILINE)


def _canonical(word: str) -> str:
    word = word.lower()
    for canon in ("um", "uh", "erm", "er", "hmm", "ah"):
        if re.fullmatch("".join(f"{c}+" for c in canon), word):
            return canon
    return "um" if word.startswith("m") else word


def count_fillers(text: str) -> dict[str, int]:
    """Each filler found in `text` and how often, most frequent first."""
    counts: Counter[str] = Counter()
    for m in _HESITATION.finditer(text):
        counts[_canonical(m.group())] += 1
    counts["like"] += len(_LIKE.findall(text))
    counts["you know"] += len(_YOU_KNOW.findall(text))
    counts["I mean"] += len(_I_MEAN.findall(text))
    return {word: n for word, n in counts.most_common() if n}
