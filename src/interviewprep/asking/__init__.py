"""Questions the candidate asks the interviewer: rated strong, fair or weak, with reasons.

Pure Python over the embedding model; no UI. `QuestionRater.load()` once, then `rate_many`.
The rater (numpy, the model) is imported only when first used, so that screens and commands
that merely show verdicts stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .posting import PostingContext
from .split import split_questions
from .suggest import suggestions_for
from .verdict import QuestionVerdict

if TYPE_CHECKING:
    from .rater import QuestionRater

__all__ = ["PostingContext", "QuestionRater", "QuestionVerdict", "split_questions", "suggestions_for"]


def __getattr__(name: str) -> Any:
    if name == "QuestionRater":
        from .rater import QuestionRater

        return QuestionRater
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
