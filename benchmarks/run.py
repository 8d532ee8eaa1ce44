"""`make bench`: accuracy, speed and memory figures, written to benchmarks/RESULTS.md.

Never run as tests. Targets (DESIGN.md): held-out element macro-F1 >= 0.85; Mohler r >= 0.55;
warm 300-word answer p50 <= 40 ms; one-answer `interviewprep score` process <= 1.5 s;
TUI first screen <= 1.0 s; peak RSS while scoring <= 300 MB.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import bench_stories  # noqa: E402 - needs HERE on sys.path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# One BLAS thread: on a small shared machine the refits of the cross-validation run about three
# times faster than with BLAS threads fighting over the cores (numpy reads this when imported).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ANSWER_300 = (
    "At a regional insurer, our claims platform migration to the cloud was six weeks late when I "
    "took over as project manager. I was responsible for getting it live before the data centre "
    "lease ran out, with a fixed budget of 1.2 million euros. First I rebuilt the plan with the "
    "workstream leads and found that the critical path ran through the data migration, not the "
    "application build. I moved two engineers from testing onto data cleansing and asked the "
    "vendor for a dedicated migration specialist. The biggest risk was corrupting policy records "
    "during the move, so we rehearsed the migration three times on production copies and agreed "
    "a rollback plan with the operations manager. Every Friday I met the claims director and the "
    "finance lead to walk through progress, open risks and the decisions I needed from them, and "
    "I sent a one-page status note to the steering committee every second week. When the "
    "business asked for a new reporting feature in the final month, I logged it as a change "
    "request, showed the impact of three extra weeks, and the sponsor chose to defer it to the "
    "next release. We went live on the planned weekend with no lost records, two weeks before the "
    "lease expired, and about 40,000 euros under budget. Claims processing time fell from five "
    "days to three within the first quarter, and the service desk saw 30 percent fewer "
    "escalations. What I learned is that a late project is usually late on one path: find it "
    "early, protect it, and say no to everything else until it is safe. Next time I would start "
    "the rehearsals in the first month instead of the third, because each one uncovered problems "
    "we could have fixed much earlier and more cheaply."
)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores"
    return f"{system}, {cpu}, Python {platform.python_version()}"


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def bench_elements(scorer) -> dict:
    """The held-out split: the shipped models are refitted on every labeled answer, so their
    held-out figures are those of the first fit, which never saw the split (recorded in the model
    card by `interviewprep calibrate`); the baselines are counted on the same answers."""
    import numpy as np

    from interviewprep import locations
    from interviewprep.bank.models import CONTRACT_ELEMENTS
    from interviewprep.scoring.calibrate import build_datasets, f1_at, is_heldout, load_labeled
    from interviewprep.scoring.cues import cue_score

    heldout = scorer.card.calibration.get("heldout") or {}
    items = load_labeled(locations.calibration_dir() / "labeled")
    held = [i for i in items if is_heldout(i.id)]
    data = build_datasets(scorer, held)
    out: dict = {"n": len(held), "elements": {}}
    baseline_kw, baseline_cos = [], []
    for element in CONTRACT_ELEMENTS:
        d = data[element]
        owners = d.items if d.items is not None else np.arange(len(d.labels))
        y = d.labels
        m = heldout.get(element) or {}
        out["elements"][element] = {k: m.get(k) for k in ("precision", "recall", "f1")}
        kw = np.array([cue_score(element, held[o].answer) >= 0.99 for o in owners], float)
        cos = np.array([float(f[:, 1].max()) if len(f) else 0.0 for f in d.features])
        baseline_kw.append(f1_at(y, kw, 0.5)[2])
        baseline_cos.append(f1_at(y, cos, 0.5)[2])
    f1s = [e["f1"] for e in out["elements"].values() if e["f1"] is not None]
    out["macro_f1"] = statistics.mean(f1s) if len(f1s) == len(CONTRACT_ELEMENTS) else None
    out["keyword_baseline_macro_f1"] = statistics.mean(baseline_kw)
    out["cosine_0.5_baseline_macro_f1"] = statistics.mean(baseline_cos)
    return out


def bench_latency(scorer) -> dict:
    for _ in range(3):
        scorer.score(ANSWER_300, question="Tell me about a late project you recovered.",
                     category="behavioral")
    times = []
    for _ in range(60):
        t = time.perf_counter()
        scorer.score(ANSWER_300, question="Tell me about a late project you recovered.",
                     category="behavioral")
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    # The encoder pass alone, to tell machine speed from scoring overhead.
    from interviewprep.scoring.segment import clean, segment

    texts = [s.text for s in segment(clean(ANSWER_300)[0])]
    encoder = []
    for _ in range(30):
        t = time.perf_counter()
        scorer.embedder.encode(texts)
        encoder.append((time.perf_counter() - t) * 1000)
    return {"words": len(ANSWER_300.split()), "p50_ms": statistics.median(times),
            "p95_ms": times[int(0.95 * len(times)) - 1],
            "encoder_p50_ms": statistics.median(encoder)}


PROBE = """
import resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, result.returncode)
"""
TORCH_CHECK = """
import contextlib, io, sys
from interviewprep.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(sys.argv[1:])
print('torch' in sys.modules)
"""


def bench_cold_process() -> dict:
    """A whole `interviewprep score` process for one answer: wall time and peak RSS."""
    exe = str(Path(sys.executable).with_name("interviewprep"))
    with tempfile.TemporaryDirectory() as tmp:
        answer = Path(tmp) / "answer.txt"
        answer.write_text(ANSWER_300)
        listing = run([exe, "bank", "list", "--json", "--category", "behavioral"]).stdout
        qid = json.loads(listing)[0]["id"]
        args = ["score", "--question", qid, "--answer-file", str(answer), "--json"]
        times, rss = [], []
        for _ in range(5):
            out = run([sys.executable, "-c", PROBE, exe, *args]).stdout.split()
            if out[2] != "0":
                raise RuntimeError("interviewprep score failed")
            times.append(float(out[0]))
            rss.append(int(out[1]) / 1024)
        imported_torch = run([sys.executable, "-c", TORCH_CHECK, *args]).stdout.strip()
    return {"median_s": statistics.median(times), "max_s": max(times),
            "peak_rss_mb": max(rss), "imports_torch": imported_torch}


TUI_TIMER = """
import time
t0 = time.perf_counter()
from pathlib import Path
from textual import events
import interviewprep.tui.app as module
class Timed(module.InterviewPrepApp):
    CSS_PATH = str(Path(module.__file__).parent / "app.tcss")
    def on_ready(self, event: events.Ready) -> None:
        print(f"FIRST_SCREEN {time.perf_counter() - t0:.3f}", flush=True)
        self.exit()
