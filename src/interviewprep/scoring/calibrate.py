"""Fit the per-element coverage models on labeled answers, report held-out F1, write the card.

Labeled answers are JSON lines (calibration/labeled/**/*.jsonl): {"id", "question", "category",
"answer", "labels": {element: 0|1|null}, "author"?, "style"?}. A null or missing label means the
labelers could not settle that cell: the answer is left out for that element only.
A fixed share of the answers (chosen by a hash of the id, so the split never changes) is held out
of a first fit, whose held-out F1 the model card reports; the shipped models are then refitted on
every answer. `cross_validate` refits leaving one author or one style out at a time, the figure
closest to answers from people the project has never seen.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from ..bank.models import CONTRACT_ELEMENTS
from ..fileio import atomic_write_text
from . import coverage
from .scorer import Scorer

HELDOUT_SHARE = 0.3
L2 = 0.02
L2_EMBEDDING = 0.2
STEPS = 800


@dataclass
class LabeledAnswer:
    id: str
    question: str
    category: str | None
    answer: str
    labels: dict[str, int]
    """Settled labels only: an element missing here is unknown for this answer."""
    source: str = ""
    author: str = ""
    style: str = "project"


def load_labeled(folder: Path) -> list[LabeledAnswer]:
    items = []
    for path in sorted(folder.rglob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                items.append(LabeledAnswer(
                    id=str(raw["id"]), question=raw.get("question", ""),
                    category=raw.get("category"), answer=raw["answer"],
                    labels={k: int(v) for k, v in raw["labels"].items() if v is not None},
                    source=f"{path.name}:{number}",
                    author=str(raw.get("author") or path.stem),
                    style=str(raw.get("style") or "project"),
                ))
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: bad labeled answer ({exc})") from exc
    return items


def is_heldout(item_id: str) -> bool:
    digest = hashlib.sha256(f"heldout:{item_id}".encode()).digest()
    return digest[0] / 256 < HELDOUT_SHARE


@dataclass
class Dataset:
    """Segment features of each answer for one element, grouped by answer."""

    features: list[np.ndarray]
    labels: np.ndarray
    items: np.ndarray | None = None
    """Index of each row's answer in the list the dataset was built from."""

    def subset(self, rows: np.ndarray) -> Dataset:
        items = self.items[rows] if self.items is not None else None
        return Dataset([self.features[i] for i in rows], self.labels[rows], items)


def build_datasets(scorer: Scorer, items: list[LabeledAnswer],
                   progress: Callable[[str], None] = lambda m: None) -> dict[str, Dataset]:
    per_element: dict[str, list[np.ndarray]] = {e: [] for e in CONTRACT_ELEMENTS}
    labels: dict[str, list[int]] = {e: [] for e in CONTRACT_ELEMENTS}
    owners: dict[str, list[int]] = {e: [] for e in CONTRACT_ELEMENTS}
    for i, item in enumerate(items):
        analysis = scorer.analyse(item.answer, list(CONTRACT_ELEMENTS), item.category)
        for element in CONTRACT_ELEMENTS:
            if element not in item.labels:
                continue
            feats = analysis.features[element]
            if len(feats) == 0:
                feats = np.zeros((1, coverage.ROW_WIDTH))
            per_element[element].append(feats)
            labels[element].append(item.labels[element])
            owners[element].append(i)
        if (i + 1) % 100 == 0:
            progress(f"  analysed {i + 1}/{len(items)} answers")
    return {e: Dataset(per_element[e], np.array(labels[e], dtype=np.float64),
                       np.array(owners[e], dtype=np.int64)) for e in CONTRACT_ELEMENTS}


def predict(dataset: Dataset, model: coverage.ElementModel) -> np.ndarray:
    return np.array([float(coverage.probabilities(f, model).max()) for f in dataset.features])


