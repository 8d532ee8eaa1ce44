"""Segmentation reads the structure candidates give their answers: part labels and list items."""

from __future__ import annotations

import pytest

from interviewprep.scoring.segment import clean, segment


def parts(text: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.part) for s in segment(clean(text)[0])]


@pytest.mark.parametrize("text, expected", [
    ("Situation: the CRM was late. Task: recover it. Action: I cut scope. Result: live in May.",
     [("the CRM was late.", "situation"), ("recover it.", "task"), ("I cut scope.", "action"),
      ("live in May.", "result")]),
    ("**S:** Our go-live was at risk.\n**T:** I owned cutover.\n**R:** live on time.",
     [("Our go-live was at risk.", "situation"), ("I owned cutover.", "task"),
      ("live on time.", "result")]),
    ("Situation:\nThe bank needed a CRM.\n\nLessons learned - rehearse early",
     [("The bank needed a CRM.", "situation"), ("rehearse early", "lessons")]),
    # A story part runs on to the next label.
    ("Action - I met the vendor. Then I escalated.\nOutcome: fixed.",
     [("I met the vendor.", "action"), ("Then I escalated.", "action"), ("fixed.", "result")]),
    # A label that is not a story part covers its own sentence only.
    ("We met weekly. The risk: vendors slip. So we kept a buffer.",
     [("We met weekly.", None), ("vendors slip.", "risk"), ("So we kept a buffer.", None)]),
    # Unlabeled prose: no part.
    ("The result was great. A risk - the vendor.", [("The result was great.", None),
                                                     ("A risk - the vendor.", None)]),
])
def test_part_labels(text, expected):
    assert parts(text) == expected


def test_inline_numbered_list_items_are_separate_segments():
    got = [t for t, _ in parts("My steps: 1. Identify the change 2. Assess the impact 3. Get approval.")]
    assert got == ["My steps:", "Identify the change", "Assess the impact", "Get approval."]


def test_a_number_ending_a_sentence_is_kept():
    got = [t for t, _ in parts("We had a team of 12. Then it was fine.")]
    assert got == ["We had a team of 12.", "Then it was fine."]
