"""Model questions to ask the interviewer, chosen for the session's level, specialization and posting."""

from __future__ import annotations

import random
from importlib import resources

import yaml

from .posting import PostingContext


def _library() -> dict[str, dict[str, list[str]]]:
    return dict(yaml.safe_load(resources.files(__package__).joinpath("suggestions.yaml").read_text("utf-8")))


def suggestions_for(level: str | None = None, specialization: str | None = None,
                    posting: PostingContext | None = None, count: int = 4,
                    seed: int | None = None) -> list[str]:
    """`count` questions worth asking: one from the posting if there is one, then the
    specialization's, then the level's; the same seed gives the same list."""
    library = _library()
    rng = random.Random(seed)
    picked: list[str] = []
    lines = (posting.duties or [r for r in posting.requirements if not r[:1].isdigit()]) if posting else []
    if lines:
        duty = rng.choice(lines[:12]).rstrip(".;: ")
        picked.append(f"The posting mentions \"{duty}\". Where does that stand today, and what would "
                      "you want the new project manager to have done on it in the first six months?")
    for group, key in (("specialization", specialization or "general"), ("level", level or "mid")):
        options = list(library[group].get(key, []))
        rng.shuffle(options)
        picked += options[:2]
    extra = [q for q in library["level"].get(level or "mid", []) if q not in picked]
    picked += extra
    return list(dict.fromkeys(picked))[:count]
