"""Property tests with Pilot: the home, review, session and progress screens over a real
transcript damaged one field at a time (beside an intact one), and over duplicates, FIFOs
and deep nests in the transcripts folder.

Whatever the damage, the app starts, the intact session is listed, the damaged one is listed
or counted as unreadable, opening it (when it is readable) shows it, and no screen raises
(Pilot re-raises an app's exception when the test leaves `run_test`).
"""

from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager

from hypothesis import HealthCheck, Phase, given, settings
from textual.widgets import DataTable

from interviewprep import locations
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.screens.progress import ProgressScreen
from interviewprep.tui.screens.review import ReviewScreen, SessionDetailScreen
from support.cli import private_home
from support.mutate import mutation
from support.review_app import FIXTURES, pilot_test, settle

FINISHED = FIXTURES / "20250303-184512-3fa9c1.json"
INTACT = FIXTURES / "20250310-190205-8b27de.json"
EXAMPLES = max(8, int(os.environ.get("INTERVIEWPREP_MUTATIONS", "60")) // 6)


class ScorerStandIn:
    """Test double for the scorer: never scores (these screens only read saved sessions)."""

    model_info = {"card": "stand-in", "runtime": "none"}


@contextmanager
def fresh_home():
    with private_home():
        folder = locations.transcripts_dir()
        folder.mkdir(parents=True)
        shutil.copy(INTACT, folder / INTACT.name)
        yield folder


def row_keys(app) -> list[str]:
    table = app.screen.query_one("#review-table", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


async def walk_screens(open_id: str | None = None) -> list[str]:
    """Start the app, open review (and `open_id` in it, if listed), then progress; the rows."""
    app = InterviewPrepApp(scorer_loader=lambda _progress: ScorerStandIn(), cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.push_screen(ReviewScreen(app.context))
        await settle(app, pilot)
        rows = row_keys(app)
        if open_id in rows:
            table = app.screen.query_one("#review-table", DataTable)
            table.move_cursor(row=rows.index(open_id))
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, SessionDetailScreen)
            for key in ("n", "n", "p", "escape"):
                await pilot.press(key)
                await pilot.pause()
        app.push_screen(ProgressScreen(app.context))
        await settle(app, pilot)
        return rows


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutation(json.loads(FINISHED.read_text(encoding="utf-8"))))
@pilot_test
async def test_screens_survive_one_mutated_field(case):
    described, doc = case
    with fresh_home() as folder:
        (folder / FINISHED.name).write_text(json.dumps(doc), encoding="utf-8")
        rows = await walk_screens(FINISHED.stem)
        assert INTACT.stem in rows, described


@pilot_test
async def test_a_backup_copy_with_the_same_internal_id_is_its_own_row_not_a_crash():
    with fresh_home() as folder:
        shutil.copy(FINISHED, folder / FINISHED.name)
        shutil.copy(FINISHED, folder / f"{FINISHED.stem}.bak.json")  # same "id" inside
        shutil.copy(FINISHED, folder / f"{FINISHED.stem} (conflicted copy).json")
        rows = await walk_screens(f"{FINISHED.stem}.bak")
        assert sorted(rows) == sorted([INTACT.stem, FINISHED.stem, f"{FINISHED.stem}.bak"])


@pilot_test
async def test_a_fifo_and_a_deep_nest_in_the_folder_do_not_hang_or_hide_the_rest():
    with fresh_home() as folder:
        os.mkfifo(folder / "pipe.json")
        (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
        (folder / "typed.json").write_text(
            FINISHED.read_text(encoding="utf-8").replace('"category": "behavioral"',
                                                           '"category": null', 1),
            encoding="utf-8")
        rows = await walk_screens(INTACT.stem)
        assert rows == [INTACT.stem]
