"""Readiness for one saved posting: each requirement covered / partial / missing, with evidence."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static
from textual.worker import Worker, WorkerState

from ...jd import PostingStore
from ...jd.readiness import Readiness
from ...vocabulary import STATUS_MARK
from ..context import ScreenContext
from ..widgets.key_footer import KeyFooter

INDENT = "\u00a0" * 11
"""Under a requirement: no-break spaces, since wrapping moves a line's leading spaces."""
STATUS_STYLE = {"covered": "bold $text-success", "partial": "bold $text-warning",
                "missing": "bold $text-error"}


class ReadinessScreen(Screen[str | None]):
    """How ready your saved answers (and stories) make you for a posting; dismissed with
    "practise" when the user asks to practise for it."""

    HELP_TITLE = "Readiness"
    HELP_NOTES = [
        "Each requirement of the posting is compared with every sentence of your saved answers "
        "(and your stories, when the story bank is installed). The best match is quoted. "
        "Covered counts fully, partial half, nice-to-haves weigh half. For what is missing, a "
        "question to practise and a story to write are suggested.",
    ]
    BINDINGS = [
        Binding("s", "practise", "Practise for it", id="readiness.practise"),
        Binding("escape", "back", "Back", id="readiness.back"),
    ]

    class Ready(Message):
        def __init__(self, readiness: Readiness, title: str | None) -> None:
            super().__init__()
            self.readiness = readiness
            self.title = title

    def __init__(self, context: ScreenContext, store: PostingStore, name: str) -> None:
        super().__init__()
        self.context = context
        self.store = store
        self.posting_name = name

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield Static(id="readiness-score")
        with VerticalScroll(id="readiness-list"):
            yield Static(id="readiness-rows")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Readiness"
        self.query_one("#readiness-list").loading = True
        self.query_one("#readiness-score", Static).update("Reading your answers and stories ...")
        self.assess()

    @work(thread=True, exclusive=True, exit_on_error=False, group="jd-readiness",
          description="Assessing readiness")
    def assess(self) -> None:
        from ...jd import analysed
        from ...jd.readiness import AnswerEvidence, EvidenceSource, StoryEvidence, assess
        analyser = self.context.postings.get(self.context.bank)
        posting = analysed(self.store, self.posting_name, analyser)
        assert posting.analysis is not None
        evidence: list[EvidenceSource] = [AnswerEvidence(self.context.store), StoryEvidence()]
        self.post_message(self.Ready(assess(posting.analysis, analyser, evidence), posting.title))

    def on_readiness_screen_ready(self, message: Ready) -> None:
        result = message.readiness
        self.query_one("#readiness-list").loading = False
        sources = ", ".join(f"{n} {kind} sentences" for kind, n in result.sources.items())
        self.query_one("#readiness-score", Static).update(Content.assemble(
            (message.title or self.posting_name, "bold $text-accent"), "\n",
            ("Readiness ", "$text-muted"), (f"{result.readiness}/100", "bold"), "   ",
            ("evidence read: ", "$text-muted"),
            sources or "none yet: answer some questions first"))
        parts: list[Content | str | tuple[str, str]] = []
        for r in result.requirements:
            parts += [(f"{STATUS_MARK[r.status]} {r.status:8}", STATUS_STYLE[r.status]), " ",
                      r.text, "\n"]
            if r.evidence:
                parts += [INDENT, (f"{r.evidence.kind}: ", "$text-muted"),
                          (f"“{r.evidence.text}”", "italic"), "\n"]
            if r.next_step:
                parts += [INDENT, ("next: ", "$text-muted"), f"{r.next_step}\n"]
        self.query_one("#readiness-rows", Static).update(Content.assemble(*parts))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "jd-readiness" and event.state == WorkerState.ERROR:
            self.query_one("#readiness-list").loading = False
            error = event.worker.error
            self.query_one("#readiness-score", Static).update(
                f"Readiness could not be assessed: {error}")

    def action_practise(self) -> None:
        self.dismiss("practise")

    def action_back(self) -> None:
        self.dismiss()
