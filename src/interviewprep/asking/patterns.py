"""The curated pattern layer: what a candidate's question is about and how it is put.

Each detector names one kind (open, closed, pay-perks, website, ...). The kinds are features
for the rater, which weighs them together with the embedding model: no single pattern decides a
verdict except the few the contract makes absolute (not a question, rude).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

WORD = re.compile(r"[a-z0-9][a-z0-9'/&.-]*", re.I)


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


# ---------------------------------------------------------------------------------- how it is put
OPEN_OPENER = _any(
    r"^\W*(?:so,?\s+|and\s+|but\s+|ok(?:ay)?,?\s+|um+,?\s+|also,?\s+|i guess\s+)?"
    r"(?:how|what|what's|whats|which|who|who's|whom|whose|where|when|why|in what way)\b",
    r"\b(?:tell me (?:about|more about|how|what)|walk me through|talk me through|describe|"
    r"i'd (?:love|like) to (?:hear|know|understand)|i'm curious (?:how|what|about)|"
    r"i was wondering (?:if (?:maybe )?you could tell me )?(?:a bit )?(?:about )?"
    r"(?:how|what|who|which|where))\b",
    r"\b(?:could|can|would) you (?:tell me|say|explain|describe|walk me|talk me|share|give me)\b",
)
CLOSED_OPENER = re.compile(
    r"^\W*(?:so,?\s+|and\s+|um+,?\s+|ok(?:ay)?,?\s+)?"
    r"(?:is|isn't|are|aren't|am|was|were|do|don't|does|doesn't|did|didn't|can|could|will|would|"
    r"shall|should|have|has|had|may|might|must)\b(?! you (?:tell|say|explain|describe|walk|talk|share|give))",
    re.I,
)
EITHER_OR = re.compile(r"\b(?:or (?:do|does|is|are|by|the|a|an|mostly|more|just|only|something|"
                       r"someone|nobody|whoever)|, or\b|\bor\b[^?]{2,40}\?)", re.I)
WH_ANYWHERE = re.compile(r"\b(?:how|what|which|who|where|why)\b", re.I)

# ---------------------------------------------------------------------------------- what it is about
PAY_PERKS = _any(
    r"\b(?:salary|salaries|pay(?:s|ing)?\b(?! attention)|paid|wage|compensation|bonus(?:es)?|raise|"
    r"pay rise|equity|stock options?|pension|401k|benefits? package|health (?:insurance|cover)|dental|"
    r"holiday(?:s)? (?:allowance|entitlement)|annual leave|vacation days|pto\b|paid time off|"
    r"days off|time off|sick (?:days|leave)|perks?|company car|parking|gym|snacks?|free (?:food|lunch)|"
    r"lunch break|ping ?pong|table tennis|christmas party|social events|dog|work from home|wfh|"
    r"fully remote|remote (?:work|working)|four[- ]day week|signing bonus|relocation package|overtime)\b",
    r"\bhow much (?:holiday|leave|vacation)\b",
    r"\bholiday (?:do|would) i\b",
)
SELF_CENTRED = _any(
    r"\b(?:promot(?:ed|ion)|get ahead|top marks|my own office|leave early|start late|"
    r"how (?:many|long) hours|do i have to|will i have to|have to (?:come|be) in|office hours|"
    r"on-?call|travel (?:much|a lot)|a lot of travel|management role|how soon could i|how quickly can i|"
    r"move (?:up|into)|career (?:ladder|jump)|pay for my|train me for free)\b",
    r"\bcan i (?:work|bring|take|leave|have|choose)\b",
)
PREMATURE = _any(
    r"\b(?:when (?:can|could|would) i start|when do i start|start date|did i (?:get|pass)|"
    r"have i got|got the job|how did i do|how did my|am i (?:the|a) (?:strong|good|best|right)|"
    r"good fit|would you hire|(?:make|made|expect to make) (?:a|an|the) (?:decision|offer)|"
    r"already (?:picked|chosen|found)|still open|other candidates|shortlist|when will i hear)\b",
)
WEBSITE = _any(
    r"\b(?:what does (?:your|the) (?:company|organi[sz]ation|business|firm) do|what (?:products|services) "
    r"do you (?:sell|offer|make)|products you sell|(?:company|firm)'?s? (?:history|mission|vision|values)|"
    r"(?:your|the) (?:mission|vision|core values|values)\b|when was (?:the|your) (?:company|firm)|"
    r"how long have you been (?:around|in business)|revenue|turnover last year|how many (?:employees|people "
    r"work|staff|offices)|where are (?:your|the) offices|head ?office|who (?:are|is) your (?:main )?"
    r"(?:customers|competitors|ceo)|careers page|full[- ]time|part[- ]time|permanent|contract role|"
    r"what is the job title|what does (?:a|the) (?:project manager|pm) (?:do|actually do) here|"
    r"the ad says|the posting says .{0,40}, right)\b",
)
NEGATIVE = _any(
    r"\b(?:glassdoor|bad reviews|reviews online|turnover (?:like|rate|is)|(?:everyone|people) (?:quit|"
    r"leave|leaving|quitting)|so many people leave|got fired|fired|laid off|layoffs|redundanc|"
    r"always (?:run|running|late)|disaster|in the news|is it true|toxic|outdated|so slow|buggy|"
    r"gets posted every|high turnover|burn ?out|left so quickly|why did (?:the|your) (?:last|previous))\b",
)
RUDE = _any(
    r"\bwhy should i\b",
    r"\bwhy would (?:anyone|i)\b",
    r"\b(?:lol|lmao|wtf|stupid|dumb|ridiculous|useless|incompetent|pathetic)\b",
    r"\b(?:afford me|believe anything you)\b",
    r"\bwhy is (?:your|the) (?:website|app|product|site|office) so\b",
    r"\balways this (?:disorganised|disorganized|late|slow)\b",
)
OFF_TOPIC = _any(
    r"\b(?:dress code|what (?:should|do) i wear|the game|football|weather|lunch (?:place|nearby)|"
    r"good place for lunch|ai (?:will|going to) replace|robots? take|christmas party|holiday this year|"
    r"what the role is called|remind me what|your weekend|pets?)\b",
)
VAGUE = _any(
    r"\b(?:vibe|vibes|culture like|atmosphere|what'?s it like|what is it like|anything else|"
    r"is the team (?:nice|good|fun)|(?:projects|work) interesting|a good place to work|work-life balance|"
    r"in general|everything going|any advice)\b",
)
NOT_A_QUESTION = _any(
    r"^\W*(?:no|nope|nah|none|ok|okay|cool|great|thanks|thank you|all good|i'm (?:good|fine|all set)|"
    r"i think that's (?:it|everything|all))\W*(?:cool|thanks|thank you|all good|for now)?\W*$",
    r"\b(?:no (?:further |more |other )?questions|(?:don't|do not) have any (?:more |further )?questions|"
    r"covered everything|answered (?:all|everything)|all set|that's everything|nothing from me)\b",
)
GENERIC = _any(
    r"\b(?:typical day|typical week|next steps|the process|favourite thing|favorite thing|"
    r"qualities|how has the company changed|main stakeholders|main priorities|biggest challenges|"
    r"tell me more about the team|management style|why is this position open|why is the role open)\b",
)

# ---------------------------------------------------------------------------------- specific anchors
PM_PRACTICE = _any(
    r"\b(?:governance|steer(?:ing|co)|board|escalat\w*|risks?|issues? log|raid|budget\w*|funded|funding|"
    r"estimat\w*|pmo|sponsors?|methodolog\w*|agile|waterfall|scrum|safe|kanban|hybrid|prince2|"
    r"scope|change (?:control|requests?|management)|benefits?(?! package)|kpis?|status reports?|"
    r"report(?:ing)?|vendors?|suppliers?|si\b|integrator|contract|cutover|go[- /]?(?:live|no-go)|"
    r"handover|hand-?off|operations|retrospectives?|retros?|lessons learned|lessons|portfolio|"
    r"prioriti[sz]\w*|priorities|dependenc\w*|milestones?|audit\w*|compliance|regulat\w*|"
    r"decision(?:s| rights)?|decide[sd]?|authority|sign(?:s|-off| off)?|approv\w*|tolerance|"
    r"baseline|re-?baselin\w*|resourc\w*|capacity|overcommit\w*|assigned|deadlines?|estimates?|"
    r"quality|testing|release\w*|roadmap|stopped|cancel\w*|closes?|closure|product owners?|"
    r"stakeholders?|trade-?offs?|plan(?:s|ning)?|schedul\w*|methods?|delivery process\w*|friction|"
    r"work around)\b",
)
ROLE = _any(
    r"\b(?:this role|the role|this position|this job|this hire|this person|the person|new pm|"
    r"a new (?:pm|project manager)|first (?:90|ninety|30|60|hundred) days|first (?:three|six) months|"
    r"six months|in a year|first deliverable|expect (?:from )?me|would i|i would|i'd be|success(?:ful)? in|"
    r"what does good look like|hands[- ]on|report to|kept informed|like to be (?:kept|updated))\b",
)
TEAM = _any(
    r"\b(?:the team|your team|team's|engineers?|engineering|developers?|analysts?|dba|architects?|"
    r"security team|service desk|finance|business side|the business|colleagues|peers|in-house|"
    r"contractors|product owners?|stakeholder groups?)\b",
)
PROJECTS = _any(
    r"\b(?:programmes?|programs?|projects?|rollout|roll-out|migration|refresh|upgrade|implementation|"
    r"transformation|s/4|sap|erp|crm|cloud|data cent(?:re|er)s?|network|pipeline|in flight|on the go|"
    r"wave|release)\b",
)
PREPARED = _any(
    r"\b(?:you (?:said|mentioned|described|told me)|earlier (?:you|in|today)|in the panel|"
    r"the (?:job )?(?:ad|advert|posting|job description|description|listing) "
    r"(?:says|said|mentions|talks|asks|"
    r"lists|describes)|i (?:noticed|read|saw) (?:that|in|on|the)|since you'?re|halfway through|"
    r"your annual report|your recent|the posting)\b",
)


@dataclass
class PatternHits:
    """Which kinds the curated patterns found in one question."""

    kinds: set[str] = field(default_factory=set)
    """open, closed, either-or, pay-perks, self-centred, premature, website, negative, rude,
    off-topic, vague, not-a-question, generic, pm-practice, role, team, projects, prepared."""
    pm_terms: int = 0
    """How many distinct project-management practice terms the question names."""
    words: int = 0
    is_question: bool = False
    """It asks something: a question mark, or an interrogative opening."""


def _first_clause(text: str) -> str:
    return text.strip().lstrip("\"'([ ").strip()


def detect(text: str) -> PatternHits:
    """Run every detector over one question (with any statement that introduces it)."""
    hits = PatternHits()
    lowered = text.lower().replace("’", "'")
    hits.words = len(WORD.findall(lowered))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", lowered.strip()) if s]
    asking = [s for s in sentences if s.rstrip().endswith("?")] or sentences[-1:]
    first = _first_clause(asking[0]) if asking else ""
    opened = any(OPEN_OPENER.search(_first_clause(s)) for s in asking)
    closed = bool(CLOSED_OPENER.match(first)) and not opened
    hits.is_question = "?" in lowered or opened or bool(CLOSED_OPENER.match(first))
    if opened:
        hits.kinds.add("open")
    if closed:
        if EITHER_OR.search(lowered):
            hits.kinds.add("either-or")
        else:
            hits.kinds.add("closed")
    for kind, pattern in (
        ("pay-perks", PAY_PERKS), ("self-centred", SELF_CENTRED), ("premature", PREMATURE),
        ("website", WEBSITE), ("negative", NEGATIVE), ("rude", RUDE), ("off-topic", OFF_TOPIC),
        ("vague", VAGUE), ("generic", GENERIC), ("role", ROLE), ("team", TEAM),
        ("projects", PROJECTS), ("prepared", PREPARED),
    ):
        if pattern.search(lowered):
            hits.kinds.add(kind)
    terms = {m.group(0).lower()[:6] for m in PM_PRACTICE.finditer(lowered)}
    hits.pm_terms = len(terms)
    if terms:
        hits.kinds.add("pm-practice")
    if NOT_A_QUESTION.search(lowered) and not (opened and hits.pm_terms):
        hits.kinds.add("not-a-question")
    elif not hits.is_question:
        hits.kinds.add("not-a-question")
    return hits
