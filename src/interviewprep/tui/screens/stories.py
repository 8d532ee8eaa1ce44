"""Your stories: the list with element badges, and for the highlighted story its feedback, the
competencies it shows and the bank questions it fits best. Add, edit (here or in $EDITOR) and
remove (to the trash)."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from ... import locations
from ...stories.library import QuestionFit
from ...stories.parse import ParsedFile, parse_text
from ...stories.profile import StoryProfile
from ...stories.store import StoredStory
from ..context import ScreenContext
from ..dialogs.story_suggestions import FIT_STYLE
from ..messages import ReloadStories, StoriesChanged
from ..story_slot import StorySlot
from ..widgets.key_footer import KeyFooter

BADGES = {"situation": "S", "task": "T", "action": "A", "result": "R", "risk": "K",
          "stakeholders": "H", "metrics": "M", "lessons": "L"}
STATUS = {"covered": ("✓", "$text-success"), "partial": ("~", "$text-warning"),
          "missing": ("✗", "$text-error")}
NARROW_BELOW = 100
TITLE_WIDTH = 30
EVIDENCE_CHARS = 90
"""Evidence quoted in the detail is cut here; `stories show` prints it whole."""


def badge_row(profile: StoryProfile) -> Content:
    """S T A R K H M L: bold green when covered, amber when partial, a dot when missing."""
    parts: list[Content | tuple[str, str] | str] = []
    for e in profile.elements:
        letter = BADGES.get(e.id, e.id[:1].upper())
        if e.status == "covered":
            parts.append((letter, "bold $text-success"))
        elif e.status == "partial":
            parts.append((letter.lower(), "$text-warning"))
        else:
            parts.append(("·", "$text-muted"))
        parts.append(" ")
    return Content.assemble(*parts[:-1])


class StoriesScreen(Screen[None]):
    """The story bank."""

    HELP_TITLE = "Your stories"
    HELP_NOTES = [
        "Write each project story once; the scorer shows which parts of a strong answer it "
        "has (S situation, T task, A action, R result, K risk, H stakeholders, M metrics, "
        "L lessons; a lower-case letter is partial, a dot is missing) and which questions it "
        "fits best. In an interview, F8 suggests stories for the current question.",
        "Stories are Markdown files in your data folder (`interviewprep locate`), one story per "
        "'## Title'. A story that does not validate is never saved; removed stories go to the "
        "trash folder.",
    ]
    HELP_EXTRA_KEYS = [("↑ ↓", "Move between stories")]
    BINDINGS = [
        Binding("n", "new", "New story", id="stories.new"),
        Binding("e", "edit", "Edit", id="stories.edit"),
        Binding("x", "external_edit", "Edit in $EDITOR", id="stories.external_edit"),
        Binding("d,delete", "remove", "Remove", id="stories.remove", key_display="d"),
        Binding("enter", "toggle_detail", "Details", id="stories.toggle_detail", show=False),
        Binding("escape", "back", "Back", id="stories.back"),
    ]

    class QuestionsReady(Message):
        """The bank questions a story fits best were found (posted from a worker)."""

        def __init__(self, story_id: str, fits: list[QuestionFit]) -> None:
            super().__init__()
            self.story_id = story_id
            self.fits = fits

    def __init__(self, context: ScreenContext) -> None:
        super().__init__()
        self.context = context
        self._profiles: list[StoryProfile] = []
        self._usage: dict[str, int] = {}
        self._shown: str | None = None
        self._ready = False
        """True once the table has its columns."""

    @property
    def slot(self) -> StorySlot:
        return self.context.stories

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="stories-empty", markup=False)
        with Horizontal(id="stories-body"):
            with Vertical(id="stories-left"):
                yield DataTable(id="stories-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="stories-count", markup=False)
            with VerticalScroll(id="stories-detail"):
                yield Static(id="story-title", markup=False)
                yield Static(id="story-meta", markup=False)
                yield Static("What it shows", classes="story-section")
                yield Static(id="story-elements", markup=False)
                yield Static("Competencies", classes="story-section")
                yield Static(id="story-competencies", markup=False)
                yield Static("Questions it fits best", classes="story-section")
                yield Static(id="story-questions", markup=False)
                yield Static("The story", classes="story-section")
                yield Static(id="story-text", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Your stories"
        table = self.query_one(DataTable)
        table.add_column("Story", key="title", width=TITLE_WIDTH)
        table.add_column("Words", key="words", width=5)
        table.add_column("Used", key="used", width=4)
        table.add_column("Elements", key="elements", width=15)
        self.set_class(self.app.size.width < NARROW_BELOW, "-narrow")
        table.focus()
        self._ready = True
        self.stories_changed()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(self.app.size.width < NARROW_BELOW, "-narrow")

    # ------------------------------------------------------------------ filling
    def on_stories_changed(self, message: StoriesChanged) -> None:
        self.stories_changed()

    def stories_changed(self) -> None:
        """The app rebuilt the story bank (or is still building it)."""
        if not self._ready:
            return
        slot = self.slot
        table = self.query_one(DataTable)
        empty = self.query_one("#stories-empty", Static)
        library = slot.library
        if library is None:
            self._profiles = []
            self.set_class(True, "-empty")
            empty.update({
                "failed": f"Your stories could not be scored: {slot.detail}",
                "unavailable": "Stories are scored by the scorer, which is not loaded. Press "
                               "Esc, then l on the home screen to load it again.",
            }.get(slot.state, "Scoring your stories…"))
            self.refresh_bindings()
            return
        self._profiles = list(library.profiles)
        self._usage = library.usage()
        for problem in library.problems[:1]:
            self.notify(f"{problem}\nFix the file; it is skipped until then.",
                        title="A story file has a problem", severity="warning", timeout=12)
        self.set_class(not self._profiles, "-empty")
        if not self._profiles:
            empty.update("No stories yet. Press n to write your first one: a project you "
                         "could tell in two minutes, with what you did and what came of it. "
                         "Or add a Markdown file with `interviewprep stories add FILE`.")
        row = table.cursor_row
        table.clear()
        for p in self._profiles:
            title = p.story.title
            if len(title) > TITLE_WIDTH:
                title = title[: TITLE_WIDTH - 1] + "…"
            table.add_row(title, str(p.story.words), str(self._usage.get(p.id, 0)), badge_row(p),
                          key=p.id)
        if self._profiles:
            table.move_cursor(row=min(max(row, 0), len(self._profiles) - 1))
            self._show(self._highlighted())
        shown_all = sum(1 for p in self._profiles for e in p.elements if e.covered)
        total = len(self._profiles) * 8
        self.query_one("#stories-count", Static).update(Content.assemble(
            (f"{len(self._profiles)}", "bold"), (" stories · ", "$text-muted"),
            (f"{shown_all}/{total}", "bold"), (" elements covered", "$text-muted")))
        self.refresh_bindings()

    def _highlighted(self) -> StoryProfile | None:
        table = self.query_one(DataTable)
        if not self._profiles or table.cursor_row < 0:
            return None
        return self._profiles[min(table.cursor_row, len(self._profiles) - 1)]

    @on(DataTable.RowHighlighted)
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        self._show(self._highlighted())

    def _show(self, profile: StoryProfile | None) -> None:
        if profile is None:
            return
        story = profile.story
        self.query_one("#story-title", Static).update(story.title)
        meta = f"{story.words} words · told {self._usage.get(profile.id, 0)} time(s)"
        if story.tags:
            meta += f" · tags: {', '.join(story.tags)}"
        self.query_one("#story-meta", Static).update(meta)
        rows = []
        for e in profile.elements:
            mark, colour = STATUS.get(e.status, ("?", ""))
            line = Content.assemble((f"{mark} ", colour), (f"{e.name:<13}", "bold"))
            if e.evidence and e.status == "covered":
                quote = e.evidence if len(e.evidence) <= EVIDENCE_CHARS else \
                    e.evidence[: EVIDENCE_CHARS - 1].rstrip() + "…"
                line = Content.assemble(line, (f" “{quote}”", "$text-muted"))
            elif e.hint:
                line = Content.assemble(line, f" {e.hint.split(' For example:')[0]}")
            rows.append(line)
        self.query_one("#story-elements", Static).update(Content("\n").join(rows))
        shown = sorted((c for c in profile.competencies if c.shown), key=lambda c: -c.score)
        self.query_one("#story-competencies", Static).update(
            ", ".join(c.name for c in shown) if shown else
            Content.styled("None clearly shown yet.", "$text-muted"))
        body = story.to_markdown().split("\n", 1)[1].rstrip()
        self.query_one("#story-text", Static).update(body)
        if self._shown != profile.id:
            self._shown = profile.id
            self.query_one("#story-questions", Static).update(
                Content.styled("Finding the questions it fits…", "$text-muted"))
            self.find_questions(profile.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="story-questions",
          description="Finding the questions a story fits")
    def find_questions(self, story_id: str) -> None:
        library = self.slot.library
        if library is None:
            return
        questions = list(self.context.bank.questions.values())
        self.post_message(self.QuestionsReady(story_id, library.questions_for(story_id,
                                                                              questions)))

    def on_stories_screen_questions_ready(self, message: QuestionsReady) -> None:
        if message.story_id != self._shown:
            return
        rows = [Content.assemble((f"{f.fit:<9}", FIT_STYLE.get(f.fit, "")),
                                 " ".join(f.question.text.split()))
                for f in message.fits]
        self.query_one("#story-questions", Static).update(
            Content("\n").join(rows) if rows else Content.styled("No questions.", "$text-muted"))

    # ------------------------------------------------------------------ actions
    def _stored(self) -> StoredStory | None:
        profile = self._highlighted()
        if profile is None:
            self.notify("No story is highlighted.", severity="warning")
            return None
        library = self.slot.library
        return next((s for s in (library.stored if library else []) if s.id == profile.id), None)

    def _changed(self, saved: bool | None) -> None:
        if saved:
            self.notify("Saved. Scoring the story…")
            self.post_message(ReloadStories())

    def action_new(self) -> None:
        from ..dialogs.story_editor import TEMPLATE, StoryEditorDialog

        store = self.slot.store

        def save(text: str) -> ParsedFile:
            parsed = parse_text(text, "new story")
            if parsed.ok:
                store.add(parsed.stories)
            return parsed

        self.app.push_screen(StoryEditorDialog("New story", TEMPLATE, save,
                                               cursor_blink=self.context.cursor_blink),
                             self._changed)

    def _edit_dialog(self, stored: StoredStory, text: str, problems: list[str] | None = None,
                     copy: Path | None = None) -> None:
        from ..dialogs.story_editor import StoryEditorDialog

        store = self.slot.store

        def save(edited: str) -> ParsedFile:
            parsed = store.save_edit(stored, edited)
            if parsed.ok and copy is not None and copy.exists():
                copy.unlink()
            return parsed

        self.app.push_screen(StoryEditorDialog(f"Edit · {stored.story.title}", text, save,
                                               problems=problems,
                                               cursor_blink=self.context.cursor_blink),
                             self._changed)

    def action_edit(self) -> None:
        stored = self._stored()
        if stored is None:
            return
        try:
            text = stored.path.read_text(encoding="utf-8")
        except OSError as exc:
            self.notify(f"Cannot read {stored.path}: {exc.strerror or exc}", severity="error")
            return
        self._edit_dialog(stored, text)

    def action_external_edit(self) -> None:
        from ...fileio import atomic_write_text

        stored = self._stored()
        if stored is None:
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify("Set $EDITOR (for example EDITOR=nano) to edit in your editor, or press "
                        "e to edit here.", severity="warning")
            return
        copy = locations.story_edits_dir() / f"{stored.id}.md"
        try:
            if not copy.exists():
                atomic_write_text(copy, stored.path.read_text(encoding="utf-8"))
            with self.app.suspend():
                result = subprocess.run([*shlex.split(command), str(copy)])
        except Exception as exc:  # noqa: BLE001 - no terminal to suspend to, or no such editor
            self.notify(f"Could not run the editor: {exc}. Press e to edit here.",
                        severity="error")
            return
        if result.returncode != 0:
            self.notify(f"The editor exited with status {result.returncode}; the story is "
                        f"unchanged and your copy is kept in {self.context.show_path(copy)}.",
                        severity="warning")
            return
        text = copy.read_text(encoding="utf-8", errors="replace")
        parsed = self.slot.store.save_edit(stored, text)
        if parsed.ok:
            copy.unlink()
            self._changed(True)
            return
        # Not valid: carry on here with the problems shown; nothing typed is lost.
        self._edit_dialog(stored, text, [str(p) for p in parsed.problems], copy)

    def action_remove(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        stored = self._stored()
        if stored is None:
            return

        def decided(remove: bool | None) -> None:
            if not remove:
                return
            try:
                self.slot.store.remove(stored)
            except OSError as exc:
                self.notify(f"Could not move it to the trash: {exc}", severity="error")
                return
            self.notify(f"Moved '{stored.story.title}' to the trash.")
            self.post_message(ReloadStories())

        self.app.push_screen(ConfirmDialog(
            f"Remove '{stored.story.title}'?",
            "The story's file is moved to the trash folder (see `interviewprep locate`).",
            yes="Remove", no="Keep"), decided)

    def action_toggle_detail(self) -> None:
        if self.has_class("-narrow"):
            self.toggle_class("-show-detail")

    def action_back(self) -> None:
        if self.has_class("-show-detail"):
            self.remove_class("-show-detail")
            return
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "external_edit", "remove"):
            return bool(self._profiles)
        if action == "new":
            return self.slot.library is not None
        return True
