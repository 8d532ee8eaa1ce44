"""Running `interviewprep` as a user would, in a fresh process."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


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


def run_in_process(*argv: str) -> tuple[int, str, str]:
    """`interviewprep ARGV` in this process: (exit code, stdout, stderr); an exception
    propagates and fails the test."""
    from interviewprep import cli

    out, errs = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(errs):
        code = cli.main(list(argv))
    return code, out.getvalue(), errs.getvalue()


@contextlib.contextmanager
def private_home() -> Iterator[Path]:
    """INTERVIEWPREP_HOME pointed at a new empty folder for the block, then put back. A context
    manager rather than monkeypatch: Hypothesis runs many examples inside one test call."""
    previous = os.environ.get("INTERVIEWPREP_HOME")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["INTERVIEWPREP_HOME"] = tmp
        try:
            yield Path(tmp)
        finally:
            if previous is None:
                os.environ.pop("INTERVIEWPREP_HOME", None)
            else:
                os.environ["INTERVIEWPREP_HOME"] = previous
