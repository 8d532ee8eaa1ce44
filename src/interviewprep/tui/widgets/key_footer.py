"""The footer of key bindings, squeezed (compact) on narrow terminals so every key still shows."""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

COMPACT_BELOW = 100
"""Terminal width under which the footer drops its padding."""


class KeyFooter(Footer):
    """A `Footer` that turns compact when the terminal is narrow."""

    def on_mount(self) -> None:
        # Footer's own on_mount runs too (Textual calls handlers along the class hierarchy).
        self.compact = self.app.size.width < COMPACT_BELOW

    def on_resize(self, event: events.Resize) -> None:
        self.compact = self.app.size.width < COMPACT_BELOW
