"""Property tests with Pilot: the stories and job-posting screens over a real story file damaged
line by line and a real saved posting damaged field by field, each beside an intact one
(issue 16, item 8). Whatever the damage, both screens open, the intact story and posting are
listed, the damaged one is listed or reported, walking through the list shows each entry, and
no screen raises (Pilot re-raises an app's exception when the test leaves `run_test`)."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual.widgets import DataTable, OptionList

from interviewprep import locations
from interviewprep.tui.app import InterviewPrepApp
from interviewprep.tui.screens.job_postings import JobPostingsScreen
from interviewprep.tui.screens.stories import StoriesScreen
from support.cli import private_home
from support.mutate import line_mutation, mutation
from support.tui import SAMPLE_POSTING, StillClock, masked_path, wait_for_scorer

REPO = Path(__file__).resolve().parents[2]
STORY_FILE = REPO / "calibration" / "stories" / "cand-01.md"
GOOD_STORY = ("## Rescuing the payroll upgrade\nSituation: The payroll upgrade for 2,000 staff "
              "was six weeks late when I took it over.\nAction: I cut the scope to the statutory "
              "changes and ran a parallel payroll twice.\nResult: It went live a week early.\n")
EXAMPLES = max(8, int(os.environ.get("INTERVIEWPREP_MUTATIONS", "60")) // 6)
SETTINGS = dict(max_examples=EXAMPLES, deadline=None, derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
SIZE = (120, 36)
_POSTING: list[str] = []


def _app(real_scorer) -> InterviewPrepApp:
    return InterviewPrepApp(scorer_loader=lambda _p: real_scorer, clock=StillClock(),
                            show_path=masked_path, cursor_blink=False)


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _walk_stories(real_scorer, damaged: Path) -> None:
    app = _app(real_scorer)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_scorer(pilot)
        while app.context.stories.state in ("waiting", "loading"):
            await pilot.pause(0.05)
        await _settle(pilot)
        await pilot.press("t")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, StoriesScreen)
        table = screen.query_one("#stories-table", DataTable)
        keys = [str(row.key.value) for row in table.ordered_rows]
        assert "good" in keys
        if not any(k.startswith("mine") for k in keys):
            problems = [str(p) for p in app.context.stories.library.problems]
            assert any(str(damaged) in p for p in problems), problems
        for _ in keys:
            await pilot.press("down")
            await _settle(pilot)


@settings(**{**SETTINGS, "max_examples": max(5, EXAMPLES // 2)})
@given(case=line_mutation(STORY_FILE.read_text(encoding="utf-8")))
def test_the_stories_screen_over_a_damaged_story_file(real_scorer, case):
    _described, data = case
    with private_home():
        folder = locations.stories_dir()
        folder.mkdir(parents=True)
        (folder / "good.md").write_text(GOOD_STORY, encoding="utf-8")
        damaged = folder / "mine.md"
        damaged.write_bytes(data)
        asyncio.run(_walk_stories(real_scorer, damaged))


def _real_posting(real_scorer) -> str:
    """A posting saved as `jd add` saves it (real analysis), made once."""
    if not _POSTING:
        from interviewprep.bank import load_app_bank
        from interviewprep.jd import PostingAnalyser, PostingStore

        with private_home():
            bank, _ = load_app_bank()
            analyser = PostingAnalyser(bank, real_scorer.embedder,
                                       real_scorer.model_info.get("sha256", "test"))
            saved = PostingStore().add(SAMPLE_POSTING, analyser.analyse(SAMPLE_POSTING),
                                       name="kestrel")
            _POSTING.append(saved.path.read_text(encoding="utf-8"))
    return _POSTING[0]


async def _walk_postings(real_scorer, damaged: Path) -> None:
    app = _app(real_scorer)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_scorer(pilot)
        await pilot.press("j")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, JobPostingsScreen)
        menu = screen.query_one("#jd-list", OptionList)
        names = [menu.get_option_at_index(i).id for i in range(menu.option_count)]
        assert "good" in names
        if "kestrel" not in names:
            assert any(str(damaged) in p for p in screen.unreadable), screen.unreadable
        for _ in names:
            await pilot.press("down")
            await _settle(pilot)


@settings(**SETTINGS)
@given(data=st.data())
def test_the_job_postings_screen_over_a_damaged_posting(real_scorer, data):
    posting = _real_posting(real_scorer)
    _described, doc = data.draw(mutation(json.loads(posting)))
    with private_home():
        folder = locations.job_descriptions_dir()
        folder.mkdir(parents=True)
        (folder / "good.json").write_text(posting.replace('"kestrel"', '"good"', 1),
                                          encoding="utf-8")
        damaged = folder / "kestrel.json"
        damaged.write_bytes(json.dumps(doc).encode("utf-8", "surrogatepass"))
        asyncio.run(_walk_postings(real_scorer, damaged))


WRONG_TYPES = [
    ("analysis", "terms", 1.5),
    ("analysis", "level", ["mid"]),
    ("analysis", "specializations", "itsm"),
    ("analysis", "requirements", 0, "text", None),
    ("analysis", "plan", 0, "requirements", [99]),
]
"""Analyses that look whole but hold the wrong types (found by the CLI property test)."""


def _damage(doc: dict, where: tuple) -> dict:
    *path, value = where
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    if path[-1] == "terms" and not isinstance(value, list):
        parent[path[-1]].append(value)
    else:
        parent[path[-1]] = value
    return doc


def test_the_job_postings_screen_over_analyses_of_the_wrong_types(real_scorer):
    posting = _real_posting(real_scorer)
    for where in WRONG_TYPES:
        with private_home():
            folder = locations.job_descriptions_dir()
            folder.mkdir(parents=True)
            (folder / "good.json").write_text(posting.replace('"kestrel"', '"good"', 1),
                                              encoding="utf-8")
            damaged = folder / "kestrel.json"
            damaged.write_text(json.dumps(_damage(json.loads(posting), where)), encoding="utf-8")
            asyncio.run(_walk_postings(real_scorer, damaged))
