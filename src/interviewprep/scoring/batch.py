"""The `interviewprep score` contract: JSON lines in, one JSON object per line out."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..bank import CATEGORIES, Bank, ElementRef
from .feedback import Feedback
from .scorer import Scorer

INPUT_KEYS = {"id", "answer", "question", "question_id", "category", "elements", "model_answer"}


class BadLine(ValueError):
    """One input line is unusable; the message names the line and the problem."""


@dataclass
class ScoreRequest:
    id: Any
    answer: str
    question: str | None = None
    category: str | None = None
    elements: list[Any] | None = None
    model_answer: str | None = None


def parse_line(number: int, line: str, bank_loader: Callable[[], Bank],
               known_elements: Iterable[str]) -> ScoreRequest:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(data, dict):
        raise BadLine(f"line {number}: expected a JSON object")
    answer = data.get("answer")
    if not isinstance(answer, str):
        raise BadLine(f"line {number}: 'answer' must be a string")
    unknown_keys = sorted(set(data) - INPUT_KEYS)
    if unknown_keys:
        raise BadLine(f"line {number}: unknown key(s) {', '.join(unknown_keys)}")
    request = ScoreRequest(id=data.get("id", number), answer=answer)
    for key in ("question", "category", "model_answer"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise BadLine(f"line {number}: '{key}' must be a string")
    qid = data.get("question_id")
    elements: Any = data.get("elements")
    if qid is not None:
        question = bank_loader().get(str(qid))
        if question is None:
            raise BadLine(f"line {number}: unknown question_id '{qid}'")
        request.question = question.text
        request.category = question.category
        request.model_answer = question.model_answer
        if elements is None:
            elements = list(question.elements)
    request.question = data.get("question") or request.question
    request.category = data.get("category") or request.category
    request.model_answer = data.get("model_answer") or request.model_answer
    if request.category is not None and request.category not in CATEGORIES:
        raise BadLine(f"line {number}: unknown category '{request.category}' "
                      f"(one of {', '.join(CATEGORIES)})")
    if elements is not None:
        if not isinstance(elements, list):
            raise BadLine(f"line {number}: 'elements' must be a list of element ids")
        known = set(known_elements)
        ids = [e if isinstance(e, str) else
               (e.get("id") if isinstance(e, dict) else getattr(e, "id", None)) for e in elements]
        bad = [json.dumps(e) if not isinstance(i, str) else i
               for e, i in zip(elements, ids, strict=True) if i not in known]
        if bad:
            raise BadLine(f"line {number}: unknown element(s) {', '.join(bad)}")
        if len(set(ids)) != len(ids):
            raise BadLine(f"line {number}: 'elements' lists an element twice")
        try:
            elements = [e if isinstance(e, str) else (ElementRef(**e) if isinstance(e, dict) else e)
                        for e in elements]
        except (ValueError, TypeError) as exc:
            raise BadLine(f"line {number}: bad element entry ({exc})") from exc
    request.elements = elements
    return request


def output_record(request_id: Any, feedback: Feedback) -> dict[str, Any]:
    """The contract's output object (plus extra keys)."""
    data = feedback.to_json()
    return {"id": request_id, **data}


def score_lines(
    lines: Iterable[str],
    scorer: Scorer,
    bank_loader: Callable[[], Bank],
) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    """Yield (line number, output record, error or None) for each non-blank line; a bad line's
    record is {"id", "error", "line"} so the output keeps one object per input line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            request = parse_line(number, line, bank_loader, scorer.elements)
        except BadLine as exc:
            yield number, {"id": line_id(line), "error": str(exc), "line": number}, str(exc)
            continue
        try:
            feedback = scorer.score(request.answer, question=request.question,
                                    category=request.category, elements=request.elements,
                                    model_answer=request.model_answer)
        except Exception as exc:  # noqa: BLE001 - one bad line must not stop the batch
            message = f"line {number}: could not score ({type(exc).__name__}: {exc})"
            yield number, {"id": request.id, "error": message, "line": number}, message
            continue
        yield number, output_record(request.id, feedback), None


def line_id(line: str) -> Any:
    """The id of an input line, if it can be read at all (for error records)."""
    try:
        data = json.loads(line)
    except (json.JSONDecodeError, ValueError):
        return None
    return data.get("id") if isinstance(data, dict) else None
