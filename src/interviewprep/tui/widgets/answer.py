"""Where the candidate types: a multi-line answer box and the status line above it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static, TextArea

from .display import format_clock


class AnswerBox(TextArea):
    """The multi-line answer; Enter makes a new line, the screen's submit key sends it."""

    BINDINGS = [
        Binding("escape", "leave", "Done typing", id="answer.leave",
                tooltip="Move focus out of the answer box (then n, r and m work)."),
        Binding("ctrl+s,f2", "screen.submit", "Submit", id="answer.submit", key_display="^s/F2"),
        Binding("f4", "screen.skip", "Skip", id="answer.skip", key_display="F4"),
        Binding("f6", "screen.record", "Record", id="answer.record", key_display="F6",
                tooltip="Start or stop recording your answer from the microphone."),
    ]

    def __init__(self, *, id: str | None = None, cursor_blink: bool = True) -> None:
        super().__init__(id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus",
                         highlight_cursor_line=False,
                         placeholder="Type your answer here. Enter starts a new line.")
        self.cursor_blink = cursor_blink

    @property
    def words(self) -> int:
        return len(self.text.split())

    def action_leave(self) -> None:
        self.screen.focus_next()


class AnswerStatus(HorizontalGroup):
    """'Question 3 of 8 · Behavioral' on the left; words and time on the right."""

    DEFAULT_CSS = """
    AnswerStatus {
        height: 1;
        & > #status-where { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
        & > #status-meter { width: auto; margin-left: 2; }
    }
    """

    where: reactive[str] = reactive("")
    """Which question of how many, and its category."""
    words: reactive[int] = reactive(0)
    """Words in the answer box."""
    elapsed: reactive[float] = reactive(0.0)
    """Seconds since the question (or the follow-up) was asked."""
    target: reactive[int | None] = reactive(120)
    """The time to aim for, or None when the timer is off."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-where", markup=False)
        yield Static(id="status-meter", markup=False)

    def watch_where(self, where: str) -> None:
        for label in self.query("#status-where").results(Static):
            label.update(Content.styled(where, "bold"))

    def _refresh_meter(self) -> None:
        meters = list(self.query("#status-meter").results(Static))
        if not meters:
            return
        words = Content.assemble((f"{self.words}", "bold"), (" words", "$text-muted"))
        if self.target is None:
            meter = words
        else:
            over = self.elapsed > self.target
            meter = Content.assemble(
                words, ("  ·  ", "$text-muted"),
                (format_clock(self.elapsed), "bold $text-warning" if over else "bold"),
                (f" / {format_clock(self.target)}", "$text-muted"),
            )
        meters[0].update(meter)

    def watch_words(self) -> None:
        self._refresh_meter()

    def watch_elapsed(self) -> None:
        self._refresh_meter()

    def watch_target(self) -> None:
        self._refresh_meter()

    def on_mount(self) -> None:
        self.watch_where(self.where)
        self._refresh_meter()