Timed().run(headless=True, size=(120, 36))
"""


def bench_tui_first_screen() -> dict | None:
    """From the start of the program to the first frame of the home screen (headless)."""
    inside, whole = [], []
    for _ in range(5):
        start = time.perf_counter()
        out = run([sys.executable, "-c", TUI_TIMER], timeout=60).stdout
        whole.append(time.perf_counter() - start)
        for line in out.splitlines():
            if line.startswith("FIRST_SCREEN"):
                inside.append(float(line.split()[1]))
    if not inside:
        return None
    return {"median_s": statistics.median(inside), "process_incl_exit_median_s": statistics.median(whole)}


def bench_review_listing() -> dict | None:
    script = HERE / "bench_review.py"
    if not script.exists():
        return None
    result = run([sys.executable, str(script), "--json"], timeout=600)
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": (result.stderr or result.stdout)[-300:]}


def bench_schedule() -> dict | None:
    result = run([sys.executable, str(HERE / "bench_schedule.py"), "--json"], timeout=1200)
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": (result.stderr or result.stdout)[-300:]}


def main() -> int:
    import asag
    import bench_jd
    from bench_elements import bench_elements_cv, bench_fresh

    from interviewprep.bank import load_app_bank
    from interviewprep.scoring.scorer import Scorer

    bank, _ = load_app_bank()
    scorer = Scorer.load(bank.elements, progress=lambda m: None)
    results: dict = {"date": datetime.now().isoformat(timespec="minutes"), "machine": machine(),
                     "runtime": scorer.embedder.runtime}
    # Speed first, while the machine is cool; accuracy after.
    steps = [
        ("latency", lambda: bench_latency(scorer)),
        ("cold_process", bench_cold_process),
        ("tui_first_screen", bench_tui_first_screen),
        ("elements", lambda: bench_elements(scorer)),
        ("elements_cv", lambda: bench_elements_cv(scorer)),
        ("fresh", lambda: bench_fresh(scorer)),
        ("mohler", lambda: asag.mohler(scorer)),
        ("semeval", lambda: asag.semeval(scorer)),
        ("review_listing", bench_review_listing),
        ("stories", lambda: bench_stories.evaluate(scorer)),
        ("schedule", bench_schedule),
        ("jd", bench_jd.measure),
    ]
    only = set(sys.argv[1:])
    latest = HERE / "out" / "latest.json"
    if only and latest.exists():
        # A partial run (`python benchmarks/run.py elements_cv`) updates the last full results.
        previous = json.loads(latest.read_text(encoding="utf-8"))
        results = {**previous, **{k: v for k, v in results.items() if k != "date"}}
    results.setdefault("measured", {})
    for name, step in steps:
        if only and name not in only:
            continue
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        t = time.perf_counter()
        try:
            results[name] = step()
        except Exception as exc:  # noqa: BLE001 - a failing benchmark is reported, not fatal
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}
        results["measured"][name] = datetime.now().isoformat(timespec="minutes")
        print(f"[bench] {name}: {json.dumps(results[name], default=str)[:400]} "
              f"({time.perf_counter() - t:.1f} s)", file=sys.stderr, flush=True)
    (HERE / "out").mkdir(exist_ok=True)
    latest.write_text(json.dumps(results, indent=2, default=str))
    if not only or "elements" in results:
        from report import write_results

        write_results(results, HERE / "RESULTS.md")
        if "stories" in results:
            bench_stories.write_section(results["stories"], HERE / "RESULTS.md")
        if isinstance(results.get("schedule"), dict) and "error" not in results["schedule"]:
            from bench_schedule import write_section

            write_section(results["schedule"], HERE / "RESULTS.md")
        if "table" in results.get("jd", {}):
            bench_jd.write_section(results["jd"], HERE / "RESULTS.md")
        print(f"wrote {HERE / 'RESULTS.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
