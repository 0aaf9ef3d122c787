"""Protection themes (data/themes.yaml): international provisions beside the national ones answering them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .checks import Checker, read_schema
from .errors import DataError, Issue
from .translations import Translations
from .yamlsource import load

RESERVED_THEME_IDS = {"index", "matrix"}  # pages of their own below themes/


@dataclass(frozen=True)
class Target:
    """One cell of a side: an instrument, or one of its provisions."""

    instrument: str
    provision: str | None = None


SIDES = ("international", "national")
# Who connects a mapping's two sides (themes.schema.json lists the same): the source article in one passage
# naming both; the source article discussing each side, connected by the editors; the editors, from the texts.
BASES = ("article", "article-sides", "treaty-text")
QUOTING_BASES = ("article", "article-sides")  # these quote the source article
# How far the national side answers the international one, as far as the sources describe both (the schema
# lists the same); a treaty provision no mapping answers is "no national provision found in the sources".
CORRESPONDENCE = ("corresponds", "partly", "related")


@dataclass(frozen=True)
class Evidence:
    """A passage of the source article, word for word, and the words in it that name each side."""

    passage: str
    names: dict[str, str]  # side ("international", "national"): the words of the passage naming it
    translation: dict[str, str] | None = None  # in English and Russian (unofficial; model/translations.py)


@dataclass(frozen=True)
class Mapping:
    international: tuple[Target, ...]
    national: tuple[Target, ...]
    basis: str  # one of BASES
    correspondence: str  # one of CORRESPONDENCE
    note: dict[str, str]
    evidence: tuple[Evidence, ...] = ()
    reason: dict[str, str] | None = None  # with 'partly': which part the sources show, and which not
    elements: tuple[str, ...] = ()  # the international provision's elements the national side answers


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


def load_themes(
    path: Path, instruments: dict, article: str | None = None, translations: Translations | None = None
) -> list[Theme]:
    """Validate themes.yaml against the schema and the loaded instruments (and, given the source article's
    text, its quotations against it); raise DataError with every issue."""
    raw, lines = load(path)
    issues: list[Issue] = []
    checker = Checker(str(path), raw, lines, issues)
    checker.schema(raw, read_schema("themes.schema.json"))
    if not issues:
        _semantics(checker, raw, instruments, squash(article) if article is not None else None)
        if translations is not None:
            for i, theme in enumerate(raw["themes"]):
                for j, mapping in enumerate(theme["mappings"]):
                    for k, item in enumerate(mapping.get("evidence", [])):
                        where = ("themes", i, "mappings", j, "evidence", k, "passage")
                        translations.require(checker, where, item["passage"])
        for i, theme in enumerate(raw["themes"]):
            checker.languages(theme, ("themes", i))
    if issues:
        raise DataError(issues)
    return [_theme(item, translations) for item in raw["themes"]]


def _semantics(checker, raw: dict, instruments: dict, article: str | None) -> None:
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
            _evidence(checker, where, mapping, article)
            for side, levels in (("international", {"international", "regional"}), ("national", {"national"})):
                for k, target in enumerate(mapping[side]):
                    _target(checker, where + (side, k), target, instruments, levels, side)
            _correspondence(checker, where, mapping, instruments)
            _elements(checker, where, mapping, instruments)


def _evidence(checker, where, mapping: dict, article: str | None) -> None:
    """The basis a mapping claims, held to its quotations: `article` needs one passage naming both sides,
    `article-sides` a passage naming each side (and none naming both), `treaty-text` none."""
    basis, evidence = mapping["basis"], mapping.get("evidence", [])
    if basis not in QUOTING_BASES:
        if evidence:
            checker.add(where + ("evidence",), "quotations of the article mean basis 'article' or 'article-sides'")
        return
    if not evidence:
        checker.add(where + ("basis",), f"basis '{basis}' needs evidence: the passages of the article")
        return
    for k, item in enumerate(evidence):
        for side, words in item["names"].items():
            if words not in item["passage"]:
                checker.add(where + ("evidence", k, "names", side), f"the words '{words}' are not in the passage")
        if article is not None and squash(item["passage"]) not in article:
            checker.add(where + ("evidence", k, "passage"), "the passage is not in the source article word for word")
    both = any(set(item["names"]) == set(SIDES) for item in evidence)
    if basis == "article" and not both:
        checker.add(
            where + ("evidence",),
            "basis 'article' needs a passage that names both sides (names: international, national)",
        )
    if basis == "article-sides":
        if both:
            checker.add(where + ("basis",), "a passage names both sides: the basis is 'article'")
        for side in SIDES:
            if not any(side in item["names"] for item in evidence):
                checker.add(where + ("evidence",), f"basis 'article-sides' needs a passage that names the {side} side")


def _correspondence(checker, where, mapping: dict, instruments: dict) -> None:
    """'partly' says why (`reason`); 'corresponds' is claimed only where a reader can compare the words of both
    sides on the site: each target a provision with its official words (`texts`), or a side the article's
    quoted passages name."""
    if mapping["correspondence"] == "partly" and "reason" not in mapping:
        checker.add(
            where + ("correspondence",), "'partly' needs its reason: which part the sources show, and which not"
        )
    elif mapping["correspondence"] != "partly" and "reason" in mapping:
        checker.add(where + ("reason",), "a reason says why a comparison is 'partly'; this one is not")
    if mapping["correspondence"] != "corresponds":
        return
    named = {side for item in mapping.get("evidence", []) for side in item["names"]}
    for side in SIDES:
        if side in named:
            continue
        for target in mapping[side]:
            inst, provision = _resolve(target, instruments)
            if inst is None or ("provision" in target and provision is None):
                continue  # an unknown act or provision: _target says so
            if provision is None or not provision.texts:
                what = f"'{inst.id}' {target['provision']}" if provision else f"'{inst.id}' as a whole"
                checker.add(
                    where + ("correspondence",),
                    f"'corresponds' needs the words of both sides on the site, and {what} has no official text "
                    f"(texts) nor a passage naming the {side} side: say 'partly' or 'related'",
                )


def _elements(checker, where, mapping: dict, instruments: dict) -> None:
    """A mapping's elements are those of the one international provision among its targets that lists them."""
    if not mapping.get("elements"):
        return
    listing = []
    for target in mapping["international"]:
        inst, provision = _resolve(target, instruments)
        if inst is not None and provision is not None and provision.elements:
            listing.append((inst, provision))
    if len(listing) != 1:
        checker.add(where + ("elements",), "elements belong to one international provision that lists them (elements)")
        return
    inst, provision = listing[0]
    known = [element.id for element in provision.elements]
    for k, element in enumerate(mapping["elements"]):
        if element not in known:
            checker.add(
                where + ("elements", k), f"{inst.id} {provision.id} has no element '{element}' ({', '.join(known)})"
            )


