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
)

# Used before calibration, and for elements with no labeled data of their own.
DEFAULT_WEIGHTS: dict[str, float] = {
    "bias": -7.0, "sim_top3": 14.0, "sim_max": 0.0, "counter_max": -3.0, "margin": 4.0,
    "cue": 1.5, "negated": -1.5, "counterfactual": -1.0, "generic": -1.0, "stuffing": -2.5,
    "first_person": 0.5, "hypothetical_past": -0.5, "short": -1.0, "hypothetical": 0.0,
    "cue_context": 0.5, "negated_cue": -1.5, "second_person": -0.5,
    "probe": 1.0,
}
PARTIAL_BAND = 0.2
"""A probability within this distance below the threshold is reported as partial."""

_HYPOTHETICAL = re.compile(r"\b(?:i|we)(?: would|'d| will|'ll| could)\b", re.IGNORECASE)
PAST_CATEGORIES = ("behavioral", "leadership", "adaptability")


@dataclass
class ElementModel:
    """Calibrated parameters of one element's coverage model."""

    weights: np.ndarray
    threshold: float = 0.5

    @classmethod
    def from_card(cls, entry: dict | None) -> ElementModel:
        entry = entry or {}
        raw = {**DEFAULT_WEIGHTS, **(entry.get("weights") or {})}
        return cls(np.array([raw.get(f, 0.0) for f in FEATURES], dtype=np.float64),
                   float(entry.get("threshold", 0.5)))

    def to_card(self) -> dict:
        return {"weights": {f: round(float(w), 4) for f, w in zip(FEATURES, self.weights, strict=True)},
                "threshold": round(self.threshold, 4)}


SHARED_FEATURES = ("negated", "counterfactual", "generic", "stuffing", "first_person",
                   "hypothetical_past", "short", "hypothetical", "second_person")
"""Lexical features that do not depend on the element: computed once per answer."""


def shared_features(texts: list[str], category: str | None) -> np.ndarray:
    past = category in PAST_CATEGORIES
    rows = []
    for text in texts:
        hypothetical = 1.0 if _HYPOTHETICAL.search(text) else 0.0
        rows.append([
            cues.negated(text),
            cues.counterfactual(text),
            cues.generic(text),
            cues.stuffing(text),
            1.0 if cues.FIRST_PERSON.search(text) else 0.0,
            hypothetical if past else 0.0,
            1.0 if len(text.split()) < 6 else 0.0,
            hypothetical,
            1.0 if cues.SECOND_PERSON.search(text) else 0.0,
        ])
    return np.array(rows, dtype=np.float64).reshape(len(texts), len(SHARED_FEATURES))


def segment_features(
    element: str,
    texts: list[str],
    segment_vectors: np.ndarray,
    exemplar_vectors: np.ndarray,
    counter_vectors: np.ndarray,
    category: str | None,
    probe: np.ndarray | None = None,
    shared: np.ndarray | None = None,
) -> np.ndarray:
    """Feature matrix (segments x FEATURES) for one element."""
    n = len(texts)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    sims = segment_vectors @ exemplar_vectors.T
    k = min(3, sims.shape[1])
    top = np.sort(sims, axis=1)[:, -k:]
    shared = shared if shared is not None else shared_features(texts, category)
    negated = shared[:, SHARED_FEATURES.index("negated")]
    parts = [cues.cue_parts(element, t) for t in texts]
    columns: dict[str, np.ndarray] = {
        "bias": np.ones(n),
        "sim_top3": top.mean(axis=1),
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
    }
    columns["margin"] = columns["sim_top3"] - columns["counter_max"]
    for i, name in enumerate(SHARED_FEATURES):
        columns[name] = shared[:, i]
    return np.column_stack([columns[f] for f in FEATURES])


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
    logits = features @ model.weights
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))


def status_of(probability: float, threshold: float) -> str:
    if probability >= threshold:
        return "covered"
    if probability >= threshold - PARTIAL_BAND:
        return "partial"
    return "missing"
