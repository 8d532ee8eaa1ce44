"""The last five minutes: the interviewer asks for your questions, and each one is rated.

Rating runs in a thread worker (it loads the rater once, sharing the scorer's model) that posts
`QuestionsRated`; the box is locked until then. The verdicts are saved in the transcript.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, LoadingIndicator, Static, TextArea
from textual.worker import Worker, WorkerState

from ...asking import QuestionVerdict
from ...interview import InterviewSession
from ..context import ScreenContext
from ..widgets.answer import AnswerBox
from ..widgets.key_footer import KeyFooter

VERDICT_STYLE = {"strong": "bold $text-success", "fair": "bold $text-warning", "weak": "bold $text-error"}


class VerdictCard(Vertical):
    """One of your questions with its verdict, reasons and, when weak, a better question."""

    def __init__(self, number: int, verdict: QuestionVerdict) -> None:
        super().__init__(classes=f"verdict -{verdict.verdict}")
        self.verdict = verdict
        self.number = number

    def compose(self) -> ComposeResult:
        v = self.verdict
        yield Static(Content.assemble((f"{self.number}. ", "bold"),
                                      (v.verdict.upper(), VERDICT_STYLE[v.verdict]),
                                      (" │ ", "$text-muted"), v.text), classes="verdict-question")
        for reason in v.reasons:
            yield Static(Content.assemble(("· ", "$text-muted"), reason), classes="verdict-reason")
        if v.rewrite:
            yield Static(Content.assemble(("Try instead: ", "bold"), v.rewrite), classes="verdict-rewrite")

    def render_text(self) -> str:
        """Everything the card says, for tests and screen readers."""
        return "\n".join(str(w.render()) for w in self.query(Static))


class QuestionsScreen(Screen[None]):
    """The interviewer's "do you have any questions for me?" and the verdicts on yours."""

    HELP_TITLE = "Your questions for the interviewer"
    HELP_NOTES = [
        "Type one question per line, then ctrl+s or F2 to have them rated. Each gets a verdict "
        "(strong, fair or weak), the reasons, and for a weak one a better question to ask instead.",
        "Strong questions are open, specific to the role, the team, the projects or how project "
        "management works there, and not answerable from the website. Pay and perks, yes/no "
        "questions and \"no questions\" are weak.",
        "F4 skips (no questions). After the verdicts you can type more, or press n to see the summary.",
    ]
    HELP_EXTRA_KEYS = [("esc", "In the box: done typing (leave the box)")]
    BINDINGS = [
        Binding("ctrl+s,f2", "submit", "Rate", id="questions.rate", key_display="^s/F2"),
        Binding("f4", "skip", "No questions", id="questions.skip", key_display="F4"),
        Binding("n", "done", "Summary", id="questions.done"),
        Binding("a", "focus_box", "Type", id="questions.focus_box"),
    ]

    locked: reactive[bool] = reactive(False, init=False)
    """True while the questions are being rated: the box is read-only."""
    rated: reactive[int] = reactive(0, init=False)
    """How many questions have been rated so far in this session."""

    class QuestionsRated(Message):
        """The typed questions were rated (posted from the rating thread)."""

        def __init__(self, verdicts: list[QuestionVerdict]) -> None:
            super().__init__()
            self.verdicts = verdicts

    def __init__(self, context: ScreenContext, session: InterviewSession, closing: str = "",
                 story_warning: str | None = None) -> None:
        super().__init__()
        self.context = context
        self.session = session
        self.closing = closing
        self.story_warning = story_warning
        """Passed on to the summary: one of the candidate's stories answered most questions."""
        self.invitation = session.invitation()

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Vertical(id="questions-body"):
            yield Static(id="questions-invitation", markup=False)
            yield Static("One question per line. ctrl+s or F2 rates them; F4 if you have none.",
                         id="questions-hint", markup=False)
            yield AnswerBox(id="questions-box", cursor_blink=self.context.cursor_blink)
            with HorizontalGroup(id="questions-rating"):
                yield LoadingIndicator()
                yield Static("Rating your questions…", id="questions-rating-text", markup=False)
            yield VerticalScroll(id="questions-verdicts")
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Your questions"
        self.query_one("#questions-invitation", Static).update(
            Content.assemble(("Interviewer: ", "bold $accent"), self.invitation))
        self.query_one("#questions-rating").display = False
        box = self.query_one("#questions-box", TextArea)
        box.placeholder = "How does … work here? One question per line."
        box.border_title = "Your questions"
        box.focus()

    # ------------------------------------------------------------------ actions
    def action_focus_box(self) -> None:
        self.query_one("#questions-box", TextArea).focus()

    def action_submit(self) -> None:
        if self.locked:
            return
        box = self.query_one("#questions-box", TextArea)
        lines = [line.strip() for line in box.text.splitlines() if line.strip()]
        if not lines:
            self.notify("Type a question first, one per line (or F4 if you have none).")
            return
        self.locked = True
        self.rate_questions(lines)

    @work(thread=True, exclusive=True, exit_on_error=False, group="asking",
          description="Rating your questions")
    def rate_questions(self, lines: list[str]) -> None:
        slot = self.context.scorer
        slot.settled.wait(300)
        rater = self.context.raters.get("rater")
        if rater is None:
            rater = self.context.rater_loader(slot.scorer)
            self.context.raters["rater"] = rater
        self.post_message(self.QuestionsRated(rater.rate_many(lines, self.session.posting)))

    def watch_locked(self, locked: bool) -> None:
        self.query_one("#questions-rating").display = locked
        self.query_one("#questions-box", TextArea).read_only = locked

    def on_questions_screen_questions_rated(self, message: QuestionsRated) -> None:
        self.session.record_questions(message.verdicts)
        verdicts = self.query_one("#questions-verdicts", VerticalScroll)
        for verdict in message.verdicts:
            self.rated += 1
            verdicts.mount(VerdictCard(self.rated, verdict))
        box = self.query_one("#questions-box", TextArea)
        box.clear()
        box.border_title = "More questions (or n for the summary)"
        self.locked = False
        self.query_one("#questions-hint", Static).update(
            "Saved. Type more questions and rate them, or press n (outside the box: esc first) "
            "for the summary.")
        verdicts.scroll_end(animate=False)
        self.set_focus(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "asking" or event.state != WorkerState.ERROR:
            return
        from ..dialogs.message import MessageDialog

        self.locked = False
        self.app.push_screen(MessageDialog(
            "Your questions could not be rated",
            f"{event.worker.error}\n\nThey are still in the box: try again with ctrl+s, or press F4 "
            "to go on to the summary."))

    def action_skip(self) -> None:
        if self.locked:
            return
        if not self.rated:
            self.session.record_questions([])
        self._to_summary()

    def action_done(self) -> None:
        if self.locked:
            return
        box = self.query_one("#questions-box", TextArea)
        if box.text.strip():
            self.notify("Rate what you typed first (ctrl+s), or clear it.")
            return
        if not self.rated:
            self.session.record_questions([])
        self._to_summary()

    def _to_summary(self) -> None:
        from .summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.context, self.session, self.session.summary(),
                                             self.closing, story_warning=self.story_warning))
