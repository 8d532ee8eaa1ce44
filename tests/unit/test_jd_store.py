"""Saved postings: atomic JSON files, validated when read, removed to the trash."""

from __future__ import annotations

import json

import pytest

from interviewprep import locations
from interviewprep.jd import PostingError, PostingStore
from interviewprep.jd.analysis import ANALYSER_VERSION, AnalysedRequirement, PostingAnalysis

TEXT = "IT Project Manager\nWhat you'll do\n- Lead the ERP rollout\n"


def analysis(title: str = "IT Project Manager") -> PostingAnalysis:
    return PostingAnalysis(
        title=title, level="mid", level_reason="no level words", specializations=["erp"],
        requirements=[AnalysedRequirement("Lead the ERP rollout", "duty", ["action"], ["ERP"])],
        terms=["ERP"], questions=["q1", "q2", "q3", "q4", "q5"])


def test_add_names_from_the_title_and_never_overwrites():
    store = PostingStore()
    first = store.add(TEXT, analysis())
    second = store.add(TEXT, analysis())
    assert (first.name, second.name) == ("it-project-manager", "it-project-manager-2")
    assert first.path.parent == locations.job_descriptions_dir()
    with pytest.raises(PostingError, match="already exists"):
        store.add(TEXT, analysis(), name="it-project-manager")
    with pytest.raises(PostingError, match="lower-case letters"):
        store.add(TEXT, analysis(), name="Bad Name!")


def test_saved_posting_round_trips_with_its_analysis():
    store = PostingStore()
    saved = store.add(TEXT, analysis(), name="erp-pm", source="posting.txt")
    loaded = store.load("erp-pm")
    assert loaded.text == TEXT and loaded.source == "posting.txt"
    assert loaded.analysis == saved.analysis
    assert not loaded.stale
    assert store.load("erp").name == "erp-pm"  # a unique prefix is enough


def test_an_older_analysis_is_stale():
    store = PostingStore()
    saved = store.add(TEXT, analysis(), name="old")
    data = json.loads(saved.path.read_text())
    data["analysis"]["version"] = ANALYSER_VERSION - 1
    saved.path.write_text(json.dumps(data))
    assert store.load("old").stale


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", r"broken\.json:1: the file is empty"),
        ('{"name": "broken",\n "text": "x"\n', r"broken\.json:\d+: not valid JSON"),
        ('[1, 2]', r"broken\.json:1: expected a JSON object"),
        ('{"name": "broken",\n "text": "   ",\n "added_at": "2026"}', r"broken\.json:2: text: "),
        ('{"name": "broken",\n "text": "Lead it",\n "added_at": 5}', r"broken\.json:3: added_at: "),
    ],
)
def test_a_broken_file_is_reported_with_file_line_and_field_and_left_alone(content, message):
    store = PostingStore()
    store.add(TEXT, analysis(), name="good")
    path = store.folder / "broken.json"
    path.write_text(content)
    with pytest.raises(PostingError, match=message):
        store.load("broken")
    good, bad = store.list()
    assert [p.name for p in good] == ["good"]
    assert [b.path.name for b in bad] == ["broken.json"]
    assert path.read_text() == content


def test_remove_moves_to_the_trash_and_keeps_both_copies():
    store = PostingStore()
    first = store.add(TEXT, analysis(), name="gone")
    trashed = store.remove("gone")
    store.add(TEXT, analysis(), name="gone")
    trashed_again = store.remove("gone")
    assert trashed.parent == trashed_again.parent == locations.job_descriptions_trash_dir()
    assert trashed != trashed_again and trashed.exists() and trashed_again.exists()
    assert not first.path.exists()
    with pytest.raises(PostingError, match="no saved posting named 'gone'"):
        store.load("gone")


def test_the_folders_show_in_locate():
    shown = locations.all_locations()
    assert shown["job descriptions"] == locations.job_descriptions_dir()
    assert shown["removed postings"] == locations.job_descriptions_trash_dir()
