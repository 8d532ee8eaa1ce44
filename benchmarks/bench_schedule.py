"""How long the spaced-repetition schedule takes: `interviewprep today --json` over N sessions.

    .venv/bin/python benchmarks/bench_schedule.py [--sessions 1000] [--write]

Creates N synthetic transcripts (as bench_review.py does) in a temporary INTERVIEWPREP_HOME and
times, as whole processes: `today --json` with no schedule file (built from every answer),
then with the file in step (read and checked against the transcripts). Asserts nothing about
speed. --write replaces the "Spaced repetition" section of RESULTS.md with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_review import make_sessions  # noqa: E402

SECTION = "## Spaced repetition (`interviewprep today`)"


def run_today(env: dict) -> float:
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "interviewprep", "today", "--json"], env=env,
                            capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - t0
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return elapsed


def measure(sessions: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        make_sessions(home / "data" / "transcripts", sessions)
        env = {**os.environ, "INTERVIEWPREP_HOME": str(home),
               "INTERVIEWPREP_NOW": "2026-06-01T09:00:00+00:00"}
        schedule = home / "data" / "schedule.json"
        rebuild = []
        for _ in range(repeat):
            schedule.unlink(missing_ok=True)
            rebuild.append(run_today(env))
        warm = [run_today(env) for _ in range(repeat)]
        data = json.loads(schedule.read_text(encoding="utf-8"))
        reviews = sum(len(q["reviews"]) for q in data["questions"].values())
        return {"sessions": sessions, "questions": len(data["questions"]), "reviews": reviews,
                "rebuild_median_s": round(statistics.median(rebuild), 3),
                "in_step_median_s": round(statistics.median(warm), 3), "repeat": repeat}


def section(r: dict) -> list[str]:
    return [
        SECTION, "",
        f"{r['sessions']:,} saved sessions ({r['reviews']:,} rated answers to {r['questions']} "
        f"questions), whole `interviewprep today --json` process, median of {r['repeat']}: "
        f"{r['rebuild_median_s']:.2f} s with no schedule file (built from every answer through "
        f"fsrs), {r['in_step_median_s']:.2f} s with the file in step (read, validated and "
        "checked against the transcript index); the transcript index is warm in both. Inside "
        "a running app each answer adds the in-step work, less the process start-up, in the "
        "scoring thread.", "",
    ]


def write_section(r: dict, path: Path) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines()
    if SECTION in lines:
        start = lines.index(SECTION)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        lines[start:end] = section(r)
    else:
        lines += ["", *section(r)]
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    parser.add_argument("--write", action="store_true", help="update RESULTS.md")
    args = parser.parse_args()
    result = measure(args.sessions, args.repeat)
    if args.write:
        write_section(result, HERE / "RESULTS.md")
    print(json.dumps(result) if args.json else "\n".join(section(result)))


if __name__ == "__main__":
    main()
