"""A spoken answer's feedback: the scorer's, with speaking time from the real recording."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .delivery import Delivery, assess_delivery, speaking_time_verdict
from .spoken import SpokenAnswer

if TYPE_CHECKING:
    from ..scoring.feedback import Feedback


def apply_recording(feedback: Feedback, spoken: SpokenAnswer) -> Delivery:
    """Replace the words-based speaking-time estimate with the recording's duration, and
    return the delivery feedback measured on the recording."""
    signals = feedback.signals
    signals.speaking_seconds = round(spoken.duration_s)
    if signals.words:
        signals.length_verdict = speaking_time_verdict(spoken.duration_s)
    return assess_delivery(spoken)
