"""A text area for pasted files (job postings, stories) that refuses a paste too big to use.

The limit is checked on the paste itself, before the text is put in the document: an enormous
paste (a whole log file, a binary by mistake) never reaches the editor, the parser or the model.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import TextArea


class CappedTextArea(TextArea):
    """A TextArea whose text a paste cannot take past `max_chars`; such a paste is refused
    whole, with a notice naming the limit."""

    def __init__(self, *args: Any, max_chars: int, what: str, **kwargs: Any) -> None:
        """`what` names the text in the notice: 'a job posting', 'a story file'."""
        super().__init__(*args, **kwargs)
        self.max_chars = max_chars
        self.what = what

    async def _on_paste(self, event: events.Paste) -> None:
        # Runs before TextArea's own paste handler; prevent_default() keeps that one from
        # inserting the text.
        if self.read_only or len(self.text) + len(event.text) <= self.max_chars:
            return
        event.prevent_default()
        event.stop()
        self.notify(f"That paste is {len(event.text):,} characters: too long for {self.what} "
                    f"(at most {self.max_chars:,} in all). Nothing was pasted.",
                    title="Too long", severity="warning", timeout=10)
