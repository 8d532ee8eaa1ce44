"""`score --batch` input fuzzed (issue 16, C5): any line gives a request or a BadLine naming the
line, never another exception; every output line is strict JSON (no NaN, no Infinity)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from interviewprep.scoring.batch import (
    BadLine,
    ScoreRequest,
    dumps_line,
    loads_strict,
    parse_line,
    score_lines,
)

KNOWN = ("situation", "task", "action", "result", "risk", "stakeholders", "metrics", "lessons")

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=20))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)
keys = st.sampled_from(["id", "answer", "question", "question_id", "category", "elements",
                        "model_answer", "other"])
element_entries = (st.sampled_from(KNOWN) | json_values
                   | st.dictionaries(st.sampled_from(["id", "weight", "x"]), json_values, max_size=3))
records = st.fixed_dictionaries(
    {}, optional={"id": json_values, "answer": st.text(max_size=40) | json_values,
                  "elements": st.lists(element_entries, max_size=4) | json_values,
                  "category": st.sampled_from(["scenario", "nope"]) | json_values,
                  "question_id": st.sampled_from(["no-such-question"]) | json_values,
                  "question": st.text(max_size=20) | json_values}) | st.dictionaries(keys, json_values)


def as_line(value) -> str:
    # json.dumps writes NaN and Infinity as the bare words most parsers reject: input as it comes
    return json.dumps(value)


def bank_loader(element_bank):
    return lambda: element_bank


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
def test_any_record_is_a_request_or_a_bad_line(element_bank, record):
    line = as_line(record)
    try:
        request = parse_line(7, line, bank_loader(element_bank), KNOWN)
    except BadLine as exc:
        assert str(exc).startswith("line 7: ")
        return
    assert isinstance(request, ScoreRequest)
    assert isinstance(request.answer, str)
    assert request.id is None or isinstance(request.id, str | int | bool) or math.isfinite(request.id)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_a_request_or_a_bad_line(element_bank, line):
    try:
        parse_line(3, line, bank_loader(element_bank), KNOWN)
    except BadLine as exc:
        assert str(exc).startswith("line 3: ")


@pytest.mark.parametrize("line", [
    '{"answer": "x", "elements": [{"id": ["a"]}]}',
    '{"answer": "x", "elements": [["a"], {"id": {"b": 1}}]}',
    '{"answer": "x", "elements": [{"id": "risk", "weight": NaN}]}',
    '{"answer": "x", "elements": [{"id": "risk", "weight": "heavy"}]}',
    '{"answer": "x", "elements": [{"id": "risk", "colour": "red"}]}',
    '{"id": NaN, "answer": "x"}',
    '{"id": Infinity, "answer": "x"}',
    '{"id": 1e999, "answer": "x"}',
    '{"id": [1, 2], "answer": "x"}',
    '{"answer": "x", "question_id": ["q"]}',
    '{"answer": "x", "category": {"a": 1}}',
    '{"answer": "x", "id": 1' + "0" * 5000 + '}',
    "[" * 100_000 + "]" * 100_000,
    '{"answer": ' + "[" * 50_000 + "]" * 50_000 + "}",
])
def test_hostile_lines_are_bad_lines(element_bank, line):
    with pytest.raises(BadLine) as info:
        parse_line(5, line, bank_loader(element_bank), KNOWN)
    assert str(info.value).startswith("line 5: ")
    assert len(str(info.value)) < 400


def test_strict_json_rejects_non_finite_numbers_and_deep_nesting():
    for text in ("NaN", "-Infinity", "[1e400]", "[" * 100_000 + "]" * 100_000):
        with pytest.raises(ValueError):
            loads_strict(text)
    assert loads_strict('{"a": [1.5, 2]}') == {"a": [1.5, 2]}


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["id", "error", "line", "overall", "x"]), json_values))
@example({"id": None, "line": float("inf")})  # found by CI: the fallback record echoed the bad line
@example({"id": float("nan"), "line": [float("nan")], "x": 1})
def test_every_output_line_is_strict_json(record):
    out = dumps_line(record)
    json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in output"))
    assert "\n" not in out


@pytest.mark.slow
def test_a_batch_of_hostile_lines_keeps_going_and_writes_json_only(element_bank, real_scorer):
    lines = [
        '{"id": "ok-1", "answer": "We cut the scope and shipped in six weeks."}',
        '{"answer":"x","elements":[{"id":["a"]}]}',
        "[" * 100_000 + "]" * 100_000,
        '{"id": NaN, "answer": "x"}',
        "not json at all",
        '{"id": "ok-2", "answer": "I told the sponsor about the risk the same day.", '
        '"elements": ["risk"]}',
    ]
    out = list(score_lines(lines, real_scorer, bank_loader(element_bank)))
    assert [number for number, _, _ in out] == [1, 2, 3, 4, 5, 6]
    records = [json.loads(dumps_line(record), parse_constant=lambda n: pytest.fail(n))
               for _, record, _ in out]
    assert records[0]["id"] == "ok-1" and "overall" in records[0]
    assert records[5]["id"] == "ok-2" and [e["id"] for e in records[5]["elements"]] == ["risk"]
    for record in records[1:5]:
        assert "error" in record and record["line"] in (2, 3, 4, 5)
    assert records[3]["id"] is None
