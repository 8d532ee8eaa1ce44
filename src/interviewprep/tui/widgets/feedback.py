"""Feedback on one answer: score, element checklist, evidence in the answer, delivery, next step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.app import ComposeResult
from textual.containers import VerticalGroup, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...scoring.feedback import ElementCoverage, Feedback, signal_notes
from ...scoring.signals import AnswerSignals
from ...speech.delivery import Delivery
from .display import STATUS_COLOUR, STATUS_MARK, bar, score_bar, score_change, score_colour

HIGHLIGHT = {"covered": "on $success 22%", "partial": "on $warning 22%"}
STATUS_RANK = {"covered": 2, "partial": 1, "missing": 0}
ANSWER_DISPLAY_LIMIT = 8000
"""Characters of the answer shown with highlights; very long answers are cut for display only."""


def evidence_groups(feedback: Feedback) -> list[tuple[int, int, str, list[str]]]:
    """Evidence spans merged where they overlap: (start, end, best status, element names)."""
    length = len(feedback.answer)
    spans = sorted(
        ((max(0, e.evidence_span[0]), min(length, e.evidence_span[1]), e)
         for e in feedback.elements
         if e.evidence_span and e.status != "missing" and e.evidence_span[1] > e.evidence_span[0]),
        key=lambda item: (item[0], item[1]),
    )
    groups: list[tuple[int, int, str, list[str]]] = []
    for start, end, element in spans:
        if start >= end:
            continue
        if groups and start < groups[-1][1]:
            g_start, g_end, g_status, names = groups[-1]
            status = max(g_status, element.status, key=STATUS_RANK.__getitem__)
            if element.name not in names:
                names.append(element.name)
            groups[-1] = (g_start, max(g_end, end), status, names)
        else:
            groups.append((start, end, element.status, [element.name]))
    return groups


def highlighted_answer(feedback: Feedback) -> Content:
    """The answer with each evidence sentence highlighted and labelled with its elements."""
    text = feedback.answer
    cut = len(text) > ANSWER_DISPLAY_LIMIT
    shown = text[:ANSWER_DISPLAY_LIMIT]
    parts: list[str | tuple[str, str]] = []
    position = 0
    for start, end, status, names in evidence_groups(feedback):
        if start >= len(shown):
            break
        end = min(end, len(shown))
        parts.append(shown[position:start])
        parts.append((shown[start:end], HIGHLIGHT[status]))
        # No-break spaces keep "◂ Team leadership" together when the line wraps.
        label = ", ".join(name.replace(" ", "\u00a0") for name in names)
        parts.append((f" ◂\u00a0{label}", f"italic {STATUS_COLOUR[status]}"))
        if end < len(shown) and not shown[end].isspace():
            parts.append(" ")
        position = end
    parts.append(shown[position:])
    if cut:
        parts.append((f"\n… ({len(text) - ANSWER_DISPLAY_LIMIT:,} more characters not shown)",
                      "$text-muted"))
    return Content.assemble(*parts)


def element_rows(elements: Iterable[ElementCoverage], newly_covered: Iterable[str] = (),
                 width: int = 60) -> list[tuple[Content, Content | None]]:
    """The checklist: per element a row (mark, name, score bar, value) and a detail under it:
    a one-line quote of the evidence (the full sentence is highlighted in the answer), or the
    hint for what is missing."""
    new = set(newly_covered)
    rows: list[tuple[Content, Content | None]] = []
    quoted: dict[str, str] = {}
    for e in elements:
        colour = STATUS_COLOUR[e.status]
        name = e.name if e.weight == 1 else f"{e.name} ×{e.weight:g}"
        row = Content.assemble(
            (f"{STATUS_MARK[e.status]} ", f"bold {colour}"),
            (f"{name:<22.22}", "bold" if e.status != "missing" else ""),
            (bar(e.score), colour),
            (f" {e.score:.2f}", "$text-muted"),
            ("  new" if e.id in new else "", "bold $text-success"),
        )
        details: list[Content] = []
        if e.evidence and e.status != "missing":
            if e.evidence in quoted:
                details.append(Content.styled(f"same sentence as {quoted[e.evidence]}",
                                              "italic $text-muted"))
            else:
                quoted[e.evidence] = e.name
                details.append(Content.assemble(
                    ("“", "$text-muted"), (_clip(e.evidence, max(20, width - 6)), "italic"),
                    ("”", "$text-muted")))
        if e.status != "covered" and e.hint:
            details.append(Content.assemble(("→ ", colour), e.hint))
        rows.append((row, Content("\n").join(details) if details else None))
    return rows


def delivery_lines(signals: AnswerSignals) -> Content:
    """Words, speaking time, length verdict, ownership, numbers, fillers, hedges, and notes."""
    verdict_colour = {"good": "$text-success", "short": "$text-warning", "long": "$text-warning"
                      }.get(signals.length_verdict, "$text-error")
    owner = {"I": "you say what you did", "we": "mostly 'we'", "balanced": "balanced",
             "none": "no 'I' or 'we'"}.get(signals.ownership, signals.ownership)
    numbers = ", ".join(signals.quantities[:5]) if signals.quantities else "none found"
    rows: list[Content] = [
        Content.assemble(
            ("Length   ", "$text-muted"), f"{signals.words} words · ~{signals.speaking_seconds} s "
            "spoken · ", (signals.length_verdict, f"bold {verdict_colour}")),
        Content.assemble(("Owner    ", "$text-muted"),
                         f"{owner} (I ×{signals.i_count}, we ×{signals.we_count})"),
        Content.assemble(("Numbers  ", "$text-muted"), numbers),
        Content.assemble(("Fillers  ", "$text-muted"), ", ".join(signals.fillers[:5]) or "none",
                         ("   Hedges ", "$text-muted"), ", ".join(signals.hedges[:5]) or "none"),
    ]
    flags = []
    if signals.hypothetical:
        flags.append("hypothetical ('I would…')")
    if signals.off_topic:
        flags.append("off-topic")
    if signals.non_english:
        flags.append("not English")
    if flags:
        rows.append(Content.assemble(("Flags    ", "$text-muted"),
                                     (", ".join(flags), "$text-warning")))
    for note in signal_notes(signals):
        rows.append(Content.assemble(("• ", "$text-warning"), note))
    return Content("\n").join(rows)


def spoken_lines(delivery: Delivery) -> Content:
    """The recording's pace, fillers, pauses and length, and what to change."""
    colour = "$text-success" if delivery.pace == "comfortable" else "$text-warning"
    rows: list[Content] = [
        Content.assemble(("Spoken   ", "$text-muted"),
                         (f"{delivery.words_per_minute:.0f} wpm {delivery.pace}", f"bold {colour}"),
                         f" · {delivery.fillers} filler{'' if delivery.fillers == 1 else 's'} "
                         f"({delivery.fillers_per_minute:.1f}/min) · {len(delivery.long_pauses)} "
                         f"long pause{'' if len(delivery.long_pauses) == 1 else 's'}"),
    ]
    rows += [Content.assemble(("• ", "$text-warning"), note) for note in delivery.notes]
    return Content("\n").join(rows)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FeedbackPanel(VerticalScroll, can_focus=True):
    """Feedback on the latest answer; scroll it with the arrow keys when it has focus."""

    BORDER_TITLE = "Feedback"

    def compose(self) -> ComposeResult:
        yield Static(id="fb-empty", markup=False)
        yield Static(id="fb-score", markup=False)
        yield Static(id="fb-notice", markup=False)
        yield VerticalGroup(id="fb-elements", classes="fb-section")
        yield Static("Your answer · evidence highlighted", classes="fb-heading")
        yield Static(id="fb-answer", markup=False, classes="fb-section")
        yield Static("Delivery", classes="fb-heading")
        yield Static(id="fb-delivery", markup=False, classes="fb-section")
        yield Static(id="fb-next", markup=False, classes="fb-section")

    def on_mount(self) -> None:
        self.clear_feedback()

    def clear_feedback(self, note: str | None = None) -> None:
        """Show the waiting text instead of feedback."""
        self.remove_class("-has-feedback")
        self.border_subtitle = ""
        self.query_one("#fb-empty", Static).update(Content.assemble(
            ("Feedback appears here after you answer.\n\n", "bold"),
            note or "Answer as you would in the room: one specific example, what you "
            "personally did, how it turned out, and at least one number. Aim for one to two "
            "minutes (140-280 words).",
        ))

    def show_feedback(
        self,
        feedback: Feedback,
        *,
        heading: str = "Your answer",
        previous_overall: int | None = None,
        newly_covered: Iterable[str] = (),
        names: Mapping[str, str] | None = None,
        delivery: Delivery | None = None,
    ) -> None:
        """Fill the panel; `previous_overall` adds the change since the earlier attempt;
        `delivery` (a spoken answer) adds what the recording showed."""
        self.add_class("-has-feedback")
        newly = list(newly_covered)
        score = Content.assemble(
            (f"{feedback.overall}", f"bold {score_colour(feedback.overall)}"),
            ("/100  ", "$text-muted"), score_bar(feedback.overall, 20),
            ("   " + heading, "$text-muted"),
        )
        if previous_overall is not None:
            score = Content.assemble(score, "\n", ("Change  ", "$text-muted"),
                                     score_change(previous_overall, feedback.overall))
        if newly:
            label = ", ".join((names or {}).get(e, e) for e in newly)
            score = Content.assemble(score, "\n", ("Newly covered  ", "$text-muted"),
                                     (label, "$text-success"))
        self.query_one("#fb-score", Static).update(score)
        notice = self.query_one("#fb-notice", Static)
        notice.update(Content(feedback.notice or ""))
        notice.display = bool(feedback.notice)
        width = self.scrollable_content_region.width or 60
        checklist = self.query_one("#fb-elements", VerticalGroup)
        checklist.remove_children()
        widgets: list[Static] = []
        for row, detail in element_rows(feedback.elements, newly, width):
            widgets.append(Static(row, classes="fb-element", markup=False))
            if detail is not None:
                widgets.append(Static(detail, classes="fb-element-detail", markup=False))
        checklist.mount_all(widgets)
        self.query_one("#fb-answer", Static).update(highlighted_answer(feedback))
        lines = delivery_lines(feedback.signals)
        if delivery is not None:
            lines = Content("\n").join([spoken_lines(delivery), lines])
        self.query_one("#fb-delivery", Static).update(lines)
        self.query_one("#fb-next", Static).update(
            Content.assemble(("Next step  ", "bold $text-accent"), feedback.next_step or "—"))
        self.border_subtitle = f"{feedback.overall}/100"
        self.scroll_home(animate=False)
