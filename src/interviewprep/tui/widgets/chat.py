"""The interview as a conversation: interviewer and candidate turns, newest at the bottom."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalScroll
from textual.content import Content
from textual.widgets import Static

SPEAKERS = {"interviewer": "Interviewer", "candidate": "You", "probe": "Interviewer · follow-up",
            "note": ""}


class ChatBubble(Static):
    """The text of one turn."""


class ChatMessage(HorizontalGroup):
    """One turn of the conversation; the CSS class says who speaks (and which side it sits)."""

    DEFAULT_CSS = """
    ChatMessage {
        height: auto;
        margin: 0 1 1 1;
        & > ChatBubble { width: auto; max-width: 88%; height: auto; padding: 0 1; }
        &.chat-candidate { align-horizontal: right; }
        &.chat-note { align-horizontal: center; }
    }
    """

    def __init__(self, speaker: str, text: str, *, label: str | None = None) -> None:
        self.speaker = speaker
        """interviewer | probe | candidate | note"""
        self.text = text
        self.label = SPEAKERS.get(speaker, "") if label is None else label
        super().__init__(classes=f"chat-{speaker}")

    def compose(self) -> ComposeResult:
        yield ChatBubble(self._render_turn(), markup=False)

    def _render_turn(self) -> Content:
        body = Content(self.text.strip())
        if not self.label:
            return body
        return Content.assemble((self.label, "bold"), "\n", body)


class ChatLog(VerticalScroll, can_focus=True):
    """The scrolling conversation."""

    DEFAULT_CSS = """
    ChatLog {
        height: 1fr;
        padding: 1 0 0 0;
    }
    """

    def say(self, speaker: str, text: str, *, label: str | None = None) -> ChatMessage:
        """Add a turn and keep the newest one in view."""
        message = ChatMessage(speaker, text, label=label)
        self.mount(message)
        self.call_after_refresh(self._follow)
        return message

    def on_mount(self) -> None:
        self.anchor()

    def _follow(self) -> None:
        self.scroll_end(animate=False, immediate=True)
