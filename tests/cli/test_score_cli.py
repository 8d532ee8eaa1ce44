"""`interviewprep score`: the scriptable contract other tools rely on (DESIGN.md)."""

from __future__ import annotations

import json

import pytest

from support.cli import run_cli


def lines(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


@pytest.mark.slow
def test_batch_follows_the_contract(tmp_path, element_bank):
    question = element_bank.filter(category="scenario")[0]
    batch = tmp_path / "in.jsonl"
    batch.write_text(lines(
        {"id": "free", "answer": "The vendor looked shaky, so we lined up a second supplier.",
         "question": "How do you manage vendor risk?", "category": "technical",
         "elements": ["risk", "stakeholders"]},
        {"id": "bank", "answer": "I would call the sponsor the same day.",
         "question_id": question.id},
        {"id": "defaults", "answer": "We went live in six weeks."},
    ))
    result = run_cli("score", "--batch", str(batch), "--json")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["free", "bank", "defaults"]
    for record in out:
        assert 0 <= record["overall"] <= 100
        assert isinstance(record["signals"], dict)
        for element in record["elements"]:
            assert set(element) >= {"id", "covered", "score", "evidence"}
            assert 0.0 <= element["score"] <= 1.0
            assert element["evidence"] is None or isinstance(element["evidence"], str)
    assert [e["id"] for e in out[0]["elements"]] == ["risk", "stakeholders"]
    assert out[0]["model_answer_similarity"] is None
    assert [e["id"] for e in out[1]["elements"]] == question.element_ids
    assert 0.0 <= out[1]["model_answer_similarity"] <= 1.0
    assert len(out[2]["elements"]) == 8


@pytest.mark.slow
def test_bad_lines_are_named_and_exit_2_while_good_lines_are_scored(tmp_path):
    batch = tmp_path / "in.jsonl"
    batch.write_text(lines(
        {"id": "ok", "answer": "We shipped it."},
        "{not json",
        {"id": "x", "answer": 42},
        {"id": "y", "answer": "fine", "question_id": "no-such-question"},
        {"id": "z", "answer": "fine", "elements": ["charisma"]},
    ))
    result = run_cli("score", "--batch", str(batch))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for number in (2, 3, 4, 5):
        assert f"line {number}:" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5 and out[0]["id"] == "ok" and "overall" in out[0]
    assert all("error" in o for o in out[1:])


@pytest.mark.slow
def test_single_answer_human_readable_and_json(tmp_path, element_bank):
    question = element_bank.filter(category="behavioral")[0]
    answer = tmp_path / "answer.txt"
    answer.write_text("At a bank I led a data-centre move. We finished a week early.")
    text = run_cli("score", "--question", question.id, "--answer-file", str(answer))
    assert text.returncode == 0, text.stderr
    assert "Overall:" in text.stdout and question.text[:30] in text.stdout
    as_json = run_cli("score", "--question", question.id, "--answer-file", str(answer), "--json")
    record = json.loads(as_json.stdout)
    assert record["id"] == question.id
    assert [e["id"] for e in record["elements"]] == question.element_ids


def test_unknown_question_and_missing_file_are_clear_errors(tmp_path):
    answer = tmp_path / "a.txt"
    answer.write_text("hello")
    result = run_cli("score", "--question", "nope", "--answer-file", str(answer))
    assert result.returncode == 2 and "unknown question_id 'nope'" in result.stderr
    result = run_cli("score", "--batch", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2 and "cannot read" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_scoring_never_imports_torch(tmp_path):
    code = (
        "import sys, json\n"
        "from interviewprep.bank import load_app_bank\n"
        "from interviewprep.scoring.scorer import Scorer\n"
        "bank, _ = load_app_bank()\n"
        "s = Scorer.load(bank.elements, progress=lambda m: None)\n"
        "s.score('I led the migration and we cut costs by 20%.')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('torch', 'sentence_transformers', 'transformers'))))\n"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_empty_elements_scores_no_element_but_similarity_and_signals(tmp_path, element_bank):
    question = next(iter(element_bank.questions.values()))
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"id": "x", "answer": question.model_answer, "elements": [],
                                 "question_id": question.id}) + "\n"
                     + json.dumps({"id": "y", "answer": "I like turtles.", "elements": [],
                                   "question_id": question.id}) + "\n")
    result = run_cli("score", "--batch", str(batch), "--json")
    assert result.returncode == 0, result.stderr
    same, other = (json.loads(line) for line in result.stdout.splitlines())
    assert same["elements"] == [] and other["elements"] == []
    assert same["signals"]["words"] > 20
    assert same["model_answer_similarity"] > other["model_answer_similarity"]
