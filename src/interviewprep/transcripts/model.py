"""The transcript of one practice session: versioned JSON, readable years later.

Reading is validated at the boundary: `Transcript.from_json` checks every field's type and
shape with pydantic (the dataclasses below are its schema, the feedback is typed), so a
hand-edited or damaged file is refused with the field's path, and nothing later meets a value
of the wrong type. The file format is unchanged (schema 2).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from .. import clock
from ..scoring.feedback import Feedback

SCHEMA_VERSION = 3
"""3: `questions_asked` (the candidate's questions for the interviewer);
2: turns keep `attempts` (retries) and a `follow_up`, and optionally a `rating` (spaced repetition)
and attempts a `delivery` (spoken answers); 1 kept one flat answer per turn."""

VERDICTS = ("strong", "fair", "weak")

SESSION_ID_PATTERN = r"^[A-Za-z0-9_.-]{1,80}$"
"""A session id is also its file name (without .json): letters, digits, '-', '_' and '.'."""

MAX_TEXT = 20_000_000
"""The longest text field read back: the transcript file's own cap (store.MAX_TRANSCRIPT_BYTES),
so a long pasted answer never hides its session; the file cap bounds the work."""


def now_iso() -> str:
    """Now (the app's clock, see clock.py) as ISO-8601 with the offset, to the second."""
    return clock.now().isoformat(timespec="seconds")


def new_session_id() -> str:
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    return f"{stamp}-{secrets.token_hex(3)}"


# ------------------------------------------------------------------ field types
def _timestamp(value: str) -> str:
    if value:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not an ISO-8601 time: {value[:40]!r}") from None
    return value


def _none_to(default: Any) -> BeforeValidator:
    return BeforeValidator(lambda v: default if v is None else v)


Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Name = Annotated[str, StringConstraints(max_length=2_000)]
Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{1,120}$")]
"""Question, element and category ids as the bank writes them."""
Category = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:-]{0,120}$")]
Timestamp = Annotated[str, StringConstraints(max_length=64), AfterValidator(_timestamp)]
Seconds = Annotated[float, Field(ge=0, le=1e7)]
Score = Annotated[int, Field(ge=0, le=100)]

_MODEL_CONFIG = ConfigDict(extra="allow", allow_inf_nan=False)
_DATA_CONFIG = ConfigDict(allow_inf_nan=False)


class StoredElement(BaseModel):
    """One element of saved feedback (ElementCoverage.to_json(), as written)."""

    model_config = _MODEL_CONFIG

    id: Ident
    name: Annotated[Name | None, _none_to(None)] = None
    covered: bool | None = None
    status: Literal["covered", "partial", "missing"] | None = None
    score: Annotated[float, Field(ge=0, le=1)] | None = None
    evidence: Text | None = None
    evidence_span: tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]] | None = None
    weight: Annotated[float, Field(ge=0, le=100)] = 1.0
    hint: Text | None = None
    example: Text | None = None

    @property
    def state(self) -> str:
        """covered | partial | missing (older files kept only `covered`)."""
        return self.status or ("covered" if self.covered else "missing")

    @property
    def label(self) -> str:
        return self.name or self.id


class StoredSignals(BaseModel):
    """AnswerSignals.to_json(), as written; every field has the dataclass's default."""

    model_config = _MODEL_CONFIG

    words: Annotated[int, Field(ge=0)] = 0
    speaking_seconds: Annotated[int, Field(ge=0)] = 0
    length_verdict: Name = "empty"
    quantities: list[Name] = Field(default_factory=list)
    i_count: Annotated[int, Field(ge=0)] = 0
    we_count: Annotated[int, Field(ge=0)] = 0
    ownership: Name = "none"
    fillers: list[Name] = Field(default_factory=list)
    hedges: list[Name] = Field(default_factory=list)
    hypothetical: bool = False
    hypothetical_on_behavioral: bool = False
    question_similarity: float | None = None
    off_topic: bool = False
    truncated: bool = False
    non_english: bool = False


