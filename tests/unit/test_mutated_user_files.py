"""Property tests: the user's other JSON files (schedule.json, saved job postings, drafts, the
session index) damaged one field at a time. Reading never raises; a bad file is reported (or,
for the derived schedule and index, set aside or rebuilt); the good files still load."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from interviewprep import clock, locations
from support.cli import private_home
from support.mutate import mutation

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
GOOD = sorted(FIXTURES.glob("*.json"))
EXAMPLES = max(20, int(os.environ.get("INTERVIEWPREP_MUTATIONS", "60")) // 2)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@contextlib.contextmanager
def fresh_home():
    with private_home() as home:
        folder = locations.transcripts_dir()
        folder.mkdir(parents=True)
        for path in GOOD:
            shutil.copy(path, folder / path.name)
        yield home


def _real_schedule() -> dict:
    from interviewprep.schedule.store import ScheduleStore

    with fresh_home():
        store = ScheduleStore()
        store.load()
        return json.loads(store.path.read_text(encoding="utf-8"))


def _real_index() -> dict:
    from interviewprep.transcripts import TranscriptStore
    from interviewprep.transcripts.index import index_path

    with fresh_home():
        store = TranscriptStore()
        store.digests()
        return json.loads(index_path(store).read_text(encoding="utf-8"))


SCHEDULE = _real_schedule()
INDEX = _real_index()
POSTING = {"name": "kestrel", "title": "IT Project Manager",
           "text": "We need a project manager for an ERP roll-out across three warehouses.",
           "added_at": "2025-03-01T10:00:00+00:00", "source": None, "analysis": None}


@SETTINGS
@given(mutation(SCHEDULE))
def test_a_mutated_schedule_is_read_or_set_aside_and_rebuilt(case):
    from interviewprep.schedule.queue import due_today
    from interviewprep.schedule.store import ScheduleStore

    described, doc = case
    with fresh_home():
        store = ScheduleStore()
        store.path.parent.mkdir(parents=True, exist_ok=True)
        store.path.write_text(json.dumps(doc), encoding="utf-8")
        loaded = store.load()
        assert set(loaded.schedule.questions) == set(SCHEDULE["questions"]), described
        due_today(loaded.schedule, clock.now())
        for notice in loaded.notices:
            assert str(store.path) in notice, (described, notice)


@SETTINGS
@given(mutation(INDEX))
def test_a_mutated_index_never_changes_what_is_listed(case):
    from interviewprep.transcripts import TranscriptStore
    from interviewprep.transcripts.index import index_path

    described, doc = case
    with fresh_home():
        store = TranscriptStore()
        expected = [d.to_json() for d in store.digests()[0]]
        index_path(store).write_text(json.dumps(doc), encoding="utf-8")
        digests, problems = store.digests()
        assert [d.to_json() for d in digests] == expected, described
        assert not problems


@SETTINGS
@given(mutation(POSTING))
def test_a_mutated_posting_is_listed_or_reported_and_the_good_one_still_loads(case):
    from interviewprep.jd.store import PostingStore

    described, doc = case
    with fresh_home():
        store = PostingStore()
        store.folder.mkdir(parents=True)
        (store.folder / "good.json").write_text(json.dumps(dict(POSTING, name="good")),
                                                encoding="utf-8")
        bad = store.folder / "kestrel.json"
        bad.write_text(json.dumps(doc), encoding="utf-8")
        before = bad.read_bytes()
        postings, problems = store.list()
        names = [p.name for p in postings]
        assert "good" in names, (described, problems)
        assert ("kestrel" in names) != any(p.path == bad for p in problems), described
        assert bad.read_bytes() == before


@SETTINGS
@given(mutation({"question_id": "beh-managing-significant-risks", "mode": "answer",
                 "text": "I led the move of 300 servers"}))
def test_a_mutated_draft_is_restored_whole_or_not_at_all(case):
    from interviewprep.interview.drafts import Draft, DraftStore

    described, doc = case
    with fresh_home():
        store = DraftStore()
        store.folder.mkdir(parents=True)
        path = store.path_for("s1")
        path.write_text(json.dumps(doc), encoding="utf-8")
        draft = store.load("s1")
        assert draft is None or isinstance(draft, Draft) and all(
            isinstance(v, str) for v in (draft.question_id, draft.mode, draft.text)), described
        assert path.exists()
