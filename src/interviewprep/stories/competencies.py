"""The competencies interviewers and job descriptions ask about, and what shows each one.

A competency is shown by a story when the scorer finds its bank element in the story (where the
element library has one), when a sentence of the story reads like the competency's examples, or
when the candidate tagged the story with one of its terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Competency:
    """One thing a project manager is asked to prove."""

    id: str
    name: str
    element: str | None
    """The bank element that detects it in an answer, if the element library has one."""
    terms: tuple[str, ...]
    """Word stems that name it in tags, titles and questions."""
    examples: tuple[str, ...]
    """Sentences that show it (our own wording), for embedding similarity."""
    gap: str
    """How a missing competency is described in the coverage view."""

    def term_pattern(self) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(self.terms) + r")", re.IGNORECASE)


COMPETENCIES: tuple[Competency, ...] = (
    Competency(
        "risk", "Risk management", "risk",
        ("risk", "mitigat", "contingen", "issue log"),
        ("I kept a risk register with owners and reviewed the top risks every week.",
         "We spotted the risk early and put a fallback plan in place before it hit us.",
         "I escalated the risk to the steering group with two options for handling it."),
        "no story shows a risk identified and handled",
    ),
    Competency(
        "scope", "Scope and change control", "change_control",
        ("scope", "change control", "change request", "requirements creep", "baseline"),
        ("Every new request went through a change request with its impact on cost and dates.",
         "The extra features were creeping in, so I put them in front of the sponsor to decide.",
         "We agreed to move the new requirement into a second phase instead of the launch."),
        "no story shows scope kept under control",
    ),
    Competency(
        "stakeholders", "Stakeholder management", "stakeholders",
        ("stakeholder", "sponsor", "executive", "steering", "board", "business owner"),
        ("I met the department heads one by one to understand what each of them needed.",
         "I kept the sponsor informed every week, including when the news was bad.",
         "The business owners signed off the plan after a joint workshop."),
        "no story shows stakeholders engaged and kept aligned",
    ),
    Competency(
        "vendor", "Vendor management", "vendor_management",
        ("vendor", "supplier", "contract", "outsourc", "procure", "sla", "integrator",
         "third part"),
        ("The supplier kept missing its commitments, so I went through the contract with them.",
         "I negotiated new terms with the vendor and tied payment to delivery.",
         "We ran a selection between three providers and scored them against our needs."),
        "no story shows a vendor or supplier managed",
    ),
    Competency(
        "conflict", "Conflict resolution", None,
        ("conflict", "disagree", "clash", "dispute", "tension", "pushback", "push back",
         "resist", "object", "difficult conversation", "at odds"),
        ("Two team leads disagreed strongly about the design and would not talk to each other.",
         "I brought both sides into one room and we agreed how the decision would be made.",
         "The manager pushed back hard on the plan, so I listened first and found the real concern."),
        "no story shows a conflict resolved",
    ),
    Competency(
        "budget", "Budget and cost", "budget",
        ("budget", "cost", "spend", "forecast", "saving", "financ", "overrun"),
        ("We were heading for an overspend, so I reforecast and cut the lowest-value work.",
         "I tracked actual spend against the budget every month with the finance partner.",
         "The project came in under budget after we renegotiated the licences."),
        "no story shows a budget managed",
    ),
    Competency(
        "failure", "Failure and recovery", None,
        ("fail", "outage", "incident", "mistake", "went wrong", "recover", "crisis", "rollback",
         "roll back", "no-go", "stalled", "missed", "breach"),
        ("The go-live failed on the night and we had to roll back to the old system.",
         "It was my mistake, I told the sponsor straight away and we fixed it within a week.",
         "After the outage we ran a review and changed how every release was tested."),
        "no story shows something that went wrong and how you recovered",
    ),
    Competency(
        "leadership", "Team leadership", "team_leadership",
        ("team", "morale", "coach", "mentor", "leader", "motivat", "burnout", "one-to-one",
         "delegat"),
        ("The team was worn out, so I changed the rota and protected their weekends.",
         "I coached a junior analyst until she could run the test phase herself.",
         "I set clear goals for each person and removed what was blocking them."),
        "no story shows you leading or developing a team",
    ),
    Competency(
        "agile", "Agile delivery", "methodology",
        ("agile", "scrum", "sprint", "kanban", "backlog", "mvp", "iterat", "retrospective",
         "devops"),
        ("We worked in two-week sprints and showed the users working software at each review.",
         "I introduced a Kanban board with limits on work in progress.",
         "We released a minimum viable product first and added features from user feedback."),
        "no story shows agile delivery",
    ),
    Competency(
        "delivery", "Deadlines and planning", "planning",
        ("deadline", "schedule", "timeline", "go-live", "cutover", "plan", "milestone", "date",
         "launch", "late"),
        ("The date could not move, so I planned backwards from it and protected a buffer.",
         "I broke the work into phases with milestones and tracked them every week.",
         "We were behind schedule and I re-planned the critical path to hit the launch."),
        "no story shows a plan delivered against a deadline",
    ),
    Competency(
        "prioritization", "Prioritisation", "prioritization",
        ("priorit", "trade-off", "trade off", "competing", "triage"),
        ("With more requests than capacity, I ranked them by value and risk with the business.",
         "We had to choose which features to drop to keep the date.",
         "I triaged the competing demands and agreed the order with the sponsor."),
        "no story shows competing priorities weighed and decided",
    ),
    Competency(
        "change", "Organisational change and adoption", None,
        ("adopt", "change management", "rollout", "roll out", "training", "resist", "users"),
        ("People kept using the old system, so we trained champions in every office.",
         "I planned the rollout in waves and collected feedback from each group of users.",
         "Adoption was slow until we showed the teams what the new process saved them."),
        "no story shows people brought through a change",
    ),
    Competency(
        "quality", "Quality and testing", "quality",
        ("quality", "test", "defect", "qa", "bug", "acceptance"),
        ("We added automated tests and a clear acceptance gate before each release.",
         "User acceptance testing found serious defects, so we delayed the release a week.",
         "I tracked defect trends and stopped the go-live until the critical ones were fixed."),
        "no story shows quality or testing managed",
    ),
    Competency(
        "compliance", "Compliance, security and governance", "compliance",
        ("complian", "audit", "regulat", "gdpr", "security", "governance", "policy", "legal"),
        ("The regulator's deadline was fixed, so we built the controls the audit would check first.",
         "I worked with the security team to close the audit findings before go-live.",
         "We set up a governance board that approved every stage of the programme."),
        "no story shows compliance, security or governance handled",
    ),
    Competency(
        "communication", "Communication", "communication",
        ("communicat", "report", "status", "present", "brief", "transparen"),
        ("I sent a short weekly status note with the three things that had changed.",
         "I explained the delay to the executives in plain terms and what we would do about it.",
         "I presented the options to the board with a clear recommendation."),
        "no story shows clear communication of progress or bad news",
    ),
)

BY_ID: dict[str, Competency] = {c.id: c for c in COMPETENCIES}
