"""The bank's model answer for a question, with its tip, in a scrollable modal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalGroup, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ...bank import NO_MODEL_ANSWER, Question


class ModelAnswerDialog(ModalScreen[None]):
    """What a strong candidate might say; read it, then answer again in your own words."""

    BINDINGS = [
        Binding("escape,m,f3,enter", "close", "Close", id="model_answer.close"),
    ]

    def __init__(self, question: Question) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question

    def compose(self) -> ComposeResult:
        with VerticalGroup(classes="dialog -wide"):
            yield Static("Model answer", classes="dialog-title")
            with VerticalScroll(classes="dialog-scroll"):
                yield Static(self.question.text, classes="dialog-question", markup=False)
                yield Static(self.question.model_answer or NO_MODEL_ANSWER, classes="dialog-body",
                             markup=False)
                if self.question.tip:
                    yield Static(Content.assemble(("Tip  ", "bold $text-accent"),
                                                  self.question.tip), classes="dialog-tip")
            yield Static(Content.styled("esc / m  close", "$text-muted"), classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss()
