"""Writing files so that a crash leaves the old or the new content, never half of it.

The lowest layer: every package that writes a user's file (transcripts, drafts, exports, the
model card, caches) writes through here. A write that fails (a full disk, a read-only folder)
removes its temporary file before the error goes on, so a failed save never holds free space.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from collections.abc import Iterable, Iterator
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


# Reading what a user keeps: every file is checked at the boundary before it is parsed.

MAX_JSON_DEPTH = 64
"""Nesting deeper than this is refused: no file the app writes comes close (a transcript is ~6)."""


class UnreadableFile(Exception):
    """A file could not be read as what it should be; str() is the reason, without the path."""


def read_text_capped(path: Path, max_bytes: int) -> str:
    """The UTF-8 text of a regular file of at most `max_bytes` (see read_bytes_capped)."""
    raw = read_bytes_capped(path, max_bytes)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"cannot read (not UTF-8 text at byte {exc.start})") from exc


def read_bytes_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; UnreadableFile says why not.

    Never blocks: a FIFO, device or folder named like a data file is refused without opening
    it for reading (opening a FIFO waits for a writer), and the size is checked before reading.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise UnreadableFile(f"cannot read ({exc.strerror or exc})") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile("not a regular file")
        if info.st_size > max_bytes:
            raise UnreadableFile(f"too big ({_size(info.st_size)}; the limit is {_size(max_bytes)})")
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise UnreadableFile(f"cannot read ({exc.strerror or exc})") from exc
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > max_bytes:  # it grew while we read it
        raise UnreadableFile(f"too big (over {_size(max_bytes)})")
    return raw


def is_regular_file(path: Path) -> bool:
    """True for a regular file (or a symlink to one); False for FIFOs, devices, folders, dangling."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def json_depth_exceeds(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when lists/objects nest deeper than `limit` (checked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[object] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def parse_json_checked(text: str, limit: int = MAX_JSON_DEPTH) -> object:
    """json.loads with a clear UnreadableFile for bad syntax, NaN/Infinity and deep nesting."""
    def no_constants(name: str) -> object:
        raise ValueError(f"{name} is not a number JSON allows")
    try:
        value = json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except ValueError as exc:
        raise UnreadableFile(f"not valid JSON ({exc})") from exc
    except RecursionError as exc:
        raise UnreadableFile(f"nested too deeply (over {limit} levels)") from exc
    if json_depth_exceeds(value, limit):
        raise UnreadableFile(f"nested too deeply (over {limit} levels)")
    return value


def read_json_capped(path: Path, max_bytes: int, limit: int = MAX_JSON_DEPTH) -> object:
    """read_text_capped + parse_json_checked."""
    return parse_json_checked(read_text_capped(path, max_bytes), limit)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"
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
