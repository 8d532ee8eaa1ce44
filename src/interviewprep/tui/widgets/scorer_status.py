"""One line that follows the scorer's start-up: loading (with progress), ready, or failed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import LoadingIndicator, Static


class ScorerStatus(HorizontalGroup):
    """Shows the scorer's state; its screen calls show() when the app reports a change."""

    DEFAULT_CSS = """
    ScorerStatus {
        height: 1;
        & > LoadingIndicator { width: 5; height: 1; min-height: 1; background: transparent; }
        & > Static { width: 1fr; }
    }
    """

    def __init__(self, state: str = "loading", detail: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._state = state
        self._detail = detail

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Static(markup=False)

    def on_mount(self) -> None:
        self.show(self._state, self._detail)

    def show(self, state: str, detail: str) -> None:
        """loading | ready | failed, with the progress line, the runtime or the reason."""
        self._state, self._detail = state, detail
        self.query_one(LoadingIndicator).display = state == "loading"
        label = self.query_one(Static)
        if state == "loading":
            text = Content.assemble(("Loading scorer…", "bold $text-warning"),
                                    (f"  {detail}" if detail else "  you can set up a session "
                                     "or browse questions meanwhile", "$text-muted"))
        elif state == "ready":
            text = Content.assemble(("● ", "$text-success"), ("Scorer ready", "bold"),
                                    (f"  {detail}" if detail else "", "$text-muted"))
        else:
            text = Content.assemble(("✗ ", "$text-error"), ("Scorer not available: ", "bold"),
                                    detail, ("  press L to try again", "$text-muted"))
        label.update(text)
