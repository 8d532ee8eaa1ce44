"""Review past sessions: a filterable list, a preview, and a detail view of one transcript.

From the detail view a question can be practised again (a retry session that remembers the
earlier score), the session exported to Markdown, or moved to the trash after a confirmation.
Files that cannot be read are reported once as a warning and otherwise left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.validation import Function
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Markdown,
    OptionList,
    Select,
    Static,
)
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from ... import locations
from ...fileio import atomic_write_text, target_problem
from ...interview.session import SessionSettings
from ...transcripts import Transcript, TranscriptError
from ...transcripts.export import (
    format_duration,
    format_score,
    format_started,
    questions_markdown,
    settings_summary,
    to_markdown,
    turn_markdown,
)
from ...transcripts.index import SessionDigest
from ...vocabulary import CATEGORIES, CATEGORY_NAMES, short_category_name
from ..context import ScreenContext
from ..dialogs.confirm import ConfirmDialog
from ..messages import StartSession
from ..widgets.display import format_clock, score_colour

if TYPE_CHECKING:
    from ...transcripts import UnreadableTranscript

BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
"""Below 110 columns the preview pane is hidden and the detail view stacks vertically."""


def export_session(screen: Screen[Any], context: ScreenContext, session_id: str) -> Path | None:
    """Write the session as Markdown into the exports folder and say where; None on failure."""
    try:
        transcript = context.store.load(session_id)
        path = locations.export_path(transcript.id)  # a safe name inside the exports folder
        problem = target_problem(path, overwrite=True)
        if problem:
            raise OSError(problem)
        atomic_write_text(path, to_markdown(transcript, context.bank))
    except (TranscriptError, OSError) as exc:
        screen.notify(str(exc), title="Export failed", severity="error")
        return None
    screen.notify(context.show_path(path), title="Exported to Markdown", timeout=8)
    return path


# ------------------------------------------------------------------ trash
def confirm_and_trash(screen: Screen[Any], context: ScreenContext, session_id: str, what: str,
                      then: Callable[[], object] | None = None) -> None:
    """Ask, then move the session's file to the trash; `then()` runs after a move."""

    def decided(go: bool | None) -> None:
        if not go:
            return
        try:
            target = context.store.delete(session_id)
        except (TranscriptError, OSError) as exc:
            screen.notify(str(exc), title="Could not move to the trash", severity="error")
            return
        screen.notify(f"{what}\n→ {context.show_path(target)}", title="Moved to the trash")
        if then is not None:
            then()

    screen.app.push_screen(ConfirmDialog(
        "Move this session to the trash?",
        f"{what}\n\nThe file is moved to the trash folder, not erased.",
        yes="Move to trash", no="Keep it"), decided)


def describe(session_id: str, started_at: str, questions: int, overall: float | None) -> str:
    return (f"{format_started(started_at)} · {questions} question{'s' if questions != 1 else ''}"
            f" · overall {format_score(overall)} ({session_id})")


