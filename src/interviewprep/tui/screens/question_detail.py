"""One question from the bank: what a strong answer covers, the tip, the model answer."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from ...bank import NO_MODEL_ANSWER, Question
from ...interview import SessionSettings
from ...vocabulary import CATEGORY_NAMES
from ..context import ScreenContext
from ..messages import StartSession
from ..widgets.bullets import BulletList
from ..widgets.key_footer import KeyFooter
from .setup import SPECIALIZATION_NAMES


class QuestionDetailScreen(Screen[None]):
    """Read a question before practising it."""

    HELP_TITLE = "Question"
    HELP_NOTES = ["The arrow keys and page up/down scroll. Press p to answer this question "
                  "in a one-question session."]
    BINDINGS = [
        Binding("p", "practise", "Practise this question", id="question.practise"),
        Binding("escape,backspace", "back", "Back", id="question.back"),
    ]

    def __init__(self, context: ScreenContext, question: Question) -> None:
        super().__init__()
        self.context = context
        self.question = question

    def compose(self) -> ComposeResult:
        q = self.question
        bank = self.context.bank
        yield Header(icon="◆")
        with VerticalScroll(id="question-scroll"):
            yield Static(q.text, id="question-text", markup=False)
            yield Static(Content.assemble(
                (CATEGORY_NAMES.get(q.category, q.category), "bold $text-accent"),
                ("  ·  ", "$text-muted"), ", ".join(lvl.capitalize() for lvl in q.levels),
                ("  ·  ", "$text-muted"),
                ", ".join(SPECIALIZATION_NAMES.get(s, s) for s in q.specializations),
                ("  ·  ", "$text-muted"), (q.id, "$text-muted"),
            ), id="question-meta")
            yield Static("What a strong answer covers", classes="section-title")
            rows = []
            for ref in q.elements:
                element = bank.elements.get(ref.id)
                name = element.name if element else ref.id
                weight = f" ×{ref.weight:g}" if ref.weight != 1 else ""
                rows.append(Content.assemble(
                    (name, "bold"), (weight, "$text-warning"),
                    (" — " + element.definition if element else "", "")))
            yield BulletList(rows, classes="question-section")
            if q.tip:
                yield Static("Tip", classes="section-title")
                yield Static(q.tip, classes="question-section", markup=False)
            yield Static("Model answer", classes="section-title")
            yield Static(q.model_answer or NO_MODEL_ANSWER, classes="question-section question-model",
                         markup=False)
            if q.follow_ups:
                yield Static("Follow-ups an interviewer may ask", classes="section-title")
                yield BulletList(q.follow_ups, classes="question-section")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Question"
        self.query_one("#question-scroll").focus()

    def action_practise(self) -> None:
        self.post_message(StartSession(SessionSettings(question_ids=[self.question.id])))

    def action_back(self) -> None:
        self.app.pop_screen()
