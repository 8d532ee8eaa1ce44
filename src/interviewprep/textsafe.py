"""Text from files made safe to show on a terminal: the one sanitising helper every output uses.

Stored text (transcripts, question files, stories, job postings, file names) can hold control
characters: an ESC starts a terminal escape sequence that can change the window title, write the
clipboard (OSC 52), clear the screen or move the cursor. Wherever stored text reaches a terminal
(the CLI's standard output and error, the TUI's screens, Markdown exports), it goes through
`clean()`, which replaces every such character with its visible escape, `\\u001b` for ESC: the text
stays readable, nothing is interpreted, and no character is silently dropped.

Kept: newline and tab. Replaced: the other C0 controls (including carriage return, which can
overwrite a line; a Windows line end CR LF becomes a plain newline first), DEL, the C1 controls
(U+0080-U+009F, where 8-bit terminals read CSI and OSC), and the bidirectional overrides and
isolates (U+202A-U+202E, U+2066-U+2069) that make text display in another order than it reads.

The visible form `\\uXXXX` is valid inside a JSON string, so the same function can guard a stream
that carries JSON (a raw control character can only be inside a string there) without changing
what the JSON decodes to.

No imports of ours: this is a base-layer module.
"""

from __future__ import annotations

import io
import re
from typing import IO, Any

_BIDI = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_KEEP_CR = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def has_unsafe(text: str) -> bool:
    """Whether `text` holds a character `clean()` would replace (CR LF excepted)."""
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return _UNSAFE.search(text) is not None


def clean(text: object) -> str:
    """`text` (anything; str() of it) with every terminal control character made visible.

    Idempotent: clean(clean(x)) == clean(x).
    """
    value = text if isinstance(text, str) else str(text)
    if "\r\n" in value:
        value = value.replace("\r\n", "\n")
    return _UNSAFE.sub(_visible, value)


def strip_unsafe(text: str) -> str:
    """`text` without the characters `clean()` replaces: for a last guard where the text's width
    is already laid out (these characters take no cell, so removing them moves nothing)."""
    return _UNSAFE.sub("", text)


def clean_line(text: object) -> str:
    """`clean()` for a value shown on one line (a title, an id, a file name): newlines and tabs
    become spaces as well."""
    return clean(text).replace("\n", " ").replace("\t", " ")


class SafeStream(io.TextIOBase):
    """A text stream that passes everything written through `clean()` before the real stream.

    Installed over sys.stdout and sys.stderr by the CLI, so that no print anywhere can send a
    control sequence from a file to the terminal. `keep_cr=True` lets a bare carriage return
    through (the CLI's own progress lines on standard error rewrite themselves with it).
    """

    def __init__(self, stream: IO[str], keep_cr: bool = False) -> None:
        super().__init__()
        self._stream = stream
        self._pattern = _UNSAFE_KEEP_CR if keep_cr else _UNSAFE

    @property
    def wrapped(self) -> IO[str]:
        return self._stream

    def write(self, text: str) -> int:
        if "\r\n" in text:
            text = text.replace("\r\n", "\n")
        self._stream.write(self._pattern.sub(_visible, text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", "utf-8")

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._stream, "errors", None)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
