"""Write or edit a story in Markdown, validated before it is saved (problems shown as FILE:LINE)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalGroup
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ...stories.parse import MAX_STORY_FILE_BYTES, ParsedFile
from ..widgets.capped_text import CappedTextArea

TEMPLATE = """## A short title for the story
Situation: Where it happened, and the problem you faced.
Task: What you were responsible for.
Action: What you did, step by step.
Result: What changed, with numbers if you have them.
Lessons: What you learned or would do differently.
Tags: vendor management, risk
"""

Check = Callable[[str], ParsedFile]
"""Parses the text and saves it if it is valid; the result says what was wrong."""


class StoryEditorDialog(ModalScreen[bool]):
    """Dismisses True once the text validated and was saved, False if the user cancelled."""

    BINDINGS = [
        Binding("ctrl+s,f2", "save", "Save", id="story_editor.save", key_display="^s/F2"),
        Binding("escape", "cancel", "Cancel", id="story_editor.cancel"),
    ]

    def __init__(self, title: str, text: str, save: Check, *, problems: list[str] | None = None,
                 cursor_blink: bool = True) -> None:
        super().__init__(classes="dialog-screen")
        self.heading = title
        self.initial = text
        self.save = save
        self.problems = problems or []
        self.cursor_blink = cursor_blink

    def compose(self) -> ComposeResult:
        with VerticalGroup(classes="dialog -wide"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            editor = CappedTextArea(self.initial, id="story-editor", soft_wrap=True,
                                    show_line_numbers=True, max_chars=MAX_STORY_FILE_BYTES,
                                    what="a story file")
            editor.cursor_blink = self.cursor_blink
            yield editor
            yield Static(id="story-problems", markup=False)
            yield Static(Content.styled(
                "ctrl+s save · esc cancel · one story per '## Title'; labels Situation: Task: "
                "Action: Result: Lessons: Tags: are optional", "$text-muted"),
                classes="dialog-keys")

    def on_mount(self) -> None:
        self._show_problems(self.problems)
        self.query_one(TextArea).focus()

    def _show_problems(self, problems: list[str]) -> None:
        box = self.query_one("#story-problems", Static)
        box.update("\n".join(problems))
        box.display = bool(problems)

    def action_save(self) -> None:
        text = self.query_one(TextArea).text
        try:
            parsed = self.save(text)
        except OSError as exc:
            self._show_problems([f"Could not save: {exc.strerror or exc}"])
            return
        if parsed.ok:
            self.dismiss(True)
        else:
            self._show_problems([str(p) for p in parsed.problems])

    def action_cancel(self) -> None:
        from .confirm import ConfirmDialog

        if self.query_one(TextArea).text == self.initial:
            self.dismiss(False)
            return
        def decided(discard: bool | None) -> None:
            if discard:
                self.dismiss(False)

        self.app.push_screen(
            ConfirmDialog("Discard your changes?", "The story stays as it was saved.",
                          yes="Discard", no="Keep editing"),
            decided,
        )
