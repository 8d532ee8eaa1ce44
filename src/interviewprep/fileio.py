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