def _resolve(target: dict, instruments: dict):
    """A side's target as the data has it: (the act or None, its provision named or None)."""
    inst = instruments.get(target["instrument"])
    return inst, inst.provision(target["provision"]) if inst and "provision" in target else None


def squash(text: str) -> str:
    """Text without its white space: the article's lines break anywhere, a quotation's need not."""
    return re.sub(r"\s+", "", text)


def _target(checker, path, target, instruments, levels, side) -> None:
    inst = instruments.get(target["instrument"])
    if inst is None:
        checker.add(path + ("instrument",), f"no instrument has the id '{target['instrument']}'")
        return
    if inst.level not in levels:
        checker.add(path + ("instrument",), f"'{inst.id}' is {inst.level}; it cannot stand on the {side} side")
    if "provision" in target and inst.provision(target["provision"]) is None:
        checker.add(path + ("provision",), f"'{inst.id}' has no provision '{target['provision']}'")
    inserted = [r for r in inst.relations if r.type == "amends" and r.provision]
    if "provision" not in target and inserted:
        named = ", ".join(f"'{r.target}' {r.provision}" for r in inserted)
        checker.add(
            path + ("instrument",),
            f"'{inst.id}' amends another act: it answers through the provision it inserted ({named}); "
            "set that provision on this side instead of the amending act",
        )


def _theme(item: dict, translations: Translations | None) -> Theme:
    def side(items):
        return tuple(Target(t["instrument"], t.get("provision")) for t in items)

    return Theme(
        item["id"],
        item["title"],
        item["explanation"],
        tuple(
            Mapping(
                side(m["international"]),
                side(m["national"]),
                m["basis"],
                m["correspondence"],
                m["note"],
                tuple(
                    Evidence(e["passage"], e["names"], translations.of(e["passage"]) if translations else None)
                    for e in m.get("evidence", ())
                ),
                m.get("reason"),
                tuple(m.get("elements", ())),
            )
            for m in item["mappings"]
        ),
    )
