"""The question bank: filter by category, level and specialization, search, open, practise."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Select, Static

from ...bank import Question
from ...interview import SessionSettings
from ...vocabulary import CATEGORY_NAMES, LEVELS, SPECIALIZATIONS, short_category_name
from ..context import ScreenContext
from ..messages import StartSession
from ..widgets.key_footer import KeyFooter
from .setup import ANY, SPECIALIZATION_NAMES, _choice

NARROW_BELOW = 100
"""Below this width the table drops the levels column and shortens the category."""


class BankBrowserScreen(Screen[None]):
    """Every loaded question, filtered as you type."""

    HELP_TITLE = "Question bank"
    HELP_NOTES = [
        "Filters combine. The search matches words in the question text or its id. Open a "
        "question to read what a strong answer covers, the tip and the model answer.",
    ]
    HELP_EXTRA_KEYS = [("enter", "Open the highlighted question"),
                       ("tab", "Move between the filters, search and the list")]
    BINDINGS = [
        Binding("p", "practise", "Practise this", id="bank.practise"),
        Binding("slash", "search", "Search", id="bank.search"),
        Binding("escape", "back", "Back", id="bank.back"),
    ]

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with HorizontalGroup(id="bank-filters"):
            yield Select([("Any category", ANY),
                          *((name, cid) for cid, name in CATEGORY_NAMES.items())],
                         value=ANY, allow_blank=False, compact=True, id="bank-category")
            yield Select([("Any level", ANY), *((lvl.capitalize(), lvl) for lvl in LEVELS)],
                         value=ANY, allow_blank=False, compact=True, id="bank-level")
            yield Select([("Any specialization", ANY),
                          *((SPECIALIZATION_NAMES.get(s, s), s) for s in SPECIALIZATIONS)],
                         value=ANY, allow_blank=False, compact=True,
                         id="bank-specialization")
            yield Input(placeholder="Search the questions  ( / )", compact=True, id="bank-search")
        yield DataTable(id="bank-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="bank-count", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Question bank"
        self._questions: list[Question] = []
        self._filled_width = 0
        self.query_one(DataTable).focus()
        self._refilter()

    def on_resize(self, event: events.Resize) -> None:
        if abs(event.size.width - self._filled_width) > 1:
            self._fill()

    @on(Select.Changed)
    @on(Input.Changed, "#bank-search")
    def _refilter(self) -> None:
        bank = self.context.bank
        search = self.query_one("#bank-search", Input).value
        self._questions = bank.filter(
            _choice(self.query_one("#bank-category", Select).value),
            _choice(self.query_one("#bank-level", Select).value),
            _choice(self.query_one("#bank-specialization", Select).value),
            search or None,
        )
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        width = self.size.width or 120
        self._filled_width = width
        narrow = width < NARROW_BELOW
        category_width = 13 if narrow else 22
        fixed = category_width + (0 if narrow else 18) + (4 if narrow else 6)
        text_width = max(24, width - fixed - 4)
        table.clear(columns=True)
        table.add_column("Category", width=category_width)
        if not narrow:
            table.add_column("Levels", width=18)
        table.add_column("Question", width=text_width)
        for q in self._questions:
            text = " ".join(q.text.split())
            if len(text) > text_width:
                text = text[: text_width - 1] + "…"
            if narrow:
                table.add_row(short_category_name(q.category), text, key=q.id)
            else:
                table.add_row(CATEGORY_NAMES.get(q.category, q.category), ", ".join(q.levels), text,
                              key=q.id)
        total = len(self.context.bank.questions)
        self.query_one("#bank-count", Static).update(Content.assemble(
            (f"{len(self._questions)}", "bold"), (f" of {total} questions", "$text-muted"),
            ("  ·  enter opens a question, p practises it", "$text-muted"),
        ))

    def _highlighted(self) -> Question | None:
        table = self.query_one(DataTable)
        if not self._questions or table.cursor_row < 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty table has no cell under the cursor
            return None
        return self.context.bank.get(key) if key else None

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        from .question_detail import QuestionDetailScreen

        question = self.context.bank.get(str(event.row_key.value))
        if question is not None:
            self.app.push_screen(QuestionDetailScreen(self.context, question))

    @on(Input.Submitted, "#bank-search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_practise(self) -> None:
        question = self._highlighted()
        if question is None:
            self.notify("No question is highlighted.", severity="warning")
            return
        self.post_message(StartSession(SessionSettings(question_ids=[question.id])))

    def action_search(self) -> None:
        self.query_one("#bank-search", Input).focus()

    def action_back(self) -> None:
        if self.focused is self.query_one("#bank-search", Input):
            self.query_one(DataTable).focus()
            return
        self.app.pop_screen()
