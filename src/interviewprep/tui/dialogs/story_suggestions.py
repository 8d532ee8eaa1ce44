"""The candidate's stories ranked for the current question, with their fit (opened on a key)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalGroup, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, Static

from ...stories.match import StoryMatch
from ..story_slot import StorySlot

FIT_STYLE = {"strong": "bold $text-success", "workable": "bold $text-primary",
             "stretch": "bold $text-warning", "gap": "$text-muted"}
SHOWN = 5


class StorySuggestionsDialog(ModalScreen[None]):
    """Which of your stories to tell for this question."""

    BINDINGS = [Binding("escape,f8,q", "close", "Close", id="story_suggestions.close")]

    class Ranked(Message):
        def __init__(self, matches: list[StoryMatch] | None, note: str = "") -> None:
            super().__init__()
            self.matches = matches
            self.note = note

    def __init__(self, slot: StorySlot, question: str) -> None:
        super().__init__(classes="dialog-screen")
        self.slot = slot
        self.question = question

    def compose(self) -> ComposeResult:
        with VerticalGroup(classes="dialog -wide"):
            yield Static("Stories for this question", classes="dialog-title", markup=False)
            yield Static(Content.styled(" ".join(self.question.split()), "italic"),
                         classes="dialog-body")
            yield LoadingIndicator(id="suggestions-loading")
            with VerticalScroll(classes="dialog-scroll"):
                yield Static(id="suggestions", markup=False)
            yield Static(Content.styled("esc close · the suggestion is yours to take or leave",
                                        "$text-muted"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.rank()

    @work(thread=True, exclusive=True, exit_on_error=False, group="story-suggestions",
          description="Matching your stories")
    def rank(self) -> None:
        slot = self.slot
        if not slot.settled.wait(60):
            self.post_message(self.Ranked(None, "Your stories are still being scored."))
            return
        library = slot.library
        if library is None:
            note = ("Stories need the scorer, which is not loaded." if slot.state == "unavailable"
                    else f"Your stories could not be scored: {slot.detail}")
            self.post_message(self.Ranked(None, note))
            return
        if library.empty:
            self.post_message(self.Ranked([], "No stories yet: add them from the home screen "
                                              "(t, Your stories)."))
            return
        self.post_message(self.Ranked(library.match(self.question)))

    def on_story_suggestions_dialog_ranked(self, message: Ranked) -> None:
        self.query_one("#suggestions-loading").display = False
        if not message.matches:
            self.query_one("#suggestions", Static).update(
                Content.styled(message.note, "$text-muted"))
            return
        rows = []
        for n, m in enumerate(message.matches[:SHOWN]):
            rows.append(Content.assemble((f"{m.fit:<9}", FIT_STYLE.get(m.fit, "")),
                                         (f"{m.score:.2f}  ", "$text-muted"), (m.title, "bold")))
            for reason in m.reasons[:2] if n < 3 else []:
                rows.append(Content.styled(f"{'':15}{reason}", "$text-muted"))
        if message.matches[0].fit == "gap":
            rows.append(Content.styled("\nNo story fits this question well: answer from "
                                       "another experience, and consider writing it down.",
                                       "$text-warning"))
        self.query_one("#suggestions", Static).update(Content("\n").join(rows))

    def action_close(self) -> None:
        self.dismiss()
