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
    "interviewprep.locations",
]


@pytest.mark.parametrize("module", DOMAIN_MODULES)
def test_domain_module_imports_neither_textual_nor_rich(module):
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'torch')); "
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} pulled in {result.stdout.strip()}"
