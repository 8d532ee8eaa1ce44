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


def bench_elements_cv(scorer) -> dict:
    folder = locations.calibration_dir() / "labeled"
    items = load_labeled(folder)
    data = build_datasets(scorer, items)
    out: dict = {"n": len(items), "authors": len({i.author for i in items}),
                 "styles": sorted({i.style for i in items}), "agreement": agreement(folder)}
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
