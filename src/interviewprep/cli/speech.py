"""`interviewprep transcribe FILE.wav [--json]`: a spoken answer to text, offline (DESIGN.md)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from .common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, Subparsers, add_json_option, err, progress

if TYPE_CHECKING:
    from ..speech.spoken import SpokenAnswer


def transcribe_file(path: Path) -> tuple[SpokenAnswer | None, int]:
    """The transcribed file, or None and the exit code after printing why not."""
    from ..speech.audio import read_audio_file
    from ..speech.errors import SpeechError, SpeechModelError, UnreadableAudio
    from ..speech.transcribe import Transcriber

    try:
        recording = read_audio_file(path)
        transcriber = Transcriber.load(progress=progress)
        progress(f"Transcribing {recording.duration_s:.0f} s of audio ...")
        return transcriber.transcribe(recording), EXIT_OK
    except SpeechModelError as exc:
        err(str(exc))
        return None, EXIT_ERROR
    except UnreadableAudio as exc:
        err(str(exc))
        return None, EXIT_USAGE
    except SpeechError as exc:  # silent, too short or too long: bad input too
        err(str(exc))
        return None, EXIT_USAGE


def cmd_transcribe(args: argparse.Namespace) -> int:
    from ..speech.delivery import assess_delivery

    spoken, code = transcribe_file(args.file)
    if spoken is None:
        return code
    delivery = assess_delivery(spoken)
    if args.json:
        print(json.dumps({**spoken.to_json(), "delivery": delivery.to_json()}, indent=2,
                         ensure_ascii=False))
        return EXIT_OK
    print(spoken.text)
    print()
    print(f"Delivery: {delivery.summary()}")
    for note in delivery.notes:
        print(f"  - {note}")
    return EXIT_OK


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("transcribe", help="turn a recorded answer (WAV) into text, offline")
    p.add_argument("file", type=Path, metavar="FILE.wav", help="the recording (WAV or other audio)")
    add_json_option(p, "print {text, duration_s, words_per_minute, fillers, ...} as JSON")
    p.set_defaults(func=cmd_transcribe)
