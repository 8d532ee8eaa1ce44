"""The story bank while the TUI runs: built in a worker once the scorer is ready, rebuilt after
every change, read by the Stories screen and the interview."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..stories.library import StoryLibrary
    from ..stories.store import StoryStore


class StorySlot:
    """The scored story bank, or why there is none yet."""

    def __init__(self, store: StoryStore | None = None) -> None:
        from ..stories.store import StoryStore

        self.store = store or StoryStore()
        self.library: StoryLibrary | None = None
        """The stories with their profiles; None until built."""
        self.state = "waiting"
        """waiting (for the scorer) | loading | ready | unavailable (no real scorer) | failed."""
        self.detail = ""
        """Why the bank is unavailable or failed."""
        self.settled = threading.Event()
        """Set once a build finished, well or badly; workers that need stories wait on it."""
        self._lock = threading.Lock()

    def build(self, scorer: Any) -> None:
        """Score every story (call from a worker thread)."""
        from ..stories.library import StoryLibrary

        with self._lock:
            self.settled.clear()
            if scorer is None or not hasattr(scorer, "embedder"):
                self.library, self.state = None, "unavailable"
                self.detail = "the scorer is not loaded"
                self.settled.set()
                return
            self.state = "loading"
            try:
                self.library = StoryLibrary(scorer, self.store)
                self.state, self.detail = "ready", ""
            except Exception as exc:  # noqa: BLE001 - shown to the user, the app carries on
                self.library, self.state, self.detail = None, "failed", str(exc) or type(exc).__name__
            finally:
                self.settled.set()
