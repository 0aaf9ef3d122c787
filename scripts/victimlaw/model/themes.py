"""Protection themes (data/themes.yaml): international provisions beside the national ones answering them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checks import Checker, read_schema
from .errors import DataError, Issue
from .yamlsource import load

RESERVED_THEME_IDS = {"index", "matrix"}  # pages of their own below themes/


@dataclass(frozen=True)
class Target:
    """One cell of a side: an instrument, or one of its provisions."""

    instrument: str
    provision: str | None = None


@dataclass(frozen=True)
class Mapping:
    international: tuple[Target, ...]
    national: tuple[Target, ...]
    basis: str  # "article" or "treaty-text"
    note: dict[str, str]
    passage: str | None = None


@dataclass(frozen=True)
class Theme:
    id: str
    title: dict[str, str]
    explanation: dict[str, str]
    mappings: tuple[Mapping, ...]

    def targets(self):
        for mapping in self.mappings:
            yield from mapping.international
            yield from mapping.national

    @property
    def provisions_compared(self) -> list[Target]:
        """Each provision (not a whole act) the theme sets beside another, once, in the table's order."""
        seen: list[Target] = []
        for target in self.targets():
            if target.provision and target not in seen:
                seen.append(target)
        return seen

    @property
    def instrument_ids(self) -> list[str]:
        seen: list[str] = []
        for target in self.targets():
            if target.instrument not in seen:
                seen.append(target.instrument)
        return seen


def load_themes(path: Path, instruments: dict) -> list[Theme]:
    """Validate themes.yaml against the schema and the loaded instruments; raise DataError with every issue."""
    raw, lines = load(path)
    issues: list[Issue] = []
    checker = Checker(str(path), raw, lines, issues)
    checker.schema(raw, read_schema("themes.schema.json"))
    if not issues:
        _semantics(checker, raw, instruments)
        for i, theme in enumerate(raw["themes"]):
            checker.languages(theme, ("themes", i))
    if issues:
        raise DataError(issues)
    return [_theme(item) for item in raw["themes"]]


def _semantics(checker, raw: dict, instruments: dict) -> None:
    first: dict[str, int] = {}
    for i, theme in enumerate(raw["themes"]):
        path = ("themes", i)
        if theme["id"] in RESERVED_THEME_IDS:
            checker.add(path + ("id",), f"'{theme['id']}' is reserved for another page")
        if theme["id"] in first:
            line = checker.lines.get(("themes", first[theme["id"]], "id"), 0)
            checker.add(path + ("id",), f"duplicate theme id '{theme['id']}' (first on line {line})")
        first.setdefault(theme["id"], i)
        for j, mapping in enumerate(theme["mappings"]):
            where = path + ("mappings", j)
            if mapping["basis"] == "article" and "passage" not in mapping:
                checker.add(
                    where + ("passage",), "basis 'article' needs the passage of the article that draws the parallel"
                )
            if mapping["basis"] == "treaty-text" and "passage" in mapping:
                checker.add(where + ("passage",), "a passage of the article means basis 'article'")
            for side, levels in (("international", {"international", "regional"}), ("national", {"national"})):
                for k, target in enumerate(mapping[side]):
                    _target(checker, where + (side, k), target, instruments, levels, side)


def _target(checker, path, target, instruments, levels, side) -> None:
    inst = instruments.get(target["instrument"])
    if inst is None:
        checker.add(path + ("instrument",), f"no instrument has the id '{target['instrument']}'")
        return
    if inst.level not in levels:
        checker.add(path + ("instrument",), f"'{inst.id}' is {inst.level}; it cannot stand on the {side} side")
    if "provision" in target and inst.provision(target["provision"]) is None:
        checker.add(path + ("provision",), f"'{inst.id}' has no provision '{target['provision']}'")


def _theme(item: dict) -> Theme:
    def side(items):
        return tuple(Target(t["instrument"], t.get("provision")) for t in items)

    return Theme(
        item["id"],
        item["title"],
        item["explanation"],
        tuple(
            Mapping(side(m["international"]), side(m["national"]), m["basis"], m["note"], m.get("passage"))
            for m in item["mappings"]
        ),
    )
