"""Safe YAML loading that remembers the line of every value, for FILE:LINE errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..fileio import UnreadableFile, read_bytes_capped

Path_ = tuple[str | int, ...]


@dataclass
class BankError:
    """One problem in a bank file, printed as FILE:LINE: message."""

    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class SourceDocument:
    """A parsed YAML file plus the line (1-based) where each value starts."""

    file: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the value at `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


MAX_NODES = 200_000
"""More values than this (alias bombs) is refused rather than expanded."""


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1


class _Builder:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.errors: list[BankError] = []
        self._scalar = yaml.SafeLoader("")  # only used to resolve scalar values safely
        self._active: set[int] = set()
        self._count = 0

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self._count += 1
        if self._count > MAX_NODES:
            raise _TooLarge(node, f"more than {MAX_NODES:,} values (alias expansion?)")
        if id(node) in self._active:
            raise _TooLarge(node, "an alias refers to itself (recursive YAML)")
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self._active.add(id(node))
            try:
                return self._build(node, path)
            finally:
                self._active.discard(id(node))
        return self._build(node, path)

    def _build(self, node: yaml.Node, path: Path_) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, path + ("<key>",))
                if not isinstance(key, (str, int)):
                    self.errors.append(
                        BankError(self.file, key_node.start_mark.line + 1, "mapping keys must be text")
                    )
                    continue
                if key in out:
                    self.errors.append(
                        BankError(self.file, key_node.start_mark.line + 1, f"duplicate key '{key}'")
                    )
                child = path + (key,)
                self.lines[child] = key_node.start_mark.line + 1
                out[key] = self.build(value_node, child)
            self.lines.pop(path + ("<key>",), None)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar.construct_object(node, deep=True)


MAX_YAML_BYTES = 5_000_000
"""A question file bigger than this is refused before it is parsed (the bundled ones are
~130 kB each); parsing is what costs the time and memory."""


def load_yaml(file: Path) -> tuple[SourceDocument | None, list[BankError]]:
    """Parse one YAML file safely. Syntax errors come back as BankErrors, never raised."""
    try:
        text = read_bytes_capped(file, MAX_YAML_BYTES).decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [BankError(file, 1, f"not UTF-8 text ({exc.reason})")]
    except FileNotFoundError as exc:
        return None, [BankError(file, 1, f"cannot read file: {exc.strerror or exc}")]
    except UnreadableFile as exc:
        return None, [BankError(file, 1, f"{exc}" if "cannot read" in str(exc)
                                else f"cannot read file: {exc}")]
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        return None, [BankError(file, line, f"YAML syntax error: {problem}{context}")]
    except yaml.YAMLError as exc:
        return None, [BankError(file, 1, f"YAML syntax error: {exc}")]
    if node is None:
        return SourceDocument(file, None, {(): 1}), []
    builder = _Builder(file)
    try:
        data = builder.build(node, ())
    except _TooLarge as exc:
        return None, [BankError(file, exc.line, f"unsupported YAML: {exc}")]
    except RecursionError:
        return None, [BankError(file, 1, "unsupported YAML: nested too deeply")]
    except yaml.YAMLError as exc:  # e.g. an unsafe tag
        mark = getattr(exc, "problem_mark", None)
        return None, [BankError(file, mark.line + 1 if mark else 1, f"unsupported YAML: {exc}")]
    return SourceDocument(file, data, builder.lines), builder.errors
