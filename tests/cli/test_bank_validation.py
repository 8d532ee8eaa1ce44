"""Every kind of bank fault is reported as FILE:LINE: message, all at once, without a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from interviewprep.bank import load_app_bank, validate_paths
from support.cli import run_cli

GOOD = """\
questions:
  - id: my-question
    category: behavioral
    levels: [mid]
    specializations: [general]
    text: Tell me about a time you recovered a late project.
    elements: [situation, action, result]
    model_answer: At a bank I replanned the work and we went live a week later.
    follow_ups: [What would you do differently?]
    tip: Use STAR.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("category: behavioral", "category: cooking", 3, "field 'category'"),
        ("levels: [mid]", "levels: [guru]", 4, "field 'levels[0]'"),
        ("specializations: [general]", "specializations: [space]", 5, "field 'specializations[0]'"),
        ("elements: [situation, action, result]", "elements: [situation, vibes]", 7,
         "unknown element 'vibes'"),
        ("    text: Tell me about a time you recovered a late project.\n", "    text: '  '\n", 6,
         "field 'text'"),
        ("    tip: Use STAR.\n", "    tip: Use STAR.\n    colour: blue\n", 11, "unknown field 'colour'"),
        ("    category: behavioral\n", "", 2, "missing field 'category'"),
        ("id: my-question", "id: My Question!", 2, "field 'id'"),
        ("elements: [situation, action, result]", "elements: [{id: risk, weight: -1}]", 7,
         "field 'elements[0].weight'"),
        ("    tip: Use STAR.\n", "    tip: Use STAR.\n    tip: Again.\n", 11, "duplicate key 'tip'"),
        ("    levels: [mid]\n", "     levels: [mid]\n", 4, "YAML syntax error"),
        ("*", "questions: 3\nelements: []\n", 1, "'questions' must be a list"),
        ("*", "questions:\nextras: 1\n", 2, "unknown top-level key 'extras'"),
        ("*", "- just\n- a list\n", 1, "top level must be a mapping"),
    ],
)
def test_each_fault_is_named_with_file_and_line(tmp_path, old, new, line, message):
    assert old == "*" or old in GOOD
    path = write(tmp_path, "bad.yaml", new if old == "*" else GOOD.replace(old, new, 1))
    _, errors = validate_paths([path])
    rendered = [str(e) for e in errors]
    assert any(r.startswith(f"{path}:{line}: ") and message in r for r in rendered), rendered


def test_good_file_has_no_errors(tmp_path):
    path = write(tmp_path, "good.yaml", GOOD)
    bank, errors = validate_paths([path])
    assert errors == []
    assert "my-question" in bank.questions


def test_duplicate_id_across_files_names_both(tmp_path):
    first = write(tmp_path, "a.yaml", GOOD)
    second = write(tmp_path, "b.yaml", GOOD)
    _, errors = validate_paths([tmp_path])
    dupes = [str(e) for e in errors if "duplicate question id" in e.message]
    assert len(dupes) == 1
    assert dupes[0].startswith(f"{second}:2: ") and str(first) in dupes[0]


def test_reusing_a_bundled_id_is_an_error(tmp_path):
    bundled_id = next(iter(load_app_bank()[0].questions))
    path = write(tmp_path, "mine.yaml", GOOD.replace("my-question", bundled_id))
    _, errors = validate_paths([path])
    assert any("duplicate question id" in e.message for e in errors)


def test_binary_and_empty_files_are_reported(tmp_path):
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "empty.yaml").write_text("")
    _, errors = validate_paths([tmp_path])
    messages = {e.file.name: e.message for e in errors}
    assert "not UTF-8" in messages["bin.yaml"]
    assert "empty" in messages["empty.yaml"]


def test_unsafe_yaml_tags_are_refused(tmp_path):
    path = write(tmp_path, "evil.yaml", "questions: !!python/object/apply:os.system ['true']\n")
    _, errors = validate_paths([path])
    assert errors and errors[0].file == path


def test_a_broken_user_file_does_not_hide_the_bundled_bank(isolated_home):
    write(isolated_home / "questions", "broken.yaml", "questions: [\n")
    bank, errors = load_app_bank()
    assert len(bank.questions) >= 60
    assert any(e.file.name == "broken.yaml" for e in errors)


def test_validate_cli_names_all_four_faults_and_exits_1(tmp_path):
    folder = tmp_path / "bank"
    write(folder, "indent.yaml", GOOD.replace("    levels: [mid]\n", "   levels: [mid]\n"))
    write(folder, "category.yaml",
          GOOD.replace("my-question", "q-cat").replace("category: behavioral", "category: poetry"))
    write(folder, "element.yaml",
          GOOD.replace("my-question", "q-el").replace("[situation, action, result]", "[charisma]"))
    write(folder, "dupe1.yaml", GOOD.replace("my-question", "q-dupe"))
    write(folder, "dupe2.yaml", GOOD.replace("my-question", "q-dupe"))
    result = run_cli("bank", "validate", str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    out = result.stdout
    assert f"{folder / 'indent.yaml'}:4: YAML syntax error" in out
    assert f"{folder / 'category.yaml'}:3: question 'q-cat': field 'category'" in out
    assert f"{folder / 'element.yaml'}:7: question 'q-el': unknown element 'charisma'" in out
    assert f"{folder / 'dupe2.yaml'}:2: duplicate question id 'q-dupe'" in out


def test_bundled_bank_validates():
    result = run_cli("bank", "validate")
    assert result.returncode == 0, result.stdout + result.stderr
