"""The first screen never waits for the model: the TUI imports no scoring runtime up front."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("onnxruntime", "torch", "sentence_transformers", "numpy", "tokenizers",
         "interviewprep.scoring.scorer", "interviewprep.scoring.embedder",
         # the speech model and audio stack load only when the candidate first records
         "faster_whisper", "ctranslate2", "av", "sounddevice",
         "interviewprep.speech.transcribe", "interviewprep.speech.audio",
         "interviewprep.speech.microphone")


def test_tui_modules_import_no_scoring_runtime():
    code = (
        "import sys, importlib\n"
        "for m in ['interviewprep.tui.app', 'interviewprep.tui.screens.home', "
        "'interviewprep.tui.screens.setup', 'interviewprep.tui.screens.interview', "
        "'interviewprep.tui.screens.summary', 'interviewprep.tui.screens.bank_browser', "
        "'interviewprep.tui.screens.question_detail', 'interviewprep.tui.screens.help', "
        "'interviewprep.tui.screens.questions']:\n"
        "    importlib.import_module(m)\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_practice_and_resume_commands_are_registered():
    from interviewprep.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["practice", "--count", "3", "--seed", "4", "--no-timer",
                              "--no-follow-ups", "--category", "scenario"])
    assert (args.count, args.seed, args.no_timer, args.no_follow_ups, args.category) == \
        (3, 4, True, True, "scenario")
    assert parser.parse_args(["resume"]).id is None


@pytest.mark.slow
def test_typed_scoring_never_imports_the_speech_model():
    code = (
        "import sys\n"
        "from interviewprep.bank import load_app_bank\n"
        "from interviewprep.interview import InterviewSession, SessionSettings\n"
        "from interviewprep.scoring.scorer import Scorer\n"
        "from interviewprep.transcripts import TranscriptStore\n"
        "import interviewprep.tui.screens.interview, interviewprep.cli.score, interviewprep.cli.plain\n"
        "bank, _ = load_app_bank()\n"
        "scorer = Scorer.load(bank.elements, progress=lambda m: None)\n"
        "session = InterviewSession(bank, scorer, TranscriptStore(), SessionSettings(count=1))\n"
        "result = session.submit('I led the migration and cut costs by 20 percent.', 30.0)\n"
        "assert result.feedback.overall >= 0 and result.delivery is None\n"
        "print(','.join(m for m in ('faster_whisper', 'ctranslate2', 'av', 'sounddevice') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