class StoredFeedback(BaseModel):
    """Feedback as a transcript keeps it (Feedback.to_json()), typed.

    Screens and reports read the attributes; `to_feedback()` gives the scorer's Feedback back.
    """

    model_config = _MODEL_CONFIG

    overall: Score = 0
    elements: list[StoredElement] = Field(default_factory=list)
    model_answer_similarity: Annotated[float, Field(ge=-1, le=1)] | None = None
    signals: Annotated[StoredSignals, _none_to({})] = Field(default_factory=StoredSignals)
    strengths: list[Text] = Field(default_factory=list)
    improvements: list[Text] = Field(default_factory=list)
    next_step: Annotated[Text, _none_to("")] = ""
    notice: Text | None = None
    model: dict[Name, Name] = Field(default_factory=dict)

    @classmethod
    def of(cls, feedback: Feedback | dict[str, Any]) -> StoredFeedback:
        return cls.model_validate(feedback.to_json() if isinstance(feedback, Feedback) else feedback)

    def element(self, element_id: str) -> StoredElement | None:
        return next((e for e in self.elements if e.id == element_id), None)

    def to_feedback(self, answer: str = "") -> Feedback:
        """The scorer's Feedback, from the typed fields only (unknown keys stay in the file)."""
        return Feedback.from_json(self.model_dump(exclude=set(self.model_extra or {})), answer)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class RetryOf(BaseModel):
    """For a retry session: the session and question retried and the earlier score."""

    model_config = _MODEL_CONFIG

    session: Name
    question_id: Ident | None = None
    overall: Annotated[int | float, Field(ge=0, le=100)] | None = None

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class _Pause(BaseModel):
    model_config = _MODEL_CONFIG
    at_s: Seconds
    length_s: Seconds
    after: Name = ""


