"""The Scorer: an answer plus what a question expects in, Feedback out."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .. import locations
from ..bank.models import CONTRACT_ELEMENTS, Element, ElementRef, Question
from . import coverage
from .embedcache import EmbeddingCache
from .embedder import Embedder, load_embedder
from .feedback import ElementCoverage, Feedback, signal_notes
from .modelcard import ModelCard
from .segment import Segment, clean, segment
from .signals import answer_signals
from .similarity import reference_similarity

OFF_TOPIC_SIMILARITY = 0.12
"""Below this cosine between answer and question, the answer is flagged as off-topic."""


@dataclass
class AnswerAnalysis:
    """Segments, their vectors and per-element features: what calibration fits on."""

    text: str
    truncated: bool
    segments: list[Segment]
    vectors: np.ndarray
    features: dict[str, np.ndarray]


def _progress_to_stderr(message: str) -> None:
    print(message, file=sys.stderr)


class Scorer:
    """Scores answers against reference elements with the embedding model of a model card."""

    def __init__(self, elements: Mapping[str, Element], card: ModelCard, embedder: Embedder) -> None:
        self.elements = dict(elements)
        self.card = card
        self.embedder = embedder
        self.cache = EmbeddingCache(embedder, locations.embedding_cache_dir(), card.sha256)
        self._exemplars: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._memo: dict[str, np.ndarray] = {}
        self._references: dict[str, np.ndarray] = {}
        self._examples: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}
        self.models = self._element_models(card)
        for element_id in self.elements:
            self._exemplar_vectors(element_id)
        self.cache.save()
        self.probes = {e: coverage.fit_probe(e, self._exemplars) for e in self.elements}

    @classmethod
    def load(
        cls,
        elements: Mapping[str, Element],
        progress: Callable[[str], None] = _progress_to_stderr,
        card: ModelCard | None = None,
    ) -> Scorer:
        card = card or ModelCard.load()
        return cls(elements, card, load_embedder(card, progress))

    @staticmethod
    def _element_models(card: ModelCard) -> dict[str, coverage.ElementModel]:
        fitted = card.calibration.get("elements") or {}
        models = {e: coverage.ElementModel.from_card(fitted.get(e)) for e in fitted}
        models["*"] = coverage.ElementModel.from_card(fitted.get("*"))
        return models

    def model_for(self, element_id: str) -> coverage.ElementModel:
        return self.models.get(element_id) or self.models["*"]

    @property
    def model_info(self) -> dict[str, str]:
        return {"card": self.card.id, "sha256": self.card.sha256, "runtime": self.embedder.runtime,
                "calibration": str(self.card.calibration.get("version", "uncalibrated"))}

    def _exemplar_vectors(self, element_id: str) -> tuple[np.ndarray, np.ndarray]:
        if element_id not in self._exemplars:
            element = self.elements[element_id]
            self._exemplars[element_id] = (
                self.cache.encode(element.exemplars),
                self.cache.encode(element.counter_exemplars),
            )
        return self._exemplars[element_id]

    # ------------------------------------------------------------------ analysis
    def analyse(self, answer: str, element_ids: Sequence[str], category: str | None) -> AnswerAnalysis:
        text, truncated = clean(answer)
        segments = segment(text)
        texts = [s.text for s in segments]
        vectors = self.embedder.encode(texts) if texts else np.zeros((0, self.card.dimension))
        features = {}
        shared = coverage.shared_features(texts, category)
        for element_id in element_ids:
            exemplars, counters = self._exemplar_vectors(element_id)
            features[element_id] = coverage.segment_features(
                element_id, texts, vectors, exemplars, counters, category,
                self.probes.get(element_id), shared,
            )
        return AnswerAnalysis(text, truncated, segments, vectors, features)

    # ------------------------------------------------------------------ scoring
    def score_question(self, question: Question, answer: str) -> Feedback:
        return self.score(answer, question=question.text, category=question.category,
                          elements=question.elements, model_answer=question.model_answer)

    def score(
        self,
        answer: str,
        *,
        question: str | None = None,
        category: str | None = None,
        elements: Sequence[str | ElementRef] | None = None,
        model_answer: str | None = None,
    ) -> Feedback:
        refs = [ElementRef(id=e) if isinstance(e, str) else e for e in
                (elements if elements else CONTRACT_ELEMENTS)]
        unknown = [r.id for r in refs if r.id not in self.elements]
        if unknown:
            raise KeyError(f"unknown element id(s): {', '.join(unknown)}")
        analysis = self.analyse(answer, [r.id for r in refs], category)
        question = clean(question)[0] if question else question
        model_answer = clean(model_answer)[0] if model_answer else model_answer
        signals = answer_signals(analysis.text, category, analysis.truncated,
                                 words=len(answer.split()) if analysis.truncated else None)
        notice = None
        if not analysis.segments:
            notice = "No answer to score: type what you would say to the interviewer."
        elif signals.non_english:
            notice = ("The scorer is built for English answers; feedback on other languages "
                      "is unreliable.")
        elif analysis.truncated:
            notice = "The answer is very long; only its first 2,000 words or so were scored."

        answer_vector = self.answer_vector(analysis)
        similarity = None
        if answer_vector is not None and question:
            question_vector = self._encode_memo([question])[0]
            signals.question_similarity = round(float(answer_vector @ question_vector), 4)
            signals.off_topic = signals.question_similarity < OFF_TOPIC_SIMILARITY
        if model_answer:
            similarity = 0.0
            if answer_vector is not None:
                reference_vector = self.reference_vector(model_answer)
                similarity = reference_similarity(answer_vector, reference_vector, analysis.text,
                                                  model_answer, question)

        examples = self._model_answer_examples(model_answer, [r.id for r in refs])
        coverages = []
        for ref in refs:
            element = self.elements[ref.id]
            model = self.model_for(ref.id)
            feats = analysis.features[ref.id]
            if len(feats):
                probs = coverage.probabilities(feats, model)
                best = int(np.argmax(probs))
                p = float(probs[best])
                seg = analysis.segments[best]
            else:
                p, seg = 0.0, None
            status = coverage.status_of(p, model.threshold)
            example = examples.get(ref.id)
            hint = element.hint if status != "covered" else ""
            if hint and example:
                hint = f"{hint} For example: \"{example}\""
            coverages.append(ElementCoverage(
                id=ref.id, name=element.name, status=status, score=p,
                evidence=seg.text if seg is not None and status != "missing" else None,
                evidence_span=(seg.start, seg.end) if seg is not None and status != "missing" else None,
                weight=ref.weight, hint=hint, example=example,
            ))
        total = sum(c.weight for c in coverages)
        overall = round(100 * sum(c.weight * c.score for c in coverages) / total) if total else 0
        return Feedback(
            overall=overall if analysis.segments else 0,
            elements=coverages,
            signals=signals,
            answer=analysis.text,
            model_answer_similarity=similarity,
            strengths=[f"{c.name}: \"{c.evidence}\"" for c in
                       sorted((c for c in coverages if c.covered), key=lambda c: -c.score)][:3],
            improvements=[f"{c.name}: {c.hint}" for c in coverages if c.status != "covered"],
            next_step=_next_step(coverages, signal_notes(signals)),
            notice=notice,
            model=self.model_info,
        )

    @staticmethod
    def answer_vector(analysis: AnswerAnalysis) -> np.ndarray | None:
        """The answer as one vector (one encoder pass serves coverage and similarity)."""
        return mean_sentence_vector(analysis.segments, analysis.vectors)

    def reference_vector(self, reference: str) -> np.ndarray:
        """A reference answer embedded the same way as an answer (memoised: the same model
        answer comes back with every attempt at its question)."""
        if reference not in self._references:
            if len(self._references) > 1024:
                self._references.clear()
            text, _ = clean(reference)
            segments = segment(text)
            vector = mean_sentence_vector(segments, self._encode_memo([s.text for s in segments]))
            self._references[reference] = (vector if vector is not None
                                           else self._encode_memo(["."])[0])
        return self._references[reference]

    def answer_vectors(self, answers: list[str]) -> np.ndarray:
        """Many answers at once, embedded exactly as `score` embeds one (for benchmarks)."""
        pieces = [segment(clean(a)[0]) for a in answers]
        flat = [s.text for segs in pieces for s in segs]
        vectors = self.embedder.encode(flat) if flat else np.zeros((0, self.card.dimension))
        out, start = [], 0
        for segs in pieces:
            vector = mean_sentence_vector(segs, vectors[start : start + len(segs)])
            out.append(vector if vector is not None else np.zeros(self.card.dimension))
            start += len(segs)
        return np.array(out)

    def _encode_memo(self, texts: list[str]) -> np.ndarray:
        """Encode with an in-memory memo for question and reference texts that repeat."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo.update(zip(missing, self.embedder.encode(missing), strict=True))
        return np.stack([self._memo[t] for t in texts])

    def _model_answer_examples(self, model_answer: str | None, element_ids: list[str]) -> dict[str, str]:
        """For each element, the model-answer sentence that shows it best (used in hints)."""
        if not model_answer:
            return {}
        key = (model_answer, tuple(element_ids))
        if key not in self._examples:
            if len(self._examples) > 512:
                self._examples.clear()
            self._examples[key] = self._find_examples(model_answer, element_ids)
        return self._examples[key]

    def _find_examples(self, model_answer: str, element_ids: list[str]) -> dict[str, str]:
        text, _ = clean(model_answer)
        sentences = [s.text for s in segment(text) if not s.window]
        if not sentences:
            return {}
        vectors = self._encode_memo(sentences)
        shared = coverage.shared_features(sentences, None)
        out = {}
        for element_id in element_ids:
            exemplars, counters = self._exemplar_vectors(element_id)
            feats = coverage.segment_features(element_id, sentences, vectors, exemplars, counters,
                                              None, self.probes.get(element_id), shared)
            probs = coverage.probabilities(feats, self.model_for(element_id))
            best = int(np.argmax(probs))
            if probs[best] >= 0.5:
                out[element_id] = sentences[best]
        return out


def mean_sentence_vector(segments: list[Segment], vectors: np.ndarray) -> np.ndarray | None:
    """Normalised mean of the sentence vectors (windows only when there are no sentences)."""
    if not segments:
        return None
    rows = [i for i, s in enumerate(segments) if not s.window] or list(range(len(segments)))
    mean = vectors[rows].mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-12)


def _next_step(coverages: list[ElementCoverage], notes: list[str]) -> str:
    gaps = [c for c in coverages if c.status != "covered"]
    if gaps:
        worst = max(gaps, key=lambda c: (c.weight, -c.score))
        element_hint = worst.hint.split(" For example:")[0]
        return f"Add {worst.name.lower()}: {element_hint}"
    if notes:
        return notes[0]
    return "Strong answer. Practise saying it aloud in under two minutes."
