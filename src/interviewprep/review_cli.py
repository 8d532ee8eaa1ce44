"""`interviewprep review` and `interviewprep export`: registered on the main parser."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the review and export commands to the `interviewprep` parser."""