class _Delivery(BaseModel):
    """The shape of speech.delivery.Delivery.to_json(), checked on reading (kept as a dict)."""

    model_config = _MODEL_CONFIG
    duration_s: Seconds
    words: Annotated[int, Field(ge=0)]
    words_per_minute: Annotated[float, Field(ge=0, le=1e5)]
    pace: Name
    fillers: Annotated[int, Field(ge=0)]
    fillers_per_minute: Annotated[float, Field(ge=0, le=1e5)]
    filler_words: dict[Name, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    long_pauses: list[_Pause] = Field(default_factory=list)
    speaking_time: Name = "good"
    notes: list[Text] = Field(default_factory=list)


class _Rating(BaseModel):
    """The shape of schedule.rating.AnswerRating.to_json(), checked on reading."""

    model_config = _MODEL_CONFIG
    grade: Literal["again", "hard", "good", "easy"]
    by: Literal["feedback", "you"] = "feedback"
    reasons: list[Text] = Field(default_factory=list)


class _Settings(BaseModel):
    """The types of the settings a session was planned with (interview.SessionSettings)."""

    model_config = _MODEL_CONFIG
    category: Ident | None = None
    level: Ident | None = None
    specialization: Ident | None = None
    count: Annotated[int, Field(ge=0, le=10_000)] = 5
    seed: int | None = None
    timer: bool = True
    follow_ups: bool = True
    question_ids: list[Ident] = Field(default_factory=list)
    jd: Name | None = None
    due: bool = False
    mix_due: bool = True


def _checked_dict(model: type[BaseModel]) -> AfterValidator:
    """A dict that must have `model`'s shape; kept as written (with values normalised)."""
    def check(value: dict[str, Any]) -> dict[str, Any]:
        return {**value, **model.model_validate(value).model_dump(exclude_unset=True)}
    return AfterValidator(check)


DeliveryDict = Annotated[dict[str, Any], _checked_dict(_Delivery)]
RatingDict = Annotated[dict[str, Any], _checked_dict(_Rating)]
SettingsDict = Annotated[dict[str, Any], _checked_dict(_Settings)]
RetryOfDict = Annotated[dict[str, Any], _checked_dict(RetryOf)]


@dataclass
class Attempt:
    """One answer to a question (the first try or a retry) and how it scored."""

    __pydantic_config__ = _DATA_CONFIG

    answer: Text
    feedback: StoredFeedback
    """Feedback.to_json() as written: overall, elements with score and evidence, signals, model."""
    seconds: Seconds = 0.0
    """Time from the question appearing to the answer being submitted."""
    submitted_at: Timestamp = field(default_factory=now_iso)
    delivery: DeliveryDict | None = None
    """A spoken answer's delivery (speech.delivery.Delivery.to_json()); None when typed."""

    def __post_init__(self) -> None:
        if isinstance(self.feedback, (dict, Feedback)):  # a caller's Feedback or its JSON
            self.feedback = StoredFeedback.of(self.feedback)

    @property
    def overall(self) -> int | None:
        return self.feedback.overall


@dataclass
class FollowUp:
    """The interviewer's probe for a missing element, its answer, and the combined score."""

    __pydantic_config__ = _DATA_CONFIG

    question: Text
    element: Ident | None
    """The element the probe asked about."""
    requirement: Text | None = None
    """For a session planned from a job posting: the requirement line the probe asked about."""
    answer: Text = ""
    feedback: StoredFeedback | None = None
    """Feedback on the first answer and this one together."""
    seconds: Seconds = 0.0
    delivery: DeliveryDict | None = None
    """A spoken follow-up's delivery; None when typed."""

    def __post_init__(self) -> None:
        if isinstance(self.feedback, (dict, Feedback)):
            self.feedback = StoredFeedback.of(self.feedback)


@dataclass
class Turn:
    """One question of the session with every attempt at it."""

    __pydantic_config__ = _DATA_CONFIG

    question_id: Ident
    question_text: Text
    category: Category
    elements: list[Ident]
    attempts: list[Attempt] = field(default_factory=list)
    follow_up: FollowUp | None = None
    skipped: bool = False
    asked_at: Timestamp = field(default_factory=now_iso)
    rating: RatingDict | None = None
    """How well the question is known, for spaced repetition: {'grade': again|hard|good|easy,
    'by': 'feedback' (derived from the first answer) or 'you' (overridden), 'reasons': [...]}."""

    @property
    def final_feedback(self) -> StoredFeedback | None:
        """The feedback that counts for the turn: the follow-up's if answered, else the last try."""
        if self.follow_up and self.follow_up.feedback:
            return self.follow_up.feedback
        return self.attempts[-1].feedback if self.attempts else None

    @property
    def overall(self) -> int | None:
        feedback = self.final_feedback
        return None if self.skipped or feedback is None else feedback.overall

    @property
    def seconds(self) -> float:
        return sum(a.seconds for a in self.attempts) + (self.follow_up.seconds if self.follow_up else 0)


@dataclass
class AskedQuestion:
    """A question the candidate asked the interviewer at the end, and how it was rated."""

    __pydantic_config__ = _DATA_CONFIG

    text: str
    verdict: Annotated[str, StringConstraints(pattern=r"^(strong|fair|weak)$")]
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

    __pydantic_config__ = _DATA_CONFIG

    id: Annotated[str, StringConstraints(pattern=SESSION_ID_PATTERN)] = field(
        default_factory=new_session_id)
    schema_version: int = SCHEMA_VERSION
    started_at: Annotated[Timestamp, StringConstraints(min_length=1)] = field(default_factory=now_iso)
    finished_at: Timestamp | None = None
    settings: SettingsDict = field(default_factory=dict)
    """Filters, count, seed, timer and follow-up switches the session was planned with."""
    plan: list[Ident] = field(default_factory=list)
    """Question ids in the order they are asked."""
    turns: list[Turn] = field(default_factory=list)
    model: dict[Name, Name] = field(default_factory=dict)
    """Model card id, weights sha256, runtime and calibration version used for the scores."""
    retry_of: RetryOf | None = None
    """For a retry session: the session, question and earlier score."""
    questions_asked: list[AskedQuestion] = field(default_factory=list)
    """The candidate's questions for the interviewer at the end, each with its verdict."""
    questions_offered: bool = False
    """The interviewer asked for questions (the candidate may have had none, or skipped)."""

    def __post_init__(self) -> None:
        if isinstance(self.retry_of, dict):
            self.retry_of = RetryOf.model_validate(self.retry_of)

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
        data: dict[str, Any] = _adapter().dump_python(self, mode="json")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Transcript:
        """Validate and migrate a transcript's JSON object; ValueError names the bad field."""
        data = _fill_defaults(migrate(data))
        try:
            transcript = _adapter().validate_python(data)
        except ValidationError as exc:
            raise ValueError(validation_reason(exc)) from None
        transcript.schema_version = SCHEMA_VERSION
        return transcript


_ADAPTER: list[TypeAdapter[Transcript]] = []


def _adapter() -> TypeAdapter[Transcript]:
    if not _ADAPTER:
        _ADAPTER.append(TypeAdapter(Transcript))
    return _ADAPTER[0]


def validation_reason(exc: ValidationError) -> str:
    """The first problem of a pydantic error as 'turns.0.category: Input should be ... (got null)'."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "the file"
    value = first.get("input")
    shown = "null" if value is None else repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{where}: {first['msg']} (got {shown}){more}"


def _fill_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """Fields older or hand-trimmed files may leave out get the values readers always used."""
    turns = data.get("turns")
    if isinstance(turns, list):
        filled = []
        for raw in turns:
            if isinstance(raw, dict):
                raw = {"question_text": "", "category": "", "elements": [], "asked_at": "", **raw}
                if raw.get("follow_up") == {}:
                    raw["follow_up"] = None
            filled.append(raw)
        data = {**data, "turns": filled}
    return data


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a transcript written by an older schema version up to the current one."""
    version = data.get("schema_version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise ValueError(f"schema_version: must be a whole number (got {version!r:.40})")
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
