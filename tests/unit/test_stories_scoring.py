"""Stories scored and matched by the real scorer (all-MiniLM-L6-v2 on onnxruntime, no double)."""

from __future__ import annotations

import pytest

from interviewprep.stories.coverage import coverage_report
from interviewprep.stories.library import StoryLibrary
from interviewprep.stories.parse import parse_text
from interviewprep.stories.profile import profile_story
from interviewprep.stories.store import StoryStore

pytestmark = pytest.mark.slow

VENDOR = """## Getting a late hosting supplier back on track
Situation: Our hosting supplier missed its availability target for three months in a row at a
retail chain with 200 stores, and the contract penalties were too small to matter.
Action: I went through every outage with their account manager, agreed a recovery plan with
named engineers, and asked procurement to price an alternative supplier in case they refused.
Result: Availability went from 97.1% to 99.9% within ten weeks and stayed there for a year.
Lessons: I learned to put the recovery plan in the contract, not in the minutes.
Tags: vendor management, SLA
"""

TEAM = """## Two developers who would not work together
Two senior developers on my payments team disagreed about the architecture and stopped
talking to each other. I met each of them separately, then together, and we agreed to build a
prototype of both designs and let the results decide. The prototype settled it,
and both kept working on the winning design. The team shipped the release on time.
"""

BUDGET = """## Cutting a refresh budget by a fifth
Situation: Finance cut our laptop refresh budget from 2.4 million to 1.9 million pounds three
weeks before ordering.
Action: I removed devices for leavers, created three hardware tiers and negotiated a single model
per tier with the reseller.
Result: We delivered to all 3,000 staff for 1.86 million.
"""


def _profiles(real_scorer):
    stories = parse_text(VENDOR + TEAM + BUDGET).stories
    return [profile_story(real_scorer, s.slug, s) for s in stories]


def test_story_elements_come_from_the_scorer_with_hints(real_scorer):
    vendor, team, budget = _profiles(real_scorer)
    vendor_elements = {e.id: e for e in vendor.elements}
    assert list(vendor_elements) == ["situation", "task", "action", "result", "risk",
                                     "stakeholders", "metrics", "lessons"]
    assert vendor_elements["metrics"].covered
    assert "99.9%" in vendor_elements["metrics"].evidence
    assert vendor_elements["lessons"].status != "missing"
    budget_lessons = next(e for e in budget.elements if e.id == "lessons")
    assert budget_lessons.status == "missing" and budget_lessons.hint
    team_lessons = next(e for e in team.elements if e.id == "lessons")
    assert not team_lessons.covered and team_lessons.hint


def test_competencies_show_what_each_story_is_about(real_scorer):
    vendor, team, budget = _profiles(real_scorer)
    assert vendor.competency("vendor").shown
    assert team.competency("conflict").shown
    assert team.competency("leadership").shown
    assert budget.competency("budget").shown
    assert not team.competency("vendor").shown
    assert not vendor.competency("conflict").shown


def test_coverage_names_the_gaps(real_scorer):
    report = coverage_report(_profiles(real_scorer))
    by_id = {c["id"]: c["stories"] for c in report["competencies"]}
    assert "getting-a-late-hosting-supplier-back-on-track" in by_id["vendor"]
    assert "no story shows a conflict with a vendor" in report["gaps"]
    assert not any("budget" in gap for gap in report["gaps"])


@pytest.mark.parametrize(("question", "best"), [
    ("Tell me about a supplier who kept letting you down.", "getting-a-late-hosting-supplier"),
    ("Describe a conflict between two people on your team and how you resolved it.",
     "two-developers-who-would-not"),
    ("How have you handled a budget cut in the middle of a project?", "cutting-a-refresh"),
])
def test_matching_ranks_the_story_written_for_the_question_first(real_scorer, question, best):
    store = StoryStore()
    store.add(parse_text(VENDOR + TEAM + BUDGET).stories)
    library = StoryLibrary(real_scorer, store)
    matches = library.match(question)
    assert matches[0].id.startswith(best)
    assert matches[0].fit in ("strong", "workable")
    assert matches[0].score > matches[1].score
    assert [m.fit for m in matches][-1] in ("stretch", "gap")


def test_an_unrelated_question_gets_no_strong_story(real_scorer):
    store = StoryStore()
    store.add(parse_text(VENDOR + BUDGET).stories)
    matches = StoryLibrary(real_scorer, store).match(
        "What would you do in your first 90 days as head of a new agile transformation office?")
    assert matches[0].fit != "strong"


def test_the_answer_that_retells_a_story_is_recognised(real_scorer):
    store = StoryStore()
    store.add(parse_text(VENDOR + TEAM + BUDGET).stories)
    library = StoryLibrary(real_scorer, store)
    retold = ("At a retail chain our hosting supplier kept missing its availability target, "
              "three months running, and the penalties in the contract were too small to "
              "matter. I reviewed each outage with their account manager and agreed a recovery "
              "plan, while procurement priced another supplier. Availability went up to 99.9% "
              "in ten weeks.")
    told = library.told(retold)
    assert told is not None and told.id.startswith("getting-a-late-hosting")
    other = ("In my last role I introduced a new release calendar for the mobile app and trained "
             "the product owners to plan features a quarter ahead.")
    assert library.told(other) is None


def test_questions_a_story_fits_best_come_from_the_bank(real_scorer, element_bank):
    store = StoryStore()
    store.add(parse_text(VENDOR).stories)
    library = StoryLibrary(real_scorer, store)
    fits = library.questions_for(library.profiles[0].id, list(element_bank.questions.values()))
    assert len(fits) == 5
    assert any("vendor" in f.question.text.lower() or "supplier" in f.question.text.lower()
               for f in fits[:3])
