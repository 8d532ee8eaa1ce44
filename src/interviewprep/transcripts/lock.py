"""One writer per session: an advisory lock held while a session is open.

The lock is `flock` on `.<id>.lock` beside the transcript (`<id>.json`). The kernel drops it
when the process ends however it ends (kill -9 included), so a lock is never stale; the file
itself says who holds it (program, process id, terminal, since when) so that a second
`resume` can tell the user where the session is open. Where flock is unavailable (no fcntl),
locking is skipped and the check before each save (store.save_checked) still refuses to
overwrite what another writer saved.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import clock
from .errors import TranscriptError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]


class SessionInUse(TranscriptError):
    """The session is open in another window or terminal; the message says where."""

    def __init__(self, session_id: str, where: str) -> None:
        super().__init__(f"session {session_id} is open {where}: carry on there, or quit it "
                         "there first")
        self.session_id = session_id
        self.where = where


def lock_path(folder: Path, session_id: str) -> Path:
    return folder / f".{session_id}.lock"


def _terminal() -> str | None:
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            return os.ttyname(stream.fileno())
        except (OSError, AttributeError, ValueError):
            continue
    return None


def describe_holder(info: dict[str, Any] | None) -> str:
    """'in the app (process 4242 on pts/3, since 10:02)' from a lock file's contents."""
    if not info:
        return "in another window or terminal"
    where = str(info.get("where") or "another window")
    details = []
    pid = info.get("pid")
    if isinstance(pid, int):
        details.append(f"process {pid}")
    host = info.get("host")
    if isinstance(host, str) and host and host != socket.gethostname():
        details.append(f"on {host}")
    tty = info.get("tty")
    if isinstance(tty, str) and tty:
        details.append(f"terminal {tty.removeprefix('/dev/')}")
    since = info.get("since")
    if isinstance(since, str) and since:
        details.append(f"since {since}")
    return f"{where}" + (f" ({', '.join(details)})" if details else "")


def read_holder(path: Path) -> dict[str, Any] | None:
    """What a lock file says about its holder (None if it cannot be read)."""
    try:
        with path.open("rb") as fh:
            data: Any = json.loads(fh.read(4096).decode("utf-8", "replace") or "null")
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


@dataclass
class SessionLock:
    """A held lock; release() (or the process ending) lets the next writer in."""

    path: Path
    session_id: str
    _fd: int | None

    @classmethod
    def acquire(cls, folder: Path, session_id: str, where: str) -> SessionLock:
        """Take the session's lock or raise SessionInUse saying where it is open. `where`
        names this program for the message another instance shows ("in the app")."""
        path = lock_path(folder, session_id)
        if fcntl is None:  # pragma: no cover
            return cls(path, session_id, None)
        while True:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:
                # A read-only or full folder cannot hold a lock file: the session goes on
                # unlocked (its saves say what is wrong, and still check the file first).
                return cls(path, session_id, None)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    # No locks on this file system (some network mounts): go on unlocked.
                    return cls(path, session_id, None)
                raise SessionInUse(session_id, describe_holder(read_holder(path))) from None
            # The holder before us may have removed the file between our open and our lock:
            # then we hold a lock on a file nobody else will see; start again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path))
            except OSError:
                same = False
            if same:
                break
            os.close(fd)
        info = {"where": where, "pid": os.getpid(), "host": socket.gethostname(),
                "tty": _terminal(), "since": clock.now().strftime("%Y-%m-%d %H:%M")}
        try:
            os.ftruncate(fd, 0)
            os.write(fd, json.dumps(info).encode("utf-8"))
        except OSError:
            pass  # a full disk: the lock holds, only the description is missing
        return cls(path, session_id, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let go: the lock file is removed first, so that no one waits on a stale one."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
        os.close(fd)

    def __enter__(self) -> SessionLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def held_elsewhere(folder: Path, session_id: str) -> str | None:
    """Where the session is open, if another instance holds its lock (None if nobody does).
    Used by delete, which must not pull a transcript away from under an open session."""
    if fcntl is None:  # pragma: no cover
        return None
    path = lock_path(folder, session_id)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return None
        return describe_holder(read_holder(path))
    finally:
        os.close(fd)
    return None


class TranscriptChanged(TranscriptError):
    """The transcript on disk is not the one this session last saved (another writer saved
    it, or it was deleted): the save is refused rather than undoing what happened there."""


@dataclass(frozen=True)
class DiskStamp:
    """Which version of a file is on disk: an atomic save makes a new inode every time."""

    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, path: Path) -> DiskStamp | None:
        """The stamp of the file at `path`, or None if there is none."""
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        except OSError:
            return None
        return cls(st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def check_unchanged(path: Path, expected: DiskStamp | None) -> None:
    """Raise TranscriptChanged unless the file at `path` is still the one last saved
    (`expected`; None: there was none yet)."""
    current = DiskStamp.of(path)
    if current == expected:
        return
    if current is None:
        raise TranscriptChanged(
            f"{path} was deleted or moved since this session saved it (by `review delete` or "
            "in another window); it is not saved again")
    if expected is None:
        raise TranscriptChanged(
            f"{path} was written by another window since this session started; it is not "
            "overwritten")
    raise TranscriptChanged(
        f"{path} was changed by another window or program since this session saved it; it "
        "is not overwritten")
