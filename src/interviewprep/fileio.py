"""Writing files so that a crash leaves the old or the new content, never half of it.

The lowest layer: every package that writes a user's file (transcripts, drafts, exports, the
model card, caches) writes through here. A write that fails (a full disk, a read-only folder)
removes its temporary file before the error goes on, so a failed save never holds free space.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".tmp"
"""Every temporary file written here is `.<name>.<pid>.<thread>.tmp` beside its target."""


def temp_path_for(path: Path) -> Path:
    """The temporary name for `path`: one per process and thread, so that two threads saving
    the same file never share (and rename away) each other's temporary file."""
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}{TEMP_SUFFIX}")


def _remove(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass  # nothing more can be done; the original error is the one to report


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


@contextmanager
def atomic_binary_file(path: Path) -> Iterator[IO[bytes]]:
    """`with atomic_binary_file(path) as fh: np.save(fh, ...)`: the file appears whole when the
    block ends, or not at all if it raises (its temporary file is removed, the error goes on)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path_for(path)
    try:
        with tmp.open("wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(path.parent)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file, fsync, then rename: a crash leaves the old or the new file,
    and a failed write leaves no temporary file behind."""
    with atomic_binary_file(path) as fh:
        fh.write(data)


def atomic_write_text(path: Path, text: str) -> None:
    """atomic_write_bytes for text, as UTF-8. Lone surrogates (from undecodable input) cannot be
    UTF-8: they become '?', and the rest is never lost."""
    atomic_write_bytes(path, text.encode("utf-8", errors="replace"))


def target_problem(path: Path, overwrite: bool = False) -> str | None:
    """Why `path` must not be written as a user-chosen output file, or None if it may be.

    Only regular files are ever written: a symbolic link, a directory, a FIFO, a device node or a
    socket at `path` is refused whatever `overwrite` says; an existing regular file is replaced
    only with `overwrite` (the CLI's `--force`).
    """
    import stat

    try:
        info = os.lstat(path)
    except OSError:  # nothing there (or no way there): writing it says why, if it fails
        return None
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        return f"{path} is a symbolic link; not written (give the path of a regular file)"
    if stat.S_ISDIR(mode):
        return f"{path} is a directory; give a file name"
    if not stat.S_ISREG(mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else
                "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
                "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
        return f"{path} is {kind}; only regular files are written"
    if not overwrite:
        return f"{path} already exists; add --force to replace it"
    return None
