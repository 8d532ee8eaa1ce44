"""Pure-logic tables: quantities, segmentation, ownership, length."""

from __future__ import annotations

import pytest

from interviewprep.scoring.segment import MAX_SEGMENTS, clean, segment
from interviewprep.scoring.signals import answer_signals, find_quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We cut costs by $2.5M and 15% in three weeks.", ["$2.5M", "15%", "three weeks"]),
        ("We migrated 40 servers in 6 weeks.", ["40 servers", "6 weeks"]),
        ("a team of eight engineers", ["team of eight"]),
        ("It fell from 9 hours to under 4.", ["9 hours"]),
        ("Budget was €300k.", ["€300k"]),
        ("In 2021 we upgraded to version 12.", []),
        ("We moved to Windows 11 and passed ISO 27001.", []),
        ("Go-live was on March 3 and sprint 4 slipped.", []),
        ("INC12345 was closed on 12/03/2022.", []),
        ("We use S/4HANA 2022 and Java 17.", []),
    ],
)
def test_quantities_are_facts_not_dates_or_versions(text, expected):
    assert [q.text for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("- set up stand-ups\n- met the CFO\n* wrote the plan", ["set up stand-ups", "met the CFO",
                                                               "wrote the plan"]),
        ("1. First step\n2) Second step", ["First step", "Second step"]),
        ("We use e.g. Jira. It works.", ["We use e.g. Jira.", "It works."]),
        ("Version 2.1 shipped. Done.", ["Version 2.1 shipped.", "Done."]),
    ],
)
def test_segmentation_handles_punctuation_bullets_and_numbers(text, sentences):
    cleaned, _ = clean(text)
    assert [s.text for s in segment(cleaned)] == sentences


def test_run_on_text_is_cut_into_overlapping_windows():
    cleaned, _ = clean(" ".join(f"word{i}" for i in range(100)))
    parts = segment(cleaned)
    assert len(parts) > 3 and all(p.window for p in parts)
    assert all(len(p.text.split()) <= 24 for p in parts)


def test_work_is_bounded_on_huge_input():
    cleaned, truncated = clean("This is a sentence. " * 20_000)
    assert truncated
    assert len(segment(cleaned)) <= MAX_SEGMENTS


def test_control_characters_are_removed():
    cleaned, _ = clean("a\x00b\x1b[31mc\u200bd")
    assert "\x00" not in cleaned and "\x1b" not in cleaned


@pytest.mark.parametrize(
    ("text", "ownership"),
    [
        ("We planned it. We built it. We shipped it. We celebrated.", "we"),
        ("I planned it and I shipped it with my team.", "I"),
        ("The project was delivered.", "none"),
    ],
)
def test_ownership(text, ownership):
    assert answer_signals(text).ownership == ownership


@pytest.mark.parametrize(
    ("words", "verdict"),
    [(0, "empty"), (20, "too short"), (100, "short"), (200, "good"), (350, "long"), (600, "too long")],
)
def test_length_verdict_against_a_two_minute_answer(words, verdict):
    assert answer_signals("word " * words).length_verdict == verdict
