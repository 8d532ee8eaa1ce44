"""A stand-in app for the review and progress screens, and the transcript fixtures they read."""

from __future__ import annotations

import asyncio
import functools
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from textual.app import App
from textual.binding import Binding

from interviewprep import locations
from interviewprep.bank import Bank, load_app_bank
from interviewprep.interview.session import SessionSettings
from interviewprep.transcripts import TranscriptStore
from interviewprep.tui.app import STYLESHEETS
from interviewprep.tui.context import ScreenContext
from interviewprep.tui.messages import StartSession

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
GOOD = sorted(FIXTURES.glob("*.json"))
V1 = FIXTURES / "v1" / "20250210-173000-0a1b2c.json"
CORRUPT = FIXTURES / "corrupt" / "20250315-120000-badf00.json"
NEWEST_FIRST = ["20250324-081455-d1e7aa", "20250317-201130-c45e02", "20250310-190205-8b27de",
                "20250303-184512-3fa9c1"]
_BANK = None


def shared_bank():
    global _BANK
    if _BANK is None:
        _BANK, _ = load_app_bank()
    return _BANK


def install(*paths: Path) -> Path:
    """Copy fixture transcripts into this test's transcripts folder."""
    folder = locations.transcripts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy(path, folder / path.name)
    return folder


class ReviewTestApp(App[None]):
    """Test double: hands the screen its context and records the sessions it asks for."""

    CSS_PATH = STYLESHEETS
    BINDINGS = [Binding("f1,question_mark", "help", "Help", id="test.help")]

    def __init__(self, screen_factory: Any) -> None:
        super().__init__()
        self.context = ScreenContext(bank=shared_bank(), store=TranscriptStore())
        self.started: list[tuple[SessionSettings, dict | None]] = []
        self._screen_factory = screen_factory

    @property
    def bank(self) -> Bank:
        return self.context.bank

    @property
    def store(self) -> TranscriptStore:
        return self.context.store

    def on_mount(self) -> None:
        self.push_screen(self._screen_factory(self.context))

    def on_start_session(self, message: StartSession) -> None:
        self.started.append((message.settings, message.retry_of))

    def action_help(self) -> None:
        from interviewprep.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))


def pilot_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test on a fresh event loop (no async pytest plugin needed)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run


def notifications(app: App) -> list[Any]:
    return list(app._notifications)


async def settle(app: App, pilot: Any) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