def fit_element(dataset: Dataset, start: coverage.ElementModel,
                drop: tuple[str, ...] = (), embedding: bool = True,
                steps: int = STEPS) -> coverage.ElementModel:
    """Multiple-instance logistic regression: an answer's probability is its best segment's.

    The named features get a light L2 penalty; the sentence-vector read-out a stronger one, so
    that it adds what the named features miss without learning one author's wording."""
    stacked = np.vstack(dataset.features)
    owner = np.concatenate([np.full(len(f), i) for i, f in enumerate(dataset.features)])
    named = len(coverage.FEATURES)
    mean = stacked.mean(axis=0)
    std = stacked.std(axis=0)
    mean[0], std[0] = 0.0, 1.0
    std[std < 1e-6] = 1.0
    keep = np.r_[[f not in drop for f in coverage.FEATURES],
                 np.full(stacked.shape[1] - named, embedding)].astype(np.float64)
    penalty = np.r_[np.full(named, L2), np.full(stacked.shape[1] - named, L2_EMBEDDING)]
    penalty[0] = 0.0
    x = (stacked - mean) / std * keep
    # Start from the given raw weights, expressed in standardised space.
    start_weights = start.full_weights()
    w = start_weights * std * keep
    w[0] = start_weights[0] + float(start_weights[1:] @ mean[1:])
    y = dataset.labels
    n = len(y)
    positives = max(1.0, y.sum())
    balance = np.where(y == 1, n / (2 * positives), n / (2 * max(1.0, n - positives)))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    starts = np.r_[0, np.flatnonzero(np.diff(owner)) + 1]
    for step in range(1, steps + 1):
        z = x @ w
        best_z = np.maximum.reduceat(z, starts)
        # index of the best segment of each answer
        best_rows = np.flatnonzero(z == best_z[owner])
        _, first = np.unique(owner[best_rows], return_index=True)
        chosen = x[best_rows[first]]
        p = 1 / (1 + np.exp(-np.clip(best_z, -30, 30)))
        grad = chosen.T @ ((p - y) * balance) / n + penalty * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad**2
        w -= lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
        w *= np.r_[1.0, keep[1:]]
    raw = w / std * np.r_[1.0, keep[1:]]
    raw[0] = w[0] - float(raw[1:] @ mean[1:])
    return coverage.ElementModel(raw[:named], 0.5, raw[named:] if embedding else None)


