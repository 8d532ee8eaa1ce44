"""Paste a job posting, or load it from a file, and give it a name; returns (text, name, source)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widgets import Header, Input, Static, TextArea

from ...fileio import UnreadableFile, read_bytes_capped
from ...jd import PostingError, read_posting_text
from ...jd.store import MAX_POSTING_CHARS, MAX_POSTING_INPUT_BYTES, NAME_PATTERN
from ..context import ScreenContext
from ..widgets.capped_text import CappedTextArea
from ..widgets.key_footer import KeyFooter


class PastePostingScreen(Screen[tuple[str, str | None, str | None] | None]):
    """The posting's text in a text area; ctrl+s analyses and saves it."""

    HELP_TITLE = "Paste a job posting"
    HELP_NOTES = [
        "Paste the whole posting as it is (headers, salary lines and all): the analysis picks "
        "out the requirement lines. Or type a file's path and press ctrl+o to load it. The name "
        "is optional; without one, a name is made from the posting's title.",
    ]
    HELP_EXTRA_KEYS = [("tab", "Move between the file path, the text and the name")]
    BINDINGS = [
        Binding("ctrl+s,f2", "save", "Analyse and save", id="paste.save", key_display="^s"),
        Binding("ctrl+o", "load_file", "Load the file", id="paste.load", key_display="^o"),
        Binding("escape", "cancel", "Cancel", id="paste.cancel"),
    ]

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context
        self.source: str | None = None
        """The file the text was loaded from, if it was."""

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with HorizontalGroup(id="paste-file-row"):
            yield Input(placeholder="File to load (optional), then ctrl+o", id="paste-file",
                        compact=True)
        yield CappedTextArea(id="paste-text", soft_wrap=True, show_line_numbers=False,
                             max_chars=MAX_POSTING_CHARS, what="a job posting")
        with HorizontalGroup(id="paste-name-row"):
            yield Static("Name (optional) ", classes="paste-label")
            yield Input(placeholder="e.g. acme-sap-pm", id="paste-name", compact=True)
        yield Static(id="paste-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Paste a job posting"
        area = self.query_one("#paste-text", TextArea)
        area.cursor_blink = self.context.cursor_blink
        area.focus()
        self._status("Paste the posting here, then press ctrl+s.")

    def _status(self, text: str) -> None:
        self.query_one("#paste-status", Static).update(text)

    def action_load_file(self) -> None:
        raw = self.query_one("#paste-file", Input).value.strip()
        if not raw:
            self._status("Type the path of a file with the posting's text first.")
            self.query_one("#paste-file", Input).focus()
            return
        path = Path(raw).expanduser()
        try:
            # Capped, and never a FIFO or device (reading one would hang the app).
            text = read_posting_text(read_bytes_capped(path, MAX_POSTING_INPUT_BYTES), str(path))
        except PostingError as exc:
            self._status(str(exc))
            return
        except UnreadableFile as exc:
            self._status(f"{path}: {exc}")
            return
        except OSError as exc:
            self._status(f"{path}: cannot read: {exc.strerror or exc}")
            return
        self.query_one("#paste-text", TextArea).text = text
        self.source = str(path)
        self._status(f"Loaded {len(text.splitlines())} lines. Press ctrl+s to analyse and save.")

    def action_save(self) -> None:
        text = self.query_one("#paste-text", TextArea).text
        try:
            text = read_posting_text(text.encode("utf-8", "replace"), "the pasted text")
        except PostingError as exc:
            self._status(str(exc))
            return
        name = self.query_one("#paste-name", Input).value.strip() or None
        if name is not None and not re.match(NAME_PATTERN, name):
            self._status("The name may use lower-case letters, digits and dashes only.")
            self.query_one("#paste-name", Input).focus()
            return
        self.dismiss((text, name, self.source))

    def action_cancel(self) -> None:
        self.dismiss(None)