# ------------------------------------------------------------------ detail view
class SessionDetailScreen(Screen[bool]):
    """One saved session: every answer with its feedback and evidence, and the model answers.

    Dismisses with True when the session was moved to the trash.
    """

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    HELP_TITLE = "Session detail"
    HELP_NOTES = [
        "The whole session: each answer, the feedback that counted (elements with the evidence "
        "sentence, hints for what was missing, delivery notes) and the bank's model answer; at the "
        "end, your questions for the interviewer with their verdicts.",
        "Pick a question on the list to jump to it; Tab moves into the transcript to scroll it. "
        "Retry asks the highlighted question again in a new session without follow-ups and "
        "shows how the new score compares with this one.",
    ]
    BINDINGS = [
        Binding("escape", "back", "Back", id="review_detail.back"),
        Binding("t", "retry", "Retry", id="review_detail.retry",
                tooltip="Practise the highlighted question again, without follow-ups"),
        Binding("e", "export", "Export", id="review_detail.export",
                tooltip="Write this session as Markdown into the data folder"),
        Binding("d", "delete", "Delete", id="review_detail.delete"),
        Binding("n", "next_question(1)", "Next", id="review_detail.next", show=False),
        Binding("p", "next_question(-1)", "Previous", id="review_detail.previous",
                show=False),
    ]

    def __init__(self, context: ScreenContext, transcript: Transcript) -> None:
        super().__init__()
        self.context = context
        self.transcript = transcript
        self._follow_list = False
        """Scroll the transcript to the highlighted question (off until the first paint, so
        the session header stays in view on opening)."""

    def compose(self) -> ComposeResult:
        t = self.transcript
        yield Header()
        yield Static(self._summary(), id="detail-summary")
        yield Static(self._model_line(), id="detail-model", markup=False)
        with Horizontal(id="detail-body"):
            options = [self._question_option(n, turn) for n, turn in enumerate(t.turns, 1)]
            yield OptionList(*options, id="detail-questions")
            with VerticalScroll(id="detail-transcript"):
                for n, turn in enumerate(t.turns, 1):
                    yield Markdown(turn_markdown(turn, n, self.context.bank, level=2),
                                   id=f"turn-{n}",
                                   classes="detail-turn" + (" -later" if n > 1 else ""))
                if not t.turns:
                    yield Static("No questions were asked in this session.")
                asked = questions_markdown(t, level=2)
                if asked:
                    yield Markdown(asked, id="detail-asked", classes="detail-turn -later")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Review"
        self.sub_title = format_started(self.transcript.started_at)
        questions = self.query_one("#detail-questions", OptionList)
        if self.transcript.turns:
            questions.highlighted = 0
        questions.focus()
        self.call_after_refresh(self._start_following)

    def _start_following(self) -> None:
        self._follow_list = True

    def _summary(self) -> Content:
        t = self.transcript
        overall = t.overall
        parts: list[Any] = [
            (format_started(t.started_at, long=True), "bold"), "  ·  overall ",
            (f"{format_score(overall)}", f"bold {score_colour(overall)}"),
            f"  ·  {format_duration(t.seconds)} answering",
        ]
        if not t.finished:
            parts += ["  ·  ", ("not finished", "$text-warning")]
        settings = settings_summary(t.settings)
        if t.retry_of:
            was = t.retry_of.overall
            settings = f"retry of {t.retry_of.session}" + (
                f" (scored {was} then)" if was is not None else "")
        parts += ["\n", (settings, "$text-muted")]
        return Content.assemble(*parts)

    def _model_line(self) -> str:
        model = self.transcript.model
        if not model:
            return ""
        return (f"scored with {model.get('card', '?')}, calibration "
                f"{model.get('calibration', '?')}")

    def _question_option(self, n: int, turn: Any) -> Option:
        score = "skip" if turn.skipped else format_score(turn.overall)
        prompt = Content.assemble(
            (f"{n:>2}.", "$text-muted"), (f"{score:>5}", f"bold {score_colour(turn.overall)}"),
            "  ",
            turn.question_text,
        )
        return Option(prompt, id=f"q{n}")

    # -------------------------------------------------------------- navigation
    @property
    def current_index(self) -> int | None:
        highlighted = self.query_one("#detail-questions", OptionList).highlighted
        return highlighted if highlighted is not None and self.transcript.turns else None

    @on(OptionList.OptionHighlighted, "#detail-questions")
    def _jump(self, event: OptionList.OptionHighlighted) -> None:
        if not self._follow_list:
            return
        target = self.query_one(f"#turn-{event.option_index + 1}")
        self.query_one("#detail-transcript", VerticalScroll).scroll_to_widget(
            target, top=True, animate=False)

    @on(OptionList.OptionSelected, "#detail-questions")
    def _read(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#detail-transcript", VerticalScroll).focus()

    def action_next_question(self, step: int) -> None:
        questions = self.query_one("#detail-questions", OptionList)
        if not self.transcript.turns:
            return
        current = questions.highlighted if questions.highlighted is not None else -step
        questions.highlighted = max(0, min(len(self.transcript.turns) - 1, current + step))

    # -------------------------------------------------------------- actions
    def action_back(self) -> None:
        self.dismiss(False)


    def action_retry(self) -> None:
        index = self.current_index
        if index is None:
            self.notify("This session has no questions to retry.", severity="warning")
            return
        turn = self.transcript.turns[index]
        if self.context.bank.get(turn.question_id) is None:
            self.notify(f"'{turn.question_id}' is no longer in the question bank.",
                        title="Cannot retry", severity="error")
            return
        self.post_message(StartSession(
            SessionSettings(question_ids=[turn.question_id], follow_ups=False),
            retry_of={"session": self.transcript.id, "question_id": turn.question_id,
                      "overall": turn.overall},
        ))

    def action_export(self) -> None:
        export_session(self, self.context, self.transcript.id)

    def action_delete(self) -> None:
        t = self.transcript
        confirm_and_trash(self, self.context, t.id, describe(t.id, t.started_at, len(t.turns), t.overall),
                          then=lambda: self.dismiss(True))


# ------------------------------------------------------------------ the list
@dataclass
class SessionFilter:
    """What the list shows: sessions with this category, started on or after this date."""

    category: str | None = None
    since: date | None = None

    def keep(self, session: SessionDigest) -> bool:
        if self.category and self.category not in session.categories:
            return False
        return not self.since or session.date >= self.since.isoformat()


def _valid_date(value: str) -> bool:
    try:
        date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


class ReviewScreen(Screen[None]):
    """Saved sessions, newest first, with filters and a preview of the highlighted one."""

    HORIZONTAL_BREAKPOINTS = BREAKPOINTS
    AUTO_FOCUS = ""
    """Nothing takes focus on mount: the table does once the sessions are loaded (a loading
    widget cannot take focus, and the filters must not catch the first keys)."""
    HELP_TITLE = "Review past sessions"
    HELP_NOTES = [
        "Every saved session, newest first. Filter by category, or by start date: type a date "
        "as YYYY-MM-DD (e.g. 2025-03-01) to see that day and later.",
        "Enter opens a session with every answer, its feedback and evidence; from there you can "
        "retry a question. Deleted sessions go to the trash folder and are never erased. Files "
        "that cannot be read are reported and left untouched.",
    ]
    BINDINGS = [
        Binding("escape", "back", "Back", id="review.back"),
        Binding("enter", "open", "Open", id="review.open"),
        Binding("e", "export", "Export", id="review.export",
                tooltip="Write the highlighted session as Markdown into the data folder"),
        Binding("d", "delete", "Delete", id="review.delete"),
        Binding("c", "focus_filter('#review-category')", "Filter by category",
                id="review.category", show=False),
        Binding("s", "focus_filter('#review-since')", "Filter by start date", id="review.since",
                show=False),
        Binding("f5", "reload", "Reload the list", id="review.reload", show=False),
    ]

    class SessionsLoaded(Message):
        """The session digests were read (posted from the loading thread)."""

        def __init__(self, sessions: list[SessionDigest],
                     problems: list[UnreadableTranscript]) -> None:
            super().__init__()
            self.sessions = sessions
            self.problems = problems

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context
        self.sessions: list[SessionDigest] = []
        """Every readable session, newest first (before filtering)."""
        self.session_filter = SessionFilter()
        """The filters currently applied to the table."""
        self._reported: set[str] = set()
        """Unreadable files already reported, so each is announced once per visit."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-filters"):
            yield Select([(CATEGORY_NAMES[c], c) for c in CATEGORIES], prompt="All categories",
                         id="review-category")
            yield Input(placeholder="since YYYY-MM-DD", id="review-since", max_length=10,
                        validators=[Function(_valid_date, "Type a date as YYYY-MM-DD")],
                        valid_empty=True)
            yield Static("", id="review-count")
        with Horizontal(id="review-body"):
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="review-preview")
        yield Static("", id="review-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Review"
        self.sub_title = "past sessions"
        table = self.query_one("#review-table", DataTable)
        table.add_column("Started", key="started")
        # Content cells are not measured by DataTable, so their columns get fixed widths.
        table.add_column(Text(" Qs"), key="questions")
        table.add_column(Text("Score"), key="score", width=5)
        table.add_column(Text(" Time"), key="time")
        table.add_column("Categories", key="categories")
        table.loading = True
        self.load_sessions()

    def on_screen_resume(self) -> None:
        # Back from a detail view or a retry session: the folder may have changed.
        if not self.query_one("#review-table", DataTable).loading:
            self.load_sessions()

    # -------------------------------------------------------------- loading
    @work(thread=True, exclusive=True, exit_on_error=False, group="review-load",
          description="Reading saved sessions")
    def load_sessions(self) -> None:
        sessions, problems = self.context.store.digests()
        self.post_message(self.SessionsLoaded(sessions, problems))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "review-load" and event.state == WorkerState.ERROR:
            self.query_one("#review-table", DataTable).loading = False
            self.notify(str(event.worker.error), title="Could not read saved sessions",
                        severity="error")

    def on_review_screen_sessions_loaded(self, message: SessionsLoaded) -> None:
        self.sessions = message.sessions
        table = self.query_one("#review-table", DataTable)
        table.loading = False
        self._report(message.problems)
        self.refresh_table()
        if self.focused is None:
            table.focus()  # a loading widget cannot take focus, so it is given now

    def _report(self, problems: list[UnreadableTranscript]) -> None:
        new = [p for p in problems if p.path.name not in self._reported]
        if not new:
            return
        self._reported.update(p.path.name for p in new)
        lines = [f"{p.path.name}: {p.reason}" for p in new[:3]]
        if len(new) > 3:
            lines.append(f"... and {len(new) - 3} more (see `interviewprep review list`)")
        one = len(new) == 1
        self.notify("\n".join(lines) + ("\nIt was" if one else "\nThey were")
                    + " skipped and left untouched.",
                    title=("A saved session file could not be read" if one else
                           f"{len(new)} saved session files could not be read"),
                    severity="warning", timeout=12)

    # -------------------------------------------------------------- table
    @property
    def shown_sessions(self) -> list[SessionDigest]:
        """The sessions that pass the filters (not `visible`, which is Textual's)."""
        return [s for s in self.sessions if self.session_filter.keep(s)]

    def refresh_table(self) -> None:
        table = self.query_one("#review-table", DataTable)
        keep = self.selected_id
        table.clear()
        shown = self.shown_sessions
        for s in shown:
            questions = str(s.questions) if s.finished else f"{s.answered}/{s.planned}"
            categories = ", ".join(short_category_name(c) for c in s.categories)
            if s.retry_of:
                categories += "  ↻ retry"
            if not s.finished:
                categories += "  · unfinished"
            table.add_row(
                Text(format_started(s.started_at)),
                Text(f"{questions:>3}"),
                Content.styled(f"{format_score(s.overall):>5}", f"bold {score_colour(s.overall)}"),
                Text(f"{format_clock(round(s.seconds)):>5}"),
                Text(categories),
                key=s.id,
            )
        if keep and any(s.id == keep for s in shown):
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        total = len(self.sessions)
        count = (f"{total} session{'s' if total != 1 else ''}" if len(shown) == total
                 else f"{len(shown)} of {total} sessions")
        self.query_one("#review-count", Static).update(count)
        empty = self.query_one("#review-empty", Static)
        if not shown:
            empty.update("No saved sessions match these filters." if total else
                         "No saved sessions yet. Practise from the home screen, then come back "
                         "here to read your answers and feedback.")
        self.set_class(not shown, "-empty")
        self._update_preview()

    @property
    def selected_id(self) -> str | None:
        table = self.query_one("#review-table", DataTable)
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - no row under the cursor
            return None
        return str(key.value) if key.value is not None else None

    @property
    def selected(self) -> SessionDigest | None:
        wanted = self.selected_id
        return next((s for s in self.sessions if s.id == wanted), None) if wanted else None

    @on(DataTable.RowHighlighted, "#review-table")
    def _highlighted(self) -> None:
        self._update_preview()

    def _update_preview(self) -> None:
        preview = self.query_one("#review-preview", Static)
        s = self.selected
        if s is None:
            preview.update("")
            return
        parts: list[Any] = [(format_started(s.started_at, long=True), "bold"), "\n"]
        status = "finished" if s.finished else "not finished"
        parts += [(f"{s.answered} answered · {format_duration(s.seconds)} · {status}",
                   "$text-muted"), "\n\n"]
        for turn in s.turns:
            score = "skip" if turn.overall is None else str(turn.overall)
            retries = f" ×{turn.attempts}" if turn.attempts > 1 else ""
            parts += [(f"{score:>4}", f"bold {score_colour(turn.overall)}"),
                      (retries, "$text-muted"), f"  {turn.question_text}\n"]
        if s.retry_of:
            parts += ["\n", (f"Retry of {s.retry_of.get('session')}", "$text-muted")]
        parts += ["\n", ("Enter: read the answers and feedback", "$text-muted")]
        preview.update(Content.assemble(*parts))

    # -------------------------------------------------------------- filters
    @on(Select.Changed, "#review-category")
    def _category(self, event: Select.Changed) -> None:
        value = event.value
        self.session_filter.category = None if value is Select.NULL else str(value)
        self.refresh_table()

    @on(Input.Changed, "#review-since")
    def _since(self, event: Input.Changed) -> None:
        text = event.value.strip()
        if not text:
            self.session_filter.since = None
        elif _valid_date(text):
            self.session_filter.since = date.fromisoformat(text)
        else:
            return  # still typing; keep the last good filter
        self.refresh_table()

    @on(Input.Submitted, "#review-since")
    def _since_done(self, event: Input.Submitted) -> None:
        if event.validation_result and not event.validation_result.is_valid:
            self.notify("Type the date as YYYY-MM-DD, e.g. 2025-03-01.", severity="warning")
            return
        self.query_one("#review-table", DataTable).focus()

    def action_focus_filter(self, selector: str) -> None:
        self.query_one(selector).focus()

    # -------------------------------------------------------------- actions
    @on(DataTable.RowSelected, "#review-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        session_id = self.selected_id
        if session_id is None:
            return
        try:
            transcript = self.context.store.load(session_id)
        except TranscriptError as exc:
            self.notify(str(exc), title="Cannot open the session", severity="error")
            return

        def closed(deleted: bool | None) -> None:
            if deleted:
                self.load_sessions()

        self.app.push_screen(SessionDetailScreen(self.context, transcript), closed)

    def action_export(self) -> None:
        session_id = self.selected_id
        if session_id is not None:
            export_session(self, self.context, session_id)

    def action_delete(self) -> None:
        s = self.selected
        if s is None:
            return
        confirm_and_trash(self, self.context, s.id, describe(s.id, s.started_at, s.questions, s.overall),
                          then=self.load_sessions)

    def action_reload(self) -> None:
        self._reported.clear()
        self.load_sessions()

    def action_back(self) -> None:
        if isinstance(self.focused, (Input, Select)):
            # Escape in a filter goes back to the list first, not off the screen.
            self.query_one("#review-table", DataTable).focus()
            return
        self.app.pop_screen()

