"""The story bank on disk: ids, atomic writes, edits that never lose text, trash, usage counts."""

from __future__ import annotations

import numpy as np
import pytest

from interviewprep import locations
from interviewprep.stories.match import LabeledQuestion, MatcherCard, band_agreement, fit_card
from interviewprep.stories.parse import parse_text
from interviewprep.stories.store import StoryError, StoryStore
from interviewprep.stories.told import overuse_warning

TWO = "## Vendor rescue\nThe supplier was late.\n\n## Budget cut\nWe lost 20% of the budget.\n"


def test_add_writes_one_file_per_story_with_unique_ids():
    store = StoryStore()
    stories = parse_text(TWO).stories
    first = store.add(stories)
    second = store.add(stories[:1])
    assert [s.id for s in first] == ["vendor-rescue", "budget-cut"]
    assert second[0].id == "vendor-rescue-2"
    assert sorted(p.name for p in locations.stories_dir().glob("*.md")) == [
        "budget-cut.md", "vendor-rescue-2.md", "vendor-rescue.md"]
    assert [s.id for s in store.load()[0]] == ["budget-cut", "vendor-rescue", "vendor-rescue-2"]


def test_get_by_unique_prefix_and_clear_errors():
    store = StoryStore()
    store.add(parse_text(TWO).stories)
    assert store.get("bud").id == "budget-cut"
    with pytest.raises(StoryError, match="no story 'nope'"):
        store.get("nope")
    store.add(parse_text("## Budget again\nMore cuts.\n").stories)
    with pytest.raises(StoryError, match="matches 2 stories"):
        store.get("budget")


def test_a_broken_file_in_the_folder_is_reported_and_left_alone():
    folder = locations.stories_dir()
    folder.mkdir(parents=True)
    broken = folder / "mine.md"
    broken.write_bytes(b"## \nno title\n")
    StoryStore().add(parse_text(TWO).stories)
    stories, problems = StoryStore().load()
    assert len(stories) == 2
    assert [str(p) for p in problems] == [f"{broken}:1: empty title: write the story's title after '## '"]
    assert broken.read_bytes() == b"## \nno title\n"


def test_hand_written_file_with_several_stories_gets_an_id_per_story():
    folder = locations.stories_dir()
    folder.mkdir(parents=True)
    (folder / "bank.md").write_text(TWO)
    store = StoryStore()
    ids = [s.id for s in store.load()[0]]
    assert ids == ["bank-vendor-rescue", "bank-budget-cut"]
    target = store.remove(store.get("bank-budget-cut"))
    assert target.read_text() == TWO  # the whole file, as written
    assert [s.id for s in store.load()[0]] == ["bank-vendor-rescue"]


def test_an_invalid_edit_changes_nothing_and_a_valid_one_replaces_the_file():
    store = StoryStore()
    [stored, _] = store.add(parse_text(TWO).stories)
    before = stored.path.read_text()
    bad = store.save_edit(stored, "## \nSituation: gone\n")
    assert not bad.ok and stored.path.read_text() == before
    two = store.save_edit(stored, TWO)
    assert not two.ok and "holds one story" in str(two.problems[0])
    good = store.save_edit(stored, "## Vendor rescue\nThe supplier was late; I replaced it.\n")
    assert good.ok
    assert "replaced it" in stored.path.read_text()


def test_remove_moves_the_file_to_the_trash():
    store = StoryStore()
    [stored, _] = store.add(parse_text(TWO).stories)
    first = store.remove(stored)
    assert first.parent == locations.stories_trash_dir() and first.exists()
    assert not stored.path.exists()
    [again] = store.add(parse_text("## Vendor rescue\nA second telling.\n").stories)
    second = store.remove(again)
    assert second != first and second.exists() and first.exists()


def test_usage_counts_each_answer_once():
    store = StoryStore()
    assert store.used("vendor-rescue") == 0
    assert store.record_use("vendor-rescue", "s1:q1") == 1
    assert store.record_use("vendor-rescue", "s1:q1") == 1
    assert store.record_use("vendor-rescue", "s1:q2") == 2
    assert StoryStore().used("vendor-rescue") == 2


def test_a_damaged_usage_file_counts_as_no_use():
    store = StoryStore()
    store.folder.mkdir(parents=True)
    (store.folder / "used.json").write_text("{not json")
    assert store.usage() == {}


@pytest.mark.parametrize(("told", "warns"), [
    ([], False),
    (["a", "a"], False),                     # too few answers to judge
    (["a", "a", None], True),
    (["a", "b", "c"], False),
    (["a", "a", "b", "b"], False),           # half is not most
    (["a", "a", "a", "b", None], True),
    ([None, None, None], False),
])
def test_overuse_warning(told, warns):
    message = overuse_warning(told, {"a": "Vendor rescue"})
    assert (message is not None) == warns
    if warns:
        assert "Vendor rescue" in message


def test_fit_card_orders_bands_and_ranks_strong_first():
    rng = np.random.default_rng(7)
    questions = []
    for _ in range(40):
        grades = rng.permutation(["strong", "workable", "stretch", "gap", "gap", "gap"])
        signal = {"strong": 3.0, "workable": 2.0, "stretch": 1.0, "gap": 0.0}
        feats = np.array([[signal[g] + rng.normal(0, 0.3) for _ in range(6)] for g in grades])
        questions.append(LabeledQuestion(feats, list(grades)))
    card = fit_card(questions)
    assert card.cutoffs["strong"] >= card.cutoffs["workable"] >= card.cutoffs["stretch"]
    assert band_agreement(card, questions) > 0.8
    assert all(w > 0 for w in card.weights)
    again = MatcherCard.model_validate(card.model_dump())
    assert again.band(1.0) == "strong" and again.band(0.0) == "gap"
