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


# ------------------------------------------------------------------ text files, line by line
ODD_LINES = st.one_of(
    st.sampled_from([
        "", "##", "## ", "###", "## \x1b]0;pwned\x07Title", "## Moving the call centre to the cloud",
        "Situation:", "Task: \x1b[2J\x1b[H", "Action:   ", "Result: 100%", "Lessons: " + "x" * 300,
        "Tags:", "Tags: ,,, ,", "Tags: " + ", ".join(f"t{i}" for i in range(500)),
        "**Situation:** bold", "\x00", "\ufeffSituation: a BOM in the middle", "\u202eevil",
        "\x9b31m C1 CSI", "\r", "tab\there", "é" * 50, "\udcff", "word " * 4000,
        "---", "title: [1, 2]", "{\"json\": true}", "<script>alert(1)</script>",
        "[bold red]markup[/]", "\\x1b", "line\x0bvertical tab",
    ]),
    st.text(max_size=40),
)
"""Lines a hand edit, a paste from elsewhere or a hostile user leave in a Markdown file."""

ODD_BYTES = st.sampled_from([b"\xff\xfe", b"\xc3", b"\xe2\x82", b"\x80abc", b"\xed\xa0\x80",
                             b"\x00\x00", b"\r\n", b"\xef\xbb\xbf"])
"""Bytes that are not UTF-8 (or are, but odd there): a file saved in another encoding."""


@st.composite
def line_mutation(draw: st.DrawFn, text: str) -> tuple[str, bytes]:
    """(description, the file's bytes with one line deleted, duplicated, replaced or inserted,
    or undecodable bytes put into one line)."""
    lines = text.split("\n")
    at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    action = draw(st.sampled_from(["delete", "duplicate", "replace", "replace", "insert",
                                   "bytes", "truncate"]))
    changed = list(lines)
    if action == "delete":
        del changed[at]
    elif action == "duplicate":
        changed.insert(at, lines[at])
    elif action == "truncate":
        changed = lines[:at]
    elif action == "bytes":
        raw = draw(ODD_BYTES)
        encoded = [line.encode("utf-8") for line in lines]
        cut = draw(st.integers(min_value=0, max_value=len(encoded[at])))
        encoded[at] = encoded[at][:cut] + raw + encoded[at][cut:]
        return f"line {at + 1}: bytes {raw!r} at {cut}", b"\n".join(encoded)
    else:
        odd = draw(ODD_LINES)
        if action == "replace":
            changed[at] = odd
        else:
            changed.insert(at, odd)
        action = f"{action} {odd[:40]!r}"
    data = "\n".join(changed).encode("utf-8", "surrogatepass")
    return f"line {at + 1}: {action}", data
