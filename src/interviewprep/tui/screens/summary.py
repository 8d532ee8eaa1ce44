"""Summary: scores per question, strongest and weakest elements, time, where it was saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from ... import clock
from ...interview import InterviewSession, SessionSummary
from ...schedule.queue import short_when
from ..context import ScreenContext
from ..messages import GoHome
from ..widgets.bullets import BulletList
from ..widgets.display import (
    bar,
    format_clock,
    format_score,
    score_bar,
    score_change,
    score_colour,
)
from ..widgets.key_footer import KeyFooter


class SummaryScreen(Screen[None]):
    """The end of a session."""

    HELP_TITLE = "Session summary"
    HELP_NOTES = [
        "The session is saved. Open it again from Review past sessions on the home screen, or "
        "export it with `interviewprep export ID --format md`.",
    ]
    BINDINGS = [
        Binding("h,escape", "home", "Home", id="summary.home"),
        Binding("s", "again", "New session", id="summary.again"),
    ]

    def __init__(self, context: ScreenContext, session: InterviewSession, summary: SessionSummary,
                 closing: str = "", story_warning: str | None = None) -> None:
        super().__init__()
        self.context = context
        self.session = session
        self.summary = summary
        self.closing = closing
        self.story_warning = story_warning
        """Set when one of the candidate's stories answered most of the questions."""

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        with VerticalScroll(id="summary-scroll"):
            yield Static(id="summary-head", markup=False)
            if self.story_warning:
                yield Static(Content.styled(f"⚠ {self.story_warning}", "$text-warning"),
                             id="summary-story-warning")
            yield Static("Questions", classes="section-title")
            yield Static(id="summary-questions", markup=False)
            with Horizontal(id="summary-columns"):
                with Vertical(id="summary-left"):
                    yield Static("Strongest", classes="section-title")
                    yield Static(id="summary-strongest", markup=False)
                    yield Static("To work on", classes="section-title")
                    yield Static(id="summary-weakest", markup=False)
                with Vertical(id="summary-right"):
                    yield Static("Your questions for the interviewer", classes="section-title")
                    yield Static(id="summary-asked", markup=False)
                    yield Static("Questions worth asking", classes="section-title")
                    yield BulletList(self.summary.questions_to_ask, id="summary-ask")
            yield Static(id="summary-saved", markup=False)
        yield KeyFooter()

    def _asked(self) -> Content:
        asked = self.summary.questions_asked
        if not asked:
            return Content.styled("None asked. Have two or three ready: see the suggestions below.",
                                  "$text-muted")
        styles = {"strong": "$text-success", "fair": "$text-warning", "weak": "$text-error"}
        parts: list[Content | str | tuple[str, str]] = []
        for q in asked:
            text = q.text if len(q.text) <= 70 else q.text[:69].rstrip() + "…"
            parts += [(f"{q.verdict:<6} ", f"bold {styles.get(q.verdict, '')}"), text, "\n"]
        return Content.assemble(*parts[:-1])

    def on_mount(self) -> None:
        self.sub_title = "Session summary"
        summary = self.summary
        transcript = self.session.transcript
        answered = sum(1 for _qid, _text, score in summary.per_question if score is not None)
        skipped = len(summary.per_question) - answered
        head: list[Content | str | tuple[str, str]] = []
        if self.closing:
            head += [(f"“{self.closing}”", "italic $text-muted"), "\n\n"]
        head += [("Overall  ", "bold"),
                 (format_score(summary.overall), f"bold {score_colour(summary.overall)}"),
                 ("/100  ", "$text-muted"), score_bar(summary.overall, 24),
                 ("\n", ""),
                 (f"{answered} answered", ""),
                 (f" · {skipped} skipped" if skipped else "", "$text-muted"),
                 ("  ·  total time ", "$text-muted"), format_clock(summary.seconds)]
        retry = transcript.retry_of
        if retry and retry.overall is not None and summary.overall is not None:
            head += ["\n", ("Compared with your earlier attempt  ", "bold"),
                     score_change(retry.overall, summary.overall)]
        self.query_one("#summary-head", Static).update(Content.assemble(*head))

        rows = []
        now = clock.now()
        scheduled = bool(summary.comes_back)
        for n, (qid, text, score) in enumerate(summary.per_question, start=1):
            mark = (Content.styled("skipped".ljust(16), "italic $text-muted") if score is None
                    else Content.assemble((f"{score:>3}", f"bold {score_colour(score)}"), " ",
                                          score_bar(score, 12)))
            back = summary.comes_back.get(qid)
            when = (Content.styled(f"{'back ' + short_when(back, now):<17}", "$text-accent")
                    if back is not None else Content(" " * 17)) if scheduled else Content("")
            rows.append(Content.assemble((f"{n:>2}  ", "$text-muted"), mark, "  ", when,
                                         " ".join(text.split())))
        if scheduled:
            rows.append(Content.styled(
                "\nAnswered questions come back for review as shown; weak ones sooner. "
                "The home screen lists what is due.",
                "$text-muted"))
        self.query_one("#summary-questions", Static).update(
            Content("\n").join(rows) if rows else Content.styled("No questions answered.",
                                                                  "$text-muted"))
        self.query_one("#summary-asked", Static).update(self._asked())
        self.query_one("#summary-strongest", Static).update(
            self._element_rows(summary.strongest, "✓", "$text-success",
                               "Nothing stood out yet: keep practising."))
        self.query_one("#summary-weakest", Static).update(
            self._element_rows(summary.weakest, "✗", "$text-error",
                               "No weak spots across this session."))
        self.query_one("#summary-saved", Static).update(Content.assemble(
            ("Saved to  ", "$text-muted"), self.context.show_path(summary.transcript_path)))

    @staticmethod
    def _element_rows(items: list[tuple[str, float]], mark: str, colour: str, empty: str
                      ) -> Content:
        if not items:
            return Content.styled(empty, "$text-muted")
        return Content("\n").join(
            Content.assemble((f"{mark} ", colour), f"{name:<20}", (bar(score), colour),
                             (f" {score:.2f}", "$text-muted"))
            for name, score in items
        )

    def action_home(self) -> None:
        self.post_message(GoHome())

    def action_again(self) -> None:
        self.post_message(GoHome(open_setup=True))
