"""The Textual app: owns the bank, the transcript store and the scorer, and moves between screens.

The scorer is never imported on the main thread before the first paint: it loads in a thread
worker started on mount and announces itself with `ScorerReady` (or `ScorerFailed`).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from ..bank import Bank, load_app_bank
from ..interview import InterviewSession, SessionError, SessionSettings
from ..schedule import ScheduleStore
from ..speech.voice import Voice
from ..transcripts import TranscriptError, TranscriptStore
from ..transcripts.model import RetryOf
from .context import RaterLoader, ScorerSlot, ScreenContext, load_real_rater
from .messages import (
    GoHome,
    QuitRequested,
    ReloadScorer,
    ReloadStories,
    ResumeSession,
    ScorerChanged,
    StartSession,
    StoriesChanged,
)
from .terminal import terminal_safe

if TYPE_CHECKING:
    from ..asking import PostingContext
    from ..interview.session import AnswerScorer
    from ..jd.interview import JobContext
    from ..speech.sources import AudioInputFactory
    from .screens.interview import InterviewScreen

STYLESHEETS: list[str | PurePath] = [Path(__file__).with_name("app.tcss"),
                                     Path(__file__).with_name("review.tcss"),
                                     Path(__file__).with_name("stories.tcss")]
"""Every screen's rules (reusable widgets carry their own DEFAULT_CSS)."""

OPEN_HERE = "in the app"
"""How another instance names this one when a session is open here."""
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT")
                     if hasattr(signal, name))
"""Signals that end the app the orderly way: the unsent answer kept, the terminal restored."""

ScorerLoader = Callable[[Callable[[str], None]], "AnswerScorer"]
"""Builds the scorer in a worker thread; gets a progress callback for status lines."""


class ScorerReady(Message):
    """The scorer finished loading (posted from the loading thread)."""

    def __init__(self, scorer: AnswerScorer) -> None:
        super().__init__()
        self.scorer = scorer


class ScorerFailed(Message):
    """The scorer could not load; `reason` is shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class ScorerProgress(Message):
    """A progress line from the scorer while it loads (e.g. the first-use model export)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def _home_relative(path: Path) -> str:
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def _posting_context(role: JobContext | None) -> PostingContext | None:
    """The session's posting as the question rater reads it (questions about it are prepared)."""
    if role is None:
        return None
    from ..asking import PostingContext

    return PostingContext.from_analysis(role.analysis)


