"""Every file the app reads is checked at the boundary (issue 16, the reading side).

One regression test per finding: a mistyped field (C1), a deep nest (C1), a backup copy with the
same internal id (C3), a renamed file and odd ids (C4), an index of the wrong types (C9), a FIFO
(H1), a file too big (H2), and the same for stories, job postings, the schedule, drafts and
question files. A bad file is reported once with its path and a reason, skipped, and left
exactly as it was; the other files keep working.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from interviewprep import locations
from interviewprep.fileio import UnreadableFile, read_json_capped, read_text_capped
from interviewprep.transcripts import TranscriptError, TranscriptStore
from interviewprep.transcripts.index import index_path
from interviewprep.transcripts.model import StoredFeedback, Transcript

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "transcripts"
GOOD = sorted(FIXTURES.glob("*.json"))
FINISHED = FIXTURES / "20250303-184512-3fa9c1.json"
UNFINISHED = FIXTURES / "20250317-201130-c45e02.json"


@pytest.fixture
def folder() -> Path:
    target = locations.transcripts_dir()
    target.mkdir(parents=True)
    for path in GOOD:
        shutil.copy(path, target / path.name)
    return target


def ids(store: TranscriptStore) -> list[str]:
    return sorted(d.id for d in store.digests()[0])


def write_mutated(folder: Path, name: str, change) -> Path:
    data = json.loads(FINISHED.read_text(encoding="utf-8"))
    change(data)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ------------------------------------------------------------------ transcripts
@pytest.mark.parametrize("change, field", [
    (lambda d: d["turns"][0].__setitem__("category", None), "turns.0.category"),
    (lambda d: d["turns"][0]["attempts"][0]["feedback"].__setitem__("overall", "high"),
     "turns.0.attempts.0.feedback.overall"),
    (lambda d: d["turns"][0]["attempts"][0]["feedback"]["elements"][0].__setitem__("id", ["a"]),
     "elements.0.id"),
    (lambda d: d["turns"][1].__setitem__("follow_up", [1, 2]), "turns.1.follow_up"),
    (lambda d: d.__setitem__("started_at", "last tuesday"), "started_at"),
    (lambda d: d.__setitem__("settings", {"seed": "eleven"}), "settings.seed"),
    (lambda d: d.__setitem__("plan", [None]), "plan.0"),
    (lambda d: d.__setitem__("retry_of", {"session": 5}), "retry_of.session"),
    (lambda d: d["turns"][0]["attempts"][0].__setitem__("seconds", -4), "seconds"),
    (lambda d: d["turns"][0].__setitem__("rating", {"grade": "superb"}), "rating"),
])
def test_a_mistyped_field_is_reported_with_its_path_and_the_rest_listed(folder, change, field):
    path = write_mutated(folder, "20250401-090000-abcdef.json", change)
    before = path.read_bytes()
    store = TranscriptStore()
    digests, problems = store.digests()
    assert sorted(d.id for d in digests) == sorted(p.stem for p in GOOD)
    assert [p.path for p in problems] == [path]
    assert field in problems[0].reason
    with pytest.raises(TranscriptError, match=field.replace(".", r"\.")):
        store.load(path.stem)
    assert path.read_bytes() == before


def test_a_deeply_nested_file_is_reported_and_hides_nothing(folder):
    deep = folder / "20250401-090000-deep00.json"
    deep.write_text('{"id": "x", "turns": ' + "[" * 100_000 + "]" * 100_000 + "}",
                    encoding="utf-8")
    store = TranscriptStore()
    digests, problems = store.digests()
    assert len(digests) == len(GOOD)
    assert [p.path for p in problems] == [deep] and "nested too deeply" in problems[0].reason
    latest = store.latest_unfinished()  # the Resume option still finds the unfinished session
    assert latest is not None and latest.id == UNFINISHED.stem


def test_a_fifo_is_reported_without_being_opened_for_reading(folder):
    fifo = folder / "20250401-090000-f1f0f1.json"
    os.mkfifo(fifo)  # reading it would wait for a writer forever
    digests, problems = TranscriptStore().digests()
    assert len(digests) == len(GOOD)
    assert [(p.path, p.reason) for p in problems] == [(fifo, "not a regular file")]
    with pytest.raises(UnreadableFile, match="not a regular file"):
        read_text_capped(fifo, 100)


def test_a_transcript_too_big_is_refused_before_it_is_read(folder):
    big = folder / "20250401-090000-b19b19.json"
    with big.open("wb") as fh:
        fh.write(b'{"id": "x", "turns": [], "answer": "')
        fh.truncate(25_000_000)  # sparse: no 25 MB written, but that is its size
    digests, problems = TranscriptStore().digests()
    assert len(digests) == len(GOOD)
    assert "too big (25.0 MB; the limit is 20.0 MB)" in problems[0].reason


def test_a_backup_copy_with_the_same_internal_id_is_its_own_session(folder):
    """The file name is the id: a copy is listed under its own name, a name that cannot be an
    id (a sync conflict's) is reported, and nothing is saved to a name read from a file."""
    shutil.copy(FINISHED, folder / f"{FINISHED.stem}.bak.json")
    shutil.copy(FINISHED, folder / f"{FINISHED.stem} (conflicted copy).json")
    store = TranscriptStore()
    digests, problems = store.digests()
    listed = [d.id for d in digests]
    assert len(listed) == len(set(listed)) == len(GOOD) + 1
    assert f"{FINISHED.stem}.bak" in listed
    assert [p.path.name for p in problems] == [f"{FINISHED.stem} (conflicted copy).json"]
    assert "not a session id" in problems[0].reason
    copy = store.load(f"{FINISHED.stem}.bak")
    assert copy.id == f"{FINISHED.stem}.bak"
    assert store.save(copy) == folder / f"{FINISHED.stem}.bak.json"


def test_a_renamed_file_is_loaded_and_saved_under_its_new_name(folder):
    renamed = folder / "my-practice.json"
    (folder / UNFINISHED.name).rename(renamed)
    store = TranscriptStore()
    transcript = store.load("my-practice")
    assert transcript.id == "my-practice"
    assert store.save(transcript) == renamed
    assert not (folder / UNFINISHED.name).exists()


def test_a_hostile_internal_id_never_becomes_a_path(folder):
    write_mutated(folder, "20250401-090000-0dd1d0.json",
                  lambda d: d.__setitem__("id", "../../../../tmp/pwned"))
    store = TranscriptStore()
    transcript = store.load("20250401-090000-0dd1d0")
    assert transcript.id == "20250401-090000-0dd1d0"
    assert store.path_for(transcript.id).parent == folder
    with pytest.raises(TranscriptError, match="invalid session id"):
        store.load("../../etc/passwd")


def test_an_index_of_valid_json_with_wrong_types_is_rebuilt(folder):
    store = TranscriptStore()
    good = [d.to_json() for d in store.digests()[0]]
    index = index_path(store)
    data = json.loads(index.read_text(encoding="utf-8"))
    for entry in data["entries"].values():
        entry["digest"]["turns"] = [{"question_id": 7, "overall": "x"}]
        entry["digest"]["categories"] = None
        entry["digest"]["started_at"] = ["not", "a", "date"]
    index.write_text(json.dumps(data), encoding="utf-8")
    assert [d.to_json() for d in store.digests()[0]] == good
    # and the index written back is a good one again
    assert json.loads(index.read_text(encoding="utf-8"))["entries"] != data["entries"]


def test_an_index_entry_cannot_rename_a_session(folder):
    store = TranscriptStore()
    store.digests()
    index = index_path(store)
    data = json.loads(index.read_text(encoding="utf-8"))
    for entry in data["entries"].values():
        entry["digest"]["id"] = "../elsewhere"
    index.write_text(json.dumps(data), encoding="utf-8")
    assert ids(store) == sorted(p.stem for p in GOOD)


def test_typed_feedback_reads_and_writes_the_same_file_format(folder):
    data = json.loads(FINISHED.read_text(encoding="utf-8"))
    transcript = Transcript.from_json(data)
    feedback = transcript.turns[0].attempts[0].feedback
    assert isinstance(feedback, StoredFeedback)
    assert feedback.overall == data["turns"][0]["attempts"][0]["feedback"]["overall"]
    assert feedback.elements[0].state == "covered"
    assert transcript.to_json() == Transcript.from_json(transcript.to_json()).to_json()
    written = transcript.to_json()["turns"][0]["attempts"][0]["feedback"]
    assert written == data["turns"][0]["attempts"][0]["feedback"]


def test_json_with_nan_or_a_deep_nest_is_refused_by_the_shared_reader(tmp_path):
    nan = tmp_path / "nan.json"
    nan.write_text('{"overall": NaN}', encoding="utf-8")
    with pytest.raises(UnreadableFile, match="NaN"):
        read_json_capped(nan, 1000)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 70 + "]" * 70, encoding="utf-8")
    with pytest.raises(UnreadableFile, match="nested too deeply"):
        read_json_capped(deep, 1000)


