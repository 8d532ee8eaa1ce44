"""The writing side of a session under faults (issue 16: D1, D2, D4, D5): one writer per
session, a check of the file before each save, a full disk, quitting while an answer waits."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from interviewprep.fileio import atomic_write_text
from interviewprep.interview import DraftStore, InterviewSession, SessionSettings
from interviewprep.transcripts import TranscriptError, TranscriptStore
from interviewprep.transcripts.lock import SessionInUse, SessionLock, TranscriptChanged
from support.faults import fill, small_filesystem

ANSWER = ("At a regional bank I led the migration of 40 branch servers. I planned three waves "
          "with the sponsor, kept a risk log and we finished two weeks early, saving 20 percent.")


def _session(bank, scorer, store: TranscriptStore, drafts: DraftStore | None = None,
             count: int = 2) -> InterviewSession:
    ids = sorted(bank.questions)[:count]
    return InterviewSession(bank, scorer, store, SessionSettings(question_ids=ids,
                                                                 follow_ups=False),
                            drafts=drafts)


def _temp_files(folder) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*.tmp")) + sorted(
        p.name for p in folder.rglob("*.tmp.npz"))


# ---------------------------------------------------------------- one writer per session
def test_a_second_lock_is_refused_with_where_the_session_is_open(tmp_path):
    first = SessionLock.acquire(tmp_path, "s1", "in plain mode")
    with pytest.raises(SessionInUse) as caught:
        SessionLock.acquire(tmp_path, "s1", "in the app")
    message = str(caught.value)
    assert "s1 is open in plain mode" in message and f"process {os.getpid()}" in message
    SessionLock.acquire(tmp_path, "other", "in the app").release()  # other sessions are free
    first.release()
    again = SessionLock.acquire(tmp_path, "s1", "in the app")
    again.release()
    assert not list(tmp_path.glob(".*.lock")), "a released lock leaves no file behind"


def test_a_save_refuses_to_overwrite_what_another_writer_saved(element_bank, real_scorer):
    store = TranscriptStore()
    mine = _session(element_bank, real_scorer, store)
    mine.submit(ANSWER)
    # Another window (without the lock: an older version, another machine) saves its own.
    theirs = store.load(mine.transcript.id)
    theirs.turns[0].attempts[0].answer = "their answer, which they were told is saved"
    store.save(theirs)
    mine.advance()
    with pytest.raises(TranscriptChanged, match="changed by another"):
        mine.submit("my second answer")
    on_disk = store.load(mine.transcript.id)
    assert on_disk.turns[0].attempts[0].answer.startswith("their answer"), "not overwritten"
    assert len(on_disk.turns) == 1


def test_delete_refuses_while_the_session_is_open_and_a_save_never_resurrects(
        element_bank, real_scorer):
    store = TranscriptStore()
    session = _session(element_bank, real_scorer, store)
    session.claim("in the app")
    session.submit(ANSWER)
    with pytest.raises(TranscriptError, match="open in the app.*not deleted"):
        store.delete(session.transcript.id)
    assert session.path.exists()
    session.close()
    # Deleted once it is closed; a stale in-memory session saving afterwards does not bring
    # the file back.
    trashed = store.delete(session.transcript.id)
    assert trashed.exists() and not session.path.exists()
    session.advance()
    with pytest.raises(TranscriptChanged, match="deleted or moved"):
        session.skip()
    assert not session.path.exists()
    assert json.loads(trashed.read_text())["turns"][0]["attempts"][0]["answer"] == ANSWER


# ---------------------------------------------------------------- D5: a failed save
def test_a_failed_save_changes_nothing_so_a_retry_adds_the_answer_once(
        element_bank, real_scorer, tmp_path, monkeypatch):
    with small_filesystem(tmp_path / "disk", "4m") as disk:
        store = TranscriptStore(disk / "transcripts", disk / "trash", disk / "cache")
        session = _session(element_bank, real_scorer, store, DraftStore(disk / "drafts"))
        session.submit(ANSWER)
        session.advance()
        filler = fill(disk)
        for _ in range(3):  # the user submits again and again while the disk is full
            with pytest.raises(TranscriptError, match="No space left"):
                session.submit("My second answer, about a risk I escalated early.")
        assert session.current_turn is None and session.index == 1, "nothing half-added"
        assert _temp_files(disk) == [], "a failed save removes its temporary file"
        filler.unlink()
        session.submit("My second answer, about a risk I escalated early.")
        saved = json.loads(session.path.read_text())
        assert [len(t["attempts"]) for t in saved["turns"]] == [1, 1]


def test_temporary_files_are_removed_when_the_disk_is_full(tmp_path, real_scorer):
    from interviewprep.scoring.embedcache import EmbeddingCache

    with small_filesystem(tmp_path / "disk", "2m") as disk:
        target = disk / "kept.json"
        atomic_write_text(target, "old")
        filler = fill(disk)
        with pytest.raises(OSError):
            atomic_write_text(target, "x" * 200_000)
        assert target.read_text() == "old", "the old content is kept whole"
        filler.unlink()
        # The embedding cache: a save that does not fit leaves no partial .npz holding space.
        cache = EmbeddingCache(real_scorer.embedder, disk / "cache", "0" * 64)
        cache.encode([f"sentence number {i} about a project" for i in range(40)])
        free_before = shutil.disk_usage(disk).free
        filler = fill(disk)
        cache.save()  # an unwritable cache only costs time: no error
        assert _temp_files(disk) == []
        filler.unlink()
        assert shutil.disk_usage(disk).free >= free_before - 8192
        cache.save()
        assert cache.path.exists() and _temp_files(disk) == []


# ---------------------------------------------------------------- D4: quitting while scoring
def test_quitting_while_the_first_answer_is_scored_keeps_it_with_a_transcript(
        element_bank, real_scorer):
    store = TranscriptStore()
    drafts = DraftStore()
    session = _session(element_bank, None, store, drafts)  # the scorer is still loading
    session.save_for_later(ANSWER, "scoring")
    assert session.path.exists(), "no draft without its transcript"
    assert drafts.path_for(session.transcript.id).exists()
    resumed = InterviewSession.resume(element_bank, real_scorer, store,
                                      store.load(session.transcript.id))
    assert resumed.index == 0
    assert resumed.restore_draft().text == ANSWER


def test_a_draft_kept_while_typing_makes_the_session_resumable(element_bank):
    store = TranscriptStore()
    drafts = DraftStore()
    session = _session(element_bank, None, store, drafts)
    session.keep_draft("The first words of my", "answer")
    session.keep_draft("The first words of my answer", "answer")
    assert drafts.load(session.transcript.id).text == "The first words of my answer"
    assert store.load(session.transcript.id).turns[0].attempts == []
    session.keep_draft("   ", "answer")  # the box was emptied on purpose
    assert drafts.load(session.transcript.id) is None
