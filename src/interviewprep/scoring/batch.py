"""The `interviewprep score` contract: JSON lines in, one JSON object per line out."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from ..bank import CATEGORIES, Bank, ElementRef
from .feedback import Feedback
from .scorer import Scorer

INPUT_KEYS = {"id", "answer", "question", "question_id", "category", "elements", "model_answer"}


MAX_SHOWN = 60
"""How much of an offending value an error message quotes."""


class BadLine(ValueError):
    """One input line is unusable; the message names the line and the problem."""


MAX_LINE_CHARS = 1_000_000
"""The longest input line read: an answer is scored on its first 12,000 characters, so even
with every field long and escaped a real line is far shorter. A longer one is a bad line."""


@dataclass(frozen=True)
class OverlongLine:
    """An input line longer than MAX_LINE_CHARS, skipped without being held in memory."""

    chars: int
    """How long it was (its newline not counted)."""


def capped_lines(stream: TextIO, max_chars: int = MAX_LINE_CHARS,
                 chunk: int = 65_536) -> Iterator[str | OverlongLine]:
    """The lines of `stream`, each read with at most `max_chars` + 1 characters in memory; a
    longer line comes as an OverlongLine (the rest of it read and dropped chunk by chunk)."""
    while True:
        line = stream.readline(max_chars + 1)
        if not line:
            return
        if len(line) <= max_chars or line.endswith("\n"):
            yield line
            continue
        length = len(line)
        while True:
            rest = stream.readline(chunk)
            length += len(rest)
            if not rest or rest.endswith("\n"):
                yield OverlongLine(length - (1 if rest.endswith("\n") else 0))
                break


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:MAX_SHOWN]} is too large a number")
    return value


def loads_strict(text: str) -> Any:
    """JSON as the contract reads it: no NaN or Infinity, no number too large for a float, no
    nesting deeper than the parser's limit. Raises ValueError (JSONDecodeError is one) with a
    message fit for the user."""
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _shown(value: Any) -> str:
    """A short, printable rendering of an offending value."""
    try:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def valid_id(value: Any) -> bool:
    """An id is echoed back as it came: a string, a finite number, a boolean or null."""
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or isinstance(value, str | int | bool)


def dumps_line(record: dict[str, Any]) -> str:
    """One output line: always valid JSON (no NaN or Infinity). A record that cannot be written
    becomes an error record for the same id and line."""
    try:
        return json.dumps(record, ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError, RecursionError) as exc:
        line = record.get("line")
        line = line if isinstance(line, int) and not isinstance(line, bool) else None
        fallback: dict[str, Any] = {
            "id": record.get("id") if valid_id(record.get("id")) else None,
            "error": f"line {'?' if line is None else line}: could not write the result ({exc})"}
        if line is not None:
            fallback["line"] = line
        return json.dumps(fallback, ensure_ascii=False, allow_nan=False)


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
        data = loads_strict(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except ValueError as exc:
        raise BadLine(f"line {number}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise BadLine(f"line {number}: expected a JSON object")
    answer = data.get("answer")
    if not isinstance(answer, str):
        raise BadLine(f"line {number}: 'answer' must be a string")
    unknown_keys = sorted(set(data) - INPUT_KEYS)
    if unknown_keys:
        raise BadLine(f"line {number}: unknown key(s) {', '.join(unknown_keys)}")
    if not valid_id(data.get("id")):
        raise BadLine(f"line {number}: 'id' must be a string or a number, not {_shown(data['id'])}")
    request = ScoreRequest(id=data.get("id", number), answer=answer)
    for key in ("question", "category", "model_answer"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise BadLine(f"line {number}: '{key}' must be a string")
    qid = data.get("question_id")
    elements: Any = data.get("elements")
    if qid is not None:
        if not isinstance(qid, str):
            raise BadLine(f"line {number}: 'question_id' must be a string, not {_shown(qid)}")
        question = bank_loader().get(qid)
        if question is None:
            raise BadLine(f"line {number}: unknown question_id '{_shown(qid)}'")
        request.question = question.text
        request.category = question.category
        request.model_answer = question.model_answer
        if elements is None:
            elements = list(question.elements)
    request.question = data.get("question") or request.question
    request.category = data.get("category") or request.category
    request.model_answer = data.get("model_answer") or request.model_answer
    if request.category is not None and request.category not in CATEGORIES:
        raise BadLine(f"line {number}: unknown category '{_shown(request.category)}' "
                      f"(one of {', '.join(CATEGORIES)})")
    if elements is not None:
        if not isinstance(elements, list):
            raise BadLine(f"line {number}: 'elements' must be a list of element ids")
        known = set(known_elements)
        ids = [e if isinstance(e, str) else
               (e.get("id") if isinstance(e, dict) else getattr(e, "id", None)) for e in elements]
        bad = [_shown(e) if not isinstance(i, str) else _shown(i)
               for e, i in zip(elements, ids, strict=True) if not isinstance(i, str) or i not in known]
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
    lines: Iterable[str | OverlongLine],
    scorer: Scorer,
    bank_loader: Callable[[], Bank],
) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    """Yield (line number, output record, error or None) for each non-blank line; a bad line's
    record is {"id", "error", "line"} so the output keeps one object per input line."""
    for number, line in enumerate(lines, start=1):
        if isinstance(line, OverlongLine):
            message = (f"line {number}: {line.chars:,} characters is too long for one input "
                       f"line (at most {MAX_LINE_CHARS:,}); it was not read")
            yield number, {"id": None, "error": message, "line": number}, message
            continue
        if not line.strip():
            continue
        try:
            request = parse_line(number, line, bank_loader, scorer.elements)
        except BadLine as exc:
            yield number, {"id": line_id(line), "error": str(exc), "line": number}, str(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - one bad line must not stop the batch
            message = f"line {number}: cannot read this line ({type(exc).__name__}: {exc})"
            yield number, {"id": line_id(line), "error": message, "line": number}, message
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
        data = loads_strict(line)
    except ValueError:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if valid_id(value) else None