# ------------------------------------------------------------------ the other user files
def test_story_files_that_are_fifos_or_too_big_are_reported_and_the_rest_load():
    from interviewprep.stories.store import StoryStore

    folder = locations.stories_dir()
    folder.mkdir(parents=True)
    (folder / "good.md").write_text(
        "## Data centre move\nSituation: two ageing data centres and a lease ending in June.\n"
        "Action: I led the move of 300 servers in 22 bundles, one weekend each.\n"
        "Result: we finished two weeks before the lease ended with no data lost.\n",
        encoding="utf-8")
    os.mkfifo(folder / "pipe.md")
    with (folder / "huge.md").open("wb") as fh:
        fh.truncate(3_000_000)
    stories, problems = StoryStore().load()
    assert [s.id for s in stories] == ["good"], problems
    reasons = {Path(p.path).name: p.message for p in problems}
    assert reasons["pipe.md"] == "not a regular file"
    assert reasons["huge.md"].startswith("too big")


def test_a_damaged_used_json_is_never_overwritten():
    from interviewprep.stories.store import StoryStore

    folder = locations.stories_dir()
    folder.mkdir(parents=True)
    usage = folder / "used.json"
    usage.write_text('{"a-story": [1, 2', encoding="utf-8")
    store = StoryStore()
    assert store.usage() == {}
    store.record_use("a-story", "session:question")
    assert usage.read_text(encoding="utf-8") == '{"a-story": [1, 2'


