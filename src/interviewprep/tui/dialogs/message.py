"""A message in a modal with one button: something went wrong, and what to do about it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class MessageDialog(ModalScreen[None]):
    """Tell the user something they must read (a scoring failure), then carry on."""

    BINDINGS = [Binding("escape,enter", "close", "Close", id="message.close")]

    def __init__(self, title: str, body: str, *, error: bool = True) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.body = body
        self.error = error

    def compose(self) -> ComposeResult:
        with VerticalGroup(classes="dialog -error" if self.error else "dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.body, classes="dialog-body", markup=False)
            with HorizontalGroup(classes="dialog-buttons"):
                yield Button("OK", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()
