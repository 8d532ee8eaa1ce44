"""The one clock every part of the app reads.

INTERVIEWPREP_NOW=ISO-8601 fixes "now" for a whole command, so that scripts and tests can move
time (a due date two days on, a schedule a month later) without sleeping. A value without an
offset is read in the machine's local time zone.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

ENV_VAR = "INTERVIEWPREP_NOW"


class ClockError(ValueError):
    """INTERVIEWPREP_NOW is set but is not an ISO-8601 date or date and time."""


def parse_instant(value: str) -> datetime:
    """An aware datetime from ISO-8601 text ('2026-03-01', '2026-03-01T09:30', '...Z', '...+02:00')."""
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ClockError(f"{ENV_VAR}={value!r} is not an ISO-8601 date or date and time "
                         "(for example 2026-03-01T09:30:00+00:00)") from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def now() -> datetime:
    """Now, time-zone aware: INTERVIEWPREP_NOW if set, else the system clock in local time."""
    fixed = os.environ.get(ENV_VAR)
    if fixed:
        return parse_instant(fixed)
    return datetime.now(UTC).astimezone()


def now_utc() -> datetime:
    return now().astimezone(UTC)


def check() -> None:
    """Raise ClockError now if INTERVIEWPREP_NOW is unreadable (commands call this first)."""
    now()
