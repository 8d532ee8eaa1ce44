"""The line above the answer box while recording: a dot, the time, a level meter, the key."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from .display import format_clock

METER_CELLS = 12
FLOOR_DB = -60.0


def level_meter(level_db: float, cells: int = METER_CELLS) -> Content:
    """A bar that fills from -60 dBFS (empty) to 0 dBFS (full); loud is warning-coloured."""
    filled = round(cells * min(1.0, max(0.0, (level_db - FLOOR_DB) / -FLOOR_DB)))
    colour = "$text-success" if level_db < -6 else "$text-warning"
    return Content.assemble(("█" * filled, colour), ("░" * (cells - filled), "$text-muted"))


class RecordingBar(Static):
    """Shown only while recording or transcribing the recording."""

    DEFAULT_CSS = """
    RecordingBar {
        height: 1;
        display: none;
        padding: 0 1;
        &.-active { display: block; }
    }
    """

    state: reactive[str] = reactive("idle")
    """idle · recording · transcribing."""
    elapsed: reactive[float] = reactive(0.0)
    """Seconds recorded so far."""
    level_db: reactive[float] = reactive(-90.0)
    """Loudness of the latest block, dBFS."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def _redraw(self) -> None:
        self.set_class(self.state != "idle", "-active")
        if self.state == "recording":
            self.update(Content.assemble(
                ("● REC ", "bold $text-error"), (format_clock(self.elapsed), "bold"), "  ",
                level_meter(self.level_db), ("  F6 stops", "$text-muted")))
        elif self.state == "transcribing":
            self.update(Content.assemble(("… ", "bold $text-accent"),
                                         ("Transcribing the end of your answer", "bold")))
        else:
            self.update("")

    def watch_state(self) -> None:
        self._redraw()

    def watch_elapsed(self) -> None:
        self._redraw()

    def watch_level_db(self) -> None:
        self._redraw()
