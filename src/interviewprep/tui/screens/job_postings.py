"""Job postings: the saved ones, a posting's analysis, readiness, and a session planned from it.

The embedding model (for analysis and readiness) loads in a thread worker the first time it is
needed; the list of saved postings and their stored analyses show without it.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from ...bank import Bank
from ...interview import SessionSettings
from ...jd import PostingError, PostingStore, SavedPosting
from ...jd.analysis import PostingAnalysis
from ..context import ScreenContext
from ..messages import StartSession
from ..widgets.key_footer import KeyFooter

KIND_LABEL = {"duty": "does", "skill": "asks", "nice": "nice"}
SESSION_QUESTIONS = 5


class JobPostingsScreen(Screen[None]):
    """Saved job postings on the left, the highlighted one's analysis on the right."""

    HELP_TITLE = "Job postings"
    HELP_NOTES = [
        "Paste a job posting (or load it from a file) to see what it asks for: its level, its "
        "specializations, each requirement line and the named tools, methods and certifications. "
        "Readiness marks each requirement covered, partial or missing from your saved answers "
        "(and stories, where the story bank is installed). Practise starts a session planned "
        "from the posting: the interviewer names the role and follows up on requirements your "
        "answer did not show.",
    ]
    HELP_EXTRA_KEYS = [("up / down", "Choose a saved posting")]
    BINDINGS = [
        Binding("a", "paste", "Paste posting", id="jd.paste"),
        Binding("r", "readiness", "Readiness", id="jd.readiness"),
        Binding("s", "practise", "Practise for it", id="jd.practise"),
        Binding("d", "remove", "Remove", id="jd.remove"),
        Binding("escape", "back", "Back", id="jd.back"),
    ]

    class Analysed(Message):
        """A posting was analysed and saved (posted from the analysis thread)."""

        def __init__(self, posting: SavedPosting) -> None:
            super().__init__()
            self.posting = posting

    def __init__(self, context: ScreenContext, store: PostingStore | None = None) -> None:
        super().__init__()
        self.context = context
        self.store = store or PostingStore()
        self.postings: list[SavedPosting] = []
        """The saved postings, newest first."""
        self.unreadable: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with Horizontal(id="jd-body"):
            with Vertical(id="jd-left"):
                yield Static("Saved postings", classes="section-title")
                yield OptionList(id="jd-list")
                yield Static(id="jd-problems", markup=False)
            with VerticalScroll(id="jd-detail"):
                yield Static(id="jd-analysis")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Job postings"
        self.reload()
        self.query_one("#jd-list", OptionList).focus()

    def reload(self, select: str | None = None) -> None:
        self.postings, problems = self.store.list()
        self.unreadable = [str(p) for p in problems]
        menu = self.query_one("#jd-list", OptionList)
        menu.clear_options()
        for posting in self.postings:
            level = posting.analysis.level if posting.analysis else "?"
            menu.add_option(Option(Content.assemble(
                (posting.title or posting.name, "bold"), "\n",
                (f"{posting.name} · {level}", "$text-muted")), id=posting.name))
        problems_box = self.query_one("#jd-problems", Static)
        problems_box.update("\n".join(f"Could not read {p}" for p in self.unreadable))
        if self.postings:
            names = [p.name for p in self.postings]
            menu.highlighted = names.index(select) if select in names else 0
        self._show(self.current)
        self.refresh_bindings()

    @property
    def current(self) -> SavedPosting | None:
        menu = self.query_one("#jd-list", OptionList)
        option = menu.highlighted_option
        return next((p for p in self.postings if option and p.name == option.id), None)

    @on(OptionList.OptionHighlighted, "#jd-list")
    def _highlighted(self) -> None:
        self._show(self.current)
        self.refresh_bindings()

    def _show(self, posting: SavedPosting | None) -> None:
        box = self.query_one("#jd-analysis", Static)
        if posting is None:
            box.update(Content.assemble(
                ("No saved job postings yet.\n\n", "bold"),
                "Press ", ("a", "bold $text-accent"),
                " to paste one (or load it from a file). You will see its level, "
                "specializations, requirements and named terms, how ready your saved answers "
                "make you, and a practice session planned from it."))
            return
        if posting.analysis is None:
            box.update("This posting's analysis could not be read; it is redone when you "
                       "check readiness or practise.")
            return
        box.update(analysis_content(posting.analysis, self.context.bank))

    # ------------------------------------------------------------------ actions
    def action_back(self) -> None:
        self.dismiss()

    def action_paste(self) -> None:
        from .paste_posting import PastePostingScreen

        def pasted(result: tuple[str, str | None, str | None] | None) -> None:
            if result:
                text, name, source = result
                self.notify("Analysing the posting ...", timeout=3)
                self.analyse_and_save(text, name, source)

        self.app.push_screen(PastePostingScreen(self.context), pasted)

    @work(thread=True, exclusive=True, exit_on_error=False, group="jd-analyse",
          description="Analysing the posting")
    def analyse_and_save(self, text: str, name: str | None, source: str | None) -> None:
        analysis = self.context.postings.get(self.context.bank).analyse(text)
        saved = self.store.add(text, analysis, name=name, source=source)
        self.post_message(self.Analysed(saved))

    def on_job_postings_screen_analysed(self, message: Analysed) -> None:
        self.reload(select=message.posting.name)
        self.notify(f"Saved as {message.posting.name}.", title="Posting analysed")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group.startswith("jd-") and event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(str(error) or type(error).__name__, title="Job posting", severity="error",
                        timeout=12)

    def action_readiness(self) -> None:
        posting = self.current
        if posting is None:
            return
        from .readiness import ReadinessScreen

        def closed(choice: str | None) -> None:
            if choice == "practise":
                self.action_practise()

        self.app.push_screen(ReadinessScreen(self.context, self.store, posting.name), closed)

    def action_practise(self) -> None:
        posting = self.current
        if posting is None or posting.analysis is None or not posting.analysis.questions:
            self.notify("Nothing to practise for this posting yet.", severity="warning")
            return
        analysis = posting.analysis
        specs = [s for s in analysis.specializations if s != "general"]
        settings = SessionSettings(
            level=analysis.level, specialization=specs[0] if specs else "general",
            count=SESSION_QUESTIONS, question_ids=analysis.questions[:SESSION_QUESTIONS],
            jd=posting.name)
        self.post_message(StartSession(settings))

    def action_remove(self) -> None:
        posting = self.current
        if posting is None:
            return
        from ..dialogs.confirm import ConfirmDialog

        def decided(yes: bool | None) -> None:
            if not yes:
                return
            try:
                target = self.store.remove(posting.name)
            except PostingError as exc:
                self.notify(str(exc), severity="error")
                return
            self.notify(f"Moved to the trash: {self.context.show_path(target)}")
            self.reload()

        self.app.push_screen(ConfirmDialog(
            f"Remove {posting.title or posting.name}?",
            "The posting moves to the trash folder (see `interviewprep locate`); your answers "
            "are not touched.", yes="Remove", no="Keep"), decided)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"readiness", "practise", "remove"}:
            return self.current is not None
        return True


def analysis_content(analysis: PostingAnalysis, bank: Bank) -> Content:
    parts: list[Content | str | tuple[str, str]] = [
        (analysis.title or "(no title found)", "bold $text-accent"), "\n",
        ("Level ", "$text-muted"), (analysis.level, "bold"), "  ",
        (f"({analysis.level_reason})", "$text-muted"), "\n",
        ("Specializations ", "$text-muted"), (", ".join(analysis.specializations), "bold"), "\n",
        ("Terms ", "$text-muted"), ", ".join(analysis.terms) or "(none found)", "\n\n",
        (f"Requirements ({len(analysis.requirements)})\n", "bold"),
    ]
    for r in analysis.requirements:
        parts += [(f"\u00a0{KIND_LABEL.get(r.kind, r.kind):\u00a0<5} ", "$text-muted"), f"{r.text}\n"]
    parts += ["\n", ("Questions planned from it\n", "bold")]
    for qid in analysis.questions[:SESSION_QUESTIONS * 2]:
        question = bank.get(qid)
        parts += [(f"\u00a0{qid}  ", "$text-muted"), f"{question.text if question else ''}\n"]
    return Content.assemble(*parts)
