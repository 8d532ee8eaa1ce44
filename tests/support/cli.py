"""Running `interviewprep` as a user would, in a fresh process."""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(*args: str, stdin: str | None = None, env: dict | None = None):
    """Run `interviewprep ARGS` as a user would, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "interviewprep", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )
