"""Refit the question rater's weights on the tuning ids (cq-001..cq-140) only.

    .venv/bin/python calibration/asking/refit.py

cq-141..cq-240 are held out: benchmarks/bench_asking.py measures on them and nothing is tuned there.
"""

from __future__ import annotations

import json
from pathlib import Path

from interviewprep.asking import QuestionRater
from interviewprep.asking.fit import fit, write

HERE = Path(__file__).resolve().parent
TUNING_LAST = 140


def tuning_rows() -> list[dict]:
    rows = [json.loads(line) for line in (HERE / "candidate_questions.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    return [r for r in rows if int(r["id"].split("-")[1]) <= TUNING_LAST]


def main() -> None:
    rater = QuestionRater.load()
    weights = fit(rater, tuning_rows())
    target = Path(__file__).resolve().parents[2] / "src" / "interviewprep" / "asking" / "weights.json"
    write(weights, target)
    print(f"wrote {target} ({weights['fitted_on']})")


if __name__ == "__main__":
    main()
