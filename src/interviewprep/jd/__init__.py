"""Job descriptions: analyse a posting, plan practice from it, and see how ready you are.

Pure Python (no textual, rich, tui or cli). The pieces, each in its own module:
posting (requirement lines), termbank + candidates (named terms), profile (level and
specializations), planning (questions), analysis (all of it together), store (saved postings),
readiness (requirements x answers and stories), interview (a session planned from a posting).
"""

from __future__ import annotations

from .analysis import ANALYSER_VERSION, AnalysedRequirement, PostingAnalyser, PostingAnalysis
from .store import PostingError, PostingStore, SavedPosting, read_posting_text


def analysed(store: PostingStore, name: str, analyser: PostingAnalyser) -> SavedPosting:
    """A saved posting whose analysis is current: redone (and saved) if it was made by an
    older analyser or could not be read."""
    posting = store.load(name)
    if posting.stale:
        posting.analysis = analyser.analyse(posting.text)
        posting.title = posting.analysis.title
        store.save(posting)
    return posting


__all__ = [
    "ANALYSER_VERSION",
    "AnalysedRequirement",
    "PostingAnalyser",
    "PostingAnalysis",
    "PostingError",
    "PostingStore",
    "SavedPosting",
    "analysed",
    "read_posting_text",
]
