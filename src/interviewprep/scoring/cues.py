"""Lexical cues per element, and the markers embeddings cannot see (negation, stuffing).

Embeddings say what a sentence is about; these say whether it asserts it. Each cue is a
feature the calibrated coverage model weighs, never a verdict on its own.
"""

from __future__ import annotations

import re

from .signals import find_quantities


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.IGNORECASE)


ELEMENT_CUES: dict[str, re.Pattern[str]] = {
    "situation": _rx(
        r"\b(?:at|in) (?:my|our) (?:previous|last|current|former) (?:role|job|company|employer|position)",
        r"\bwhen i (?:was|worked|joined)\b", r"\bi (?:joined|inherited|took over)\b",
        r"\b(?:at|for) (?:a|an|one) (?:\w+ ){0,3}(?:bank|hospital|retailer|insurer|university|"
        r"council|agency|company|firm|manufacturer|startup|client|provider|telco|utility|ministry)",
        r"\b(?:the|our|a|an) (?:\w+ ){0,3}(?:project|programme|program|migration|rollout|roll-out|"
        r"implementation|upgrade|initiative) (?:was|had|involved|aimed|needed)\b",
        r"\bwe were (?:migrating|moving|replacing|implementing|rolling|building|upgrading)\b",
    ),
    "task": _rx(
        r"\bi was (?:responsible|accountable|in charge|tasked|asked|brought in|hired|assigned)\b",
        r"\bmy (?:role|job|task|goal|objective|responsibility|mandate|remit|mission|brief|aim|"
        r"target|duty|focus|challenge|assignment|deliverable)\b",
        r"\b(?:i|we) (?:had|needed|must|was asked|were asked|have|need)(?: to)?\b", r"\bi owned\b",
        r"\bit was (?:up to me|my (?:job|call|duty|responsibility)|on me)\b",
        r"\bas (?:the |a )?(?:\w+ )?(?:pm|project manager|programme manager|program manager|"
        r"team lead(?:er)?|lead|delivery manager|scrum master|coordinator|owner)\b",
        r"\b(?:re-?tasked|tasked with|put in charge|in charge of|assigned to|brought in to|"
        r"hired to|asked to)\b",
        r"\bmy (?:first |main |top )?priority (?:was|would be)\b",
        r"\bi was the (?:\w+ )?(?:pm|lead|manager|owner|coordinator)\b",
    ),
    "action": _rx(
        r"\b(?:i|we) (?:then |first |immediately |quickly )?(?:set up|organi[sz]ed|created|built|"
        r"scheduled|ran|held|met|called|negotiated|escalated|introduced|wrote|drafted|mapped|"
        r"split|broke|moved|reallocated|brought|added|agreed|reprioriti[sz]ed|prioriti[sz]ed|"
        r"implemented|launched|started|established|defined|documented|assigned|tracked|reviewed|"
        r"replanned|re-planned|rebaselined|re-baselined|facilitated|coordinated|arranged|"
        r"pulled|put|got|sat down|worked|designed|automated|tested|trained|hired|engaged|asked)\b",
        r"\b(?:i|we)(?: would|'d| will|'ll) (?:first |then |immediately )?\w+",
        r"\b(?:i|we) (?:then |first |also |usually |always |normally )?(?:build|draft|run|hold|"
        r"set up|start|create|review|map|meet|ask|send|write|agree|use|track|log|break|split|"
        r"schedule|bring|walk|check|keep|make|define|document|facilitate|assign|estimate|"
        r"baseline|prioriti[sz]e|escalate|negotiate|invite|share|publish|report|link|challenge|"
        r"pair|plan|book|chair|insist|involve|reconcile|rehearse|pilot|test|tag|capture)\b",
        r"\b(?:first|then|next|after that|finally),? (?:i|we)\b",
        r"\b(?:i|we) (?:then |first |also |quickly |immediately |personally |finally )?"
        r"(?!(?:needed|wanted|liked|hoped|tried|failed|used to|realised|realized|learned|learnt)\b)"
        r"(?:[a-z]+ed|sent|ran|met|made|took|wrote|put|set|kept|got|brought|built|led|gave|told|"
        r"went|began|held|spent|cut|chose|drew|found|paid|sat|saw|split|spoke|shut|sold|bought|"
        r"taught|won|rewrote|froze|drove|flew|rang|swapped|shifted|dropped|stopped|planned)\b",
    ),
    "result": _rx(
        r"\bas a result\b", r"\bin the end\b", r"\bended up\b", r"\bwent live\b", r"\bgo-?live\b",
        r"\b(?:we|i|it|the \w+) (?:delivered|completed|finished|launched|shipped|achieved|"
        r"saved|reduced|cut|improved|increased|recovered|closed|resolved|passed|met)\b",
        r"\bon (?:time|schedule|budget)\b", r"\bsigned off\b", r"\bwas (?:a )?success",
        r"\bthe outcome\b", r"\bresult(?:ed)? (?:was|in)\b", r"\bby the end\b",
        r"\b(?:we|it) (?:missed|slipped|overran|failed)\b",
    ),
    "risk": _rx(
        r"\brisks?\b", r"\bthreat\b", r"\bconcern(?:ed)?\b", r"\bvulnerab", r"\bexposure\b",
        r"\bsingle point of failure\b", r"\bcould (?:slip|fail|delay|miss|break)\b",
        r"\bworr(?:y|ied|ies|ying)\b", r"\bafraid\b", r"\bin case\b", r"\bdanger",
        r"\bwould (?:break|fail|slip|stop|lose)\b", r"\bexposed\b", r"\bweak (?:spot|point)\b",
        r"\bcould go wrong\b", r"\blikelihood\b", r"\bchance (?:of|that)\b", r"\buncertain",
        r"\bnobody (?:was|knew) sure\b", r"\bnot sure (?:how|whether|if)\b", r"\bunsure\b",
        r"\bif (?:it|they|the \w+) (?:fail|slip|break)",
        r"\bmight (?:slip|fail|delay|miss|break|not)\b", r"\bworst case\b", r"\bwhat if\b",
    ),
    "risk_response": _rx(
        r"\bmitigat", r"\bcontingency\b", r"\bbuffer\b", r"\bfallback\b", r"\bfall back\b",
        r"\bplan b\b", r"\bbackup\b", r"\bback-?out\b", r"\broll ?back\b", r"\bescalat",
        r"\bmonitor", r"\bregister\b", r"\bprobability\b", r"\bimpact\b", r"\bsecond supplier\b",
        r"\bpilot\b", r"\bdry run\b", r"\brehears", r"\bso (?:i|we)\b", r"\bto (?:reduce|avoid|limit)\b",
        r"\b(?:raised|flagged) (?:it|this|that)\b", r"\bworkaround\b", r"\bescrow\b",
        r"\bparallel run", r"\bphased\b", r"\bspares?\b", r"\bsafeguard", r"\bprevent",
        r"\bprotect", r"\bcontain", r"\btested (?:it|them|this)\b", r"\bin reserve\b",
    ),
    "stakeholders": _rx(
        r"\bsponsors?\b", r"\bexecutives?\b", r"\bc[eifto]o\b", r"\bdirectors?\b", r"\bvps?\b",
        r"\bboard\b", r"\bsteering\b", r"\bcustomers?\b", r"\bclients?\b", r"\bend[- ]users?\b",
        r"\bbusiness (?:users?|owners?|units?|leads?|side)\b", r"\bfinance\b", r"\blegal\b",
        r"\bprocurement\b", r"\bvendors?\b", r"\bregulators?\b", r"\bhead of\b", r"\bstakeholders?\b",
        r"\bauditors?\b", r"\bunions?\b", r"\bdepartment heads?\b", r"\bleadership\b",
        r"\b(?:plant|operations|line|branch|store|ward|site|account|business|finance|hr|"
        r"service desk|marketing|sales|compliance|risk) (?:managers?|leads?|directors?|teams?)\b",
        r"\bchair(?:man|woman|person)?\b", r"\bcommittee\b", r"\bcouncil\b", r"\bhr\b",
        r"\bclinicians?\b", r"\bnurses?\b", r"\bdoctors?\b", r"\bsuppliers?\b",
        r"\bcontrollers?\b", r"\bpartners?\b", r"\bowners?\b", r"\bsecurity team\b",
        r"\bcab\b", r"\bdpo\b", r"\bciso\b", r"\bpmo\b",
        r"\b(?!project |programme |program |delivery |release |test |scrum )[a-z]+ managers?\b",
        r"\bparents\b", r"\bresidents\b", r"\bcitizens\b", r"\bstudents\b", r"\bteachers\b",
        r"\bconsultants\b", r"\binspectors\b", r"\bcarriers\b", r"\bagencies\b",
        r"\bend users\b", r"\bthe business\b", r"\bexec(?:s|utive team)?\b",
    ),
    "stakeholder_engagement": _rx(
        r"\bmet\b", r"\bmeetings?\b", r"\bbrief(?:ed|ing)?\b", r"\bupdates?d?\b", r"\bworkshops?\b",
        r"\bdemos?\b", r"\bpresent(?:ed)?\b", r"\bsign[- ]?off\b", r"\balign", r"\bconsult",
        r"\binterview", r"\bwalked\b", r"\binformed\b", r"\breports?\b", r"\bcall(?:ed)?\b",
        r"\bsat down\b", r"\bagreed?\b", r"\bnegotiat", r"\bsurvey", r"\bbuy-?in\b", r"\binvolv",
        r"\btold\b", r"\btell\b", r"\bask(?:ed)?\b", r"\bsen[dt]\b", r"\bshow(?:ed)?\b",
        r"\bwent to\b", r"\bgo to\b", r"\bescalat", r"\binvit", r"\bapprov", r"\bdecid",
        r"\bdecision", r"\bpersuad", r"\bconvinc", r"\bwon (?:them|him|her) over\b",
        r"\bchampions?\b", r"\bkept (?:them|him|her) (?:informed|updated|in the loop)\b",
        r"\bone-to-ones?\b", r"\bcheck-?ins?\b", r"\bsessions?\b", r"\bnewsletter",
        r"\bsigned off\b", r"\battended\b", r"\bjoined (?:our|the|each|every)\b",
        r"\btrained\b", r"\bshowcase", r"\bconsulted\b", r"\btown ?hall",
    ),
    "lessons": _rx(
        r"\blearn(?:ed|t)\b", r"\blessons?\b", r"\bnext time\b", r"\bin hindsight\b",
        r"\blooking back\b", r"\bdifferently\b", r"\bif i (?:ran|did|had|were)\b",
        r"\btaught me\b", r"\bsince then\b", r"\bnow i (?:always|make sure|insist)\b",
        r"\bi realized\b", r"\bi realised\b", r"\btakeaway\b", r"\bshould have\b",
        r"\bwould have\b", r"\bgoing forward\b", r"\bfrom then on\b",
    ),
}

