"""Rating a candidate's questions for the interviewer: strong, fair or weak, with reasons.

Two layers feed one small linear model per verdict (fitted by `asking.fit` on labeled questions):
the curated patterns (asking/patterns.py) and the embedding model, which places the question
among exemplar questions written for this project (asking/exemplars.yaml). Neither length nor a
keyword list decides on its own: a long question can sit among the weak exemplars, a short one
among the strong. Only "not a question" and rudeness are weak whatever else the question does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

import numpy as np
import yaml

from .advice import STRONG_KINDS, WEAK_KINDS, reason_for, rewrite_for
from .patterns import PatternHits, detect
from .posting import PostingContext
from .split import split_questions
from .verdict import QuestionVerdict

VERDICTS = ("strong", "fair", "weak")
TOP_K = 3
"""Neighbours per exemplar group whose similarities are averaged."""
MAX_CHARS = 2000
"""Longer input is cut: no one asks a question this long, and the encoder truncates anyway."""
HARD_WEAK = ("not-a-question", "rude")
"""Kinds that make a question weak whatever its other qualities (contract: questions to ask)."""
RED_FLAGS = ("rude", "negative", "pay-perks", "premature", "self-centred", "off-topic")
"""A part with one of these pulls a whole line down, even if another part is strong."""

FEATURES = (
    "bias", "sim_strong_minus_weak", "sim_fair_minus_strong", "open", "either-or", "closed",
    "pm_terms", "role", "team", "projects", "prepared", "pay-perks", "self-centred", "premature",
    "website", "negative", "rude", "off-topic", "vague", "generic", "not-a-question", "log_words",
)
"""The rater's inputs, in the order of the fitted weights."""


class Encoder(Protocol):
    """What the rater needs of an embedder: L2-normalised vectors for texts."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass
class Exemplar:
    text: str
    verdict: str
    kind: str


def load_exemplars() -> list[Exemplar]:
    raw = yaml.safe_load(resources.files(__package__).joinpath("exemplars.yaml").read_text("utf-8"))
    return [Exemplar(item["text"], verdict, item["kind"]) for verdict in VERDICTS
            for item in raw.get(verdict, [])]


def load_weights() -> dict[str, Any]:
    return dict(json.loads(resources.files(__package__).joinpath("weights.json").read_text("utf-8")))


@dataclass
class PartAnalysis:
    """One question's features and the pieces of evidence behind them."""

    text: str
    hits: PatternHits
    features: np.ndarray
    nearest_strong: Exemplar
    nearest_weak: Exemplar
    prepared_by: str | None = None
    """The job-description requirement or term the question refers to."""


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, value))))


