"""The Scorer: an answer plus what a question expects in, Feedback out."""

from __future__ import annotations

import re
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
from .segment import MAX_CHARS, Segment, clean, count_words, segment
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
    tokens: np.ndarray
    """Contextual vectors of the answer's content tokens (for similarity to the model answer)."""


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
        self._examples: dict[tuple[str, tuple[str, ...], str | None, str], dict[str, str]] = {}
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
        scorer = cls(elements, card, load_embedder(card, progress))
        if scorer.cache.notice:
            progress(f"note: {scorer.cache.notice}")
        return scorer

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
        vectors, tokens = self._encode_with_tokens(texts)
        context = self._context(segments, vectors, category)
        features = {}
        for element_id in element_ids:
            exemplars, counters = self._exemplar_vectors(element_id)
            features[element_id] = coverage.segment_features(
                element_id, context, exemplars, counters, self.probes.get(element_id))
        return AnswerAnalysis(text, truncated, segments, vectors, features, tokens)

    def _encode_with_tokens(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        if not texts:
            return np.zeros((0, self.card.dimension)), np.zeros((0, self.card.dimension))
        vectors, tokens = self.embedder.encode_with_tokens(texts)
        return vectors, np.vstack(tokens)

    def _context(self, segments: list[Segment], vectors: np.ndarray,
                 category: str | None) -> coverage.AnswerContext:
        return coverage.answer_context(
            [s.text for s in segments], vectors, [s.part for s in segments],
            [s.sentence for s in segments], category,
            {e: self._exemplar_vectors(e)[0] for e in CONTRACT_ELEMENTS if e in self.elements})

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
        # None: the eight contract elements; an empty list: no element at all (similarity and
        # signals only, as the batch contract allows).
        refs = [ElementRef(id=e) if isinstance(e, str) else e for e in
                (elements if elements is not None else CONTRACT_ELEMENTS)]
        unknown = [r.id for r in refs if r.id not in self.elements]
        if unknown:
            raise KeyError(f"unknown element id(s): {', '.join(unknown)}")
        analysis = self.analyse(answer, [r.id for r in refs], category)
        question = clean(question)[0] if question else question
        model_answer = clean(model_answer)[0] if model_answer else model_answer
        signals = answer_signals(analysis.text, category, analysis.truncated,
                                 words=count_words(answer) if analysis.truncated else None)
        notice = None
        if not analysis.segments:
            notice = "No answer to score: type what you would say to the interviewer."
        elif signals.non_english:
            notice = ("The scorer is built for English answers; feedback on other languages "
                      "is unreliable.")
        elif analysis.truncated:
            notice = (f"The answer is very long; only its first {MAX_CHARS:,} characters (about "
                      "2,000 words) were scored.")

        answer_vector = self.answer_vector(analysis)
        similarity = None
        if answer_vector is not None and question:
            question_vector = self._encode_memo([question])[0]
            signals.question_similarity = round(float(answer_vector @ question_vector), 4)
            signals.off_topic = signals.question_similarity < OFF_TOPIC_SIMILARITY
        if model_answer:
            similarity = 0.0
            if answer_vector is not None:
                similarity = reference_similarity(
                    analysis.tokens, self.reference_tokens(model_answer),
                    self.reference_tokens(question) if question else None)

        examples = self._model_answer_examples(model_answer, [r.id for r in refs], category,
                                               question)
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
        if total:
            overall = round(100 * sum(c.weight * c.score for c in coverages) / total)
        else:  # no element asked for: the overall score is the similarity to the model answer
            overall = round(100 * similarity) if similarity is not None else 0
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

    def reference_tokens(self, reference: str) -> np.ndarray:
        """A reference answer's (or question's) content-token vectors, embedded the way an answer
        is (memoised: the same model answer comes back with every attempt at its question)."""
        if reference not in self._references:
            if len(self._references) > 1024:
                self._references.clear()
            text, _ = clean(reference)
            self._references[reference] = self._encode_with_tokens(
                [s.text for s in segment(text)])[1]
        return self._references[reference]

    def answer_tokens(self, answers: list[str]) -> list[np.ndarray]:
        """Many answers' token vectors at once, embedded exactly as `score` does (benchmarks)."""
        pieces = [[s.text for s in segment(clean(a)[0])] for a in answers]
        flat = [t for texts in pieces for t in texts]
        _, tokens = self.embedder.encode_with_tokens(flat) if flat else (None, [])
        out, start = [], 0
        for texts in pieces:
            chunk = tokens[start : start + len(texts)]
            out.append(np.vstack(chunk) if chunk else np.zeros((0, self.card.dimension)))
            start += len(texts)
        return out

    def _encode_memo(self, texts: list[str]) -> np.ndarray:
        """Encode with an in-memory memo for question and reference texts that repeat."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._memo]
        if missing:
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo.update(zip(missing, self.embedder.encode(missing), strict=True))
        return np.stack([self._memo[t] for t in texts])

    def _model_answer_examples(self, model_answer: str | None, element_ids: list[str],
                               category: str | None = None,
                               question: str | None = None) -> dict[str, str]:
        """For each element, a whole sentence that shows it (used in hints): from the model
        answer where one of its sentences shows the element on its own, else from the element
        library; never the same sentence for two elements of one question."""
        key = (model_answer or "", tuple(element_ids), category, question or "")
        if key not in self._examples:
            if len(self._examples) > 512:
                self._examples.clear()
            self._examples[key] = self._find_examples(model_answer or "", element_ids, category,
                                                      question)
        return self._examples[key]

    def shows_alone(self, sentence: str, element_id: str, category: str | None,
                    vector: np.ndarray | None = None) -> float:
        """Probability that this one sentence, scored as a whole answer, shows the element
        (`vector`: its sentence vector, when already known)."""
        text, _ = clean(sentence)
        segments = segment(text)
        if not segments:
            return 0.0
        if vector is not None and len(segments) == 1:
            vectors = vector[None, :]
        else:
            vectors = self._encode_memo([s.text for s in segments])
        context = self._context(segments, vectors, category)
        exemplars, counters = self._exemplar_vectors(element_id)
        feats = coverage.segment_features(element_id, context, exemplars, counters,
                                          self.probes.get(element_id))
        return float(coverage.probabilities(feats, self.model_for(element_id)).max())

    def _find_examples(self, model_answer: str, element_ids: list[str], category: str | None,
                       question: str | None) -> dict[str, str]:
        text, _ = clean(model_answer)
        sentences = whole_sentences(text)
        vectors = self._encode_memo(sentences) if sentences else None  # one encoder pass
        candidates: list[tuple[float, str, str]] = []
        for element_id in element_ids:
            threshold = self.model_for(element_id).threshold
            for i, sentence in enumerate(sentences):
                p = self.shows_alone(sentence, element_id, category,
                                     vectors[i] if vectors is not None else None)
                if p >= threshold:
                    candidates.append((p, element_id, sentence))
        out: dict[str, str] = {}
        used: set[str] = set()
        for _, element_id, sentence in sorted(candidates, reverse=True):
            if element_id not in out and sentence not in used:
                out[element_id] = sentence
                used.add(sentence)
        for element_id in element_ids:
            if element_id not in out:
                example = self._library_example(element_id, category, question, used)
                if example:
                    out[element_id] = example
                    used.add(example)
        return out

    def _library_example(self, element_id: str, category: str | None, question: str | None,
                         used: set[str]) -> str | None:
        """The element library's exemplar closest to the question that shows the element alone."""
        element = self.elements[element_id]
        exemplars = [e for e in element.exemplars if e not in used]
        if not exemplars:
            return None
        vectors = self._exemplar_vectors(element_id)[0]
        order = list(range(len(exemplars)))
        index = {e: i for i, e in enumerate(element.exemplars)}
        if question:
            q = self._encode_memo([clean(question)[0]])[0]
            sims = [float(vectors[index[e]] @ q) for e in exemplars]
            order = sorted(order, key=lambda i: -sims[i])
        threshold = self.model_for(element_id).threshold
        for i in order[:12]:
            vector = vectors[index[exemplars[i]]]
            if self.shows_alone(exemplars[i], element_id, category, vector) >= threshold:
                return exemplars[i]
        return None


_WHOLE_SENTENCE = re.compile(r"^[\"'(]?[A-Z0-9].*[.!?][\"')]?$", re.DOTALL)
EXAMPLE_MAX_WORDS = 45


def whole_sentences(text: str) -> list[str]:
    """Sentences that read as complete on their own: capitalised start, end punctuation, no part
    label, not too long to quote."""
    out = []
    for seg in segment(text):
        if seg.window:
            continue
        sentence = seg.text.strip()
        if _WHOLE_SENTENCE.match(sentence) and 4 <= len(sentence.split()) <= EXAMPLE_MAX_WORDS:
            out.append(sentence)
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
