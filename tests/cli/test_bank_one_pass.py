"""`bank validate` in one pass (issue 16, item 6): every problem at once, each with FILE:LINE and
the offending value; and a minimal question of the user's own is valid, with documented defaults."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from interviewprep.bank import LEVELS, validate_paths
from support.cli import run_cli

LAYERED = """\
questions:
  - id: first-one
    category: cooking
    levels: [mid]
    specializations: [general]
    text: Tell me about a late project.
    elements: [situation, charisma]
    model_answer: We replanned and shipped.
  - id: first-one
    category: behavioral
    levels: [guru]
    text: Tell me about a risk.
    elements: [risk, vibes]
    colour: blue
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


def test_schema_errors_unknown_elements_and_duplicates_come_out_together(tmp_path):
    path = write(tmp_path, "layered.yaml", LAYERED)
    _, errors = validate_paths([path])
    rendered = [str(e) for e in errors]
    expected = [
        (3, "question 'first-one': field 'category'", "'cooking'"),
        (7, "question 'first-one': unknown element 'charisma'", ""),
        (9, "duplicate question id 'first-one'", f"{path}:2"),
        (11, "question 'first-one': field 'levels[0]'", "'guru'"),
        (13, "question 'first-one': unknown element 'vibes'", ""),
        (14, "unknown field 'colour'", ""),
    ]
    for line, message, value in expected:
        assert any(r.startswith(f"{path}:{line}: ") and message in r and value in r
                   for r in rendered), (line, message, rendered)
    assert len(rendered) == len(expected), rendered
    assert [e.line for e in errors] == sorted(e.line for e in errors)


def test_the_cli_prints_every_problem_with_its_value(tmp_path):
    path = write(tmp_path, "layered.yaml", LAYERED)
    result = run_cli("bank", "validate", str(path))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:3: question 'first-one': field 'category'" in result.stdout
    assert "(got 'cooking')" in result.stdout
    assert "unknown element 'charisma'" in result.stdout
    assert "duplicate question id 'first-one'" in result.stdout
    assert "6 error(s)" in result.stderr


def test_a_wrong_type_is_shown_with_what_the_file_has(tmp_path):
    path = write(tmp_path, "types.yaml", """\
        questions:
          - id: typed
            category: [behavioral]
            text: Tell me about a late project.
            elements: [situation]
            tip: 42
        """)
    _, errors = validate_paths([path])
    rendered = [str(e) for e in errors]
    assert any(":3: " in r and "field 'category'" in r and "a list of 1" in r for r in rendered)
    assert any(":6: " in r and "field 'tip'" in r and "42" in r for r in rendered), rendered


MINIMAL = """\
questions:
  - id: my-minimal
    category: scenario
    text: How would you take over a failing ERP rollout?
    elements: [risk, stakeholders, action]
"""


def test_a_minimal_question_is_valid_with_the_documented_defaults(tmp_path, isolated_home):
    path = write(tmp_path, "minimal.yaml", MINIMAL)
    bank, errors = validate_paths([path])
    assert errors == []
    q = bank.questions["my-minimal"]
    assert list(q.levels) == list(LEVELS)
    assert list(q.specializations) == ["general"]
    assert q.model_answer is None
    write(isolated_home / "questions", "minimal.yaml", MINIMAL)
    listed = json.loads(run_cli("bank", "list", "--json").stdout)
    mine = next(item for item in listed if item["id"] == "my-minimal")
    assert mine["model_answer"] is None and mine["levels"] == list(LEVELS)
    shown = run_cli("bank", "show", "my-minimal")
    assert shown.returncode == 0 and "no model answer" in shown.stdout


def test_a_question_without_model_answer_scores_with_no_similarity(isolated_home):
    write(isolated_home / "questions", "minimal.yaml", MINIMAL)
    answer = isolated_home / "answer.txt"
    answer.write_text("I would meet the sponsor and the key users first, then assess the top "
                      "risks with the team and agree a recovery plan with clear owners.")
    result = run_cli("score", "--question", "my-minimal", "--answer-file", str(answer), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["model_answer_similarity"] is None
    assert [e["id"] for e in data["elements"]] == ["risk", "stakeholders", "action"]
