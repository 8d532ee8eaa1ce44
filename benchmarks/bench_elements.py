"""Element detection refitted leaving one author, or one writing style, out at a time.

The figure closest to answers from people the project has never seen: every model is fitted on
the other authors' (styles') answers, with the same features and settings, and counted on the one
left out. Baselines (unfitted, so the split does not matter to them) are counted on the same
answers: the keyword cues alone, and a plain cosine to the element's exemplars.
"""

from __future__ import annotations

import json

import numpy as np

from interviewprep import locations
from interviewprep.bank.models import CONTRACT_ELEMENTS
from interviewprep.scoring.calibrate import (
    build_datasets,
    counts_at,
    cross_validate,
    f1_of,
    load_labeled,
)
from interviewprep.scoring.cues import cue_score


def _pooled(table: dict[str, dict[str, tuple[int, int, int]]]) -> dict[str, float]:
    pooled = {}
    for element in CONTRACT_ELEMENTS:
        sums = np.sum([c[element] for c in table.values() if element in c], axis=0)
        pooled[element] = f1_of(tuple(int(x) for x in sums))  # type: ignore[arg-type]
    return pooled


def _baselines(items, data) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {"keyword": {}, "cosine": {}}
    for element in CONTRACT_ELEMENTS:
        d = data[element]
        owners = d.items
        keyword = np.array([cue_score(element, items[o].answer) >= 0.99 for o in owners], float)
        cosine = np.array([float(f[:, 1].max()) if len(f) else 0.0 for f in d.features])
        out["keyword"][element] = f1_of(counts_at(d.labels, keyword, 0.5))
        out["cosine"][element] = f1_of(counts_at(d.labels, cosine, 0.5))
    return out


def agreement(folder) -> dict:
    """How often the two independent labeling passes agreed, before disagreements were settled."""
    cells = agreed = answers = disputed = 0
    per = {e: [0, 0] for e in CONTRACT_ELEMENTS}
    for path in sorted(folder.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            raw = json.loads(line) if line.strip() else None
            if not raw or "labels_pass1" not in raw:
                continue
            answers += 1
            a, b = raw["labels_pass1"], raw["labels_pass2"]
            disputed += any(a[e] != b[e] for e in CONTRACT_ELEMENTS)
            for e in CONTRACT_ELEMENTS:
                cells += 1
                agreed += a[e] == b[e]
                per[e][0] += 1
                per[e][1] += a[e] == b[e]
    if not cells:
        return {}
    return {"answers": answers, "cells": cells, "agreement": agreed / cells,
            "answers_disputed": disputed,
            "per_element": {e: v[1] / v[0] for e, v in per.items()}}


def _merged_agreement(parts: list[dict]) -> dict:
    parts = [p for p in parts if p]
    if not parts:
        return {}
    cells = sum(p["cells"] for p in parts)
    return {"answers": sum(p["answers"] for p in parts), "cells": cells,
            "agreement": sum(p["agreement"] * p["cells"] for p in parts) / cells,
            "answers_disputed": sum(p["answers_disputed"] for p in parts),
            "per_element": {e: sum(p["per_element"][e] * p["answers"] for p in parts)
                            / sum(p["answers"] for p in parts) for e in CONTRACT_ELEMENTS}}


def bench_elements_cv(scorer) -> dict:
    """Leave-one-out refits over every labeled answer: calibration/labeled (what the card is
    fitted on) and calibration/fresh (never fitted on by the shipped card; here, like any other
    group, it is left out in turn)."""
    folders = [locations.calibration_dir() / "labeled", locations.calibration_dir() / "fresh"]
    items = [i for f in folders if f.is_dir() for i in load_labeled(f)]
    data = build_datasets(scorer, items)
    out: dict = {"n": len(items), "authors": len({i.author for i in items}),
                 "styles": sorted({i.style for i in items}),
                 "agreement": _merged_agreement([agreement(f) for f in folders if f.is_dir()])}
    for group in ("author", "style"):
        table = cross_validate(items, data, group)
        out[f"leave_one_{group}_out"] = {
            "groups": {name: {e: f1_of(c) for e, c in counts.items()}
                       for name, counts in table.items()},
            "sizes": {name: sum(getattr(i, group) == name for i in items) for name in table},
            "pooled": _pooled(table),
        }
    out["baselines"] = _baselines(items, data)
    return out


def bench_fresh(scorer) -> dict:
    """The shipped card on calibration/fresh: answers by authors who wrote after it was fitted
    and that it never saw (no refit here: this is the model a user gets)."""
    from interviewprep.scoring import coverage

    items = load_labeled(locations.calibration_dir() / "fresh")
    counts = {e: [0, 0, 0] for e in CONTRACT_ELEMENTS}
    by_style: dict[str, dict[str, list[int]]] = {}
    for item in items:
        analysis = scorer.analyse(item.answer, list(CONTRACT_ELEMENTS), item.category)
        for e in CONTRACT_ELEMENTS:
            if e not in item.labels:
                continue
            model = scorer.models[e]
            feats = analysis.features[e]
            p = float(coverage.probabilities(feats, model).max()) if len(feats) else 0.0
            pred, y = p >= model.threshold, item.labels[e] == 1
            cell = (int(pred and y), int(pred and not y), int(not pred and y))
            for target in (counts[e], by_style.setdefault(item.style, {
                    x: [0, 0, 0] for x in CONTRACT_ELEMENTS})[e]):
                for k in range(3):
                    target[k] += cell[k]
    return {"n": len(items), "authors": sorted({i.author for i in items}),
            "elements": {e: f1_of(tuple(c)) for e, c in counts.items()},  # type: ignore[arg-type]
            "styles": {s: {e: f1_of(tuple(c)) for e, c in t.items()}  # type: ignore[arg-type]
                       for s, t in sorted(by_style.items())},
            "sizes": {s: sum(i.style == s for i in items) for s in by_style}}
