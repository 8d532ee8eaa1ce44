"""`interviewprep score`: scriptable scoring (contract in DESIGN.md). The model loads once per call."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    Subparsers,
    add_bank_option,
    add_json_option,
    err,
    load_bank_or_warn,
    progress,
)

if TYPE_CHECKING:
    from ..bank import Bank, Element
    from ..scoring.scorer import Scorer


def load_scorer(elements: Mapping[str, Element]) -> Scorer | None:
    """The scorer, or None after printing why it cannot load."""
    from ..scoring.modelcard import ModelError
    from ..scoring.scorer import Scorer

    try:
        return Scorer.load(elements, progress=progress)
    except ModelError as exc:
        err(str(exc))
        return None


def _stdin_text() -> TextIO:
    """Standard input as UTF-8 text, bad bytes replaced (as files are read)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        return sys.stdin
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="replace")


def cmd_score(args: argparse.Namespace) -> int:
    from ..scoring.batch import (
        BadLine,
        capped_lines,
        dumps_line,
        output_record,
        parse_line,
        score_lines,
    )
    from ..scoring.feedback import render_text

    if bool(args.batch) == bool(args.question or args.answer_file or args.answer_audio):
        err("use either --batch FILE.jsonl, or --question ID with --answer-file FILE "
            "(or --answer-audio FILE.wav)")
        return EXIT_USAGE
    cache: dict[str, Bank] = {}

    def bank_loader() -> Bank:
        if "bank" not in cache:
            cache["bank"] = load_bank_or_warn(args.bank)
        return cache["bank"]

    if args.batch:
        try:
            source = (_stdin_text() if str(args.batch) == "-"
                      else args.batch.open(encoding="utf-8", errors="replace"))
        except OSError as exc:
            err(f"cannot read {args.batch}: {exc.strerror or exc}")
            return EXIT_USAGE
        scorer = load_scorer(bank_loader().elements)
        if scorer is None:
            return EXIT_ERROR
        bad = written = 0
        show_progress = sys.stderr.isatty()
        try:
            with source:
                for number, record, error in score_lines(capped_lines(source), scorer,
                                                         bank_loader):
                    if show_progress and number % 25 == 0:
                        print(f"\rscored {number} lines ...", end="", file=sys.stderr, flush=True)
                    if error:
                        bad += 1
                        err(error)
                    print(dumps_line(record), flush=True)
                    written += 1
        except OSError as exc:
            err(f"cannot read {args.batch} after {written} line(s): {exc.strerror or exc}")
            return EXIT_ERROR
        if show_progress:
            print("\r" + " " * 40 + "\r", end="", file=sys.stderr, flush=True)
        if not written:
            err(f"no input lines in {'standard input' if str(args.batch) == '-' else args.batch}")
        if bad:
            err(f"{bad} bad input line(s)")
            return EXIT_USAGE
        return EXIT_OK

    if not args.question or bool(args.answer_file) == bool(args.answer_audio):
        err("--question ID goes with one of --answer-file FILE or --answer-audio FILE.wav")
        return EXIT_USAGE
    spoken = None
    if args.answer_audio:
        from .speech import transcribe_file

        bank = bank_loader()
        if args.question not in bank.questions:
            err(f"unknown question id '{args.question}' (see `interviewprep bank list`)")
            return EXIT_USAGE
        spoken, code = transcribe_file(args.answer_audio)  # before the scorer: fail fast
        if spoken is None:
            return code
        answer = spoken.text
    else:
        from ..scoring.segment import MAX_INPUT_CHARS

        try:  # no more than the scorer reads (plus one, so that it knows it cut the answer)
            if str(args.answer_file) == "-":
                answer = _stdin_text().read(MAX_INPUT_CHARS + 1)
            else:
                with args.answer_file.open(encoding="utf-8", errors="replace") as handle:
                    answer = handle.read(MAX_INPUT_CHARS + 1)
        except OSError as exc:
            err(f"cannot read {args.answer_file}: {exc.strerror or exc}")
            return EXIT_USAGE
    bank = bank_loader()
    try:
        request = parse_line(1, json.dumps({"question_id": args.question, "answer": answer}),
                             lambda: bank, bank.elements)
    except BadLine as exc:
        err(str(exc).removeprefix("line 1: ") + " (see `interviewprep bank list`)")
        return EXIT_USAGE
    scorer = load_scorer(bank.elements)
    if scorer is None:
        return EXIT_ERROR
    feedback = scorer.score(request.answer, question=request.question, category=request.category,
                            elements=request.elements, model_answer=request.model_answer)
    record = output_record(args.question, feedback)
    delivery = None
    if spoken is not None:
        from ..speech.answer import apply_recording

        delivery = apply_recording(feedback, spoken)
        record = {**output_record(args.question, feedback), "transcript": spoken.text,
                  "recording": {k: v for k, v in spoken.to_json().items() if k != "text"},
                  "delivery": delivery.to_json()}
    if args.json:
        print(json.dumps(record, indent=2, ensure_ascii=False))
        return EXIT_OK
    if spoken is not None:
        print(f"Transcript: {spoken.text}\n")
    print(render_text(feedback, question=request.question))
    if delivery is not None:
        print(f"\nSpoken delivery: {delivery.summary()}")
        for note in delivery.notes:
            print(f"  - {note}")
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("score", help="score answers (scriptable; see DESIGN.md contract)")
    p.add_argument("--batch", type=Path, metavar="FILE.jsonl",
                   help="JSON lines to score ('-' for standard input)")
    p.add_argument("--question", metavar="ID", help="bank question id")
    p.add_argument("--answer-file", type=Path, metavar="FILE", help="answer text ('-' for stdin)")
    p.add_argument("--answer-audio", type=Path, metavar="FILE.wav",
                   help="a recorded answer: transcribed offline, then scored")
    add_json_option(p)
    add_bank_option(p)
    p.set_defaults(func=cmd_score)
