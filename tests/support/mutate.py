"""Hypothesis strategies that damage a real JSON file one field at a time.

A mutation picks one place in the document (any object member or list item, at any depth) and
replaces its value with one of the values a hand edit, a bad sync or a hostile user leaves
behind: the wrong type, null, an out-of-range or non-finite-looking number, a bad timestamp,
an id with path characters, an escape sequence, a deep nest, a long text; or removes the member
or adds an unknown one.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import strategies as st

Path_ = tuple[str | int, ...]


def places(doc: Any, path: Path_ = ()) -> list[Path_]:
    """Every path to a value inside `doc` (the root itself excluded)."""
    found: list[Path_] = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            found.append((*path, key))
            found.extend(places(value, (*path, key)))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            found.append((*path, i))
            found.extend(places(value, (*path, i)))
    return found


def _deep(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = [value]
    return value


ODD_VALUES = st.one_of(
    st.sampled_from([
        None, True, False, 0, -1, 1, 101, 10**30, -(10**30), 0.5, -0.5, 1e308, "", "x",
        "not a date", "2025-13-45T99:99:99", "../../../etc/passwd", "a/b", "..", "id with spaces",
        "\x1b]0;pwned\x07\x1b[2J", "\x00", "é" * 3, [], {}, [None], [1, 2], ["a", "b"],
        {"id": None}, {"overall": "high"}, [{"id": ["a"]}], {"session": 5},
    ]),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.just("long answer " * 5000),
    st.integers(min_value=70, max_value=600).map(_deep),  # deeper: see the unit tests
)


@st.composite
def mutation(draw: st.DrawFn, doc: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(description, mutated copy of doc) with exactly one field changed."""
    where = draw(st.sampled_from(places(doc)))
    changed = copy.deepcopy(doc)
    parent: Any = changed
    for part in where[:-1]:
        parent = parent[part]
    last = where[-1]
    action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
    if action == "delete":
        del parent[last]
        return f"deleted {where}", changed
    if action == "add" and isinstance(parent, dict):
        parent["unexpected_field"] = draw(ODD_VALUES)
        return f"added a field beside {where}", changed
    value = draw(ODD_VALUES)
    parent[last] = value
    shown = json.dumps(value)[:60]
    return f"{where} = {shown}", changed
