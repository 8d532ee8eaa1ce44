"""The TUI's last guard against control characters from files reaching the terminal.

Textual removes only BEL, BS, VT, FF and CR from the text it draws; an ESC in a transcript,
question, story or posting would reach the terminal as the start of an escape sequence (a window
title, OSC 52 clipboard writes, a cleared screen). Every line Textual draws is a Strip, and a
Strip's segments carry the text apart from its style, so cleaning the segments' text just before
a Strip is turned into terminal output catches every widget at once: `textsafe.strip_unsafe`
removes the characters (they take no cell, so the layout is unchanged). Textual's own escape
sequences come from styles and cursor moves, never from segment text, and are left alone.

Notifications are the other way stored text reaches the screen (an error message quotes a file
name or an id): Textual reads their text as markup by default, so "[@click=app.quit]" in a file
name would become a live action. The app's messages never use markup, so notify() is made to
show every message as the literal text it is.

Installed once, when the tui package is imported.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.app import App
from textual.strip import Strip

from ..textsafe import has_unsafe, strip_unsafe

_MARK = "_interviewprep_safe"


def install() -> None:
    """Wrap Strip.render (idempotent)."""
    original = Strip.render
    if getattr(original, _MARK, False):
        return

    def render(self: Strip, console: Any) -> str:
        if self._render_cache is None:
            segments = self._segments
            if any(has_unsafe(segment.text) for segment in segments):
                self._segments = [Segment(strip_unsafe(text), style, control)
                                  for text, style, control in segments]
        return original(self, console)

    setattr(render, _MARK, True)
    Strip.render = render  # type: ignore[method-assign]

    original_notify = App.notify

    def notify(self: App[Any], message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        original_notify(self, message, title=title, severity=severity, timeout=timeout,
                        markup=False)

    App.notify = notify  # type: ignore[method-assign]
