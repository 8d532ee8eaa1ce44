"""Questions to ask the interviewer: how often the rater agrees with an independent labeler.

Run by `make bench` (after run.py). Writes its own section of benchmarks/RESULTS.md, between
the `asking` markers, and leaves the rest of the file alone.

Data: calibration/asking/candidate_questions.jsonl, 240 questions written and labeled outside
the project (strong / fair / weak). Anything tuned (the rater's weights, the baselines'
thresholds) is tuned on cq-001..cq-140; the figures are on cq-141..cq-240 only. The exemplar
questions the embedding layer compares against were written for the project, not taken from here.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "calibration" / "asking" / "candidate_questions.jsonl"
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- section:asking -->", "<!-- /section:asking -->"
"""The markers benchmarks/report.py keeps when run.py rewrites the file."""
TUNING_LAST = 140
GOAL = 0.85
VERDICTS = ("strong", "fair", "weak")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# The keyword baseline: a question naming any of these is "strong", else "weak".
KEYWORDS = re.compile(
    r"\b(risk|budget|stakeholder|governance|sponsor|scope|pmo|agile|estimat\w*|escalat\w*|priorit\w*|"
    r"portfolio|vendor|decision|team|project|role|success|challenge)\b", re.I)


def load() -> tuple[list[dict], list[dict]]:
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    tune = [r for r in rows if int(r["id"].split("-")[1]) <= TUNING_LAST]
    held = [r for r in rows if int(r["id"].split("-")[1]) > TUNING_LAST]
    return tune, held


def agreement(rows: list[dict], predicted: list[str]) -> tuple[float, int]:
    """Strong vs not-strong agreement on the questions labeled strong or weak."""
    pairs = [(r["verdict"], p) for r, p in zip(rows, predicted, strict=True) if r["verdict"] != "fair"]
    same = sum((gold == "strong") == (pred == "strong") for gold, pred in pairs)
    return same / len(pairs), len(pairs)


def confusion(rows: list[dict], predicted: list[str]) -> dict[str, dict[str, int]]:
    table = {g: dict.fromkeys(VERDICTS, 0) for g in VERDICTS}
    for r, p in zip(rows, predicted, strict=True):
        table[r["verdict"]][p] += 1
    return table


def words(text: str) -> int:
    return len(text.split())


def length_baseline(tune: list[dict]) -> int:
    """The word count above which a question is called strong, chosen on the tuning ids."""
    def score(threshold: int) -> float:
        return agreement(tune, ["strong" if words(r["text"]) >= threshold else "weak" for r in tune])[0]
    return max(range(2, 40), key=score)


def keyword_baseline(tune: list[dict]) -> int:
    """How many keyword hits make a question strong, chosen on the tuning ids."""
    def score(k: int) -> float:
        return agreement(tune, ["strong" if len(KEYWORDS.findall(r["text"])) >= k else "weak"
                                for r in tune])[0]
    return max(range(1, 5), key=score)


def measure() -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    from interviewprep.asking import QuestionRater

    tune, held = load()
    started = time.perf_counter()
    rater = QuestionRater.load()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    verdicts = rater.rate_many([r["text"] for r in held])
    per_question_ms = (time.perf_counter() - started) * 1000 / len(held)
    predicted = [v.verdict for v in verdicts]
    tuned_predicted = [v.verdict for v in rater.rate_many([r["text"] for r in tune])]
    length_t = length_baseline(tune)
    keyword_k = keyword_baseline(tune)
    length_pred = ["strong" if words(r["text"]) >= length_t else "weak" for r in held]
    keyword_pred = ["strong" if len(KEYWORDS.findall(r["text"])) >= keyword_k else "weak" for r in held]
    agree, n = agreement(held, predicted)
    misses = [{"id": r["id"], "gold": r["verdict"], "rated": p}
              for r, p in zip(held, predicted, strict=True) if r["verdict"] != "fair" and
              (r["verdict"] == "strong") != (p == "strong")]
    return {
        "held_out": len(held), "held_out_strong_or_weak": n,
        "agreement": agree,
        "three_way_accuracy": sum(r["verdict"] == p
                                  for r, p in zip(held, predicted, strict=True)) / len(held),
        "confusion": confusion(held, predicted),
        "tuning_agreement": agreement(tune, tuned_predicted)[0],
        "length_baseline": {"threshold_words": length_t, "agreement": agreement(held, length_pred)[0]},
        "keyword_baseline": {"min_hits": keyword_k, "agreement": agreement(held, keyword_pred)[0]},
        "load_s": load_s, "per_question_ms": per_question_ms, "misses": misses,
    }


def section(r: dict) -> str:
    ok = "meets" if r["agreement"] >= GOAL else "below"
    c = r["confusion"]
    lines = [
        START,
        "## Questions to ask the interviewer (`interviewprep ask check`)",
        "",
        "Independent labeled set `calibration/asking/candidate_questions.jsonl` (240 questions,",
        "strong / fair / weak). Weights and baseline thresholds tuned on cq-001..cq-140; figures on",
        "the held-out cq-141..cq-240.",
        "",
        "| measure | value | goal |",
        "|---|---|---|",
        f"| held-out agreement, strong vs not-strong, on the {r['held_out_strong_or_weak']} questions "
        "labeled "
        f"strong or weak | **{r['agreement']:.1%}** ({ok}) | >= {GOAL:.0%} |",
        f"| held-out 3-way accuracy, all {r['held_out']} questions | {r['three_way_accuracy']:.1%} | |",
        f"| same agreement on the tuning ids (for comparison) | {r['tuning_agreement']:.1%} | |",
        f"| length-only baseline (strong if >= {r['length_baseline']['threshold_words']} words) | "
        f"{r['length_baseline']['agreement']:.1%} | |",
        f"| keyword-only baseline (strong if >= {r['keyword_baseline']['min_hits']} PM keyword(s)) | "
        f"{r['keyword_baseline']['agreement']:.1%} | |",
        f"| rater load (model + exemplars) / per question | {r['load_s']:.2f} s / "
        f"{r['per_question_ms']:.1f} ms"
        " | |",
        "",
        "Held-out confusion matrix (rows: label, columns: rater):",
        "",
        "| label \\ rated | strong | fair | weak |",
        "|---|---|---|---|",
        *[f"| {g} | {c[g]['strong']} | {c[g]['fair']} | {c[g]['weak']} |" for g in VERDICTS],
        "",
        "How these figures came about, honestly: the held-out ids were measured once with a fixed",
        "P(strong) cut-off of 0.5 (84.1%, most misses strong questions rated fair). The cut-off is now",
        "chosen by 5-fold cross-validation on the tuning ids only (`asking/fit.py`, it picked 0.4), and",
        "nothing else changed; but the change was made after seeing that first figure, so read the",
        "held-out agreement as somewhat optimistic. The weights still do better on the tuning ids than",
        "on the held-out ones: the curated patterns were written while reading cq-001..cq-140.",
        "",
        "Disagreements (strong vs not-strong): "
        + (", ".join(f"{m['id']} ({m['gold']} rated {m['rated']})" for m in r["misses"]) or "none") + ".",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    current = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END) + r"\n?", re.S)
    updated = pattern.sub(lambda _m: text, current) if pattern.search(current) else \
        current.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(updated, "utf-8")


def main() -> int:
    results = measure()
    print(json.dumps({k: v for k, v in results.items() if k != "misses"}, indent=2))
    write_section(section(results))
    print(f"wrote the asking section of {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
