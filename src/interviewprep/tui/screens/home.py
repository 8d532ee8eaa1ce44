"""Home: start, resume, review, progress, browse; the last sessions at a glance."""

from __future__ import annotations

from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.data_table import ColumnKey
from textual.widgets.option_list import Option

from ... import clock
from ...interview import SessionSettings
from ...schedule import due_today, next_due
from ...transcripts.index import SessionDigest
from ...vocabulary import short_category_name
from ..context import ScreenContext
from ..messages import QuitRequested, ReloadScorer, ResumeSession, ScorerChanged, StartSession
from ..widgets.display import format_score, format_started, score_colour
from ..widgets.key_footer import KeyFooter
from ..widgets.scorer_status import ScorerStatus

RECENT_ROWS = 8
MAX_DUE = 20
"""A due session asks every due question, up to this many (most urgent first)."""

MENU = [
    ("due", "Practise due questions", "d"),
    ("start", "Start practice", "s"),
    ("resume", "Resume unfinished session", "u"),
    ("review", "Review past sessions", "r"),
    ("progress", "Progress", "p"),
    ("browse", "Browse the question bank", "b"),
    ("stories", "Your stories", "t"),
    ("jobs", "Job postings", "j"),
    ("quit", "Quit", "^q"),
]


class HomeScreen(Screen[None]):
    """Where every visit starts."""

    HELP_TITLE = "Home"
    HELP_NOTES = [
        "Pick an item with the arrow keys and Enter, or press its letter. The scorer loads in "
        "the background; you can set up a session or browse questions while it does.",
        "Every question you answer comes back for review: a weak answer in a day or two, a "
        "strong one after a week or more. When some are due, the box on the right says how "
        "many, and d starts a session of just those.",
    ]
    BINDINGS = [
        Binding("d", "due", "Due questions", id="home.due",
                tooltip="Practise the questions due for review today."),
        Binding("s", "start", "Practice", id="home.start"),
        Binding("u", "resume", "Resume", id="home.resume"),
        Binding("r", "review", "Review", id="home.review"),
        Binding("p", "progress", "Progress", id="home.progress"),
        Binding("b", "browse", "Questions", id="home.browse"),
        Binding("t", "stories", "Stories", id="home.stories"),
        Binding("j", "jobs", "Job postings", id="home.jobs"),
        Binding("l", "reload_scorer", "Load scorer again", id="home.reload_scorer"),
        Binding("q", "quit", "Quit", id="home.quit", show=False),
    ]

    class RecentLoaded(Message):
        """The saved sessions were read (in a thread) for the recent list."""

        def __init__(self, sessions: list[SessionDigest], unreadable: int) -> None:
            super().__init__()
            self.sessions = sessions
            self.unreadable = unreadable

    class DueLoaded(Message):
        """The review schedule was read (in a thread): what is due today, and the next date."""

        def __init__(self, due: int, next_due: datetime | None, notices: list[str]) -> None:
            super().__init__()
            self.due = due
            self.next_due = next_due
            self.notices = notices

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context
        self.due_count = 0
        """Questions due for review today (0 until the schedule is read)."""
        self.unfinished: SessionDigest | None = None
        """The newest unfinished session with at least one turn, offered for resuming."""

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="home-body"):
            with Vertical(id="home-left"):
                yield Static(Content.assemble(
                    ("Mock interviews\n", "bold $text-accent"),
                    ("for IT project managers", "bold"),
                ), id="home-title")
                yield Static(
                    "Answer interview questions in writing and get explainable feedback: which "
                    "parts of a strong answer you covered, the sentence that shows it, and what "
                    "to add. Everything runs offline.",
                    id="home-intro", markup=False,
                )
                yield OptionList(id="home-menu")
                yield Static(id="home-bank", markup=False)
            with Vertical(id="home-right"):
                yield Static(id="home-due", markup=False)
                yield Static(id="home-resume", markup=False)
                yield Static("Recent sessions", classes="section-title")
                yield DataTable(id="home-recent", cursor_type="none", zebra_stripes=False,
                                show_cursor=False)
                yield Static(id="home-recent-empty", markup=False)
        yield ScorerStatus(self.context.scorer.state, self.context.scorer.detail, id="home-scorer")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#home-recent", DataTable)
        table.add_column("Date", width=17)
        table.add_column("Questions", width=9)
        table.add_column("Score", width=6)
        table.add_column("Categories", key="categories")
        bank = self.context.bank
        categories = sorted({q.category for q in bank.questions.values()})
        self.query_one("#home-bank", Static).update(Content.assemble(
            (f"{len(bank.questions)}", "bold"), (" questions in ", "$text-muted"),
            (f"{len(categories)}", "bold"), (" categories", "$text-muted"),
        ))
        self._build_menu()
        self.query_one("#home-menu", OptionList).focus()
        self.load_recent()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.load_recent()

    # ------------------------------------------------------------------ recent sessions
    @work(thread=True, exclusive=True, exit_on_error=False, group="recent",
          description="Reading saved sessions")
    def load_recent(self) -> None:
        # The index-backed digests: no full parse of every transcript on each visit home.
        sessions, problems = self.context.store.digests()
        self.post_message(self.RecentLoaded(sessions, len(problems)))
        if self.context.schedule is not None:
            loaded = self.context.schedule.load()
            now = clock.now()
            known = set(self.context.bank.questions)
            self.post_message(self.DueLoaded(len(due_today(loaded.schedule, now, known)),
                                             next_due(loaded.schedule, now, known),
                                             loaded.notices))

    def on_home_screen_due_loaded(self, message: DueLoaded) -> None:
        for notice in message.notices:
            self.notify(notice, title="Review schedule", severity="warning", timeout=12)
        self.due_count = message.due
        callout = self.query_one("#home-due", Static)
        later = (Content.assemble(("Next after today: ", "$text-muted"),
                                  f"{message.next_due:%a %d %b %Y}")
                 if message.next_due else Content(""))
        if message.due:
            callout.update(Content.assemble(
                ("Due for review today: ", "bold $text-accent"),
                (f"{message.due} question{'s' if message.due != 1 else ''}\n", "bold"),
                later, "\n" if message.next_due else "",
                ("Press ", "$text-muted"), ("d", "bold $text-accent"),
                (" to practise them now.", "$text-muted"),
            ))
        elif message.next_due:
            callout.update(Content.assemble(("Nothing due for review today. ", "bold"), later))
        else:
            callout.update(Content.styled(
                "Questions you answer come back here for review when they are due.",
                "$text-muted"))
        self._build_menu()
        self.refresh_bindings()

    def on_home_screen_recent_loaded(self, message: RecentLoaded) -> None:
        self.unfinished = next((d for d in message.sessions if not d.finished and d.questions),
                               None)
        table = self.query_one("#home-recent", DataTable)
        table.clear()
        room = max(12, (table.size.width or self.size.width // 2) - 17 - 9 - 6 - 8)
        # A fixed width, set before the rows: an auto width grown by the rows can race the
        # header's first render and leave the header narrower than its column.
        column = table.columns[ColumnKey("categories")]
        column.width, column.auto_width = room, False
        for t in message.sessions[:RECENT_ROWS]:
            overall = t.overall
            score = (Content.styled("—", "$text-muted") if overall is None
                     else Content.styled(format_score(overall), f"bold {score_colour(overall)}"))
            questions = f"{t.answered}/{t.planned}"
            cats = ", ".join(short_category_name(c) for c in t.categories)
            if not t.finished:
                cats = f"{cats} (unfinished)" if cats else "(unfinished)"
            if len(cats) > room:
                cats = cats[: room - 1] + "…"
            table.add_row(format_started(t.started_at), questions, score, cats)
        empty = self.query_one("#home-recent-empty", Static)
        if not message.sessions:
            empty.update("No sessions yet. Start practice to record your first one.")
        elif message.unreadable:
            empty.update(f"{message.unreadable} saved file(s) could not be read; "
                         "`interviewprep review list` names them.")
        else:
            empty.update("")
        table.display = bool(message.sessions)
        self._show_resume()
        self._build_menu()
        self.refresh_bindings()

    def _show_resume(self) -> None:
        callout = self.query_one("#home-resume", Static)
        t = self.unfinished
        callout.display = t is not None
        if t is None:
            return
        callout.update(Content.assemble(
            ("Unfinished session\n", "bold $text-warning"),
            f"Started {format_started(t.started_at)} · {t.done} of {t.planned} questions done\n",
            ("Press ", "$text-muted"), ("u", "bold $text-accent"),
            (" to pick up where you left off.", "$text-muted"),
        ))

    def _build_menu(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        highlighted = menu.highlighted_option.id if menu.highlighted_option else None
        menu.clear_options()
        for option_id, label, key in MENU:
            if option_id == "resume" and self.unfinished is None:
                continue
            if option_id == "due":
                if not self.due_count:
                    continue
                label = f"{label} ({self.due_count})"
            menu.add_option(Option(Content.assemble(f"{label:<28}", (key, "$text-muted")),
                                   id=option_id))
        ids = [o.id for o in menu.options]
        menu.highlighted = ids.index(highlighted) if highlighted in ids else 0

    @on(OptionList.OptionSelected, "#home-menu")
    def _menu_choice(self, event: OptionList.OptionSelected) -> None:
        action = event.option.id
        if action == "quit":
            self.post_message(QuitRequested())
        elif action:
            getattr(self, f"action_{action}")()

    # ------------------------------------------------------------------ actions
    def action_start(self) -> None:
        from .setup import SetupScreen

        self.app.push_screen(SetupScreen(self.context))

    def action_due(self) -> None:
        if not self.due_count:
            self.notify("Nothing is due for review today.")
            return
        self.post_message(StartSession(SessionSettings(due=True, count=MAX_DUE)))

    def action_resume(self) -> None:
        if self.unfinished is None:
            self.notify("There is no unfinished session to resume.")
            return
        self.post_message(ResumeSession(self.unfinished.id))

    def action_review(self) -> None:
        self._open_lazily("review", "ReviewScreen", "Review")

    def action_progress(self) -> None:
        self._open_lazily("progress", "ProgressScreen", "Progress")

    def _open_lazily(self, module: str, screen_name: str, label: str) -> None:
        """Import a screen only when asked for; a missing or broken one is a notice."""
        from importlib import import_module

        try:
            screen_type = getattr(import_module(f"{__package__}.{module}"), screen_name)
        except ImportError:
            self.notify(f"{label} is not available yet", severity="warning")
            return
        try:
            self.app.push_screen(screen_type(self.context))
        except Exception as exc:  # noqa: BLE001 - a broken screen must not take the app down
            self.notify(f"{label} could not open: {exc}", severity="error")

    def action_browse(self) -> None:
        from .bank_browser import BankBrowserScreen

        self.app.push_screen(BankBrowserScreen(self.context))

    def action_stories(self) -> None:
        from .stories import StoriesScreen

        self.app.push_screen(StoriesScreen(self.context))
    def action_jobs(self) -> None:
        from .job_postings import JobPostingsScreen

        self.app.push_screen(JobPostingsScreen(self.context))

    def action_reload_scorer(self) -> None:
        state = self.context.scorer.state
        if state != "failed":
            self.notify(f"The scorer is already {state}.")
            return
        self.post_message(ReloadScorer())

    def action_quit(self) -> None:
        self.post_message(QuitRequested())

    def on_scorer_changed(self, message: ScorerChanged) -> None:
        self.query_one(ScorerStatus).show(message.state, message.detail)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.unfinished is not None
        if action == "due":
            return self.due_count > 0
        if action == "reload_scorer":
            return self.context.scorer.state == "failed"
        return True