def f1_at(y: np.ndarray, p: np.ndarray, threshold: float) -> tuple[float, float, float]:
    pred = p >= threshold
    tp = float(np.sum(pred & (y == 1)))
    fp = float(np.sum(pred & (y == 0)))
    fn = float(np.sum(~pred & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def out_of_fold(dataset: Dataset, ids: list[str], start: coverage.ElementModel,
                folds: int = 4) -> np.ndarray:
    """Predictions for each answer of the dataset from a model that did not see it
    (`ids` are the dataset's answer ids, row by row)."""
    fold = np.array([int(hashlib.sha256(f"fold:{i}".encode()).hexdigest(), 16) % folds
                     for i in ids])
    out = np.zeros(len(ids))
    for k in range(folds):
        fit_rows, held_rows = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        model = fit_element(dataset.subset(fit_rows), start)
        out[held_rows] = predict(dataset.subset(held_rows), model)
    return out


def fit_calibrated(dataset: Dataset, ids: list[str]) -> coverage.ElementModel:
    """Fit one element's model, its threshold chosen on out-of-fold predictions (in-sample
    ones are overconfident)."""
    default = coverage.ElementModel.from_card(None)
    model = fit_element(dataset, default)
    model.threshold = best_threshold(dataset.labels, out_of_fold(dataset, ids, default))
    return model


Counts = tuple[int, int, int]
"""True positives, false positives, false negatives."""


def counts_at(y: np.ndarray, p: np.ndarray, threshold: float) -> Counts:
    pred = p >= threshold
    return (int(np.sum(pred & (y == 1))), int(np.sum(pred & (y == 0))),
            int(np.sum(~pred & (y == 1))))


def cross_validate(items: list[LabeledAnswer], data: dict[str, Dataset], group: str,
                   progress: Callable[[str], None] = lambda m: None
                   ) -> dict[str, dict[str, Counts]]:
    """Leave one group out (group = "author" or "style"): fit on the others, count on it."""
    names = sorted({getattr(i, group) for i in items})
    out: dict[str, dict[str, Counts]] = {}
    for name in names:
        progress(f"  leaving out {group} {name}")
        out[name] = {}
        for element in CONTRACT_ELEMENTS:
            d = data[element]
            owners = d.items if d.items is not None else np.arange(len(d.labels))
            held = np.array([getattr(items[o], group) == name for o in owners])
            if not held.any():
                continue
            train = d.subset(np.flatnonzero(~held))
            model = fit_calibrated(train, [items[o].id for o in train.items])  # type: ignore[union-attr]
            test = d.subset(np.flatnonzero(held))
            out[name][element] = counts_at(test.labels, predict(test, model), model.threshold)
    return out


def f1_of(counts: Counts) -> float:
    tp, fp, fn = counts
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    grid = np.arange(0.3, 0.61, 0.025)
    scores = [f1_at(y, p, t)[2] for t in grid]
    # Prefer the threshold nearest 0.5 among the best, to stay calibrated.
    best = max(scores)
    candidates = [t for t, s in zip(grid, scores, strict=True) if s >= best - 1e-9]
    return float(min(candidates, key=lambda t: abs(t - 0.5)))


@dataclass
class CalibrationReport:
    train_size: int
    heldout_size: int
    elements: dict[str, coverage.ElementModel] = field(default_factory=dict)
    heldout: dict[str, dict[str, float]] = field(default_factory=dict)
    train: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def heldout_macro_f1(self) -> float:
        return float(np.mean([m["f1"] for m in self.heldout.values()])) if self.heldout else 0.0

    @property
    def train_macro_f1(self) -> float:
        return float(np.mean([m["f1"] for m in self.train.values()])) if self.train else 0.0

    def table(self) -> str:
        rows = [f"{'element':14} {'train F1':>9} {'held-out P':>11} {'R':>6} {'F1':>6}"]
        for e in self.heldout:
            h, t = self.heldout[e], self.train[e]
            rows.append(f"{e:14} {t['f1']:9.3f} {h['precision']:11.3f} {h['recall']:6.3f} "
                        f"{h['f1']:6.3f}")
        rows.append(f"{'macro':14} {self.train_macro_f1:9.3f} {'':11} {'':6} "
                    f"{self.heldout_macro_f1:6.3f}")
        return "\n".join(rows)


def _metrics(y: np.ndarray, p: np.ndarray, threshold: float) -> dict[str, float]:
    precision, recall, f1 = f1_at(y, p, threshold)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "n": int(len(y)), "positives": int(y.sum())}


def calibrate(scorer: Scorer, items: list[LabeledAnswer],
              progress: Callable[[str], None] = print) -> CalibrationReport:
    held_ids = {i.id for i in items if is_heldout(i.id)}
    progress(f"Analysing {len(items)} labeled answers ({len(held_ids)} held out of the first fit) ...")
    data = build_datasets(scorer, items, progress)
    report = CalibrationReport(len(items) - len(held_ids), len(held_ids))
    for element in CONTRACT_ELEMENTS:
        d = data[element]
        owners = d.items if d.items is not None else np.arange(len(d.labels))
        ids = [items[o].id for o in owners]
        held = np.array([i in held_ids for i in ids])
        train, test = d.subset(np.flatnonzero(~held)), d.subset(np.flatnonzero(held))
        first = fit_calibrated(train, [i for i, h in zip(ids, held, strict=True) if not h])
        report.train[element] = _metrics(train.labels, predict(train, first), first.threshold)
        report.heldout[element] = _metrics(test.labels, predict(test, first), first.threshold)
        progress(f"  {element}: held-out F1 {report.heldout[element]['f1']:.3f}; refitting on all")
        # The shipped model learns from every labeled answer.
        report.elements[element] = fit_calibrated(d, ids)
    # One pooled model, without element-specific cues, for elements that have no labels.
    pooled = Dataset(sum((data[e].features for e in CONTRACT_ELEMENTS), []),
                     np.concatenate([data[e].labels for e in CONTRACT_ELEMENTS]))
    report.elements["*"] = fit_element(pooled, coverage.ElementModel.from_card(None),
                                       drop=("cue", "cue_context", "part_this", "part_other"),
                                       embedding=False)
    return report


def write_card(card_path: Path, report: CalibrationReport) -> None:
    text = card_path.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data: dict[str, Any] = yaml.safe_load(text)
    data["calibration"] = {
        "version": date.today().isoformat(),
        "data": (f"calibration/labeled: held-out figures from a fit on {report.train_size} answers, "
                 f"tested on {report.heldout_size}; the models below are refitted on all "
                 f"{report.train_size + report.heldout_size}"),
        "heldout_macro_f1": round(report.heldout_macro_f1, 4),
        "heldout": report.heldout,
        "elements": {e: m.to_card() for e, m in report.elements.items()},
    }
    atomic_write_text(card_path, header + yaml.safe_dump(data, sort_keys=False, width=100))
