"""Setup: which questions (category, level, specialization, how many), timer, follow-ups, seed."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, HorizontalGroup, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.validation import Integer
from textual.widgets import Button, Checkbox, Header, Input, Label, Select, Static

from ... import clock
from ...interview import SessionSettings
from ...schedule import due_today
from ...vocabulary import CATEGORY_NAMES, LEVELS, SPECIALIZATIONS
from ..context import ScreenContext
from ..messages import StartSession
from ..widgets.key_footer import KeyFooter

ANY = "any"
SPECIALIZATION_NAMES = {
    "general": "General", "infrastructure": "Infrastructure", "software": "Software delivery",
    "itsm": "IT service management", "cybersecurity": "Cybersecurity", "erp": "ERP",
    "digital-transformation": "Digital transformation",
}
MAX_QUESTIONS = 20


def _choice(value: object) -> str | None:
    return None if value in (ANY, Select.NULL, None) else str(value)


class SetupField(HorizontalGroup):
    """A label on the left, its control on the right, an optional note beside the control."""

    def __init__(self, label: str, *children, note: str = "") -> None:
        super().__init__(classes="setup-field")
        self.label_text = label
        self.children_to_mount = children
        self.note = note

    def compose(self) -> ComposeResult:
        yield Label(self.label_text, classes="setup-label")
        with HorizontalGroup(classes="setup-control"):
            yield from self.children_to_mount
            if self.note:
                yield Static(self.note, classes="setup-note", markup=False)


class SetupScreen(Screen[None]):
    """Choose the session, then Start."""

    HELP_TITLE = "Set up a session"
    HELP_NOTES = [
        "Tab and shift+tab move between fields; Enter opens a list. Leave a filter on 'Any' to "
        "mix. The same seed with the same filters asks the same questions in the same order.",
        "When questions are due for review, up to half of the session is made of them (most "
        "urgent first) and the rest are new questions; clear 'Review' for new questions only. "
        "The filters apply to both.",
    ]
    BINDINGS = [
        Binding("ctrl+s,f2", "start", "Start", id="setup.start", key_display="^s/F2"),
        Binding("escape", "back", "Back", id="setup.back"),
    ]

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context
        self.due: int | None = None
        """Questions due for review today (None until counted)."""

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="setup-scroll"), Center():
            with VerticalGroup(id="setup-form"):
                yield Static("New mock interview", classes="screen-title")
                yield SetupField("Category", Select(
                    [("Any category", ANY), *((name, cid) for cid, name in CATEGORY_NAMES.items())],
                    value=ANY, allow_blank=False, compact=True, id="setup-category"))
                yield SetupField("Level", Select(
                    [("Any level", ANY), *((lvl.capitalize(), lvl) for lvl in LEVELS)],
                    value=ANY, allow_blank=False, compact=True, id="setup-level"))
                yield SetupField("Specialization", Select(
                    [("Any specialization", ANY),
                     *((SPECIALIZATION_NAMES.get(s, s), s) for s in SPECIALIZATIONS)],
                    value=ANY, allow_blank=False, compact=True, id="setup-specialization"))
                yield SetupField("Questions", Input(
                    "5", type="integer", max_length=2, compact=True, id="setup-count",
                    validators=[Integer(minimum=1, maximum=MAX_QUESTIONS)]),
                    note=f"1 to {MAX_QUESTIONS}")
                yield SetupField("Timer", Checkbox("Show the time against the 2-minute target",
                                                   True, id="setup-timer"))
                yield SetupField("Follow-ups", Checkbox(
                    "The interviewer probes once when a key part is missing", True,
                    id="setup-follow-ups"))
                yield SetupField("Review", Checkbox(
                    "Mix in the questions due for review", True, id="setup-mix-due"))
                yield Static(id="setup-due-note", markup=False)
                yield SetupField("Seed", Input(placeholder="random", type="integer", max_length=9,
                                               compact=True, id="setup-seed"),
                                 note="optional: the same seed asks the same questions again")
                yield Static(id="setup-matches", markup=False)
                with HorizontalGroup(id="setup-buttons"):
                    yield Button("Start interview", id="setup-start", variant="primary")
                    yield Button("Back", id="setup-back")
        yield KeyFooter()

    class DueCounted(Message):
        """How many questions are due for review today (counted in a thread)."""

        def __init__(self, due: int) -> None:
            super().__init__()
            self.due = due

    def on_mount(self) -> None:
        self.query_one("#setup-category", Select).focus()
        self._update_matches()
        self.count_due()

    @work(thread=True, exclusive=True, exit_on_error=False, group="due",
          description="Reading the review schedule")
    def count_due(self) -> None:
        if self.context.schedule is None:
            self.post_message(self.DueCounted(0))
            return
        schedule = self.context.schedule.load().schedule
        due = due_today(schedule, clock.now(), set(self.context.bank.questions))
        self.post_message(self.DueCounted(len(due)))

    @on(DueCounted)
    @on(Checkbox.Changed, "#setup-mix-due")
    def _show_due(self, event: Message | None = None) -> None:
        if isinstance(event, self.DueCounted):
            self.due = event.due
        mix = self.query_one("#setup-mix-due", Checkbox).value
        note = self.query_one("#setup-due-note", Static)
        if self.due is None:
            note.update("")
        elif not self.due:
            note.update(Content.styled("Nothing is due for review today: all questions are new.",
                                       "$text-muted"))
        elif mix:
            note.update(Content.assemble(
                (f"{self.due}", "bold"), f" question{'s' if self.due != 1 else ''} due for review "
                "today: up to half of this session will be due questions, the rest new."))
        else:
            note.update(Content.assemble(
                (f"{self.due}", "bold"), " due for review, left out: new questions only."))

    def _filters(self) -> tuple[str | None, str | None, str | None]:
        return (_choice(self.query_one("#setup-category", Select).value),
                _choice(self.query_one("#setup-level", Select).value),
                _choice(self.query_one("#setup-specialization", Select).value))

    def _count(self) -> int | None:
        raw = self.query_one("#setup-count", Input).value.strip()
        try:
            count = int(raw)
        except ValueError:
            return None
        return count if 1 <= count <= MAX_QUESTIONS else None

    @on(Select.Changed)
    @on(Input.Changed, "#setup-count")
    def _update_matches(self) -> None:
        bank = self.context.bank
        pool = len(bank.filter(*self._filters()))
        count = self._count()
        label = self.query_one("#setup-matches", Static)
        start = self.query_one("#setup-start", Button)
        if pool == 0:
            label.update(Content.styled("No questions match these filters: widen one of them.",
                                        "$text-error"))
        elif count is None:
            label.update(Content.styled(f"Number of questions: 1 to {MAX_QUESTIONS}.",
                                        "$text-error"))
        else:
            asked = min(count, pool)
            label.update(Content.assemble(
                (f"{pool}", "bold"), f" question{'s' if pool != 1 else ''} match; ",
                (f"{asked}", "bold"), " will be asked" +
                (" (all of them)" if count > pool else "") + ".",
            ))
        start.disabled = pool == 0 or count is None

    def settings(self) -> SessionSettings | None:
        """The chosen settings, or None (with a message) if a field is invalid."""
        count = self._count()
        if count is None:
            self.notify(f"Number of questions must be 1 to {MAX_QUESTIONS}.", severity="error")
            return None
        raw_seed = self.query_one("#setup-seed", Input).value.strip()
        try:
            seed = int(raw_seed) if raw_seed else None
        except ValueError:
            self.notify("The seed must be a whole number, or empty.", severity="error")
            return None
        category, level, specialization = self._filters()
        return SessionSettings(
            category=category, level=level, specialization=specialization, count=count,
            seed=seed, timer=self.query_one("#setup-timer", Checkbox).value,
            follow_ups=self.query_one("#setup-follow-ups", Checkbox).value,
            mix_due=self.query_one("#setup-mix-due", Checkbox).value,
        )

    @on(Button.Pressed, "#setup-start")
    @on(Input.Submitted)
    def action_start(self) -> None:
        settings = self.settings()
        if settings is not None:
            self.post_message(StartSession(settings))

    @on(Button.Pressed, "#setup-back")
    def action_back(self) -> None:
        self.app.pop_screen()