NEGATION = _rx(
    r"\b(?:not|never|no|none|nobody|no one|nothing|neither|nor|without|lack(?:ed)? of|"
    r"failed to|didn't|didnt|don't|dont|doesn't|wasn't|weren't|haven't|hadn't|couldn't|"
    r"wouldn't|won't|isn't|aren't|can't|cannot)\b"
)
COUNTERFACTUAL = _rx(r"\bshould(?:'ve| have)\b", r"\bcould(?:'ve| have)\b", r"\bwish i had\b",
                     r"\bif only\b", r"\bought to have\b")
GENERIC = _rx(
    r"\b(?:always|usually|generally|typically|in general|every project|all projects|any project|"
    r"on every|in every|each project)\b",
    r"\bpassionate about\b", r"\bbig believer\b", r"\bcentral to\b", r"\bbest practices?\b",
    r"\bproactive(?:ly)?\b", r"\bholistic\b", r"\bi make sure (?:that )?(?:all|every|the)\b",
    r"\b(?:is|are) (?:very |really |so |extremely )?(?:important|key|crucial|critical|essential|"
    r"vital|everything)\b",
    r"\bmatters?\b", r"\bi believe in\b", r"\bi(?:'m| am) (?:good|great|strong) at\b",
    r"\bi focus on\b", r"\bi value\b",
)
STUFFING_TERMS = _rx(
    r"\bstakeholders?\b", r"\brisks?\b", r"(?<!as a )\bresults?\b", r"\bmetrics?\b",
    r"\blessons?\b",
    r"\bcommunication\b", r"\bsituation\b", r"\bactions?\b", r"\boutcomes?\b", r"\bkpis?\b",
    r"\bagile\b", r"\bsynerg", r"\bleadership\b", r"\bquality\b", r"(?<!-)\bvalue\b(?!-)", r"\bbudgets?\b",
    r"\bscope\b", r"\bownership\b", r"\bdata[- ]driven\b", r"\btransparen",
)
SECOND_PERSON = _rx(r"\byou(?:'re|'ve|'d|'ll)?\b", r"\byour\b")
FIRST_PERSON = _rx(r"\b(?:i|i'm|i've|i'd|we|we've|we'd|my|our)\b")

