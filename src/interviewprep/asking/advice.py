"""What the candidate reads: a reason for each kind found, and a rewrite for a weak question."""

from __future__ import annotations

import re

REASONS: dict[str, str] = {
    "open": "open question: it invites the interviewer to explain, not just say yes or no",
    "either-or": "offers alternatives, so it still gets an explanation rather than a yes or no",
    "closed": "closed yes/no question: one word answers it and the conversation stops",
    "pm-practice": "about how project management works there (governance, decisions, risk, budget, method)",
    "role": "specific to the role and what success in it looks like",
    "team": "about the team and the people you would work with",
    "projects": "about the projects or programmes themselves",
    "prepared": "shows preparation: it builds on the posting or on something said in the interview",
    "prepared-jd": "refers to a requirement of the saved job description ({detail})",
    "in-posting": "the saved job description already answers it ({detail}): ask how it works there, "
                  "not whether",
    "generic": "generic: a question any candidate could ask about any job",
    "website": "answerable from the company's website or the job ad: it shows no research",
    "pay-perks": "about pay, perks or conditions: keep it for the offer stage, with HR",
    "self-centred": "about what you get rather than what you would contribute",
    "premature": "premature: it asks for the decision or about starting before an offer",
    "negative": "negative: it puts the interviewer on the defensive",
    "rude": "rude or confrontational in tone",
    "off-topic": "off-topic: it has nothing to do with the role or the work",
    "vague": "vague: it is not clear what you want to learn",
    "not-a-question": "not a question: saying you have none wastes the last chance to show interest",
    "several": "{count} questions in one line; the verdict follows the best of them and any red flag",
    "near-strong": "reads like the questions that impress interviewers (nearest: {detail})",
    "near-weak": "reads like questions interviewers find weak (nearest: {detail})",
}
"""Reason templates, one per kind the rater reports."""

# The kinds that are strong reasons, weak reasons, and neutral descriptions.
STRONG_KINDS = ("prepared-jd", "prepared", "pm-practice", "role", "team", "projects", "open", "either-or")
WEAK_KINDS = ("not-a-question", "rude", "negative", "pay-perks", "premature", "self-centred", "website",
              "off-topic", "vague", "closed", "generic")

# Concrete rewrites, tried in order: the first whose pattern matches the question wins.
_TOPIC_REWRITES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:salary|pay|bonus|pension|benefit|holiday|leave|vacation|perk|parking|gym|car)\b",
                re.I),
     "Keep pay and perks for the offer stage. Ask about the work instead: \"What would you need this role "
     "to have delivered in the first six months for you to call the hire a success?\""),
    (re.compile(r"\b(?:remote|home|office hours|hours|overtime|on-?call|flexib\w*)\b", re.I),
     "\"How do the project teams split their time between the office and remote work, and how does that "
     "shape the way you run steering meetings and workshops?\""),
    (re.compile(r"\b(?:start|decision|offer|hear back|job|fit|did i|how did i)\b", re.I),
     "Leave the decision to them and ask about the work: \"What would you want the new project manager to "
     "pick up first, and what does good look like after three months?\""),
    (re.compile(r"\b(?:promot\w*|career|management role|grow|progress)\b", re.I),
     "\"How have project managers here grown into programme or portfolio roles, and what did they deliver "
     "that made the difference?\""),
    (re.compile(r"\b(?:glassdoor|turnover|quit\w*|leav\w*|fired|reviews?|left)\b", re.I),
     "Put it positively: \"What would help someone in this role stay and do well here, and what has made "
     "it hard for people before?\""),
    (re.compile(r"\b(?:late|delay\w*|behind|schedule|deadline)\b", re.I),
     "\"When a project starts slipping, how early do you want to know, and how is a re-plan agreed?\""),
    (re.compile(r"\b(?:agile|scrum|waterfall|safe|kanban|methodolog\w*|prince2)\b", re.I),
     "\"How do teams here choose between agile and plan-driven delivery, and how is progress reported "
     "to the sponsors across both?\""),
    (re.compile(r"\b(?:jira|confluence|servicenow|tools?|ms project|smartsheet)\b", re.I),
     "\"How do the delivery tools fit together from request to release, and where does the project "
     "manager's reporting come from?\""),
    (re.compile(r"\b(?:pmo)\b", re.I),
     "\"What does the PMO give a project manager in practice, and what does it expect back each month?\""),
    (re.compile(r"\b(?:team|colleagues|people|manager|boss|culture|vibe|atmosphere|nice|like working)\b",
                re.I),
     "\"What does the team find most frustrating about how projects run today, and what has already been "
     "tried to fix it?\""),
    (re.compile(r"\b(?:projects?|programmes?|programs?|interesting|work)\b", re.I),
     "\"Which project would I take on first, and what is its biggest risk right now?\""),
    (re.compile(r"\b(?:company|mission|values|history|products?|customers|revenue|do you do)\b", re.I),
     "Read the website beforehand, then build on it: \"I read that you are expanding the online services. "
     "How is that changing the projects the PMO runs?\""),
]
_KIND_REWRITES: dict[str, str] = {
    "not-a-question": "Always have one ready: \"What is the decision a project manager here most often "
                      "has to "
                      "escalate, and who takes it?\"",
    "rude": "Ask the same thing without the edge: \"What is the hardest part of delivering projects here, "
            "and what are you doing about it?\"",
    "off-topic": "Bring it back to the work: \"What would a good first month in this role look like?\"",
    "vague": "Name what you want to learn: \"How are decisions on scope taken here, and who has the final "
             "say when the business and IT disagree?\"",
    "generic": "Make it about this role: \"What is the one thing you would want the new project manager to "
               "change, and the one thing to leave alone?\"",
}
_CLOSED_VERB = re.compile(
    r"^\W*(?:do|does|did)\s+(?P<subject>you|the team|they|your team|pms?|project managers)\s+"
    r"(?P<verb>use|have|follow|run|do|work with|get|offer)\s+(?P<object>[^?]+)\??\s*$", re.I)


def rewrite_for(text: str, kinds: set[str]) -> str:
    """A concrete, better question in the same direction as `text`."""
    for kind in ("not-a-question", "rude"):
        if kind in kinds:
            return _KIND_REWRITES[kind]
    if kinds & {"pay-perks", "self-centred", "premature", "negative", "website"}:
        for pattern, suggestion in _TOPIC_REWRITES:
            if pattern.search(text):
                return suggestion
    if "closed" in kinds:
        match = _CLOSED_VERB.match(text.strip())
        if match:
            thing = match["object"].strip().rstrip(".")
            return (f"Open it up: \"How does the team {match['verb'].lower()} {thing} in practice, and where "
                    f"does it work less well?\"")
    for pattern, suggestion in _TOPIC_REWRITES:
        if pattern.search(text):
            return suggestion
    kind = next((k for k in ("off-topic", "vague", "generic") if k in kinds), "generic")
    return _KIND_REWRITES[kind]


def reason_for(kind: str, **values: object) -> str:
    return REASONS[kind].format(**values)
