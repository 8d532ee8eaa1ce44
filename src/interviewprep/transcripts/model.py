"""The transcript of one practice session: versioned JSON, readable years later."""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from .. import clock

SCHEMA_VERSION = 3
"""3: `questions_asked` (the candidate's questions for the interviewer);
2: turns keep `attempts` (retries) and a `follow_up`, and optionally a `rating` (spaced repetition)
and attempts a `delivery` (spoken answers); 1 kept one flat answer per turn."""

VERDICTS = ("strong", "fair", "weak")


def now_iso() -> str:
    """Now (the app's clock, see clock.py) as ISO-8601 with the offset, to the second."""
    return clock.now().isoformat(timespec="seconds")


def new_session_id() -> str:
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{secrets.token_hex(3)}"


@dataclass
class Attempt:
    """One answer to a question (the first try or a retry) and how it scored."""

    answer: str
    feedback: dict[str, Any]
    """Feedback.to_json(): overall, elements with score and evidence, signals, model."""
    seconds: float = 0.0
    """Time from the question appearing to the answer being submitted."""
    submitted_at: str = field(default_factory=now_iso)
    delivery: dict[str, Any] | None = None
    """A spoken answer's delivery (speech.delivery.Delivery.to_json()); None when typed."""

    @property
    def overall(self) -> int | None:
        value = self.feedback.get("overall")
        return int(value) if value is not None else None


@dataclass
class FollowUp:
    """The interviewer's probe for a missing element, its answer, and the combined score."""

    question: str
    element: str | None
    """The element the probe asked about."""
    requirement: str | None = None
    """For a session planned from a job posting: the requirement line the probe asked about."""
    answer: str = ""
    feedback: dict[str, Any] | None = None
    """Feedback on the first answer and this one together."""
    seconds: float = 0.0
    delivery: dict[str, Any] | None = None
    """A spoken follow-up's delivery; None when typed."""


@dataclass
class Turn:
    """One question of the session with every attempt at it."""

    question_id: str
    question_text: str
    category: str
    elements: list[str]
    attempts: list[Attempt] = field(default_factory=list)
    follow_up: FollowUp | None = None
    skipped: bool = False
    asked_at: str = field(default_factory=now_iso)
    rating: dict[str, Any] | None = None
    """How well the question is known, for spaced repetition: {'grade': again|hard|good|easy,
    'by': 'feedback' (derived from the first answer) or 'you' (overridden), 'reasons': [...]}."""

    @property
    def final_feedback(self) -> dict[str, Any] | None:
        """The feedback that counts for the turn: the follow-up's if answered, else the last try."""
        if self.follow_up and self.follow_up.feedback:
            return self.follow_up.feedback
        return self.attempts[-1].feedback if self.attempts else None

    @property
    def overall(self) -> int | None:
        feedback = self.final_feedback
        return None if self.skipped or feedback is None else int(feedback.get("overall", 0))

    @property
    def seconds(self) -> float:
        return sum(a.seconds for a in self.attempts) + (self.follow_up.seconds if self.follow_up else 0)


@dataclass
class AskedQuestion:
    """A question the candidate asked the interviewer at the end, and how it was rated."""

    text: str
    verdict: str
    """strong, fair or weak."""
    reasons: list[str] = field(default_factory=list)
    rewrite: str | None = None
    """For a weak question: the better question suggested instead."""
    kinds: list[str] = field(default_factory=list)
    """What the rater found: open, closed, pay-perks, prepared, ..."""

    @classmethod
    def from_json(cls, raw: Any) -> AskedQuestion:
        if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
            raise ValueError("'questions_asked' entries must be objects with a 'text'")
        if raw.get("verdict") not in VERDICTS:
            raise ValueError(f"'questions_asked' verdict must be one of {', '.join(VERDICTS)}, "
                             f"not {raw.get('verdict')!r}")
        reasons = raw.get("reasons", [])
        if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
            raise ValueError("'questions_asked' reasons must be a list of text")
        rewrite = raw.get("rewrite")
        return cls(text=raw["text"], verdict=raw["verdict"], reasons=list(reasons),
                   rewrite=rewrite if isinstance(rewrite, str) else None,
                   kinds=[k for k in raw.get("kinds", []) if isinstance(k, str)])


