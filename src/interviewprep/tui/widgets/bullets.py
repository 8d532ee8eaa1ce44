"""A bulleted list whose wrapped lines hang under the text, not under the bullet."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.content import Content
from textual.widgets import Static


class BulletList(VerticalGroup):
    """Items (plain text or styled Content), one bullet each."""

    DEFAULT_CSS = """
    BulletList {
        height: auto;
        & > HorizontalGroup { height: auto; }
        & .bullet-mark { width: 2; color: $text-accent; }
        & .bullet-text { width: 1fr; }
    }
    """

    def __init__(self, items: Iterable[str | Content], *, mark: str = "•", id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items = list(items)
        self.mark = mark

    def compose(self) -> ComposeResult:
        for item in self.items:
            with HorizontalGroup():
                yield Static(self.mark, classes="bullet-mark", markup=False)
                yield Static(item, classes="bullet-text", markup=False)