CueParts = tuple[float, float]


def cue_parts(element: str, text: str) -> CueParts:
    """The raw lexical evidence for an element in a text (two parts for two-part elements:
    a risk and a response to it; who the stakeholders are and how they were engaged)."""
    if element == "metrics":
        return float(len(find_quantities(text))), 0.0
    if element == "risk":
        return (float(bool(ELEMENT_CUES["risk"].search(text))),
                float(bool(ELEMENT_CUES["risk_response"].search(text))))
    if element == "stakeholders":
        return (float(bool(ELEMENT_CUES["stakeholders"].search(text))),
                float(bool(ELEMENT_CUES["stakeholder_engagement"].search(text))))
    pattern = ELEMENT_CUES.get(element)
    return float(bool(pattern is not None and pattern.search(text))), 0.0


def combine_parts(element: str, a: CueParts, b: CueParts) -> CueParts:
    """Evidence of two neighbouring segments taken together."""
    if element == "metrics":
        return a[0] + b[0], 0.0
    return max(a[0], b[0]), max(a[1], b[1])


def parts_score(element: str, parts: CueParts) -> float:
    first, second = parts
    if element == "metrics":
        return min(1.0, 0.6 * first)
    if element == "risk":
        return 1.0 if first and second else (0.4 if first or second else 0.0)
    if element == "stakeholders":
        return 1.0 if first and second else (0.4 if first else 0.0)
    return first


