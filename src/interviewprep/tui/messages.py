"""What screens ask of the app (they post these; the app handles them and owns navigation),
and what the app tells the screens."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from ..interview import SessionSettings


class StartSession(Message):
    """Start a new practice session with these settings."""

    def __init__(self, settings: SessionSettings, retry_of: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.retry_of = retry_of
        """For a retry: {'session': id, 'question_id': ..., 'overall': earlier score}."""


class ResumeSession(Message):
    """Carry on with an unfinished session."""

    def __init__(self, session_id: str) -> None:
        super().__init__()
        self.session_id = session_id


class GoHome(Message):
    """Back to the home screen, whatever is above it."""

    def __init__(self, open_setup: bool = False) -> None:
        super().__init__()
        self.open_setup = open_setup
        """Then open the session set-up ("practise again")."""


class ReloadScorer(Message):
    """Try loading the scorer again after a failure."""


class QuitRequested(Message):
    """Quit (the app asks first if a session is in progress)."""


class ScorerChanged(Message):
    """The scorer's start-up moved on (sent by the app to every screen on the stack)."""

    def __init__(self, state: str, detail: str) -> None:
        super().__init__()
        self.state = state
        self.detail = detail


class ReloadStories(Message):
    """The story files changed: score the story bank again."""


class StoriesChanged(Message):
    """The story bank was rebuilt (sent by the app to every screen on the stack)."""

    def __init__(self, state: str) -> None:
        super().__init__()
        self.state = state
        """ready | unavailable | failed (see StorySlot.state)."""
