"""Listing saved sessions: digests, the listing index, corrupt files, older schema versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from interviewprep import locations
from interviewprep.transcripts import SCHEMA_VERSION, TranscriptError, TranscriptStore
from interviewprep.transcripts.index import index_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
GOOD = sorted(FIXTURES.glob("*.json"))
V1 = FIXTURES / "v1" / "20250210-173000-0a1b2c.json"
CORRUPT = FIXTURES / "corrupt" / "20250315-120000-badf00.json"


@pytest.fixture
def folder() -> Path:
    target = locations.transcripts_dir()
    target.mkdir(parents=True)
    for path in [*GOOD, V1, CORRUPT]:
        shutil.copy(path, target / path.name)
    return target


def test_digests_match_full_loads(folder):
    store = TranscriptStore()
    digests, problems = store.digests()
    sessions, list_problems = store.list()
    assert [d.id for d in digests] == [t.id for t in sessions]
    assert [p.path for p in problems] == [p.path for p in list_problems]
    for digest, transcript in zip(digests, sessions, strict=True):
        assert digest.overall == transcript.overall
        assert digest.categories == transcript.categories
        assert digest.questions == len(transcript.turns)
        assert digest.finished == transcript.finished
        assert [t.overall for t in digest.turns] == [t.overall for t in transcript.turns]


def test_a_corrupt_file_is_reported_every_time_and_never_changed(folder):
    before = (folder / CORRUPT.name).read_bytes()
    store = TranscriptStore()
    for _ in range(3):
        digests, problems = store.digests()
        assert len(digests) == 5
        assert [p.path.name for p in problems] == [CORRUPT.name]
        assert "not valid JSON" in problems[0].reason
    assert (folder / CORRUPT.name).read_bytes() == before


@pytest.mark.parametrize("content, reason", [
    (b"\xff\xfe\x00garbage", "cannot read"),
    (b"[1, 2, 3]", "not an interviewprep transcript"),
    (b'{"id": "x", "schema_version": 99}', "newer interviewprep"),
    (b'{"id": "x", "turns": ["not a turn"]}', "unreadable transcript"),
    (b'{"id": "x", "schema_version": 2, "turns": [{"question_id": "q", "attempts": '
     b'[{"answer": "a", "feedback": "not a dict"}]}]}', "unreadable transcript"),
    (b'{"id": "x", "schema_version": 2, "turns": [{"question_id": "q", "attempts": '
     b'[{"answer": "a", "feedback": {"overall": 5, "elements": [7]}}]}]}',
     "unreadable transcript"),
])
def test_every_kind_of_bad_file_is_reported_not_raised(folder, content, reason):
    (folder / "bad.json").write_bytes(content)
    digests, problems = TranscriptStore().digests()
    assert len(digests) == 5
    bad = [p for p in problems if p.path.name == "bad.json"]
    assert bad and reason in bad[0].reason
    assert (folder / "bad.json").read_bytes() == content


def test_an_older_schema_version_still_loads_without_being_rewritten(folder):
    store = TranscriptStore()
    before = (folder / V1.name).read_bytes()
    transcript = store.load(V1.stem)
    assert transcript.schema_version == SCHEMA_VERSION
    assert [t.question_id for t in transcript.turns] == [
        "adapt-key-person-leaves", "lead-stakeholder-management-approach"]
    first = transcript.turns[0]
    assert first.question_text.startswith("Tell me about a time a key team member left")
    assert first.attempts[0].answer.startswith("Our lead tester left")
    assert first.elements == ["situation", "action", "risk", "result"]
    assert transcript.overall == 41.5
    digest = next(d for d in store.digests()[0] if d.id == V1.stem)
    assert digest.schema_version == 1
    assert (folder / V1.name).read_bytes() == before


def test_the_index_is_used_while_files_are_unchanged(folder, monkeypatch):
    store = TranscriptStore()
    first, _ = store.digests()
    assert index_path(store).exists()

    def no_parsing(path):
        raise AssertionError(f"parsed {path} although the index had it")

    monkeypatch.setattr(store, "read_data", no_parsing)
    monkeypatch.setattr(store, "parse", lambda *a: no_parsing(a[0]))
    # The corrupt file is never cached, so it alone is read again.
    monkeypatch.setattr(store, "read_data", lambda p: (_ for _ in ()).throw(
        TranscriptError(f"{p}: not valid JSON")) if p.name == CORRUPT.name else no_parsing(p))
    again, problems = store.digests()
    assert [d.to_json() for d in again] == [d.to_json() for d in first]
    assert [p.path.name for p in problems] == [CORRUPT.name]


def test_the_index_never_hides_or_resurrects_a_file(folder):
    store = TranscriptStore()
    store.digests()
    # A changed file is read again.
    path = folder / "20250324-081455-d1e7aa.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["turns"][0]["attempts"][0]["feedback"]["overall"] = 12
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    digests, _ = store.digests()
    assert next(d for d in digests if d.id == path.stem).overall == 12
    # A removed file disappears, a new one appears.
    path.unlink()
    shutil.copy(FIXTURES / "20250303-184512-3fa9c1.json", folder / "copy.json")
    ids = [d.file for d in store.digests()[0]]
    assert path.name not in ids and "copy.json" in ids
    # A file that becomes corrupt is reported, even though the index knew it.
    (folder / "copy.json").write_text("{", encoding="utf-8")
    digests, problems = store.digests()
    assert "copy.json" not in [d.file for d in digests]
    assert "copy.json" in [p.path.name for p in problems]


def test_a_broken_or_foreign_index_is_ignored(folder):
    store = TranscriptStore()
    index = index_path(store)
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text("{ not json", encoding="utf-8")
    assert len(store.digests()[0]) == 5
    index.write_text(json.dumps({"version": 1, "entries": {"ghost.json": {
        "stamp": [1, 2, 3], "digest": {"id": "ghost"}}}}), encoding="utf-8")
    digests, _ = store.digests()
    assert "ghost" not in [d.id for d in digests] and len(digests) == 5


def test_delete_moves_the_file_to_the_trash(folder):
    store = TranscriptStore()
    content = (folder / "20250324-081455-d1e7aa.json").read_bytes()
    target = store.delete("20250324-081455-d1e7aa")
    assert target.parent == locations.trash_dir()
    assert target.read_bytes() == content
    assert "20250324-081455-d1e7aa" not in [d.id for d in store.digests()[0]]
