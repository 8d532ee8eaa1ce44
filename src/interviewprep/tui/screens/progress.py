"""Progress across sessions: trends by category and element, and what to practise next."""

from __future__ import annotations

from datetime import date, datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from ... import clock
from ...interview.session import SessionSettings
from ...schedule import forecast, next_due
from ...transcripts.export import format_duration, format_started
from ...transcripts.progress import ProgressReport, Trend, progress_report
from ...vocabulary import CATEGORY_NAMES
from ..context import ScreenContext
from ..messages import StartSession
from ..widgets.display import score_colour
from .review import BREAKPOINTS

SPARK_WIDTH = 16
"""Sessions shown in a trend line (the most recent ones)."""
NAME_WIDTH = 22
QUEUE_WEEKS = 4
"""How far ahead the review queue is shown."""
QUEUE_BAR = 16
"""Width of the longest bar in the review queue."""
WEAK_ELEMENTS_SHOWN = 3
"""Weakest elements listed with their hints (the full list is in the trends)."""


def trend_line(trend: Trend, high: float, digits: int, name: str | None = None,
               name_width: int = NAME_WIDTH) -> Content:
    """'Risk                  ▂▃▅▆   0.62  +0.31': name, sparkline, latest value, change."""
    low = 0.0
    spark = trend.spark(low, high)[-SPARK_WIDTH:]
    latest = trend.latest or 0.0
    change = trend.change
    if change is None:
        delta: tuple[str, str] = ("", "")
    else:
        threshold = 0.5 * 10 ** -digits
        sign = "+" if change > threshold else ("" if change < -threshold else "±")
        style = ("$text-success" if change > threshold else
                 "$text-error" if change < -threshold else "$text-muted")
        delta = (f"{sign}{change:.{digits}f}", style)
    name = name or trend.name
    name = name if len(name) <= name_width else name[:name_width - 1] + "…"
    return Content.assemble(
        f"{name:<{name_width}} ", (f"{spark:<{SPARK_WIDTH}}", "$text-accent"),
        f" {latest:>5.{digits}f}  ", delta,
    )


def queue_lines(days: list[tuple[date, int]]) -> Content:
    """'Due today  ■■ 2', the next six days, then one line per week: questions coming due."""
    if not any(n for _d, n in days):
        return Content.styled("Nothing scheduled yet: every question you answer comes back "
                              "here for review.", "$text-muted")
    rows = [("Due today", days[0][1]), ("Next 6 days", sum(n for _d, n in days[1:7]))]
    for week in range(7, len(days), 7):
        chunk = days[week:week + 7]
        rows.append((f"Week of {chunk[0][0]:%d %b}", sum(n for _d, n in chunk)))
    width = max(1, max(n for _l, n in rows))
    return Content("\n").join(
        Content.assemble(f"{label:<15}", ("■" * max(0, round(QUEUE_BAR * n / width)) if n else "·",
                                          "$text-accent" if n else "$text-muted"),
                         (f" {n}" if n else "", "bold"))
        for label, n in rows)