class InterviewPrepApp(App[None]):
    """Mock interviews for IT project managers, with explainable feedback."""

    CSS_PATH = STYLESHEETS
    TITLE = "interviewprep"
    SUB_TITLE = "mock interviews for IT project managers"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("ctrl+q", "quit_app", "Quit", id="app.quit", priority=True,
                tooltip="Quit; a session in progress stays saved and resumable."),
        Binding("f1", "help", "Help", id="app.help", key_display="F1"),
        Binding("question_mark", "help", "Help", id="app.help_key", show=False),
    ]

    scorer_state: reactive[str] = reactive("loading")
    """loading | ready | failed: where the scorer is in its start-up."""
    scorer_detail: reactive[str] = reactive("")
    """The latest progress line while loading, the runtime once ready, or why it failed."""

    def __init__(
        self,
        start_settings: SessionSettings | None = None,
        resume_id: str | None = None,
        bank_paths: list[Path] | None = None,
        *,
        scorer_loader: ScorerLoader | None = None,
        clock: Callable[[], float] = time.monotonic,
        show_path: Callable[[Path], str] = _home_relative,
        cursor_blink: bool = True,
        audio_input: AudioInputFactory | None = None,
        rater_loader: RaterLoader | None = None,
    ) -> None:
        """`scorer_loader`, `rater_loader`, `clock`, `show_path` and `cursor_blink` exist for tests
        and snapshots: a deterministic clock, no machine paths on screen, a still cursor.
        `audio_input` replaces the microphone (a WAV file played back, in tests)."""
        super().__init__()
        self.start_settings = start_settings
        self.resume_id = resume_id
        bank, self.bank_errors = load_app_bank(bank_paths)
        store = TranscriptStore()
        self.context = ScreenContext(bank=bank, store=store, scorer=ScorerSlot(),
                                     clock=clock, show_path=show_path, cursor_blink=cursor_blink,
                                     schedule=ScheduleStore(store), voice=Voice(audio_input),
                                     rater_loader=rater_loader or load_real_rater)
        """What every screen is given: bank, store, the scorer slot and the test hooks."""
        self._scorer_loader = scorer_loader or self._load_real_scorer
        self.theme = "nord"

    # The app's shared state lives in the context; these read it (tests and the CLI use them).
    @property
    def bank(self) -> Bank:
        return self.context.bank

    @bank.setter
    def bank(self, bank: Bank) -> None:
        self.context.bank = bank

    @property
    def store(self) -> TranscriptStore:
        return self.context.store

    @property
    def scorer(self) -> AnswerScorer | None:
        return self.context.scorer.scorer

    @property
    def scorer_settled(self) -> threading.Event:
        return self.context.scorer.settled

    # ------------------------------------------------------------------ start-up
    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.push_screen(HomeScreen(self.context))
        if self.bank_errors:
            first = self.bank_errors[0]
            more = f" (and {len(self.bank_errors) - 1} more)" if len(self.bank_errors) > 1 else ""
            self.notify(f"{first}{more}\nRun `interviewprep bank validate` for the full list.",
                        title="Problems in the question bank", severity="warning", timeout=12)
        self._catch_stop_signals()
        self._watch_terminal()
        # After the first frame: the loading thread must not compete with the first paint.
        self.call_after_refresh(self.load_scorer)
        if self.resume_id:
            self.resume_session(self.resume_id)
        elif self.start_settings is not None:
            self.start_session(self.start_settings)

    def _catch_stop_signals(self) -> None:
        """SIGTERM, SIGHUP (the terminal closed) and SIGINT end the app through its own exit,
        which restores the terminal (no alternate screen, no mouse reporting left on), after
        keeping the unsent answer. Not under a test's headless run, which owns its signals."""
        if self.is_headless or threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for sig in STOP_SIGNALS:
            try:
                loop.add_signal_handler(sig, self.stop_on_signal, sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def _watch_terminal(self) -> None:
        """A closed window does not always send SIGHUP: under `make run`, make is the session
        leader, gets the SIGHUP and waits for the app without passing it on, and the app is left
        on a hung-up terminal. A thread checks the terminal every two seconds; once it is gone,
        the app stops as on SIGHUP (and, if that cannot finish, the process ends)."""
        if self.is_headless or sys.__stdin__ is None:
            return
        try:
            import termios

            fd = sys.__stdin__.fileno()
            if not os.isatty(fd):
                return
        except (ImportError, OSError, ValueError):
            return
        hangup = getattr(signal, "SIGHUP", 1)

        def watch() -> None:
            while True:
                time.sleep(2.0)
                try:
                    termios.tcgetattr(fd)
                except (OSError, termios.error):
                    break
            # Asked from a thread of its own and not waited for: a loop that cannot run it
            # must not keep the process alive on a terminal nobody sees.
            threading.Thread(target=stop, name="terminal-gone", daemon=True).start()
            time.sleep(10.0)  # the orderly exit ends the process well before this
            os._exit(128 + hangup)  # the draft was kept by stop_on_signal; nothing to restore

        def stop() -> None:
            try:
                self.call_from_thread(self.stop_on_signal, hangup)
            except Exception:  # noqa: BLE001 - the app is already gone or stopping
                pass

        threading.Thread(target=watch, name="terminal-watch", daemon=True).start()

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, with output that a closed terminal cannot wedge (see terminal.py)."""
        return terminal_safe(super().get_driver_class())

    def stop_on_signal(self, signum: int) -> None:
        """Keep what is being typed as a draft, then exit with 128 + the signal number."""
        interview = self.active_interview()
        if interview is not None:
            interview.save_for_later()  # a failure cannot be asked about now: exit anyway
        self.exit_closing_sessions(128 + signum)

    def exit_closing_sessions(self, return_code: int = 0) -> None:
        """Exit, first letting go of every session open here (another instance may resume
        it at once)."""
        from .screens.interview import InterviewScreen

        for screen in self.screen_stack:
            if isinstance(screen, InterviewScreen):
                screen.session.close()
        self.exit(return_code=return_code)

    def _load_real_scorer(self, progress: Callable[[str], None]) -> AnswerScorer:
        from ..scoring.scorer import Scorer

        return Scorer.load(self.bank.elements, progress=progress)

    @work(thread=True, exclusive=True, exit_on_error=False, group="scorer",
          description="Loading the scorer")
    def load_scorer(self) -> None:
        def progress(text: str) -> None:
            self.post_message(ScorerProgress(text))

        scorer = self._scorer_loader(progress)
        self.post_message(ScorerReady(scorer))

    def reload_scorer(self) -> None:
        """Try loading the scorer again after a failure."""
        if self.scorer_state == "failed":
            self.context.scorer.settled.clear()
            self.scorer_state = "loading"
            self.scorer_detail = ""
            self.load_scorer()

    def watch_scorer_state(self, state: str) -> None:
        self._tell_screens()

    def watch_scorer_detail(self, detail: str) -> None:
        self._tell_screens()

    def _tell_screens(self) -> None:
        slot = self.context.scorer
        slot.state, slot.detail = self.scorer_state, self.scorer_detail
        for screen in self.screen_stack:
            screen.post_message(ScorerChanged(self.scorer_state, self.scorer_detail))

    def on_scorer_progress(self, message: ScorerProgress) -> None:
        self.scorer_detail = message.text

    def on_scorer_ready(self, message: ScorerReady) -> None:
        self.context.scorer.scorer = message.scorer
        info = getattr(message.scorer, "model_info", {}) or {}
        self.scorer_detail = info.get("runtime", "")
        self.scorer_state = "ready"
        self.context.scorer.settled.set()
        self.reload_stories()

    # ------------------------------------------------------------------ stories
    class StoriesBuilt(Message):
        """The story bank was (re)built in its worker."""

    @work(thread=True, exclusive=True, exit_on_error=False, group="stories",
          description="Scoring your stories")
    def reload_stories(self) -> None:
        """Build the story bank again (after the scorer loads and after every change)."""
        self.context.stories.build(self.scorer)
        self.post_message(self.StoriesBuilt())

    def on_interview_prep_app_stories_built(self, message: StoriesBuilt) -> None:
        slot = self.context.stories
        for screen in self.screen_stack:
            screen.post_message(StoriesChanged(slot.state))
        if slot.state == "failed":
            self.notify(slot.detail, title="Your stories could not be scored",
                        severity="error", timeout=12)

    def on_reload_stories(self, message: ReloadStories) -> None:
        self.reload_stories()

    def on_scorer_failed(self, message: ScorerFailed) -> None:
        self.scorer_detail = message.reason
        self.scorer_state = "failed"
        self.context.scorer.settled.set()
        self.notify(f"{message.reason}\nTry `interviewprep setup`, then press L on the home "
                    "screen.", title="The scorer could not load", severity="error", timeout=20)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "scorer" and event.state == WorkerState.ERROR:
            error = event.worker.error
            self.post_message(ScorerFailed(str(error) or type(error).__name__))

    # ------------------------------------------------------------------ sessions
    def start_session(self, settings: SessionSettings, retry_of: dict[str, Any] | None = None
                      ) -> bool:
        """Push the interview screen for a new session; False (with a message) if none fits."""
        from .screens.interview import InterviewScreen

        role = self.job_context(settings.jd)
        try:
            session = InterviewSession(self.bank, self.scorer, self.store, settings,
                                       model_info=getattr(self.scorer, "model_info", None),
                                       role=role, schedule=self.context.schedule)
        except SessionError as exc:
            self.notify(str(exc), title="Cannot start the session", severity="error")
            return False
        session.posting = _posting_context(role)
        session.transcript.retry_of = RetryOf.model_validate(retry_of) if retry_of else None
        try:
            session.claim(OPEN_HERE)
        except TranscriptError as exc:  # a new id: only an unwritable folder gets here
            self.notify(str(exc), title="Cannot start the session", severity="error")
            return False
        for notice in session.schedule_notices:
            self.notify(notice, title="Review schedule", severity="warning", timeout=12)
        self.push_screen(InterviewScreen(self.context, session))
        return True

    def resume_session(self, session_id: str) -> bool:
        """Push the interview screen for an unfinished session, where it was left."""
        from .screens.interview import InterviewScreen

        lock = None
        try:
            # One writer per session: locked before it is read, so a second window is told
            # where it is open instead of overwriting what the first one saves.
            lock = self.store.lock(session_id, OPEN_HERE)
            transcript = self.store.load(session_id)
            role = self.job_context(transcript.settings.get("jd"))
            session = InterviewSession.resume(self.bank, self.scorer, self.store, transcript,
                                              role=role, schedule=self.context.schedule)
            session.claim(OPEN_HERE, lock)
        except (TranscriptError, SessionError) as exc:
            if lock is not None:
                lock.release()
            self.notify(str(exc), title="Cannot resume the session", severity="error")
            return False
        session.posting = _posting_context(role)
        self.push_screen(InterviewScreen(self.context, session, resumed=True))
        return True

    def job_context(self, name: str | None) -> JobContext | None:
        """The saved posting a session is for (its probes use the scorer's model once loaded)."""
        if not name:
            return None
        from ..jd import PostingError
        from ..jd.interview import load_job_context

        try:
            return load_job_context(name, lambda: getattr(self.scorer, "embedder", None))
        except PostingError as exc:
            self.notify(f"{exc}\nThe session goes on without it.", title="Job posting not found",
                        severity="warning")
            return None

    def go_home(self) -> None:
        """Pop back to the home screen, whatever is above it."""
        from .screens.home import HomeScreen
        from .screens.interview import InterviewScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            if isinstance(self.screen, InterviewScreen):
                self.screen.session.close()  # at once: it may be resumed right away
            self.pop_screen()

    # ------------------------------------------------------------------ what screens ask for
    def on_start_session(self, message: StartSession) -> None:
        self.start_session(message.settings, retry_of=message.retry_of)

    def on_resume_session(self, message: ResumeSession) -> None:
        self.resume_session(message.session_id)

    def on_go_home(self, message: GoHome) -> None:
        self.go_home()
        if message.open_setup:
            from .screens.setup import SetupScreen

            self.push_screen(SetupScreen(self.context))

    def on_reload_scorer(self, message: ReloadScorer) -> None:
        self.reload_scorer()

    def on_quit_requested(self, message: QuitRequested) -> None:
        self.action_quit_app()

    def active_interview(self) -> InterviewScreen | None:
        """The interview screen with a session in progress, if one is on the stack."""
        from .screens.interview import InterviewScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, InterviewScreen) and screen.in_progress:
                return screen
        return None

    # ------------------------------------------------------------------ actions
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss()
        elif not isinstance(screen, ModalScreen):
            self.push_screen(HelpScreen(screen))

    def action_quit_app(self) -> None:
        from .dialogs.confirm import ConfirmDialog

        interview = self.active_interview()
        if interview is None:
            self.exit_closing_sessions()
            return
        if any(isinstance(s, ConfirmDialog) for s in self.screen_stack):
            return

        def decided(quit_now: bool | None) -> None:
            if quit_now:
                interview.leave_saved(self.exit_closing_sessions, "Quit anyway")

        self.push_screen(
            ConfirmDialog(
                "Quit in the middle of the session?",
                "Everything you answered is saved, and an unsent answer is kept as a draft. "
                "Resume from the home screen, or with `interviewprep resume`.",
                yes="Quit", no="Keep going",
            ),
            decided,
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from .screens.home import HomeScreen

        home = next((s for s in self.screen_stack if isinstance(s, HomeScreen)), None)
        if home is not None and self.active_interview() is None:
            yield SystemCommand("Start practice", "Choose questions and start a mock interview",
                                home.action_start)
            yield SystemCommand("Browse the question bank", "Filter, read and practise questions",
                                home.action_browse)
            yield SystemCommand("Review past sessions", "Read earlier answers and feedback",
                                home.action_review)
            yield SystemCommand("Progress", "Scores over time, by element and category",
                                home.action_progress)
            yield SystemCommand("Job postings", "Paste a posting, see what it asks and how ready "
                                "you are, practise for it", home.action_jobs)
        yield SystemCommand("Keys for this screen", "Show the help for the current screen",
                            self.action_help)
