"""`interviewprep bank list/show` and `locate`, as other tools and users call them."""

from __future__ import annotations

import json

from interviewprep.bank import CATEGORIES
from support.cli import run_cli

CONTRACT_KEYS = {"id", "category", "levels", "specializations", "text", "elements",
                 "model_answer", "follow_ups"}


def test_bank_list_json_follows_the_contract():
    result = run_cli("bank", "list", "--json")
    assert result.returncode == 0, result.stderr
    questions = json.loads(result.stdout)
    assert len(questions) >= 250
    for q in questions:
        assert CONTRACT_KEYS <= set(q)
        assert q["category"] in CATEGORIES
        assert all(isinstance(e, str) for e in q["elements"])
    assert len({q["id"] for q in questions}) == len(questions)


def test_bank_list_filters_combine():
    result = run_cli("bank", "list", "--json", "--category", "scenario", "--level", "senior",
                     "--specialization", "erp")
    questions = json.loads(result.stdout)
    assert questions
    assert all(q["category"] == "scenario" and "senior" in q["levels"]
               and "erp" in q["specializations"] for q in questions)


def test_bank_show_and_unknown_id():
    listing = json.loads(run_cli("bank", "list", "--json", "--category", "technical").stdout)
    shown = run_cli("bank", "show", listing[0]["id"])
    assert shown.returncode == 0 and listing[0]["text"] in shown.stdout
    assert "Model answer:" in shown.stdout
    missing = run_cli("bank", "show", "no-such-question")
    assert missing.returncode == 1 and "no question with id" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_user_questions_are_loaded_from_the_user_bank(isolated_home):
    folder = isolated_home / "questions"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "questions:\n"
        "  - id: my-own-question\n"
        "    category: leadership\n"
        "    levels: [entry]\n"
        "    specializations: [general]\n"
        "    text: How do you run your first team meeting?\n"
        "    elements: [action, communication, team_leadership]\n"
        "    model_answer: I would prepare an agenda and listen first.\n"
    )
    listing = json.loads(run_cli("bank", "list", "--json", "--search", "first team meeting").stdout)
    assert [q["id"] for q in listing] == ["my-own-question"]


def test_locate_prints_every_folder_under_the_home(isolated_home):
    result = run_cli("locate")
    assert result.returncode == 0
    assert str(isolated_home / "data" / "transcripts") in result.stdout
    assert str(isolated_home / "questions") in result.stdout
