"""Questions the candidate asks the interviewer: rated strong, fair or weak, with reasons.

Pure Python over the embedding model; no UI. `QuestionRater.load()` once, then `rate_many`.
"""

from .posting import PostingContext, PostingUnavailable, from_saved
from .rater import QuestionRater, QuestionVerdict
from .split import split_questions
from .suggest import suggestions_for

__all__ = ["PostingContext", "PostingUnavailable", "QuestionRater", "QuestionVerdict", "from_saved",
           "split_questions", "suggestions_for"]
