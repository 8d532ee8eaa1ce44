"""One line that follows the scorer's start-up: loading (with progress), ready, or failed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import LoadingIndicator, Static


class ScorerStatus(HorizontalGroup):
    """Watches `app.scorer_state` and `app.scorer_detail`."""

    DEFAULT_CSS = """
    ScorerStatus {
        height: 1;
        & > LoadingIndicator { width: 5; height: 1; min-height: 1; background: transparent; }
        & > Static { width: 1fr; }
    }
    """

    def compose(self) -> ComposeResult:
        yield LoadingIndicator()
        yield Static(markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "scorer_state", self._changed)
        self.watch(self.app, "scorer_detail", self._changed)

    def _changed(self, _value: str) -> None:
        state = getattr(self.app, "scorer_state", "loading")
        detail = getattr(self.app, "scorer_detail", "")
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
