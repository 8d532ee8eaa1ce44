"""The curated vocabulary of named terms (terms.yaml): validated loading and matching in text.

Matching is lexical and exact in meaning: a term is found where the posting spells it, ignoring
case (except for acronyms and everyday words, see `exact_case`) and treating "-", "/" and spaces
alike. Terms the vocabulary does not know are proposed by `candidates.py` and vetted there with
the embedding model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..vocabulary import SPECIALIZATIONS

TERM_KINDS: tuple[str, ...] = ("tool", "platform", "method", "certification", "domain")
VOCABULARY_PATH = Path(__file__).with_name("terms.yaml")


class VocabularyError(ValueError):
    """terms.yaml is broken; the message names the file and the field."""


class _VocabularyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tool: dict[str, str] = Field(default_factory=dict)
    platform: dict[str, str] = Field(default_factory=dict)
    method: dict[str, str] = Field(default_factory=dict)
    certification: dict[str, str] = Field(default_factory=dict)
    domain: dict[str, str] = Field(default_factory=dict)
    exact_case: list[str] = Field(default_factory=list)
    cues: dict[str, list[str]] = Field(default_factory=dict)

    @field_validator("tool", "platform", "method", "certification", "domain", mode="before")
    @classmethod
    def _specs_are_text(cls, value: object) -> object:
        if isinstance(value, dict):
            return {str(k): ("" if v is None else v) for k, v in value.items()}
        return value

    @field_validator("tool", "platform", "method", "certification", "domain")
    @classmethod
    def _known_specs(cls, value: dict[str, str]) -> dict[str, str]:
        for name, specs in value.items():
            unknown = [s for s in specs.split() if s not in SPECIALIZATIONS]
            if unknown:
                raise ValueError(f"{name!r}: unknown specialization(s) {', '.join(unknown)}")
        return value

    @field_validator("cues")
    @classmethod
    def _known_cue_specs(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        unknown = [s for s in value if s not in SPECIALIZATIONS]
        if unknown:
            raise ValueError(f"unknown specialization(s) {', '.join(unknown)}")
        return value


@dataclass(frozen=True)
class Term:
    """One entry of the vocabulary."""

    name: str
    """The canonical spelling, as written in terms.yaml."""
    kind: str
    """tool, platform, method, certification or domain."""
    specializations: tuple[str, ...]
    """What the term says about the posting's specialization (empty: nothing)."""


@dataclass(frozen=True)
class TermHit:
    """A vocabulary term found in a text."""

    term: Term
    surface: str
    """The posting's own spelling."""
    start: int
    end: int


def _pattern(name: str) -> str:
    parts = [re.escape(p) for p in re.split(r"[\s\-/]+", name.strip()) if p]
    body = r"[\s\-/]*".join(parts) if len(parts) > 1 else parts[0]
    # Word edges that also work for terms starting or ending in punctuation (".NET", "Security+").
    return rf"(?<![\w.+]){body}(?![\w+])"


_ACRONYM = re.compile(r"^[A-Z0-9&]{1,5}s?$")


class TermVocabulary:
    """The vocabulary, compiled into two regular expressions (exact case, any case)."""

    def __init__(self, terms: list[Term], exact_case: set[str], cues: dict[str, list[str]]) -> None:
        self.terms = terms
        self.by_key = {normal_key(t.name): t for t in terms}
        self.cues = cues
        self._patterns: list[tuple[Term, re.Pattern[str]]] = []
        for term in terms:
            exact_match = term.name in exact_case or bool(_ACRONYM.match(term.name))
            flags = 0 if exact_match else re.IGNORECASE
            self._patterns.append((term, re.compile(_pattern(term.name), flags)))
        self._cue_patterns = {
            spec: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in sorted(words, key=len,
                             reverse=True)) + r")(?!\w)", re.IGNORECASE)
            for spec, words in cues.items() if words
        }

    def find(self, text: str) -> list[TermHit]:
        """Every occurrence of every term in `text`, nested ones included ("SAP" inside
        "SAP S/4HANA"), in text order."""
        hits: list[TermHit] = []
        squeezed = normal_key(text)
        for term, regex in self._patterns:
            # A cheap pre-check: most terms are absent from most postings.
            if normal_key(term.name)[:4] not in squeezed:
                continue
            hits.extend(TermHit(term, m.group(0), m.start(), m.end()) for m in regex.finditer(text))
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        return hits

    def cue_counts(self, text: str) -> dict[str, int]:
        """How many specialization cue words `text` has, per specialization."""
        return {spec: len(rx.findall(text)) for spec, rx in self._cue_patterns.items()}

    def get(self, surface: str) -> Term | None:
        return self.by_key.get(normal_key(surface))


def normal_key(text: str) -> str:
    """'S/4 HANA', 's-4hana' -> the same key: lower case, separators dropped."""
    return re.sub(r"[\s\-/]+", "", text.casefold())


def _line_of(source: str, key: str) -> int:
    for number, line in enumerate(source.splitlines(), start=1):
        if line.lstrip().startswith(f"{key}:"):
            return number
    return 1


def parse_vocabulary(source: str, path: Path) -> TermVocabulary:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise VocabularyError(f"{path}:{line}: not valid YAML: {exc}") from None
    try:
        parsed = _VocabularyFile.model_validate(data or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise VocabularyError(
            f"{path}:{_line_of(source, str(first['loc'][0]))}: {field}: {first['msg']}") from None
    terms = [
        Term(name, kind, tuple(specs.split()))
        for kind in TERM_KINDS
        for name, specs in getattr(parsed, kind).items()
    ]
    return TermVocabulary(terms, set(parsed.exact_case), parsed.cues)


@lru_cache(maxsize=1)
def load_vocabulary(path: Path = VOCABULARY_PATH) -> TermVocabulary:
    """The bundled vocabulary (read once per process)."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise VocabularyError(f"{path}: cannot read the term vocabulary: {exc}") from None
    return parse_vocabulary(source, path)
