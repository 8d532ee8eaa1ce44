"""The TUI's terminal output outlives the terminal (issue 16, D3): once the window is closed,
every write fails (EIO); Textual's writer thread must keep draining its queue of 30 writes, or
the app's event loop blocks for ever on its next screen update and never exits."""

from __future__ import annotations

import io
import threading

import pytest
from textual.drivers._writer_thread import MAX_QUEUED_WRITES, WriterThread

from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.terminal import TerminalOutput, terminal_safe

linux_driver = pytest.importorskip("textual.drivers.linux_driver")


class HungUpTerminal(io.StringIO):
    """A terminal after its window was closed: every write and flush fails as on a hung-up tty."""

    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")

    def flush(self) -> None:
        raise OSError(5, "Input/output error")


def _writes_finish(stream) -> bool:
    """Whether a screen's worth of writes and the writer's stop() return (the join is a hang
    guard: over a raw hung-up terminal the writer thread dies and the 31st write blocks)."""
    writer = WriterThread(stream)
    writer.start()

    def draw() -> None:
        for _ in range(MAX_QUEUED_WRITES * 4):
            writer.write("\x1b[H frame ")
        writer.stop()

    drawing = threading.Thread(target=draw, daemon=True)
    drawing.start()
    drawing.join(20)
    return not drawing.is_alive()


def test_writes_to_a_hung_up_terminal_are_dropped_and_never_block():
    output = TerminalOutput(HungUpTerminal())
    assert _writes_finish(output), "the writer thread kept draining its queue"
    assert output.gone


def test_a_live_terminal_gets_every_write():
    stream = io.StringIO()
    output = TerminalOutput(stream)
    assert _writes_finish(output)
    assert stream.getvalue() == "\x1b[H frame " * MAX_QUEUED_WRITES * 4
    assert not output.gone


def test_the_app_draws_through_the_safe_output():
    driver = InterviewPrepApp().get_driver_class()
    assert issubclass(driver, linux_driver.LinuxDriver)
    assert driver is not linux_driver.LinuxDriver


def test_other_drivers_are_left_alone():
    from textual.drivers.headless_driver import HeadlessDriver

    assert terminal_safe(HeadlessDriver) is HeadlessDriver
