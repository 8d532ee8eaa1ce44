"""Writing files so that a crash leaves the old or the new content, never half of it.

The lowest layer: every package that writes a user's file (transcripts, drafts, exports, the
model card, caches) writes through here.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temporary file, fsync, then rename: a crash leaves the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # One temporary name per process and thread: two threads saving the same file must not
    # share (and rename away) each other's temporary file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        # Lone surrogates (from undecodable input) cannot be UTF-8: replace them, never lose the rest.
        with tmp.open("w", encoding="utf-8", errors="replace") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    try:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


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
