"""A posting analysed: title, level, specializations, requirement lines, named terms, questions.

`PostingAnalyser` holds what is slow to make (the embedding model, the vocabulary's and the bank
questions' vectors, cached on disk) and analyses any number of postings with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import locations
from ..bank import Bank
from ..scoring.embedcache import EmbeddingCache
from ..scoring.embedder import Embedder
from ..vocabulary import Level, Specialization
from . import candidates as cand
from .planning import PlannedQuestion, plan_questions
from .posting import Requirement, content_lines, split_requirements, title_of
from .profile import choose_specializations, infer_level, specialization_evidence
from .termbank import TermVocabulary, load_vocabulary, normal_key

ANALYSER_VERSION = 1
"""Bumped when the analysis changes; saved postings analysed by an older version are redone."""

# Which reference-answer elements a requirement line calls for (ids from the element library).
_ELEMENT_CUES: dict[str, str] = {
    "risk": r"\brisks?\b|\braid\b|\bissues?\b|mitigat|contingenc|escalat|\bsecurity\b|compliance",
    "stakeholders": r"stakeholder|sponsor|steering|\bboard\b|client|customer|vendor|supplier|"
                    r"partner|executive|leadership|business users|\busers\b|process owners|"
                    r"\bcfo\b|\bcio\b|director|third.party|integrator",
    "metrics": r"budget|\bkpis?\b|\bslas?\b|\bcost|spend|financial|forecast|metric|measur|\$|£|€|"
               r"\d+\s?%|utili[sz]ation|\bburn\b",
    "result": r"\bdeliver|go-?live|outcome|benefit|launch|\bship|releases?\b|adoption|closure",
    "lessons": r"lessons|retrospective|\bretros?\b|continu\w* improvement|post-implementation|"
               r"\bmature\b",
    "task": r"\bown\b|owner|accountab|responsib",
    "planning": r"\bplan|schedul|milestone|roadmap|dependenc|estimat",
    "change_control": r"change requests?|change control|scope",
    "team_leadership": r"\blead (?:a|the)? ?team|mentor|coach|line manag|\bmanage (?:a|the)? ?team",
    "communication": r"communicat|report|present|status|updates?|minutes|written",
    "methodology": r"agile|scrum|kanban|safe\b|prince2|waterfall|hybrid|itil|methodolog|framework",
}


@dataclass
class AnalysedRequirement:
    text: str
    """The posting's own words."""
    kind: str
    """duty, skill or nice (nice to have)."""
    elements: list[str]
    """Reference-answer elements an answer showing this requirement needs."""
    terms: list[str]
    """Named terms in the line."""


