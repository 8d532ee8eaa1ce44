"""Stories in `practice --plain`: suggestions on request, the story told, the overuse warning."""

from __future__ import annotations

import pytest

from interviewprep.stories.parse import parse_text
from interviewprep.stories.store import StoryStore
from support.cli import run_cli

STORY = """## Renegotiating a failing network vendor contract
Situation: Our managed WAN provider had missed its availability SLA for four months across our 60
warehouses, and the service credits were capped so low they were meaningless.
Action: I pulled six months of incident data and walked through every outage with their account
director, and proposed a contract extension if they replaced the ageing router at their cost.
Result: The router was swapped in ten weeks and availability stayed above 99.95%.
Tags: vendor management, SLA
"""
pytestmark = pytest.mark.slow
RETOLD = ("Our WAN provider had missed its availability SLA for four months across our 60 "
          "warehouses, and the service credits were capped so low they were meaningless. I "
          "pulled six months of incident data and walked through every outage with their "
          "account director. They swapped the router within ten weeks and availability stayed "
          "above 99.95 percent.")


def test_plain_mode_suggests_names_the_story_told_and_warns():
    StoryStore().add(parse_text(STORY).stories)
    stdin = "\n".join(["?stories", RETOLD, "", RETOLD, "", RETOLD, ""]) + "\n"
    result = run_cli("practice", "--plain", "--count", "3", "--category", "behavioral",
                     "--seed", "3", "--no-follow-ups", stdin=stdin)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Type ?stories on a line of its own" in out
    assert out.count("Your stories for this question:") == 1
    suggestions = out.split("Your stories for this question:")[1].split("\n")[1]
    # The first question (contingency reserve) is not what this vendor story is about.
    assert suggestions.split() == ["gap", "Renegotiating", "a", "failing", "network", "vendor",
                                   "contract"]
    assert "Story told: Renegotiating a failing network vendor contract (told 1 time so far)" in out
    assert "(told 3 times so far)" in out
    assert "Warning: One story answered 3 of 3 questions" in out
    assert StoryStore().used("renegotiating-a-failing-network-vendor-contract") == 3


def test_plain_mode_with_stories_flag_shows_them_under_every_question():
    StoryStore().add(parse_text(STORY).stories)
    result = run_cli("practice", "--plain", "--count", "2", "--seed", "5", "--stories",
                     stdin="I would plan it carefully.\n\n\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Your stories for this question:") == 2
    assert "Story told" not in result.stdout
    assert "Warning: One story" not in result.stdout


def test_plain_mode_without_stories_says_nothing_about_them():
    result = run_cli("practice", "--plain", "--count", "1", "--seed", "5", stdin="\n")
    assert result.returncode == 0, result.stderr
    assert "?stories" not in result.stdout
