"""Element coverage: which segment of the answer best shows each element, and how surely.

Per segment and element, features combine meaning (cosine to the element's exemplars and
counter-exemplars) with what embeddings miss (negation, counterfactuals, generic talk, keyword
stuffing, lexical cues). A per-element logistic model, calibrated on labeled answers and stored
in the model card, turns them into a probability; the answer's score for the element is that of
its best segment, which becomes the quoted evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from . import cues

FEATURES: tuple[str, ...] = (
    "bias",
    "sim_top3",      # mean of the 3 highest cosines to the element's exemplars
    "sim_max",
    "counter_max",   # highest cosine to the element's counter-exemplars
    "margin",        # sim_top3 - counter_max
    "cue",           # lexical cue strength for the element
    "negated",
    "counterfactual",
    "generic",
    "stuffing",
    "first_person",
    "hypothetical_past",  # "I would ..." where a past example was asked for
    "short",         # segment of under 6 words
    "hypothetical",  # "I would ..." in any answer
    "cue_context",   # lexical cue over this segment and the next (risk named, then answered)
    "negated_cue",   # the element's own cue words are negated
    "second_person", # "you ..." talk about projects in general
    "probe",         # linear read-out of the embedding, fitted on the element library
    "part_this",     # the candidate labeled this part as the element ("Result: ...")
    "part_other",    # ... or as another element
    "first",         # first sentence of the answer
    "last",          # last sentence of the answer
    "scenario",      # the question is a scenario (hypothetical) question
    "technical",     # the question asks how the candidate works (process)
    "past",          # the segment narrates in the past tense
    "answer_past",   # share of the answer's sentences that narrate a past case
    "sim_share",     # the element's share of the segment's similarity to all contract elements
    "present",       # "I check ...": first person in the present tense (how one usually works)
    "answer_present",  # share of the answer's sentences in that habitual present
    "answer_hypothetical",  # share of the answer's sentences that say what one would do
)

# Used before calibration, and for elements with no labeled data of their own.
DEFAULT_WEIGHTS: dict[str, float] = {
    "bias": -7.0, "sim_top3": 14.0, "sim_max": 0.0, "counter_max": -3.0, "margin": 4.0,
    "cue": 1.5, "negated": -1.5, "counterfactual": -1.0, "generic": -1.0, "stuffing": -2.5,
    "first_person": 0.5, "hypothetical_past": -0.5, "short": -1.0, "hypothetical": 0.0,
    "cue_context": 0.5, "negated_cue": -1.5, "second_person": -0.5,
    "probe": 1.0, "part_this": 1.5, "part_other": -0.5,
}
PARTIAL_BAND = 0.2
"""A probability within this distance below the threshold is reported as partial."""

_HYPOTHETICAL = re.compile(r"\b(?:i|we)(?: would|'d| will|'ll| could)\b", re.IGNORECASE)
PAST_CATEGORIES = ("behavioral", "leadership", "adaptability")


EMBEDDING_DIM = 384
ROW_WIDTH = len(FEATURES) + EMBEDDING_DIM
"""Segment features end with the segment's own sentence vector: a linear read-out of meaning
learned from labeled answers, next to the named features above."""


@dataclass
class ElementModel:
    """Calibrated parameters of one element's coverage model."""

    weights: np.ndarray
    """One weight per named feature (FEATURES)."""
    threshold: float = 0.5
    embedding: np.ndarray | None = None
    """One weight per dimension of the segment's sentence vector (None: not used)."""

    @classmethod
    def from_card(cls, entry: dict | None) -> ElementModel:
        entry = entry or {}
        raw = {**DEFAULT_WEIGHTS, **(entry.get("weights") or {})}
        embedding = entry.get("embedding")
        return cls(np.array([raw.get(f, 0.0) for f in FEATURES], dtype=np.float64),
                   float(entry.get("threshold", 0.5)),
                   np.array(embedding, dtype=np.float64) if embedding else None)

    def to_card(self) -> dict:
        card: dict = {
            "weights": {f: round(float(w), 4) for f, w in zip(FEATURES, self.weights, strict=True)},
            "threshold": round(self.threshold, 4)}
        if self.embedding is not None and np.any(self.embedding):
            card["embedding"] = [round(float(w), 4) for w in self.embedding]
        return card

    def full_weights(self) -> np.ndarray:
        """Weights over the whole feature row (named features, then the sentence vector)."""
        embedding = self.embedding if self.embedding is not None else np.zeros(EMBEDDING_DIM)
        return np.r_[self.weights, embedding]


