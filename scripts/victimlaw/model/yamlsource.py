"""Read a YAML data file into plain Python values plus the line of every value.

PyYAML's own loader forgets where values came from and silently keeps the last of two
equal keys, so we compose the node tree ourselves and record each value's line.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import DataError, Issue

MAX_BYTES = 128 * 1024 * 1024  # room for some 20,000 records; stops a runaway file before parsing

Path_ = tuple  # a value's place in the document, e.g. ("instruments", 3, "date")

_constructor = yaml.constructor.SafeConstructor()
# libyaml's parser is some fifteen times faster; its nodes carry the same line marks
if TYPE_CHECKING:
    _BASE_LOADER = yaml.SafeLoader
else:
    _BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_TYPED_FIRST = frozenset(_BASE_LOADER.yaml_implicit_resolvers)  # first characters of a plain null, bool, number...
# the shortcut holds only while no resolver matches any first character or a path (none does in PyYAML's safe loader)
_SHORTCUT = None not in _TYPED_FIRST and not _BASE_LOADER.yaml_path_resolvers


class LOADER(_BASE_LOADER):
    """The safe loader, with a shortcut for the common case of text: a quoted scalar, or a plain one
    whose first character starts no other type, is a string (as the resolver would find, slower)."""

    def resolve(self, kind, value, implicit):
        if _SHORTCUT and kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in _TYPED_FIRST)):
            return _STR
        return super().resolve(kind, value, implicit)


def field_name(path: Path_) -> str:
    """Render ("instruments", 3, "date") as instruments[3].date."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load(path: Path) -> tuple[Any, Mapping[Path_, int]]:
    """Return (data, lines); raise DataError naming the file and line on any problem."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([Issue(name, 0, "", f"cannot read the file: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise DataError([Issue(name, 0, "", f"file is {len(raw)} bytes; the limit is {MAX_BYTES}")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([Issue(name, line, "", f"not valid UTF-8 (byte {exc.start})")]) from None
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise DataError([Issue(name, line, "", f"invalid YAML: {exc.problem or exc.context}")]) from None
    except yaml.YAMLError as exc:
        raise DataError([Issue(name, 0, "", f"invalid YAML: {exc}")]) from None
    if root is None:
        raise DataError([Issue(name, 1, "", "the file is empty")])
    issues: list[Issue] = []
    data = _convert(root, (), None, issues, name, set())
    if issues:
        raise DataError(issues)
    return data, Lines(raw, name)


class Lines(Mapping):
    """The line of every value, by its path: worked out, from the file's bytes as they were read, the first time
    an error needs a line, so that a valid file keeps neither its node tree nor a table as large as itself."""

    def __init__(self, raw: bytes, name: str):
        self._raw: bytes | None = raw
        self._name = name
        self._table: dict[Path_, int] | None = None

    def _lines(self) -> dict[Path_, int]:
        if self._table is None:
            assert self._raw is not None
            self._table = {}
            _convert(yaml.compose(self._raw.decode("utf-8"), Loader=LOADER), (), self._table, [], self._name, set())
            self._raw = None
        return self._table

    def __getitem__(self, path: Path_) -> int:
        return self._lines()[path]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._lines())

    def __len__(self) -> int:
        return len(self._lines())


def _convert(node, path, lines, issues, name, seen) -> Any:
    """The node's value; `lines`, when given, gets the line of every value below it."""
    line = node.start_mark.line + 1
    if lines is not None:
        lines[path] = line
    if id(node) in seen:  # the composer shares one node for an anchor and its aliases
        # stop at the first: an alias bomb would otherwise be reported a billion times
        raise DataError(
            [
                Issue(
                    name,
                    line,
                    field_name(path),
                    f"YAML anchors and aliases are not allowed (this one repeats line {line})",
                )
            ]
        )
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                issues.append(Issue(name, key_node.start_mark.line + 1, field_name(path), "a key must be plain text"))
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                issues.append(
                    Issue(name, key_node.start_mark.line + 1, field_name(path), "merge keys (<<) are not allowed")
                )
                continue
            key = key_node.value
            if key in result:
                issues.append(
                    Issue(
                        name,
                        key_node.start_mark.line + 1,
                        field_name(path + (key,)),
                        f"duplicate key '{key}' (first on line {key_lines[key]})",
                    )
                )
                continue
            result[key] = _convert(value_node, path + (key,), lines, issues, name, seen)
            key_lines[key] = key_node.start_mark.line + 1
            if lines is not None:
                lines[path + (key,)] = key_lines[key]
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), lines, issues, name, seen) for i, item in enumerate(node.value)]
    if node.tag == _STR:
        return node.value  # what the constructor would return, at a fraction of the cost
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # dates stay text; the validator checks them
    try:
        return _constructor.construct_object(node)
    except yaml.constructor.ConstructorError as exc:
        issues.append(Issue(name, line, field_name(path), str(exc.problem)))
        return None
