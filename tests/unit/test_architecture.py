"""The domain core never imports the UI toolkit: the TUI and CLI are thin layers over it."""

from __future__ import annotations

import subprocess
import sys

import pytest

DOMAIN_MODULES = [
    "interviewprep.bank",
    "interviewprep.scoring",
    "interviewprep.scoring.scorer",
    "interviewprep.interview",
    "interviewprep.transcripts",
    "interviewprep.asking",
    "interviewprep.asking.rater",
    "interviewprep.locations",
    "interviewprep.vocabulary",
    "interviewprep.fileio",
    "interviewprep.textsafe",
    "interviewprep.stories",
    "interviewprep.stories.library",
    "interviewprep.stories.coverage",
    "interviewprep.jd",
    "interviewprep.jd.readiness",
    "interviewprep.jd.interview",
    "interviewprep.jd.store",
    "interviewprep.speech.live",
    "interviewprep.speech.transcribe",
    "interviewprep.speech.voice",
]


# Review, export and listing never need the model: they must not even load numpy.
LIGHT_MODULES = [
    "interviewprep.transcripts.export",
    "interviewprep.transcripts.progress",
    "interviewprep.transcripts.index",
    "interviewprep.cli.review",
    "interviewprep.cli",
    "interviewprep.cli.stories",
    "interviewprep.stories.store",
    "interviewprep.stories.parse",
]


def imported_packages(module: str, banned: tuple[str, ...]) -> str:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {banned!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_imports_neither_textual_nor_rich(module):
    assert imported_packages(module, ("textual", "rich", "torch")) == ""


@pytest.mark.parametrize("module", LIGHT_MODULES)
def test_review_and_export_import_no_ui_and_no_model(module):
    assert imported_packages(module, ("textual", "rich", "torch", "onnxruntime", "numpy")) == ""