@dataclass
class Transcript:
    """A whole session, saved after every turn."""

    id: str = field(default_factory=new_session_id)
    schema_version: int = SCHEMA_VERSION
    started_at: str = field(default_factory=now_iso)
    finished_at: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    """Filters, count, seed, timer and follow-up switches the session was planned with."""
    plan: list[str] = field(default_factory=list)
    """Question ids in the order they are asked."""
    turns: list[Turn] = field(default_factory=list)
    model: dict[str, str] = field(default_factory=dict)
    """Model card id, weights sha256, runtime and calibration version used for the scores."""
    retry_of: dict[str, Any] | None = None
    """For a retry session: {'session': id, 'question_id': ..., 'overall': earlier score}."""
    questions_asked: list[AskedQuestion] = field(default_factory=list)
    """The candidate's questions for the interviewer at the end, each with its verdict."""
    questions_offered: bool = False
    """The interviewer asked for questions (the candidate may have had none, or skipped)."""

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def answered_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.overall is not None]

    @property
    def overall(self) -> float | None:
        scores = [t.overall for t in self.answered_turns if t.overall is not None]
        return round(sum(scores) / len(scores), 1) if scores else None

    @property
    def categories(self) -> list[str]:
        return sorted({t.category for t in self.turns})

    @property
    def seconds(self) -> float:
        return sum(t.seconds for t in self.turns)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Transcript:
        data = migrate(data)
        for key in ("id", "started_at"):
            if not isinstance(data.get(key), str):
                raise ValueError(f"'{key}' must be text, not {type(data.get(key)).__name__}")
        if data.get("finished_at") is not None and not isinstance(data["finished_at"], str):
            raise ValueError("'finished_at' must be text or null")
        turns = []
        for raw in data.get("turns", []):
            follow = raw.get("follow_up")
            turns.append(Turn(
                question_id=raw["question_id"],
                question_text=raw.get("question_text", ""),
                category=raw.get("category", ""),
                elements=list(raw.get("elements", [])),
                attempts=[Attempt(**a) for a in raw.get("attempts", [])],
                follow_up=FollowUp(**follow) if follow else None,
                skipped=bool(raw.get("skipped", False)),
                asked_at=raw.get("asked_at", ""),
                rating=_rating(raw.get("rating")),
            ))
        return cls(
            id=data["id"],
            schema_version=SCHEMA_VERSION,
            started_at=data.get("started_at", ""),
            finished_at=data.get("finished_at"),
            settings=dict(data.get("settings", {})),
            plan=list(data.get("plan", [])),
            turns=turns,
            model=dict(data.get("model", {})),
            retry_of=data.get("retry_of"),
            questions_asked=[AskedQuestion.from_json(q) for q in _list(data, "questions_asked")],
            questions_offered=bool(data.get("questions_offered", False)),
        )


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ValueError(f"'{key}' must be a list, not {type(value).__name__}")
    return value


def _rating(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("grade"), str):
        raise ValueError("'rating' must be an object with a 'grade'")
    return dict(value)


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a transcript written by an older schema version up to the current one."""
    version = int(data.get("schema_version", 1))
    if version > SCHEMA_VERSION:
        raise ValueError(
            f"written by a newer interviewprep (schema {version}, this version reads up to "
            f"{SCHEMA_VERSION})"
        )
    if version == 1:
        # v1 turns: {question_id, question, category, answer, feedback, seconds, skipped}.
        turns = []
        for raw in data.get("turns", []):
            attempts = []
            if raw.get("answer") is not None and raw.get("feedback") is not None:
                attempts.append({"answer": raw["answer"], "feedback": raw["feedback"],
                                 "seconds": float(raw.get("seconds", 0.0)),
                                 "submitted_at": raw.get("submitted_at", data.get("started_at", ""))})
            turns.append({
                "question_id": raw["question_id"],
                "question_text": raw.get("question", ""),
                "category": raw.get("category", ""),
                "elements": [e["id"] for e in (raw.get("feedback") or {}).get("elements", [])],
                "attempts": attempts,
                "skipped": raw.get("skipped", False),
                "asked_at": raw.get("asked_at", ""),
            })
        data = {**data, "turns": turns, "schema_version": 2}
        version = 2
    if version == 2:
        # v2 had no end-of-interview questions: none were asked.
        data = {**data, "questions_asked": [], "questions_offered": False, "schema_version": 3}
    return data
