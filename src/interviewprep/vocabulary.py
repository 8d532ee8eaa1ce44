"""The fixed ids of the question bank (categories, levels, specializations, contract elements).

Kept free of heavy imports so the command line can offer them as choices instantly.
"""

CATEGORIES: tuple[str, ...] = ("behavioral", "technical", "scenario", "leadership", "adaptability")
CATEGORY_NAMES: dict[str, str] = {
    "behavioral": "Behavioral",
    "technical": "Technical / process",
    "scenario": "Case study / scenario",
    "leadership": "Leadership / team",
    "adaptability": "Adaptability / change",
}
LEVELS: tuple[str, ...] = ("entry", "mid", "senior")
SPECIALIZATIONS: tuple[str, ...] = (
    "general",
    "infrastructure",
    "software",
    "itsm",
    "cybersecurity",
    "erp",
    "digital-transformation",
)
# The eight elements whose ids and meanings are a contract (DESIGN.md).
CONTRACT_ELEMENTS: tuple[str, ...] = (
    "situation",
    "task",
    "action",
    "result",
    "risk",
    "stakeholders",
    "metrics",
    "lessons",
)
