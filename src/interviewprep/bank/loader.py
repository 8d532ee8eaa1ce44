"""Load and validate YAML bank files into a Bank; every problem is reported, none raised."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .models import Element, Question
from .yamlsource import BankError, SourceDocument, load_yaml

TOP_LEVEL_KEYS = ("questions", "elements")


@dataclass
class Bank:
    """All loaded questions and elements, in load order."""

    questions: dict[str, Question] = field(default_factory=dict)
    elements: dict[str, Element] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)
    """Which file each question came from."""

    def get(self, question_id: str) -> Question | None:
        return self.questions.get(question_id)

    def filter(
        self,
        category: str | None = None,
        level: str | None = None,
        specialization: str | None = None,
        search: str | None = None,
    ) -> list[Question]:
        needle = search.casefold().strip() if search else ""
        found = []
        for q in self.questions.values():
            if category and q.category != category:
                continue
            if level and level not in q.levels:
                continue
            if specialization and specialization not in q.specializations:
                continue
            if needle and needle not in q.text.casefold() and needle not in q.id:
                continue
            found.append(q)
        return found


def yaml_files(paths: Iterable[Path]) -> tuple[list[Path], list[BankError]]:
    """Expand folders to their *.yaml / *.yml files (sorted); report paths that do not exist."""
    files: list[Path] = []
    errors: list[BankError] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            files.append(path)
        else:
            errors.append(BankError(path, 1, "no such file or folder"))
    return files, errors


def _describe(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


MAX_SHOWN = 60
"""How much of an offending value a message quotes."""


def _shown(value: Any) -> str:
    """An offending value as the file has it, short and printable."""
    if isinstance(value, str):
        text = repr(value)
    elif value is None:
        text = "nothing"
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, int | float):
        text = repr(value)
    elif isinstance(value, list):
        text = f"a list of {len(value)}"
    elif isinstance(value, dict):
        text = "a mapping"
    else:
        text = type(value).__name__
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 2] + "…" + text[-1]


def _validation_errors(
    doc: SourceDocument, base: tuple[Any, ...], label: str, exc: ValidationError
) -> list[BankError]:
    errors = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        # pydantic reports a plain-string element ref at its own position; keep the path as is.
        line = doc.line_of(base + loc)
        where = _describe(loc) or "(entry)"
        if err["type"] == "extra_forbidden":
            message = f"{label}: unknown field '{loc[-1]}'"
        elif err["type"] == "missing":
            message = f"{label}: missing field '{where}'"
        else:
            message = f"{label}: field '{where}': {err['msg']} (got {_shown(err.get('input'))})"
        errors.append(BankError(doc.file, line, message))
    return errors


def _parse_entries(
    doc: SourceDocument, key: str, model: type[BaseModel],
    failed: list[tuple[int, dict[str, Any]]] | None = None,
) -> tuple[list[tuple[BaseModel, int]], list[BankError]]:
    """The entries of `key` that validate, with their lines; every problem. The index and raw
    mapping of each entry that does not validate go to `failed`, so that the checks across
    entries (ids, element references) still run on it: one pass reports everything."""
    entries = doc.data.get(key)
    if entries is None:
        return [], []
    if not isinstance(entries, list):
        return [], [BankError(doc.file, doc.line_of((key,)),
                              f"'{key}' must be a list (got {_shown(entries)})")]
    parsed: list[tuple[BaseModel, int]] = []
    errors: list[BankError] = []
    noun = key[:-1]
    for i, raw in enumerate(entries):
        line = doc.line_of((key, i))
        if not isinstance(raw, dict):
            errors.append(BankError(doc.file, line, f"{noun} #{i + 1} must be a mapping of fields"))
            continue
        label = f"{noun} '{raw['id']}'" if isinstance(raw.get("id"), str) else f"{noun} #{i + 1}"
        try:
            parsed.append((model.model_validate(raw), line))
        except ValidationError as exc:
            errors.extend(_validation_errors(doc, (key, i), label, exc))
            if failed is not None:
                failed.append((i, raw))
    return parsed, errors


def load_bank(paths: Sequence[Path], base: Bank | None = None) -> tuple[Bank, list[BankError]]:
    """Load bank files and folders on top of `base` (e.g. the bundled bank).

    Valid entries are kept even when other entries are broken, so one bad user file never
    takes the whole bank down; every problem is returned.
    """
    files, errors = yaml_files(paths)
    bank = Bank(
        questions=dict(base.questions) if base else {},
        elements=dict(base.elements) if base else {},
        sources=dict(base.sources) if base else {},
    )
    pending: list[tuple[Question, SourceDocument, int, int]] = []
    broken: list[tuple[SourceDocument, int, dict[str, Any]]] = []
    """Questions that failed validation: their ids and element references are checked too."""
    element_sources: dict[str, tuple[Path, int]] = {}
    for file in files:
        doc, file_errors = load_yaml(file)
        errors.extend(file_errors)
        if doc is None:
            continue
        if doc.data is None:
            errors.append(BankError(file, 1, "file is empty"))
            continue
        if not isinstance(doc.data, dict):
            errors.append(
                BankError(file, 1, "top level must be a mapping with 'questions:' or 'elements:'")
            )
            continue
        for key in doc.data:
            if key not in TOP_LEVEL_KEYS:
                errors.append(
                    BankError(
                        file,
                        doc.line_of((key,)),
                        f"unknown top-level key '{key}' (expected 'questions' or 'elements')",
                    )
                )
        elements, element_errors = _parse_entries(doc, "elements", Element)
        errors.extend(element_errors)
        for element, line in elements:
            assert isinstance(element, Element)
            if element.id in element_sources:
                first_file, first_line = element_sources[element.id]
                errors.append(
                    BankError(
                        file,
                        line,
                        f"duplicate element id '{element.id}' (first defined at "
                        f"{first_file}:{first_line})",
                    )
                )
                continue
            element_sources[element.id] = (file, line)
            bank.elements[element.id] = element
        failed: list[tuple[int, dict[str, Any]]] = []
        questions, question_errors = _parse_entries(doc, "questions", Question, failed)
        errors.extend(question_errors)
        for i, (question, line) in enumerate(questions):
            assert isinstance(question, Question)
            pending.append((question, doc, line, i))
        broken.extend((doc, index, raw) for index, raw in failed)

    # Cross-file checks run once every element library is known.
    first_seen: dict[str, tuple[Path, int]] = {
        qid: (src, 0) for qid, src in bank.sources.items()
    }
    for question, doc, line, _ in pending:
        ok = True
        for j, ref in enumerate(question.elements):
            if ref.id not in bank.elements:
                index = _index_of(doc, question.id)
                ref_line = doc.line_of(("questions", index, "elements", j)) if index >= 0 else line
                errors.append(
                    BankError(
                        doc.file,
                        ref_line,
                        f"question '{question.id}': unknown element '{ref.id}' (known: "
                        f"{', '.join(sorted(bank.elements)) or 'none loaded'})",
                    )
                )
                ok = False
        if question.id in first_seen:
            first_file, first_line = first_seen[question.id]
            where = f"{first_file}:{first_line}" if first_line else str(first_file)
            errors.append(
                BankError(
                    doc.file, line, f"duplicate question id '{question.id}' (also at {where})"
                )
            )
            continue
        first_seen[question.id] = (doc.file, line)
        if ok:
            bank.questions[question.id] = question
            bank.sources[question.id] = doc.file
    for doc, index, raw in broken:
        errors.extend(_check_broken(doc, index, raw, bank, first_seen))
    errors.sort(key=lambda e: (str(e.file), e.line))
    return bank, errors


def _check_broken(doc: SourceDocument, index: int, raw: dict[str, Any], bank: Bank,
                  first_seen: dict[str, tuple[Path, int]]) -> list[BankError]:
    """The cross-entry checks for a question whose fields did not validate: unknown element
    ids and a repeated question id are reported with its schema errors, not after they are
    fixed. The question itself is not loaded."""
    errors: list[BankError] = []
    qid = raw.get("id")
    label = f"question '{qid}'" if isinstance(qid, str) else f"question #{index + 1}"
    line = doc.line_of(("questions", index))
    if isinstance(qid, str):
        if qid in first_seen:
            first_file, first_line = first_seen[qid]
            where = f"{first_file}:{first_line}" if first_line else str(first_file)
            errors.append(BankError(doc.file, line, f"duplicate question id '{qid}' (also at {where})"))
        else:
            first_seen[qid] = (doc.file, line)
    refs = raw.get("elements")
    if isinstance(refs, list):
        for j, ref in enumerate(refs):
            ref_id = ref.get("id") if isinstance(ref, dict) else ref
            if isinstance(ref_id, str) and ref_id not in bank.elements:
                errors.append(BankError(
                    doc.file, doc.line_of(("questions", index, "elements", j)),
                    f"{label}: unknown element '{ref_id}' (known: "
                    f"{', '.join(sorted(bank.elements)) or 'none loaded'})"))
    return errors


def _index_of(doc: SourceDocument, question_id: str) -> int:
    for i, raw in enumerate(doc.data.get("questions") or []):
        if isinstance(raw, dict) and raw.get("id") == question_id:
            return i
    return -1
