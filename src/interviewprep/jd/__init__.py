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
    """A saved posting whose analysis is current: redone if it was made by an older analyser
    (then saved), or is missing, unreadable or of an unknown version (then not saved: reading
    never rewrites a file the app cannot tell it wrote; `analysis_problem` says why)."""
    posting = store.load(name)
    if posting.stale:
        older = posting.analysis is not None and 0 <= posting.analysis.version < ANALYSER_VERSION
        posting.analysis = analyser.analyse(posting.text)
        if older:
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
