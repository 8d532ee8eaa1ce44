"""Answer-vs-reference similarity: how much of the reference's content the answer carries.

Each content token of the reference answer is matched to its closest token of the answer in the
model's contextual token space, and the match strengths are averaged (the recall half of
BERTScore, Zhang et al. 2020). Reference tokens that the question itself already gives away count
less ("question demoting", Mohler et al. 2011), so restating the question earns little. Nothing
here is fitted: the variant was chosen on SemEval-2013's training split, never on Mohler.
"""

from __future__ import annotations

import numpy as np

STOPWORDS = frozenset(
    "a an the of to in and or is are be by for on with as that this it its at from which can we "
    "you they their there these those was were has have had not but if then so than into about "
    "also may more most such what when where who how why do does done use used using one two i "
    "me my our us he she his her them will would should could been being am just very really "
    "some any all each other only own same too out up down over under again further once here "
    "both few no nor off s t don now".split()
)
QUESTION_FLOOR = 0.05
"""The least a reference token counts for, however fully the question gives it away."""


def reference_similarity(answer_tokens: np.ndarray, reference_tokens: np.ndarray,
                         question_tokens: np.ndarray | None = None) -> float:
    """Soft recall of the reference's content tokens in the answer, 0-1."""
    if len(answer_tokens) == 0 or len(reference_tokens) == 0:
        return 0.0
    recall = (reference_tokens @ answer_tokens.T).max(axis=1)
    weights = np.ones(len(reference_tokens))
    if question_tokens is not None and len(question_tokens):
        given = (reference_tokens @ question_tokens.T).max(axis=1)
        weights = np.clip(1.0 - given, QUESTION_FLOOR, 1.0)
    return float(np.clip((recall * weights).sum() / weights.sum(), 0.0, 1.0))