class ProgressScreen(Screen[None]):
    """Scores over time and the weakest spots, with a one-key way to practise them."""

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    HELP_TITLE = "Progress"
    HELP_NOTES = [
        "Each trend line has one bar per session in which the thing was measured, oldest on "
        "the left (the last 16 sessions). Categories are scored 0-100; elements are coverage "
        "from 0 to 1. After the bars: the latest value, then the change since the first session.",
        "The review queue counts the questions coming due for review: today (overdue ones "
        "included), the next six days, then week by week.",
        "Weakest elements have the lowest mean over the last 3 sessions that asked for them. "
        "Practise these starts a session on the questions whose latest score was lowest; Enter "
        "on one question practises just that one.",
    ]
    BINDINGS = [
        Binding("escape", "back", "Back", id="progress.back"),
        Binding("p", "practise", "Practise these", id="progress.practise"),
        Binding("f5", "reload", "Reload", id="progress.reload"),
    ]

    class ReportReady(Message):
        """The progress report was built (posted from the loading thread)."""

        def __init__(self, report: ProgressReport, unreadable: int) -> None:
            super().__init__()
            self.report = report
            self.unreadable = unreadable

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context
        self.report: ProgressReport | None = None
        """The report on screen; None while loading."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="progress-totals")
        with ScrollableContainer(id="progress-body"):
            with VerticalScroll(id="progress-trends"):
                yield Label("Overall (score 0-100)", classes="progress-heading -first")
                yield Static("", id="progress-overall")
                yield Label("By category (score 0-100)", classes="progress-heading")
                yield Static("", id="progress-categories")
                yield Label("By element (coverage 0-1)", classes="progress-heading")
                yield Static("", id="progress-elements")
            with Vertical(id="progress-weak"):
                yield Label(f"Review queue, next {QUEUE_WEEKS} weeks",
                            classes="progress-heading -first")
                yield Static("", id="progress-queue")
                yield Label("Weakest elements, recently", classes="progress-heading")
                yield Static("", id="progress-weak-elements")
                yield Label("Questions to practise again", classes="progress-heading")
                yield OptionList(id="progress-questions")
                yield Button("Practise these  (p)", id="progress-practise", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Progress"
        self.sub_title = "across all sessions"
        self.query_one("#progress-body").loading = True
        self.load_report()

    def _focus_scroller(self) -> None:
        # Wide: the trends scroll on their own; narrow: the whole page scrolls as one.
        self.query_one("#progress-body" if self.has_class("-narrow") else "#progress-trends"
                       ).focus()

    def on_screen_resume(self) -> None:
        # Back from a practice session started here: the new scores belong on screen.
        if self.report is not None:
            self.load_report()

    # -------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, exit_on_error=False, group="progress-load",
          description="Building the progress report")
    def load_report(self) -> None:
        sessions, problems = self.context.store.digests()
        names = {key: element.name for key, element in self.context.bank.elements.items()}
        report = progress_report(sessions, CATEGORY_NAMES, names)
        self.post_message(self.ReportReady(report, len(problems)))
        if self.context.schedule is not None:
            schedule = self.context.schedule.load().schedule
            now = clock.now()
            known = set(self.context.bank.questions)
            self.post_message(self.QueueReady(forecast(schedule, now, QUEUE_WEEKS * 7, known),
                                              next_due(schedule, now, known)))

    class QueueReady(Message):
        """Questions coming due on each of the next weeks' days (read in a thread)."""

        def __init__(self, days: list[tuple[date, int]], next_due: datetime | None) -> None:
            super().__init__()
            self.days = days
            self.next_due = next_due

    def on_progress_screen_queue_ready(self, message: QueueReady) -> None:
        self.query_one("#progress-queue", Static).update(queue_lines(message.days))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "progress-load" and event.state == WorkerState.ERROR:
            self.query_one("#progress-body").loading = False
            self.notify(str(event.worker.error), title="Could not build the progress report",
                        severity="error")

    def on_progress_screen_report_ready(self, message: ReportReady) -> None:
        self.report = message.report
        self.query_one("#progress-body").loading = False
        if message.unreadable:
            self.notify(f"{message.unreadable} saved session file(s) could not be read and are "
                        "left out; the Review screen lists them.", severity="warning")
        self.show_report(message.report)
        if self.focused is None:
            self._focus_scroller()  # a loading container cannot take focus earlier

    # -------------------------------------------------------------- drawing
    def show_report(self, report: ProgressReport) -> None:
        totals = self.query_one("#progress-totals", Static)
        if report.empty:
            totals.update(Content.assemble(
                ("No answered questions yet.", "bold"), "\n",
                ("Practise from the home screen; your trends and weakest spots appear here.",
                 "$text-muted")))
            for selector in ("#progress-overall", "#progress-categories", "#progress-elements",
                             "#progress-weak-elements"):
                self.query_one(selector, Static).update("")
            self.query_one("#progress-questions", OptionList).clear_options()
            self.query_one("#progress-practise", Button).disabled = True
            return
        first = format_started(report.first_session or "")[:10]
        last = format_started(report.last_session or "")[:10]
        span = first if first == last else f"{first} to {last}"
        plural = "s" if report.sessions != 1 else ""
        totals.update(Content.assemble(
            (f"{report.sessions}", "bold"), f" session{plural}  ·  ",
            (f"{report.answers}", "bold"), " answers  ·  ",
            (format_duration(report.seconds), "bold"), " practised\n",
            (f"{report.attempts} attempts incl. retries · {report.skipped} skipped · {span}",
             "$text-muted"),
            *self._asked(report),
        ))
        overall = trend_line(report.overall, 100, 0, name="All answers")
        spoken = report.spoken
        if spoken.answers:
            overall = Content("\n").join([
                overall,
                Content.assemble(
                    ("Spoken  ", "bold"),
                    f"{spoken.answers} answers · {spoken.words_per_minute:.0f} wpm · "
                    f"{spoken.fillers_per_minute:.1f} fillers/min · {spoken.long_pauses:.1f} "
                    f"long pauses · {spoken.seconds:.0f} s each", ("  (comfortable: 110-160 wpm)",
                                                                  "$text-muted")),
            ])
        self.query_one("#progress-overall", Static).update(overall)
        self.query_one("#progress-categories", Static).update(
            Content("\n").join(trend_line(t, 100, 0) for t in report.categories))
        self.query_one("#progress-elements", Static).update(
            Content("\n").join(trend_line(t, 1, 2) for t in report.elements))
        self._show_weakest(report)

    @staticmethod
    def _asked(report: ProgressReport) -> list[str | tuple[str, str]]:
        """Your questions for the interviewer, all sessions (nothing when none were asked)."""
        asked = report.questions_asked
        if not sum(asked.values()):
            return []
        return ["\n", ("Your questions for the interviewer: ", "$text-muted"),
                (f"{asked['strong']} strong", "bold $text-success"), " · ",
                (f"{asked['fair']} fair", "$text-warning"), " · ", (f"{asked['weak']} weak", "$text-error")]

    def _show_weakest(self, report: ProgressReport) -> None:
        bank = self.context.bank
        lines: list[Content] = []
        for trend in report.weakest_elements[:WEAK_ELEMENTS_SHOWN]:
            element = bank.elements.get(trend.id)
            lines.append(Content.assemble(
                (f"{trend.recent or 0:.2f}", score_colour((trend.recent or 0) * 100)),
                "  ", (trend.name, "bold")))
            if element is not None:
                lines.append(Content.styled(f"      {element.hint}", "$text-muted"))
                lines.append(Content(""))
        if not lines:
            lines.append(Content.styled("Every element averages 0.5 or more lately.",
                                        "$text-muted"))
        self.query_one("#progress-weak-elements", Static).update(
            Content("\n").join(lines).rstrip())
        questions = self.query_one("#progress-questions", OptionList)
        questions.clear_options()
        for record in report.weakest_questions:
            gone = bank.get(record.question_id) is None
            text = record.text if len(record.text) <= 90 else record.text[:89].rstrip() + "…"
            prompt = Content.assemble(
                (f"{record.latest:>3}", f"bold {score_colour(record.latest)}"), "  ", text,
                (" (no longer in the bank)" if gone else "", "$text-muted"))
            questions.add_option(Option(prompt, id=record.question_id, disabled=gone))
        if not report.weakest_questions:
            questions.add_option(Option(
                Content.styled("Nothing scored under 60 lately.", "$text-muted"), disabled=True))
        self.query_one("#progress-practise", Button).disabled = not self.practise_ids

    @property
    def practise_ids(self) -> list[str]:
        """The weakest questions that are still in the bank, weakest first."""
        if self.report is None:
            return []
        bank = self.context.bank
        return [q.question_id for q in self.report.weakest_questions
                if bank.get(q.question_id) is not None]

    # -------------------------------------------------------------- actions
    def _practise(self, question_ids: list[str]) -> None:
        if not question_ids:
            self.notify("No weak questions to practise: nothing scored under 60 lately.")
            return
        self.post_message(StartSession(SessionSettings(question_ids=question_ids,
                                                       count=len(question_ids))))

    def action_practise(self) -> None:
        self._practise(self.practise_ids)

    @on(Button.Pressed, "#progress-practise")
    def _practise_pressed(self) -> None:
        self.action_practise()

    @on(OptionList.OptionSelected, "#progress-questions")
    def _practise_one(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._practise([event.option.id])

    def action_reload(self) -> None:
        self.load_report()

    def action_back(self) -> None:
        self.app.pop_screen()


