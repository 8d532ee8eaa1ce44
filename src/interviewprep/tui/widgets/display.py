"""How scores, times and dates are written on screen, the same way on every screen."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content

from ... import vocabulary
from ...vocabulary import NO_SCORE_SCREEN, STATUS_MARK

__all__ = ["STATUS_MARK", "format_score"]

STATUS_COLOUR = {"covered": "$text-success", "partial": "$text-warning", "missing": "$text-error"}


def format_clock(seconds: float) -> str:
    """1:05, or 1:02:05 past an hour."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_started(iso: str) -> str:
    """A transcript timestamp as '2025-11-26 14:03' (or the raw text if it is not ISO)."""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except (TypeError, ValueError):
        return iso or "?"


def format_score(value: float | None) -> str:
    """A score as the screens write it: vocabulary.format_score with the screen's long dash."""
    return vocabulary.format_score(value, NO_SCORE_SCREEN)


def score_colour(overall: float | None) -> str:
    if overall is None:
        return "$text-muted"
    if overall >= 70:
        return "$text-success"
    if overall >= 40:
        return "$text-warning"
    return "$text-error"


def bar(fraction: float, width: int = 10) -> str:
    """A left-to-right bar of block characters for a 0-1 value."""
    fraction = min(1.0, max(0.0, fraction))
    full = round(fraction * width)
    return "━" * full + "╌" * (width - full)


def score_bar(overall: float | None, width: int = 10) -> Content:
    """The bar for a 0-100 score, coloured by how good it is."""
    if overall is None:
        return Content.styled("╌" * width, "$text-muted")
    full = round(min(100.0, max(0.0, overall)) / 100 * width)
    return Content.assemble(
        ("━" * full, score_colour(overall)), ("╌" * (width - full), "$text-muted 40%")
    )


def score_change(before: int | float | None, after: int | float | None) -> Content:
    """'45 → 62 (+17)', the difference coloured by its sign."""
    if before is None or after is None:
        return Content("")
    delta = round(after - before)
    style = "$text-success" if delta > 0 else ("$text-error" if delta < 0 else "$text-muted")
    sign = f"+{delta}" if delta > 0 else str(delta)
    return Content.assemble(f"{before:g} → ", (f"{after:g}", "bold"), " ", (f"({sign})", style))
