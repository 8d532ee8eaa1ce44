"""Fitting the rater's two linear models (strong vs the rest, weak vs the rest) on labeled questions.

Plain L2-regularised logistic regression by gradient descent: a few hundred questions and two
dozen features need nothing more, and the result is a small readable weights.json.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .rater import FEATURES, QuestionRater

L2 = 0.01
STEPS = 4000
LEARNING_RATE = 0.3


def logistic(features: np.ndarray, labels: np.ndarray, l2: float = L2) -> np.ndarray:
    """Weights minimising log-loss + l2 * |w|^2 (the bias is not penalised)."""
    weights = np.zeros(features.shape[1])
    penalty = np.full(features.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(features @ weights, -30, 30)))
        gradient = features.T @ (p - labels) / len(labels) + 2 * penalty * weights
        weights -= LEARNING_RATE * gradient
    return weights


def line_features(rater: QuestionRater, texts: Sequence[str]) -> np.ndarray:
    """One feature row per labeled line: its whole text, as one question (the split is for reasons)."""
    return np.stack([a.features for a in rater.analyse(list(texts))])


def fit(rater: QuestionRater, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    x = line_features(rater, [r["text"] for r in rows])
    verdicts = np.array([r["verdict"] for r in rows])
    span = f"{rows[0]['id']}..{rows[-1]['id']}"
    weights: dict[str, Any] = {"fitted_on": f"{len(rows)} labeled questions ({span})"}
    for target in ("strong", "weak"):
        w = logistic(x, (verdicts == target).astype(float))
        weights[target] = {name: round(float(v), 4) for name, v in zip(FEATURES, w, strict=True)}
    weights["strong_threshold"] = 0.5
    return weights


def write(weights: dict[str, Any], path: Path) -> None:
    from ..fileio import atomic_write_text

    atomic_write_text(path, json.dumps(weights, indent=2) + "\n")
