"""Story files: what parses, and every problem named by FILE:LINE (the file is then refused whole)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.stories.model import Story, slugify
from interviewprep.stories.parse import parse_bytes, parse_file, parse_text

REPO = Path(__file__).resolve().parents[2]

LABELED = """# Sam Example, delivery manager

## Payroll cutover
Situation: The payroll system was out of support and
the vendor had given us six months.
Task: I owned the cutover plan.
Action: I ran three rehearsals.
Result: We went live on time.
Lessons: Rehearse early.
Tags: deadline, cutover, vendor
"""


@pytest.mark.parametrize(("text", "title", "parts", "free", "tags"), [
    (LABELED, "Payroll cutover", ["situation", "task", "action", "result", "lessons"], "",
     ["deadline", "cutover", "vendor"]),
    ("## Free story\nWe lost a supplier.\n\nI found another in a week.\n", "Free story", [],
     "We lost a supplier.\n\nI found another in a week.", []),
    ("## Bold labels\n**Situation:** A bank.\n**Result:** Saved 10%.\n", "Bold labels",
     ["situation", "result"], "", []),
    ("## Any order\nResult: Done.\nSituation: A shop.\ntags: a, A, b\n", "Any order",
     ["situation", "result"], "", ["a", "b"]),
    ("## Intro then parts\nA short intro line.\nAction: I acted.\n", "Intro then parts",
     ["action"], "A short intro line.", []),
    ("\ufeff## BOM and CRLF\r\nSituation: x y z\r\n", "BOM and CRLF", ["situation"], "", []),
    ("## Plural labels ##\nActions: did things\nResults: it worked\nLessons learned: plan\n",
     "Plural labels", ["action", "result", "lessons"], "", []),
])
def test_good_stories_parse(text, title, parts, free, tags):
    parsed = parse_text(text, "s.md")
    assert parsed.ok, parsed.problems
    [story] = parsed.stories
    assert story.title == title
    assert list(story.parts) == parts
    assert story.text == free
    assert story.tags == tags


def test_multiline_part_is_joined_and_heading_line_kept():
    [story] = parse_text(LABELED, "s.md").stories
    assert story.parts["situation"] == ("The payroll system was out of support and the vendor had "
                                        "given us six months.")
    assert story.line == 3


@pytest.mark.parametrize(("data", "lines", "words"), [
    (b"## \nSituation: x\n", [1], "empty title"),
    (b"## Good\ntext\n## Empty\nTags: a\n", [3], "has no text"),
    (b"## A\nfine\x00text\n", [2], "NUL"),
    (b"## A\nok\n\n## B\nbad \xff byte\n", [5], "undecodable"),
    (b"Just some notes, no heading.\n", [1], "no story found"),
    (b"", [1], "no story found"),
    (b"## Same\none\n## same\ntwo\n", [3], "repeats the story at line 1"),
    (b"## Long\n" + b"word " * 3100 + b"\n", [1], "3100 words"),
    (b"##\nx\n## Empty\n\n## Bad\n\xfe\n", [1, 3, 6], ""),
])
def test_broken_files_name_every_line_and_yield_nothing(data, lines, words):
    parsed = parse_bytes(data, "bank.md")
    assert not parsed.ok
    assert parsed.stories == []
    assert [p.line for p in parsed.problems] == lines
    assert all(str(p).startswith(f"bank.md:{p.line}: ") for p in parsed.problems)
    assert words in str(parsed.problems[0])


def test_markdown_round_trip_keeps_the_story():
    [story] = parse_text(LABELED, "s.md").stories
    [again] = parse_text(story.to_markdown(), "s.md").stories
    assert again.model_dump(exclude={"line"}) == story.model_dump(exclude={"line"})
    free = Story(title="Free", text="One paragraph.\n\nAnother.")
    [back] = parse_text(free.to_markdown()).stories
    assert back.body == free.body


@pytest.mark.parametrize(("title", "slug"), [
    ("Data Centre Exit to AWS", "data-centre-exit-to-aws"),
    ("Cutting 18% from the £2m budget!", "cutting-18-from-the-2m-budget"),
    ("Café déjà vu", "cafe-deja-vu"),
    ("???", "story"),
])
def test_slugify(title, slug):
    assert slugify(title) == slug


def test_the_labeled_calibration_banks_parse():
    files = sorted((REPO / "calibration" / "stories").glob("cand-*.md"))
    assert len(files) == 10
    for path in files:
        parsed = parse_file(path)
        assert parsed.ok, parsed.problems
        assert len(parsed.stories) == 8


def test_the_example_in_the_docs_parses():
    text = (REPO / "docs" / "stories.md").read_text(encoding="utf-8")
    example = text.split("```markdown\n", 1)[1].split("```", 1)[0]
    parsed = parse_text(example, "docs/stories.md")
    assert parsed.ok, parsed.problems
    assert [list(s.parts) for s in parsed.stories] == [
        ["situation", "task", "action", "result", "lessons"], []]
    assert parsed.stories[0].tags == ["cloud migration", "vendor", "deadline"]
