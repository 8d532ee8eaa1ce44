"""Real faults for the fault tests: a small file system that fills up, a process reading its
standard input, a lock held by another process."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_filesystem(folder: Path, size: str = "8m") -> Iterator[Path]:
    """A tmpfs of `size` mounted at `folder` (needs root and mount rights; skips otherwise)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small file system needs root to mount a tmpfs")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path) -> Path:
    """Fill the file system holding `folder` until it is full; the filler file is returned
    (delete it to free the space)."""
    filler = folder / "filler.bin"
    chunk = b"\0" * 65536
    with filler.open("wb", buffering=0) as fh:
        while True:
            try:
                fh.write(chunk)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
    # Small writes may still fit in a part-used block: use those up too.
    with filler.open("ab", buffering=0) as fh:
        while True:
            try:
                fh.write(b"\0" * 512)
            except OSError:
                break
    assert shutil.disk_usage(folder).free < 4096
    return filler


def unread_bytes(pipe_fd: int) -> int:
    """Bytes written to a pipe that its reader has not read yet."""
    import array

    buf = array.array("i", [0])
    fcntl.ioctl(pipe_fd, termios.FIONREAD, buf)
    return buf[0]


def wait_until_read(proc: subprocess.Popen, pipe_fd: int, timeout: float = 120) -> None:
    """Wait until `proc` has read everything written to its standard input and is blocked
    reading again (so the lines are in its hands, not in the pipe)."""
    deadline = time.monotonic() + timeout
    wchan = Path(f"/proc/{proc.pid}/wchan")
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the process ended early ({proc.returncode})")
        if unread_bytes(pipe_fd) == 0:
            try:
                where = wchan.read_text()
            except OSError:
                where = ""
            if "pipe" in where or "read" in where:
                return
            if where in ("", "0") and _sleeping(proc.pid):
                # wchan is hidden here: the bytes have left the pipe and the main thread
                # sleeps, which it does only while it waits for more input.
                return
        time.sleep(0.05)
    raise AssertionError("the process did not read its input in time")


def _sleeping(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] == "S"


class OutputReader:
    """Collects a process's output in a thread, so a test can wait for a line to appear."""

    def __init__(self, stream) -> None:
        self.text = ""
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in iter(stream.readline, ""):
            with self._lock:
                self.text += line

    def wait_for(self, needle: str, proc: subprocess.Popen, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if needle in self.text:
                    return
            if proc.poll() is not None:
                self._thread.join(5)
                if needle in self.text:
                    return
                raise AssertionError(f"ended ({proc.returncode}) before {needle!r}:\n{self.text}")
            time.sleep(0.05)
        raise AssertionError(f"no {needle!r} in time:\n{self.text}")

    def finish(self) -> str:
        self._thread.join(30)
        return self.text


HOLD_LOCK = """
import sys, time
from pathlib import Path
from interviewprep.transcripts.lock import SessionLock
lock = SessionLock.acquire(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
print("held", flush=True)
sys.stdin.readline()
"""


@contextmanager
def lock_held_by_another_process(folder: Path, session_id: str, where: str) -> Iterator[int]:
    """Another process holds the session's lock until the block ends; yields its pid."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(folder), session_id, where],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                            env=os.environ.copy())
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc.pid
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(30)