def _posting(name: str) -> dict:
    return {"name": name, "title": "IT Project Manager",
            "text": "We need a project manager for an ERP roll-out.",
            "added_at": "2025-03-01T10:00:00+00:00", "source": None, "analysis": None}


def test_saved_postings_of_the_wrong_shape_are_reported_and_named_by_their_file():
    from interviewprep.jd.store import PostingStore

    store = PostingStore()
    store.folder.mkdir(parents=True)
    good = _posting("kestrel")
    template = json.loads(json.dumps(good))
    (store.folder / "kestrel.json").write_text(json.dumps(good), encoding="utf-8")
    (store.folder / "renamed.json").write_text(json.dumps(good), encoding="utf-8")
    bad = dict(template, title=["not", "text"])
    (store.folder / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    (store.folder / "deep.json").write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    os.mkfifo(store.folder / "pipe.json")
    postings, problems = store.list()
    assert sorted(p.name for p in postings) == ["kestrel", "renamed"], problems
    reasons = {p.path.name: p.message for p in problems}
    assert set(reasons) == {"bad.json", "deep.json", "pipe.json"}
    assert "nested too deeply" in reasons["deep.json"]
    assert "not a regular file" in reasons["pipe.json"]


def test_a_schedule_that_is_too_deep_or_a_fifo_is_set_aside_and_rebuilt(folder):
    from interviewprep.schedule.store import ScheduleStore

    store = ScheduleStore()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text('{"kind": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    loaded = store.load()
    assert loaded.notices and "nested too deeply" in loaded.notices[0]
    assert loaded.schedule.questions  # rebuilt from the transcripts
    assert list(store.trash.glob("schedule-*.json"))  # the bad one kept in the trash
    store.path.unlink()
    os.mkfifo(store.path)
    loaded = store.load()
    assert "not a regular file" in loaded.notices[0]


def test_drafts_of_the_wrong_shape_are_not_restored_and_left_alone():
    from interviewprep.interview.drafts import Draft, DraftStore

    store = DraftStore()
    store.save("s1", Draft("q1", "answer", "half an answer"))
    assert store.load("s1") == Draft("q1", "answer", "half an answer")
    path = store.path_for("s1")
    path.write_text(json.dumps({"question_id": "q1", "mode": "answer", "text": ["x"]}),
                    encoding="utf-8")
    assert store.load("s1") is None
    assert path.exists()
    os.mkfifo(store.path_for("s2"))
    assert store.load("s2") is None
    with pytest.raises(ValueError):
        store.path_for("../outside")


def test_a_question_file_too_big_is_refused_before_parsing(tmp_path):
    from interviewprep.bank.yamlsource import load_yaml

    big = tmp_path / "huge.yaml"
    with big.open("wb") as fh:
        fh.write(b"questions:\n")
        fh.truncate(50_000_000)
    document, errors = load_yaml(big)
    assert document is None
    assert len(errors) == 1 and "too big (50.0 MB; the limit is 5.0 MB)" in str(errors[0])
