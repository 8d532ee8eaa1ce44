"""What the interviewer says: greetings, transitions, probes and closings that vary."""

from __future__ import annotations

import random

GREETINGS = [
    "Thanks for making the time today. I'll ask you {count} questions; take your time and "
    "answer as you would in the room.",
    "Hello, and welcome. We have {count} questions to get through. Concrete examples help me most.",
    "Good to meet you. I'd like to walk through {count} questions with you. Let's begin.",
    "Thanks for coming in. {count} questions today; tell me what you did, not just what you know.",
]
TRANSITIONS = [
    "Let's move on.",
    "Thank you. Next question.",
    "Good, let's change topic.",
    "Okay. Here's the next one.",
    "Thanks. I'd like to ask about something different now.",
    "Understood. Moving on.",
]
FIRST_QUESTION = ["Let's start.", "First question.", "To begin with:"]
CLOSINGS = [
    "That's all my questions. Thank you, that was a useful conversation.",
    "We're at time. Thanks for your answers today.",
    "That covers everything I wanted to ask. Thank you for your time.",
]

# How an interviewer probes for a missing element; {topic} is a short phrase for the question.
PROBES: dict[str, list[str]] = {
    "situation": ["Can you anchor that in one specific case? Which project and organisation was it?",
                  "Give me the concrete context: where was this and what was the problem?"],
    "task": ["What exactly was your responsibility there?",
             "What were you personally accountable for in that situation?"],
    "action": ["What did you personally do, step by step?",
               "Walk me through the concrete steps you took."],
    "result": ["And what was the outcome?", "How did it turn out in the end?"],
    "risk": ["What were the main risks, and how did you handle them?",
             "What could have gone wrong, and what did you do about it?"],
    "stakeholders": ["Who outside the team was involved, and how did you keep them on board?",
                     "How did you manage the sponsor and the other stakeholders through this?"],
    "metrics": ["Can you put a number on that: time, money or volume?",
                "How would you measure the impact? Any figures?"],
    "lessons": ["Looking back, what would you do differently?",
                "What did you learn from it?"],
    "methodology": ["Which delivery approach did you use, and why did it fit?"],
    "change_control": ["How did you control changes to the scope?"],
    "team_leadership": ["How did you lead the team through it?"],
    "communication": ["How did you keep everyone informed?"],
    "planning": ["How did you plan and schedule the work?"],
    "budget": ["How did you manage the budget?"],
    "quality": ["How did you make sure the result was good enough to go live?"],
    "vendor_management": ["How did you manage the vendor?"],
    "compliance": ["Which compliance or security requirements applied, and how did you meet them?"],
    "prioritization": ["How did you decide what came first?"],
}


def pick(rng: random.Random, options: list[str], **values: object) -> str:
    return rng.choice(options).format(**values)


def probe_for(element_id: str, rng: random.Random, fallback: str | None = None) -> str:
    options = PROBES.get(element_id)
    if options:
        return rng.choice(options)
    return fallback or "Can you say more about that?"


INVITATIONS = [
    "Before we finish: do you have any questions for me?",
    "We have a few minutes left. What questions for me do you have?",
    "That's everything from my side. Are there any questions for me, or for the team?",
]
"""The interviewer's last question; each contains "questions for" (contract: questions to ask)."""
