"""The app's terminal output, made to outlive the terminal.

Textual writes the screen from a writer thread through a queue of 30 writes. When the window is
closed, every write to the hung-up terminal fails (EIO); the writer thread dies of the first
failure, the queue fills, and the event loop then blocks for ever on its next write: no draft is
kept, no exit is reached. Output that fails is dropped instead, so that the app keeps running
until it has stopped the orderly way (see `InterviewPrepApp._watch_terminal`).
"""

from __future__ import annotations

from typing import IO, Any

from textual.driver import Driver


class TerminalOutput:
    """A text stream whose writes and flushes never fail: once the terminal has gone, what is
    written to it is dropped (there is nobody to read it)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.gone = False
        """True once a write or flush failed: the terminal is gone."""

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self._stream.write(text)
            except (OSError, ValueError):
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self.gone = True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def terminal_safe(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class` writing through `TerminalOutput`, where it is Textual's Linux driver (the
    one that writes from a thread to `_file`); any other driver as it is."""
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # no termios (Windows)
        return driver_class
    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class TerminalSafeDriver(driver_class):  # type: ignore[valid-type,misc]
        _file: Any
        """Where the driver's writer thread writes: the terminal, through TerminalOutput."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._file = TerminalOutput(self._file)

    return TerminalSafeDriver