SHARED_FEATURES = ("negated", "counterfactual", "generic", "stuffing", "first_person",
                   "hypothetical_past", "short", "hypothetical", "second_person", "first", "last",
                   "scenario", "technical", "past", "answer_past", "present", "answer_present",
                   "answer_hypothetical")
"""Features that do not depend on the element: computed once per answer."""

_PAST = re.compile(
    r"\b(?:[a-z]{2,}(?<!need)(?<!feed)(?<!speed)(?<!seed)ed|was|were|had|did|went|took|made|got|"
    r"led|ran|met|built|sent|wrote|told|gave|kept|found|began|brought|saw|spent|chose|came|"
    r"became|knew|thought|felt|left|paid|sold|won|lost|broke|drove|held|set up|put together)\b",
    re.IGNORECASE,
)
_NOT_PRESENT = (r"was|were|had|did|would|will|could|should|might|must|may|can|am|'m|'d|'ll|"
                r"'ve|have|has|then|also|just|always|usually|never|really|think|guess|believe|"
                r"feel|mean|know|hope|want|wanted|need|needed|like|liked|got|went|took|made|led|"
                r"ran|met|built|sent|wrote|told|gave|kept|found|began|brought|saw|spent|chose|came|"
                r"became|knew|thought|felt|left|paid|sold|won|lost|put|set|cut|said|spoke|sat|"
                r"and|or|but|so|to|the|a|all|both")
_PRESENT = re.compile(
    r"\b(?:i|we)\s+(?:always |usually |normally |typically |often |generally |first |then |also |"
    r"still |never |rarely )?(?!(?:" + _NOT_PRESENT + r")\b)[a-z]{2,}(?<!ed)\b",
    re.IGNORECASE,
)
SIM_SHARE_TEMPERATURE = 0.05
"""Softness of the comparison between elements (cosine differences of ~0.05 matter)."""


@dataclass
class AnswerContext:
    """What segment features need to know about the whole answer, computed once."""

    texts: list[str]
    vectors: np.ndarray
    parts: list[str | None]
    shared: np.ndarray
    element_sims: dict[str, np.ndarray]
    """Mean of the top-3 exemplar cosines of each segment, for every contract element."""


def shared_features(texts: list[str], category: str | None,
                    sentences: list[int] | None = None) -> np.ndarray:
    past_category = category in PAST_CATEGORIES
    sentences = sentences if sentences is not None else list(range(len(texts)))
    last_sentence = max(sentences, default=0)
    past = [1.0 if _PAST.search(t) else 0.0 for t in texts]
    answer_past = float(np.mean(past)) if past else 0.0
    present = [1.0 if _PRESENT.search(t) else 0.0 for t in texts]
    answer_present = float(np.mean(present)) if present else 0.0
    hypothetical_rows = [1.0 if _HYPOTHETICAL.search(t) else 0.0 for t in texts]
    answer_hypothetical = float(np.mean(hypothetical_rows)) if texts else 0.0
    rows = []
    for i, text in enumerate(texts):
        hypothetical = 1.0 if _HYPOTHETICAL.search(text) else 0.0
        rows.append([
            cues.negated(text),
            cues.counterfactual(text),
            cues.generic(text),
            cues.stuffing(text),
            1.0 if cues.FIRST_PERSON.search(text) else 0.0,
            hypothetical if past_category else 0.0,
            1.0 if len(text.split()) < 6 else 0.0,
            hypothetical,
            1.0 if cues.SECOND_PERSON.search(text) else 0.0,
            1.0 if sentences[i] == 0 else 0.0,
            1.0 if sentences[i] == last_sentence and last_sentence > 0 else 0.0,
            1.0 if category == "scenario" else 0.0,
            1.0 if category == "technical" else 0.0,
            past[i],
            answer_past,
            present[i],
            answer_present,
            answer_hypothetical,
        ])
    return np.array(rows, dtype=np.float64).reshape(len(texts), len(SHARED_FEATURES))


def top3(sims: np.ndarray) -> np.ndarray:
    k = min(3, sims.shape[1])
    if k == 0:
        return np.zeros(sims.shape[0])
    return np.sort(sims, axis=1)[:, -k:].mean(axis=1)