class _SavedRequirement(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")
    text: str = Field(min_length=1)
    kind: str
    elements: list[str]
    terms: list[str]


class _SavedPlan(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")
    question_id: str
    requirements: list[Annotated[int, Field(ge=0)]] = []
    terms: list[str] = []


class _SavedAnalysis(BaseModel):
    """The shape of PostingAnalysis.to_json(), as read back from a saved posting."""

    model_config = ConfigDict(strict=True, extra="ignore")
    title: str | None = None
    level: Level
    level_reason: str = ""
    specializations: list[Specialization]
    requirements: list[_SavedRequirement]
    terms: list[str]
    questions: list[str]
    plan: list[_SavedPlan] = []
    version: int = 0

    @model_validator(mode="after")
    def _plan_points_at_requirements(self) -> _SavedAnalysis:
        for n, planned in enumerate(self.plan):
            if any(i >= len(self.requirements) for i in planned.requirements):
                raise ValueError(f"plan.{n}.requirements: an index past the "
                                 f"{len(self.requirements)} requirements")
        return self


@dataclass
class PostingAnalysis:
    """Everything `jd analyse` reports about one posting."""

    title: str | None
    level: str
    level_reason: str
    specializations: list[str]
    requirements: list[AnalysedRequirement]
    terms: list[str]
    """Named tools, methods, certifications, platforms and domain terms, in posting order."""
    questions: list[str]
    """Bank question ids, best first."""
    plan: list[PlannedQuestion] = field(default_factory=list)
    """Why each question was chosen: the requirements and terms it covers."""
    version: int = ANALYSER_VERSION

    def to_contract_json(self) -> dict[str, Any]:
        """The `jd analyse --json` shape (DESIGN.md, "Contract: job descriptions")."""
        return {
            "title": self.title,
            "level": self.level,
            "specializations": list(self.specializations),
            "requirements": [{"text": r.text, "elements": r.elements, "terms": r.terms,
                              "kind": r.kind} for r in self.requirements],
            "terms": list(self.terms),
            "questions": list(self.questions),
            "level_reason": self.level_reason,
        }

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PostingAnalysis:
        """A saved analysis, checked field by field (a ValueError names the first bad one)."""
        try:
            saved = _SavedAnalysis.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "analysis"
            raise ValueError(f"{where}: {first['msg']}") from None
        return cls(
            title=saved.title, level=saved.level, level_reason=saved.level_reason,
            specializations=list(saved.specializations),
            requirements=[AnalysedRequirement(**r.model_dump()) for r in saved.requirements],
            terms=saved.terms, questions=saved.questions,
            plan=[PlannedQuestion(**p.model_dump()) for p in saved.plan], version=saved.version,
        )

    def role_phrase(self) -> str:
        """'IT Project Manager – SAP Finance': the role, for "For this ... role"."""
        return role_phrase(self.title, self.specializations)


def role_phrase(title: str | None, specializations: list[str]) -> str:
    """The title without its location and contract parts: 'IT Project Manager – SAP Finance'."""
    if title:
        parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+", title) if p.strip()]
        kept = [parts[0]] + [p for p in parts[1:] if not re.match(
            r"^(?:remote|hybrid|on-?site|in office|full[- ]time|part[- ]time|contract|permanent|"
            r"temp\w*|fixed[- ]term|\d+\s*months?)\b", p, re.IGNORECASE)
            and not re.match(r"^[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,?\s[A-Z]{2,3}$", p)]
        core = " – ".join(kept[:2])
        core = re.sub(r"\s*\((?:remote|hybrid|contract|temp|full[- ]time|part[- ]time|entry|\d)[^)]*\)",
                      "", core, flags=re.IGNORECASE).strip(" -–")
        if 3 <= len(core) <= 80:
            return core
    spec = next((s for s in specializations if s != "general"), None)
    return f"{spec.replace('-', ' ')} project manager" if spec else "project manager"


def requirement_elements(text: str, kind: str, known: set[str]) -> list[str]:
    found = ["action"] if kind == "duty" else ["situation"]
    for element, pattern in _ELEMENT_CUES.items():
        if element in known and re.search(pattern, text, re.IGNORECASE):
            found.append(element)
    return [e for e in dict.fromkeys(found) if e in known]


class PostingAnalyser:
    """Analyses postings with the embedding model; build once, use for many postings."""

    def __init__(self, bank: Bank, embedder: Embedder, model_sha256: str,
                 vocabulary: TermVocabulary | None = None,
                 progress: Callable[[str], None] | None = None) -> None:
        self.bank = bank
        self.embedder = embedder
        self.vocabulary = vocabulary or load_vocabulary()
        self.cache = EmbeddingCache(embedder, locations.embedding_cache_dir(), model_sha256)
        if progress is not None and not self.cache.path.exists():
            progress("First use: preparing the vectors of the term vocabulary and the questions "
                     "(once, a few seconds) ...")
        self._vocab_names = [t.name for t in self.vocabulary.terms]
        self.vocab_vectors = self.cache.encode(self._vocab_names)
        questions = sorted(bank.questions.values(), key=lambda q: q.id)
        self.question_ids = [q.id for q in questions]
        self.question_vectors = self.cache.encode([q.text for q in questions])
        self.cache.save()

    @classmethod
    def load(cls, bank: Bank, progress: Callable[[str], None] | None = None) -> PostingAnalyser:
        """With the app's verified embedding model (raises ModelError if it cannot load)."""
        from ..scoring.embedder import load_embedder
        from ..scoring.modelcard import ModelCard

        card = ModelCard.load()
        embedder = load_embedder(card, progress) if progress else load_embedder(card)
        return cls(bank, embedder, card.sha256, progress=progress)

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.embedder.encode(texts)

    # ------------------------------------------------------------------ terms
    def find_terms(self, text: str, lines: list[str],
                   threshold: float = cand.ACCEPT_SIMILARITY,
                   hidden: set[str] | None = None) -> list[str]:
        """Vocabulary terms, then vetted candidates, each once in order of first appearance.

        `hidden` (normal keys) pretends those terms are not in the vocabulary (for tuning)."""
        hidden = hidden or set()
        hits = [h for h in self.vocabulary.find(text) if normal_key(h.term.name) not in hidden]
        covered = [(h.start, h.end) for h in hits]
        found: dict[str, tuple[int, str]] = {}
        for hit in hits:
            found.setdefault(normal_key(hit.surface), (hit.start, hit.surface))
        spans = cand.candidate_spans(lines)
        fresh = []
        for span in spans:
            key = normal_key(span)
            if key in found or self.vocabulary.get(span) is not None and key not in hidden:
                continue
            position = text.find(span)
            if any(s <= position < e for s, e in covered):
                continue
            fresh.append(span)
        if fresh:
            vectors = self.encode(fresh)
            vocab = self.vocab_vectors
            if hidden:
                keep = [i for i, n in enumerate(self._vocab_names) if normal_key(n) not in hidden]
                vocab = vocab[keep]
            for span, _ in cand.vet_candidates(fresh, vectors, vocab, threshold):
                found.setdefault(normal_key(span), (max(0, text.find(span)), span))
        return [surface for _, surface in sorted(found.values())]

    # ------------------------------------------------------------------ whole posting
    def analyse(self, text: str, count: int = 10) -> PostingAnalysis:
        title = title_of(text)
        requirements: list[Requirement] = split_requirements(text)
        lines = content_lines(text)
        if title and lines and lines[0] == title:
            lines = lines[1:]  # the title names the job, not a tool ("IT Project Manager")
        terms = self.find_terms(text, lines)
        level = infer_level(title, text)
        hits = self.vocabulary.find(text)
        evidence = specialization_evidence(title, text, hits, self.vocabulary.find(title or ""),
                                           self.vocabulary)
        specializations = choose_specializations(evidence)
        known = set(self.bank.elements)
        analysed = []
        for requirement in requirements:
            line_terms = [t for t in terms if re.search(rf"(?<!\w){re.escape(t)}(?!\w)",
                                                        requirement.text)]
            analysed.append(AnalysedRequirement(
                requirement.text, requirement.kind,
                requirement_elements(requirement.text, requirement.kind, known), line_terms))
        requirement_vectors = self.encode([r.text for r in analysed]) if analysed else np.zeros(
            (0, self.question_vectors.shape[1]), dtype=np.float32)
        plan = plan_questions(
            self.bank, self.question_ids, self.question_vectors, analysed, requirement_vectors,
            level.level, specializations, terms, count=count)
        return PostingAnalysis(
            title=title, level=level.level, level_reason=level.reason,
            specializations=specializations, requirements=analysed, terms=terms,
            questions=[p.question_id for p in plan], plan=plan)