class QuestionRater:
    """Rates questions; load once (it embeds the exemplars), then call `rate` as often as needed."""

    def __init__(self, encoder: Encoder, weights: dict[str, Any] | None = None,
                 exemplars: list[Exemplar] | None = None, exemplar_encoder: Encoder | None = None) -> None:
        self.encoder = encoder
        self.exemplars = exemplars or load_exemplars()
        self.weights = weights or load_weights()
        vectors = np.asarray((exemplar_encoder or encoder).encode([e.text for e in self.exemplars]))
        self._groups = {v: (np.array([i for i, e in enumerate(self.exemplars) if e.verdict == v]))
                        for v in VERDICTS}
        self._vectors = vectors
        self._w_strong = np.array([self.weights["strong"][f] for f in FEATURES])
        self._w_weak = np.array([self.weights["weak"][f] for f in FEATURES])

    @classmethod
    def load(cls, embedder: Any = None, progress: Any = None) -> QuestionRater:
        """The rater on the app's embedding model (the same model card and checks as the scorer).

        Pass the scorer's `embedder` to share one loaded model; the exemplar vectors are kept in
        the embedding cache, so only the first run embeds them.
        """
        from .. import locations
        from ..scoring.embedcache import EmbeddingCache
        from ..scoring.embedder import load_embedder
        from ..scoring.modelcard import ModelCard

        card = ModelCard.load()
        if embedder is None:
            embedder = load_embedder(card, progress) if progress else load_embedder(card)
        cache = EmbeddingCache(embedder, locations.embedding_cache_dir(), card.sha256)
        rater = cls(embedder, exemplar_encoder=cache)
        cache.save()
        return rater

    # ------------------------------------------------------------------ features
    def analyse(self, texts: Sequence[str], posting: PostingContext | None = None) -> list[PartAnalysis]:
        if not texts:
            return []
        vectors = self.encoder.encode(list(texts))
        sims = vectors @ self._vectors.T
        out = []
        for text, row in zip(texts, sims, strict=True):
            hits = detect(text)
            prepared_by = posting.referred_requirement(text) if posting else None
            if prepared_by:
                hits.kinds.add("prepared")
            top = {v: float(np.sort(row[idx])[-TOP_K:].mean()) for v, idx in self._groups.items()}
            strong_i = self._groups["strong"][int(np.argmax(row[self._groups["strong"]]))]
            weak_i = self._groups["weak"][int(np.argmax(row[self._groups["weak"]]))]
            values = {
                "bias": 1.0,
                "sim_strong_minus_weak": (top["strong"] - top["weak"]) * 10,
                "sim_fair_minus_strong": (top["fair"] - top["strong"]) * 10,
                "pm_terms": min(hits.pm_terms, 3) / 3,
                "log_words": math.log1p(hits.words) / 3,
            }
            vector = np.array([values.get(f, 1.0 if f in hits.kinds else 0.0) for f in FEATURES])
            out.append(PartAnalysis(text, hits, vector, self.exemplars[strong_i], self.exemplars[weak_i],
                                    prepared_by))
        return out

    # ------------------------------------------------------------------ verdicts
    def _part_verdict(self, part: PartAnalysis) -> tuple[str, float, float]:
        p_strong = _sigmoid(float(part.features @ self._w_strong))
        p_weak = _sigmoid(float(part.features @ self._w_weak))
        if any(k in part.hits.kinds for k in HARD_WEAK):
            return "weak", p_strong, max(p_weak, 0.99)
        if p_weak >= 0.5 and p_weak >= p_strong:
            return "weak", p_strong, p_weak
        if p_strong >= self.weights.get("strong_threshold", 0.5):
            return "strong", p_strong, p_weak
        return "fair", p_strong, p_weak

    def rate(self, line: str, posting: PostingContext | None = None) -> QuestionVerdict:
        return self.rate_many([line], posting)[0]

    def rate_many(self, lines: Sequence[str], posting: PostingContext | None = None) -> list[QuestionVerdict]:
        """One verdict per line, in order; the model runs once for all of them."""
        cleaned = [" ".join(line.split())[:MAX_CHARS] for line in lines]
        split = [split_questions(line) or [line] for line in cleaned]
        flat = [p for parts in split for p in parts if p.strip()]
        analyses = iter(self.analyse(flat, posting))
        verdicts = []
        for line, parts in zip(cleaned, split, strict=True):
            if not line.strip():
                verdicts.append(QuestionVerdict(line, "weak", [reason_for("not-a-question")],
                                                rewrite_for(line, {"not-a-question"}), ["not-a-question"]))
                continue
            verdicts.append(self._combine(line, [next(analyses) for p in parts if p.strip()]))
        return verdicts

    def _combine(self, line: str, parts: list[PartAnalysis]) -> QuestionVerdict:
        rated = [(part, *self._part_verdict(part)) for part in parts]
        rank = {"weak": 0, "fair": 1, "strong": 2}
        best = max(rated, key=lambda r: (rank[r[1]], r[2] - r[3]))
        flagged = [r for r in rated if r[1] == "weak" and r[0].hits.kinds & set(RED_FLAGS + HARD_WEAK)]
        chosen = flagged[0] if flagged else best
        verdict = chosen[1]
        if flagged and len(rated) > 1 and best[1] == "strong":
            verdict = "fair"  # a strong question with a red flag beside it still leaves the flag
        kinds = set().union(*(r[0].hits.kinds for r in rated))
        if verdict == "fair" and flagged and best[1] == "strong":
            reasons = self._reasons("fair", best[0], [r[0] for r in flagged])
        else:
            reasons = self._reasons(verdict, chosen[0], [r[0] for r in flagged])
        if len(rated) > 1:
            reasons.append(reason_for("several", count=len(rated)))
        rewrite = rewrite_for(chosen[0].text, chosen[0].hits.kinds) if verdict == "weak" else None
        return QuestionVerdict(
            text=line, verdict=verdict, reasons=reasons, rewrite=rewrite,
            kinds=sorted(kinds - {"either-or"} | ({"prepared-jd"} if chosen[0].prepared_by else set())),
            parts=[r[0].text for r in rated], p_strong=round(chosen[2], 3), p_weak=round(chosen[3], 3),
        )

    def _reasons(self, verdict: str, part: PartAnalysis, flagged: list[PartAnalysis]) -> list[str]:
        kinds = part.hits.kinds
        good = [k for k in STRONG_KINDS if k in kinds and k != "prepared-jd"]
        if part.prepared_by:
            good = [k for k in good if k != "prepared"]
            good.insert(0, "prepared-jd")
        bad = [k for k in WEAK_KINDS if k in kinds]
        for other in flagged:
            bad += [k for k in WEAK_KINDS if k in other.hits.kinds and k not in bad]
        if "not-a-question" in bad:
            good = []
        reasons = []
        if verdict == "weak":
            reasons += [reason_for(k) for k in bad]
            if part.prepared_by and "closed" in kinds:
                reasons.append(reason_for("in-posting", detail=part.prepared_by))
            if not bad:
                reasons.append(reason_for("near-weak", detail=f"\"{part.nearest_weak.text}\""))
                reasons.append(reason_for("generic"))
        else:
            reasons += [reason_for(k, detail=part.prepared_by) for k in good]
            if verdict == "strong" and not good:
                reasons.append(reason_for("near-strong", detail=f"\"{part.nearest_strong.text}\""))
            reasons += [reason_for(k) for k in bad]
            if verdict == "fair" and not bad:
                reasons.append("fair: a reasonable question, but not specific to this role, team or "
                               "how projects are run here")
        return [r for r in dict.fromkeys(reasons) if r]
