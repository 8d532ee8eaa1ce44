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

from .rater import FEATURES, HARD_WEAK, QuestionRater

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


FOLDS = 5
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
"""Candidate cut-offs on P(strong), chosen on out-of-fold predictions of the tuning rows."""


def out_of_fold(x: np.ndarray, verdicts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(strong) and P(weak) for each row from models fitted without its fold."""
    folds = np.arange(len(verdicts)) % FOLDS
    p_strong, p_weak = np.zeros(len(verdicts)), np.zeros(len(verdicts))
    for k in range(FOLDS):
        train, test = folds != k, folds == k
        for target, out in (("strong", p_strong), ("weak", p_weak)):
            w = logistic(x[train], (verdicts[train] == target).astype(float))
            out[test] = 1.0 / (1.0 + np.exp(-np.clip(x[test] @ w, -30, 30)))
    return p_strong, p_weak


def pick_threshold(p_strong: np.ndarray, p_weak: np.ndarray, hard: np.ndarray,
                   verdicts: np.ndarray) -> float:
    """The cut-off with the best strong-vs-not agreement on rows labeled strong or weak
    (ties: the better 3-way accuracy, then the value nearest 0.5)."""
    def score(t: float) -> tuple[float, float, float]:
        weak = hard | ((p_weak >= 0.5) & (p_weak >= p_strong))
        predicted = np.where(weak, "weak", np.where(p_strong >= t, "strong", "fair"))
        sure = verdicts != "fair"
        return (float(np.mean((predicted[sure] == "strong") == (verdicts[sure] == "strong"))),
                float(np.mean(predicted == verdicts)), -abs(t - 0.5))
    return max(THRESHOLDS, key=score)


def fit(rater: QuestionRater, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    analyses = rater.analyse([r["text"] for r in rows])
    x = np.stack([a.features for a in analyses])
    hard = np.array([bool(a.hits.kinds & set(HARD_WEAK)) for a in analyses])
    verdicts = np.array([r["verdict"] for r in rows])
    span = f"{rows[0]['id']}..{rows[-1]['id']}"
    weights: dict[str, Any] = {"fitted_on": f"{len(rows)} labeled questions ({span})"}
    for target in ("strong", "weak"):
        w = logistic(x, (verdicts == target).astype(float))
        weights[target] = {name: round(float(v), 4) for name, v in zip(FEATURES, w, strict=True)}
    weights["strong_threshold"] = pick_threshold(*out_of_fold(x, verdicts), hard, verdicts)
    return weights


def write(weights: dict[str, Any], path: Path) -> None:
    from ..fileio import atomic_write_text

    atomic_write_text(path, json.dumps(weights, indent=2) + "\n")
