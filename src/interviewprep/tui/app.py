"""Placeholder home screen; the full TUI is built on the interview engine."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class InterviewPrepApp(App[None]):
    TITLE = "interviewprep"
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("interviewprep: mock interviews for IT project managers")
        yield Footer()
