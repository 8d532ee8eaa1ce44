"""How quickly saved sessions are listed: `review list --json` and TranscriptStore.list().

    .venv/bin/python benchmarks/bench_review.py [--sessions 1000]

Creates N synthetic transcripts (built from the real-engine fixture sessions, with shifted dates,
ids and scores) in a temporary INTERVIEWPREP_HOME, then times the listing paths. Prints figures;
it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "transcripts"


def make_sessions(folder: Path, count: int, seed: int = 1) -> int:
    """Write `count` transcripts shaped like real ones; returns the bytes written."""
    rng = random.Random(seed)
    templates = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.json"))]
    turns = [t for data in templates for t in data["turns"]]
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2023, 1, 2, 18, 0)
    written = 0
    for n in range(count):
        base = rng.choice(templates)
        when = start + timedelta(hours=13 * n + rng.randint(0, 6))
        data = json.loads(json.dumps(base))
        data["id"] = f"{when:%Y%m%d-%H%M%S}-{n:06x}"
        data["started_at"] = when.isoformat(timespec="seconds") + "+01:00"
        finished = when + timedelta(minutes=14)
        data["finished_at"] = finished.isoformat(timespec="seconds") + "+01:00"
        data["retry_of"] = None
        data["turns"] = [json.loads(json.dumps(t)) for t in rng.sample(turns, rng.randint(2, 5))]
        for turn in data["turns"]:
            for attempt in turn["attempts"]:
                attempt["feedback"]["overall"] = rng.randint(5, 95)
                for element in attempt["feedback"]["elements"]:
                    element["score"] = round(rng.random(), 3)
        data["plan"] = [t["question_id"] for t in data["turns"]]
        text = json.dumps(data, indent=2, ensure_ascii=False)
        (folder / f"{data['id']}.json").write_text(text, encoding="utf-8")
        written += len(text.encode())
    return written


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


SUMMARY: dict[str, float] = {}


def show(label: str, times: list[float]) -> None:
    median = statistics.median(times)
    SUMMARY[label] = round(median * 1000, 1)
    print(f"{label:46} first {times[0] * 1000:7.0f} ms   median {median * 1000:7.0f} ms"
          f"   (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true",
                        help="end with one JSON line of median milliseconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        os.environ["INTERVIEWPREP_HOME"] = str(home)
        from interviewprep import locations
        from interviewprep.transcripts import TranscriptStore

        size = make_sessions(locations.transcripts_dir(), args.sessions)
        print(f"{args.sessions} synthetic sessions, {size / 1e6:.1f} MB of JSON in {home}")

        store = TranscriptStore()
        show("TranscriptStore.list() (full parse)", timed(store.list, args.repeat))
        if hasattr(store, "digests"):
            from interviewprep.transcripts.index import index_path

            index = index_path(store)
            def cold() -> None:
                index.unlink(missing_ok=True)
                store.digests()
            show("TranscriptStore.digests() (no index)", timed(cold, args.repeat))
            store.digests()
            show("TranscriptStore.digests() (index warm)", timed(store.digests, args.repeat))

        env = {**os.environ, "INTERVIEWPREP_HOME": str(home)}
        cmd = [sys.executable, "-m", "interviewprep", "review", "list", "--json"]

        def cli() -> None:
            result = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if result.returncode != 0:
                raise SystemExit(result.stderr)
            assert len(json.loads(result.stdout)) == args.sessions

        show("`interviewprep review list --json` (process)", timed(cli, args.repeat))
        baseline = [sys.executable, "-c", "import interviewprep.cli"]
        show("  of which: python + import interviewprep.cli",
             timed(lambda: subprocess.run(baseline, env=env, check=True), args.repeat))
    if args.json:
        print(json.dumps({"sessions": args.sessions, "median_ms": SUMMARY}))


if __name__ == "__main__":
    main()
