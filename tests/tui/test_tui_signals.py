"""The real TUI in a pseudo-terminal (issue 16, D3): stopped by SIGTERM, or by its terminal
closing (SIGHUP), it keeps the unsent answer and leaves the terminal as it found it."""

from __future__ import annotations

import os
import select
import signal
import sys
import time

import pytest

from interviewprep.interview import DraftStore
from interviewprep.transcripts import TranscriptStore

pty = pytest.importorskip("pty")

TYPED = b"My unsent answer about the sponsor"
ALT_SCREEN_ON, ALT_SCREEN_OFF = b"\x1b[?1049h", b"\x1b[?1049l"
MOUSE_OFF = b"\x1b[?1000l"


class Terminal:
    """`interviewprep ARGS` on the far side of a pseudo-terminal."""

    def __init__(self, *args: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the app, with this pty as its terminal
            os.execv(sys.executable, [sys.executable, "-m", "interviewprep", *args])
        self.output = b""

    def read(self, seconds: float) -> bool:
        """Collect output for up to `seconds`; False once the terminal has closed."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return False
                if not data:
                    return False
                self.output += data
        return True

    def wait_for(self, needle: bytes, timeout: float = 180) -> None:
        end = time.monotonic() + timeout
        while needle not in self.output:
            assert time.monotonic() < end, f"no {needle!r} on the terminal"
            assert self.read(0.5), "the app ended early"

    def exit_code(self, timeout: float = 120) -> int:
        """Read until the app ends (a full terminal buffer would block its exit)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            if self.fd >= 0 and not self.read(0.2):
                time.sleep(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError("the app did not end")


def _type_an_answer(terminal: Terminal, question_id: str) -> None:
    terminal.wait_for(ALT_SCREEN_ON)
    terminal.wait_for(b"Your answer")
    os.write(terminal.fd, TYPED)
    drafts = DraftStore()
    end = time.monotonic() + 60
    while True:  # kept while typing (debounced): the draft is there before any signal
        terminal.read(0.2)
        found = [p for p in drafts.folder.glob("*.json")] if drafts.folder.is_dir() else []
        if found and TYPED.decode() in found[0].read_text():
            return
        assert time.monotonic() < end, "the typed answer was not kept as a draft"


def _draft_text() -> str:
    drafts = DraftStore()
    (path,) = drafts.folder.glob("*.json")
    draft = drafts.load(path.stem)
    assert draft is not None
    return draft.text


@pytest.mark.slow
def test_sigterm_keeps_the_draft_and_restores_the_terminal(element_bank):
    qid = sorted(element_bank.questions)[0]
    terminal = Terminal("practice", "--question", qid)
    _type_an_answer(terminal, qid)
    os.write(terminal.fd, b" and the risk log")
    terminal.read(0.5)
    mark = len(terminal.output)
    os.kill(terminal.pid, signal.SIGTERM)
    assert terminal.exit_code() == 128 + signal.SIGTERM
    after = terminal.output[mark:]
    assert ALT_SCREEN_OFF in after and MOUSE_OFF in after, "the terminal is restored"
    assert b"Traceback" not in terminal.output
    assert _draft_text().startswith(TYPED.decode())
    os.close(terminal.fd)


@pytest.mark.slow
def test_closing_the_terminal_keeps_the_draft(element_bank):
    qid = sorted(element_bank.questions)[0]
    terminal = Terminal("practice", "--question", qid)
    _type_an_answer(terminal, qid)
    os.write(terminal.fd, b" and the risk log")
    terminal.read(0.5)
    os.close(terminal.fd)  # the window is closed: the kernel sends SIGHUP
    terminal.fd = -1
    assert terminal.exit_code() == 128 + signal.SIGHUP
    assert _draft_text().startswith(TYPED.decode())


LEADER = """
import os, signal, subprocess, sys
signal.signal(signal.SIGHUP, lambda signum, frame: None)  # like make: caught, not passed on
app = subprocess.Popen(sys.argv[1:])  # same session and process group, as make starts it
code = app.wait()
os._exit(code if code >= 0 else 128 - code)
"""
"""A session leader like `make run`: the terminal's SIGHUP is caught and the leader keeps
waiting for the app. A caught signal is reset in the exec'd app (SIG_IGN would be inherited)."""


class TerminalUnderALeader(Terminal):
    """`interviewprep ARGS` started by a session leader that swallows SIGHUP, on a new pty: when
    the terminal closes, the kernel hangs up the pty and signals only the leader."""

    def __init__(self, *args: str) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execv(sys.executable, [sys.executable, "-c", LEADER,
                                      sys.executable, "-m", "interviewprep", *args])
        self.output = b""

    def exit_code(self, timeout: float = 30) -> int:
        """The leader's exit code, which is the app's; a hang guard kills both (the app is in
        the leader's process group)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.2)
        os.killpg(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError(f"the app was still running {timeout:.0f} s after its terminal "
                             "closed (no SIGHUP reached it)")


@pytest.mark.slow
def test_a_closed_terminal_stops_the_app_under_a_leader_that_keeps_sighup(element_bank):
    qid = sorted(element_bank.questions)[0]
    terminal = TerminalUnderALeader("practice", "--question", qid)
    _type_an_answer(terminal, qid)
    os.write(terminal.fd, b" and the risk log")
    terminal.read(0.3)
    os.close(terminal.fd)  # the window is closed: only the leader gets SIGHUP, and keeps it
    terminal.fd = -1
    assert terminal.exit_code() == 128 + signal.SIGHUP, "the app stopped as on SIGHUP"
    assert _draft_text() == TYPED.decode() + " and the risk log"
    assert list(TranscriptStore().folder.glob("*.json")), "the session is kept, resumable"
