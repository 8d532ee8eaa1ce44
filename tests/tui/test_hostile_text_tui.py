"""Stored text never sends an escape sequence to the terminal from the TUI, and "[bold]"-style
markup in it stays literal (issue 16, S1); a TUI export's file name never comes from the file's
contents (S2).

What the terminal would receive is taken from the screen's compositor (the same string Textual
writes to the terminal). Textual's own cursor moves and colours are CSI sequences ("ESC ["); a
planted OSC (clipboard, window title), BEL, 8-bit CSI, clear-screen / reset or bidi override
must not be in it.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from textual.app import App
from textual.widgets import DataTable

from interviewprep import locations
from interviewprep.tui.screens.progress import ProgressScreen
from interviewprep.tui.screens.review import ReviewScreen
from support.review_app import FIXTURES, ReviewTestApp, pilot_test, settle

SESSION = "20250303-184512-3fa9c1"
PAYLOAD = ("\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned title\x07\x1b[2J\x1bc\x9b31m\u202eevil\u202c"
           " [bold]literal[/bold] [@click=app.quit]click[/]")
FORBIDDEN = re.compile("\x1b\\]|\x07|\x1b\\[2J|\x1bc|\x9b|[\u202a-\u202e\u2066-\u2069]")


def terminal_output(app: App) -> str:
    """The full-screen update Textual would write to the terminal now."""
    update = app.screen._compositor.render_update(full=True)
    return update.render_segments(app.console)


def screen_text(app: App) -> str:
    return "\n".join("".join(segment.text for segment in strip)
                     for strip in app.screen._compositor.render_strips())


def assert_safe(app: App, *must_show: str) -> None:
    output = terminal_output(app)
    found = sorted({repr(m) for m in FORBIDDEN.findall(output)})
    assert not found, f"reached the terminal: {found}"
    text = screen_text(app)
    for shown in must_show:
        assert shown in text, (shown, text)


def plant(session_id: str = SESSION, internal_id: str | None = None) -> Path:
    data = json.loads((FIXTURES / f"{SESSION}.json").read_text())
    data["id"] = internal_id or session_id
    for turn in data["turns"]:
        turn["question_text"] = "HOSTILE " + PAYLOAD + " " + turn["question_text"]
        for attempt in turn["attempts"]:
            attempt["answer"] = "MARKER " + PAYLOAD + " " + attempt["answer"]
            for element in attempt["feedback"]["elements"]:
                if element.get("evidence"):
                    element["evidence"] = PAYLOAD + element["evidence"]
    folder = locations.transcripts_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{session_id}.json"
    path.write_text(json.dumps(data))
    return path


@pilot_test
async def test_review_list_and_detail_show_stored_text_safely():
    plant()
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(app, pilot)
        assert_safe(app, "HOSTILE")
        table = app.screen.query_one("#review-table", DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert_safe(app, "MARKER", "[bold]literal[/bold]")
        assert "[@click=app.quit]click[/]" in screen_text(app)


@pilot_test
async def test_progress_shows_stored_question_text_safely():
    plant()
    app = ReviewTestApp(ProgressScreen)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(app, pilot)
        assert_safe(app, "HOSTILE")


def test_the_guard_removes_planted_controls_but_keeps_the_text():
    from rich.console import Console
    from rich.segment import Segment
    from textual.strip import Strip

    import interviewprep.tui  # noqa: F401 - installs the guard

    rendered = Strip([Segment("before " + PAYLOAD + " after")]).render(Console())
    assert not FORBIDDEN.search(rendered)
    assert "before" in rendered and "after" in rendered and "]52;c;cHduZWQ=" in rendered


@pilot_test
async def test_an_export_name_never_comes_from_the_file_contents(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    hostile_id = "../" * 12 + str(outside).lstrip("/") + "/pwned"
    plant(internal_id=hostile_id)
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
    assert not any(outside.iterdir())
    exports = locations.exports_dir()
    written = list(exports.iterdir()) if exports.exists() else []
    # Either the file is refused as it is read (its id does not match its name), or the report
    # is written under a safe name, inside the exports folder.
    assert written or messages, "nothing exported and nothing said"
    for path in written:
        assert path.resolve().parent == exports.resolve()
        assert not path.name.startswith(".")


@pilot_test
async def test_exporting_a_session_whose_id_climbs_out_writes_inside_the_exports_folder(tmp_path):
    """The file's name is valid, the id inside it is not: the report still lands inside."""
    from interviewprep.tui.screens.review import export_session

    outside = tmp_path / "outside"
    outside.mkdir()
    plant(internal_id="../" * 12 + str(outside).lstrip("/") + "/pwned")
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(app, pilot)
        path = export_session(app.screen, app.context, SESSION)
    assert not any(outside.iterdir())
    if path is not None:  # the store may refuse the file as it reads it; then nothing is written
        assert path.resolve().parent == locations.exports_dir().resolve()
        assert "MARKER" in path.read_text()
    else:
        assert not locations.exports_dir().exists() or not any(locations.exports_dir().iterdir())


def test_export_path_is_always_a_plain_name_inside_the_exports_folder():
    folder = locations.exports_dir()
    for hostile in ("../../etc/passwd", "/abs/path", "..", ".hidden", "a/b\\c", "\x1b]0;x\x07",
                    "", "ok-id_1", "x" * 500):
        path = locations.export_path(hostile)
        assert path.parent == folder, hostile
        assert path.suffix == ".md" and not path.name.startswith(".")
        assert ".." not in path.name and len(path.name) <= 83
    assert locations.export_path("20250303-184512-3fa9c1").name == "20250303-184512-3fa9c1.md"


def hostile_question():
    from interviewprep.bank import Question

    return Question(id="hostile-q", category="behavioral", text="HOSTILE " + PAYLOAD,
                    elements=["situation", "action"], model_answer="MODEL " + PAYLOAD,
                    tip="TIP " + PAYLOAD, follow_ups=["FOLLOW " + PAYLOAD])


@pilot_test
async def test_question_detail_and_model_answer_show_question_files_safely():
    from interviewprep.tui.dialogs.model_answer import ModelAnswerDialog
    from interviewprep.tui.screens.question_detail import QuestionDetailScreen

    question = hostile_question()
    app = ReviewTestApp(lambda context: QuestionDetailScreen(context, question))
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(app, pilot)
        assert_safe(app, "HOSTILE", "MODEL", "TIP", "[bold]literal[/bold]")
        app.push_screen(ModelAnswerDialog(question))
        await settle(app, pilot)
        assert_safe(app, "MODEL", "[bold]literal[/bold]")


@pilot_test
async def test_the_bank_browser_shows_question_files_safely():
    from interviewprep.tui.screens.bank_browser import BankBrowserScreen

    def factory(context):
        question = hostile_question()  # in a copy of the bank: the shared one stays as it is
        context.bank = dataclasses.replace(
            context.bank, questions={question.id: question, **context.bank.questions})
        return BankBrowserScreen(context)

    app = ReviewTestApp(factory)
    async with app.run_test(size=(160, 44)) as pilot:
        await settle(app, pilot)
        assert_safe(app, "HOSTILE")


@pilot_test
async def test_a_notification_quoting_a_file_name_is_not_read_as_markup():
    app = ReviewTestApp(ReviewScreen)
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(app, pilot)
        app.screen.notify("cannot read [@click=app.quit]Q[/].json", title="Export failed")
        app.notify("[b]B[/b]")
        await settle(app, pilot)
        shown = list(app._notifications)
    assert [n.message for n in shown] == ["cannot read [@click=app.quit]Q[/].json", "[b]B[/b]"]
    assert not any(n.markup for n in shown)