def cue_score(element: str, text: str) -> float:
    """0..1: how strongly the lexical cues of an element appear in this text."""
    return parts_score(element, cue_parts(element, text))


_NEGATION_WINDOW = 45
"""Characters before an element cue in which a negation word negates it."""


def negated_cue(element: str, text: str) -> float:
    """1.0 when the element's own cue words are negated ("never assessed the risks")."""
    if not NEGATION.search(text):
        return 0.0
    patterns = [ELEMENT_CUES.get(element)]
    if element == "risk":
        patterns.append(ELEMENT_CUES["risk_response"])
    elif element == "stakeholders":
        patterns.append(ELEMENT_CUES["stakeholder_engagement"])
    for pattern in patterns:
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - _NEGATION_WINDOW) : match.start()]
            if NEGATION.search(before):
                return 1.0
    return 0.0


def negated(text: str) -> float:
    return 1.0 if NEGATION.search(text) else 0.0


def counterfactual(text: str) -> float:
    return 1.0 if COUNTERFACTUAL.search(text) else 0.0


def generic(text: str) -> float:
    return 1.0 if GENERIC.search(text) else 0.0


def stuffing(text: str) -> float:
    """1.0 for a sentence that lists answer-element buzzwords instead of saying anything."""
    terms = {m.group().lower().rstrip("s") for m in STUFFING_TERMS.finditer(text)}
    words = len(text.split())
    if len(terms) >= 3 and words <= 8 * len(terms):
        return 1.0
    return 0.5 if len(terms) >= 3 else 0.0
