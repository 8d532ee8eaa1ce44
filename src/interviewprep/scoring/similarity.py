"""Answer-vs-reference similarity: meaning (embedding cosine) and content recall.

Half is the cosine between the whole answer and the reference answer; half is the share of the
reference's content words that the answer uses, leaving out words the question already gives
away ("question demoting", Mohler et al. 2011). Neither part is fitted to any data set.
"""

from __future__ import annotations

import re

import numpy as np

_WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    "a an the of to in and or is are be by for on with as that this it its at from which can we "
    "you they their there these those was were has have had not but if then so than into about "
    "also may more most such what when where who how why do does done use used using one two i "
    "me my our us he she his her them will would should could been being am just very really "
    "some any all each other only own same too out up down over under again further once here "
    "both few no nor off s t don now".split()
)
STEM = 6
"""Words are compared by their first six letters, a crude stem that needs no data."""


def content_words(text: str) -> set[str]:
    return {w[:STEM] for w in _WORD.findall(text.lower()) if w not in STOPWORDS}


def content_recall(answer: str, reference: str, question: str | None = None) -> float:
    given = content_words(question) if question else set()
    wanted = content_words(reference) - given or content_words(reference)
    if not wanted:
        return 0.0
    return len(wanted & (content_words(answer) - given)) / len(wanted)


def reference_similarity(answer_vector: np.ndarray, reference_vector: np.ndarray, answer: str,
                         reference: str, question: str | None = None) -> float:
    cosine = max(0.0, float(answer_vector @ reference_vector))
    return 0.5 * cosine + 0.5 * content_recall(answer, reference, question)
