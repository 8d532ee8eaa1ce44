"""Property: whatever the user does and whenever the disk is full, a session's saves are all or
nothing (issue 16, D2/D5). After every action the transcript on disk is exactly the session
in memory, a failed save changes nothing (so trying again never adds an answer twice), and no
temporary file is left behind."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interviewprep.interview import DraftStore, InterviewSession, SessionError, SessionSettings
from interviewprep.transcripts import TranscriptError, TranscriptStore
from support.faults import fill, small_filesystem

ANSWERS = [
    "At a regional bank I led the migration of 40 branch servers with the sponsor.",
    "I did some planning.",
    "I kept a risk log, escalated the vendor delay early and we saved 20 percent.",
]
ACTIONS = ("submit", "follow_up", "skip_follow_up", "skip", "advance", "rate", "draft")


@pytest.fixture(scope="module")
def disk(tmp_path_factory):
    with small_filesystem(tmp_path_factory.mktemp("small") / "disk", "3m") as folder:
        yield folder


_count = itertools.count()


def _act(session: InterviewSession, action: str, answer: str) -> None:
    if action == "submit":
        session.submit(answer)
    elif action == "follow_up":
        session.submit_follow_up(answer)
    elif action == "skip_follow_up":
        session.skip_follow_up()
    elif action == "skip":
        session.skip()
    elif action == "advance":
        session.advance()
    elif action == "rate":
        session.rate_current("knew")
    elif action == "draft":
        session.keep_draft(answer, "answer")


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(ACTIONS), st.sampled_from(ANSWERS),
                                st.booleans()), min_size=1, max_size=8))
def test_saves_are_all_or_nothing_whenever_the_disk_is_full(steps, disk, element_bank,
                                                            real_scorer):
    folder = disk / f"run{next(_count)}"
    store = TranscriptStore(folder / "transcripts", folder / "trash", folder / "cache")
    ids = sorted(element_bank.questions)[:3]
    session = InterviewSession(element_bank, real_scorer, store,
                               SessionSettings(question_ids=ids), drafts=DraftStore(folder / "d"))
    submitted = 0
    for action, answer, full in steps:
        if session.done:
            break
        before = json.dumps(session.transcript.to_json())
        filler = fill(disk) if full else None
        try:
            attempts_before = sum(len(t.attempts) for t in session.transcript.turns)
            _act(session, action, answer)
        except (SessionError, TranscriptError, OSError) as exc:
            if isinstance(exc, TranscriptError):
                assert filler is not None, f"a save failed with space free: {exc}"
            assert json.dumps(session.transcript.to_json()) == before, "nothing half-changed"
        else:
            if action == "submit":
                submitted += 1
                assert sum(len(t.attempts) for t in session.transcript.turns) == \
                    attempts_before + 1
        finally:
            if filler is not None:
                filler.unlink()
        assert not list(folder.rglob(".*.tmp")), "no temporary file left"
        if session.path.exists():
            on_disk = json.loads(session.path.read_text())
            assert on_disk == session.transcript.to_json(), "disk and memory agree"
    assert sum(len(t.attempts) for t in session.transcript.turns) == submitted