def answer_context(texts: list[str], vectors: np.ndarray, parts: list[str | None],
                   sentences: list[int], category: str | None,
                   exemplars: dict[str, np.ndarray]) -> AnswerContext:
    return AnswerContext(
        texts=texts, vectors=vectors, parts=parts,
        shared=shared_features(texts, category, sentences),
        element_sims={e: top3(vectors @ v.T) for e, v in exemplars.items()},
    )


def segment_features(
    element: str,
    context: AnswerContext,
    exemplar_vectors: np.ndarray,
    counter_vectors: np.ndarray,
    probe: np.ndarray | None = None,
) -> np.ndarray:
    """Feature matrix (segments x FEATURES) for one element."""
    texts, segment_vectors, shared = context.texts, context.vectors, context.shared
    n = len(texts)
    if n == 0:
        return np.zeros((0, ROW_WIDTH))
    sims = segment_vectors @ exemplar_vectors.T
    k = min(3, sims.shape[1])
    top = np.sort(sims, axis=1)[:, -k:]
    negated = shared[:, SHARED_FEATURES.index("negated")]
    parts = [cues.cue_parts(element, t) for t in texts]
    own = top.mean(axis=1)
    pool = [v for e, v in context.element_sims.items() if e != element] + [own]
    stacked = np.vstack(pool) / SIM_SHARE_TEMPERATURE
    stacked -= stacked.max(axis=0)
    share = np.exp(stacked[-1]) / np.exp(stacked).sum(axis=0)
    columns: dict[str, np.ndarray] = {
        "bias": np.ones(n),
        "sim_top3": own,
        "sim_max": top[:, -1],
        "counter_max": ((segment_vectors @ counter_vectors.T).max(axis=1)
                        if counter_vectors.shape[0] else np.zeros(n)),
        "cue": np.array([cues.parts_score(element, p) for p in parts]),
        "cue_context": np.array([
            cues.parts_score(element, cues.combine_parts(element, p, parts[i + 1]) if i + 1 < n else p)
            for i, p in enumerate(parts)
        ]),
        "negated_cue": np.array([cues.negated_cue(element, t) if negated[i] else 0.0
                                 for i, t in enumerate(texts)]),
        "probe": (segment_vectors @ probe[:-1] + probe[-1]) if probe is not None else np.zeros(n),
        "part_this": np.array([1.0 if p == element else 0.0 for p in context.parts]),
        "part_other": np.array([1.0 if p is not None and p != element else 0.0
                                for p in context.parts]),
        "sim_share": share,
    }
    columns["margin"] = columns["sim_top3"] - columns["counter_max"]
    for i, name in enumerate(SHARED_FEATURES):
        columns[name] = shared[:, i]
    return np.column_stack([columns[f] for f in FEATURES] + [segment_vectors])


PROBE_RIDGE = 10.0


def fit_probe(element_id: str, vectors: dict[str, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Ridge read-out separating an element's exemplars from its counter-exemplars and from the
    other elements' exemplars. Closed form and deterministic; returns weights plus bias."""
    positives, counters = vectors[element_id]
    others = [v[0] for k, v in vectors.items() if k != element_id]
    negatives = np.vstack([counters, *others]) if others else counters
    x = np.vstack([positives, negatives]).astype(np.float64)
    y = np.r_[np.ones(len(positives)), -np.ones(len(negatives))]
    # Balance the classes, and weigh counter-exemplars (the near misses) double.
    weight = np.r_[np.full(len(positives), len(negatives) / max(1, len(positives))),
                   np.full(len(counters), 2.0), np.ones(len(negatives) - len(counters))]
    x1 = np.column_stack([x, np.ones(len(x))])
    xw = x1 * weight[:, None]
    reg = PROBE_RIDGE * np.eye(x1.shape[1])
    reg[-1, -1] = 0.0
    return np.linalg.solve(x1.T @ xw + reg, xw.T @ y)


def probabilities(features: np.ndarray, model: ElementModel) -> np.ndarray:
    logits = features @ model.full_weights()
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))


def status_of(probability: float, threshold: float) -> str:
    if probability >= threshold:
        return "covered"
    if probability >= threshold - PARTIAL_BAND:
        return "partial"
    return "missing"
