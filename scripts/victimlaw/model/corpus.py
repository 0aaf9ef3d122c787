"""Load data/instruments.yaml into a validated model.

Validation runs in two passes and reports every problem at once: the JSON Schema
(data/instruments.schema.json, also usable by editors) for shape and vocabularies, then the
checks a schema cannot express (unique ids, relation targets, real dates, languages).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checks import read_schema
from .errors import DataError, Issue
from .evidence import UNTS
from .findings import Finding, concern
from .identity import ActIdentity
from .themes import Target, Theme, load_themes
from .translations import Translations, azerbaijani, load_translations, require_for_instruments
from .validate import InstrumentChecker
from .yamlsource import field_name, load

EQANUN_URL = "https://e-qanun.az/framework/{}"


# ---------------------------------------------------------------- model
@dataclass(frozen=True)
class Source:
    """Where a fact comes from: the article (its words, its reference), an official page, or a copy of one."""

    type: str  # "article", "official" or "copy"
    ref: int | None = None  # the article's reference list
    passage: str | None = None  # the words that state the fact, verbatim
    url: str | None = None  # official or copy: the page
    reproduces: str | None = None  # a copy: its own words naming the official text it reproduces
    reproduces_url: str | None = None  # a copy: that text's address, where the copy's words give it
    retrieved: str | None = None
    supports: tuple[str, ...] = ()  # the record's fields the passage states (checked: model/evidence.py)
    lang: str | None = None  # of the passage, where given (the article's: Azerbaijani unless said otherwise)
    translation: dict[str, str] | None = None  # an Azerbaijani quotation's, in English and Russian (unofficial)
    editor_note: EditorNote | None = None  # where the article errs or uses a loose word

    @property
    def is_web(self) -> bool:
        return self.type in ("official", "copy")


@dataclass(frozen=True)
class EditorNote:
    """Said beside a quotation of the article that errs or uses a loose word: what an official page says."""

    text: dict[str, str]
    source: Source


@dataclass(frozen=True)
class ProvisionText:
    """A provision's words in one language, as an official page (or a labelled copy) gives them."""

    lang: str
    text: str
    excerpt: bool
    source: Source


@dataclass(frozen=True)
class Element:
    """A part of what a provision requires, as its words list it: Article 12(1)(a)."""

    id: str  # as the words number it: a, b, 1
    text: dict[str, str]


@dataclass(frozen=True)
class Provision:
    id: str
    unit: str
    number: str
    summary: dict[str, str] | None  # None: its words were found neither in the article nor on an official page
    sources: tuple[Source, ...]
    title: dict[str, str] | None = None
    texts: tuple[ProvisionText, ...] = ()
    elements: tuple[Element, ...] = ()  # the parts of what it requires, as its words list them ((a)-(f))


@dataclass(frozen=True)
class ParticipationStep:
    """One step of Azerbaijan's becoming bound by a treaty."""

    step: str  # signature, approval, ratification, entry_into_force
    date: str | None  # None: stated without a date
    sources: tuple[Source, ...]
    law: str | None = None  # the approving act's id
    note: dict[str, str] | None = None


@dataclass(frozen=True)
class Relation:
    type: str
    source: str  # id of the record that states the relation
    target: str
    provision: str | None = None  # provision of the target concerned
    note: dict[str, str] | None = None


@dataclass
class Instrument:
    id: str
    kind: str
    level: str
    issuer: str | None
    date: str | None
    date_kind: str | None
    number: str | None
    eqanun: int | None
    title: dict[str, str]
    purpose: dict[str, str]
    sources: tuple[Source, ...]
    short_title: dict[str, str] | None = None
    title_stated: bool = True  # False: no source gives the title; `title` describes the act
    approves: dict[str, Any] | None = None
    entry_into_force: str | None = None
    period: str | None = None
    provisions: tuple[Provision, ...] = ()
    official_url: str | None = None  # the treaty's or document's page at the body that publishes it
    authentic: tuple[str, ...] = ()  # a treaty's authentic languages, as its final clauses state them
    unts: str | None = None  # where the UN Treaty Series prints it: "2225 UNTS 209"
    untc: str | None = None  # its chapter in the UN Treaty Collection (XVIII-12-a), for its address
    participation: tuple[ParticipationStep, ...] = ()  # Azerbaijan and this treaty
    findings: tuple[Finding, ...] = ()  # a monitoring report's (model/findings.py)
    relations: tuple[Relation, ...] = ()  # stated here
    incoming: list[Relation] = field(default_factory=list)  # stated by others, derived

    @property
    def unts_volume_page(self) -> tuple[str, str] | None:
        """Where the UN Treaty Series prints it ("2237 UNTS 319"): its volume and first page."""
        found = UNTS.fullmatch(self.unts or "")
        return (found.group(1), found.group(2)) if found else None

    @property
    def eqanun_url(self) -> str | None:
        return EQANUN_URL.format(self.eqanun) if self.eqanun else None

    @property
    def identity(self) -> ActIdentity:
        return ActIdentity.of(self)

    @property
    def link(self) -> str | None:
        """The act's official text online: its e-qanun page, else its official page."""
        return self.eqanun_url or self.official_url

    @property
    def checked(self) -> str | None:
        """When an official page (or a copy of one) was last consulted for this record: the latest `retrieved`
        of its sources, its provisions' and its participation's; None for a record drawn from the article only."""
        sources = (
            *self.sources,
            *(s for p in self.provisions for s in p.sources),
            *(t.source for p in self.provisions for t in p.texts),
            *(s for step in self.participation for s in step.sources),
        )
        sources += tuple(s.editor_note.source for s in sources if s.editor_note)
        return max((s.retrieved for s in sources if s.retrieved), default=None)

    @property
    def refs(self) -> list[int]:
        """Article reference numbers this record relies on, in order of first use."""
        seen: list[int] = []
        for source in self.sources + tuple(s for p in self.provisions for s in p.sources):
            if source.ref and source.ref not in seen:
                seen.append(source.ref)
        return seen

    def name(self, lang: str) -> str:
        return (self.short_title or self.title)[lang]

    def provision(self, provision_id: str) -> Provision | None:
        return next((p for p in self.provisions if p.id == provision_id), None)


@dataclass(frozen=True)
class Reference:
    number: int
    text: str
    url: str | None


@dataclass
class Corpus:
    instruments: list[Instrument]
    references: list[Reference]
    article: dict[str, Any]
    themes: list[Theme] = field(default_factory=list)
    document: dict[str, Any] = field(default_factory=dict)  # the validated instruments file, for exports

    def __post_init__(self):
        self.by_id = {inst.id: inst for inst in self.instruments}
        for inst in self.instruments:
            for rel in inst.relations:
                self.by_id[rel.target].incoming.append(rel)
        # backlinks from instruments and provisions to the themes that compare them
        self._themes_of: dict[str, list[Theme]] = {}
        self._compared: dict[tuple[str, str | None], list[tuple[Theme, Target]]] = {}
        self._answering: dict[tuple[str, str | None], list[tuple[Theme, int]]] = {}
        for theme in self.themes:
            for instrument_id in theme.instrument_ids:
                self._themes_of.setdefault(instrument_id, []).append(theme)
            for index, mapping in enumerate(theme.mappings):
                for target in mapping.international:
                    self._answering.setdefault((target.instrument, target.provision), []).append((theme, index))
                for mine, others in (
                    (mapping.international, mapping.national),
                    (mapping.national, mapping.international),
                ):
                    for target in mine:
                        bucket = self._compared.setdefault((target.instrument, target.provision), [])
                        bucket.extend((theme, other) for other in others if (theme, other) not in bucket)

    def citing(self, ref: int) -> list[Instrument]:
        return [inst for inst in self.instruments if ref in inst.refs]

    def themes_of(self, instrument_id: str) -> list[Theme]:
        return self._themes_of.get(instrument_id, [])

    def compared_with(self, instrument_id: str, provision_id: str | None) -> list[tuple[Theme, Target]]:
        """What a provision (or a whole act, provision None) is set beside in the themes."""
        return self._compared.get((instrument_id, provision_id), [])

    def answering(self, instrument_id: str, provision_id: str | None) -> list[tuple[Theme, int]]:
        """The mappings (theme, index of the mapping) that set national acts beside this international
        provision, in the themes' order."""
        return self._answering.get((instrument_id, provision_id), [])


# ---------------------------------------------------------------- loading
def load_corpus(
    data_path: Path, references_path: Path | None = None, today: dt.date | None = None, article_text: str | None = None
) -> Corpus:
    """Load and validate; raise DataError listing every issue in the files.

    references.yaml and themes.yaml are read from the data file's folder (themes are optional, so a
    synthetic corpus may have none). Given the source article's text, the themes' quotations are held to it."""
    data_path = Path(data_path)
    references_path = Path(references_path or data_path.with_name("references.yaml"))
    issues: list[Issue] = []
    try:
        refs_raw, refs_lines = load(references_path)
    except DataError as exc:
        issues += exc.issues
        refs_raw, refs_lines = None, {}
    references, article = _references(refs_raw, refs_lines, str(references_path), issues)
    try:
        raw, lines = load(data_path)
    except DataError as exc:
        raise DataError(issues + exc.issues) from None
    try:
        translations = load_translations(data_path.with_name("translations.yaml"))
    except DataError as exc:
        issues += exc.issues
        translations = None
    checker = InstrumentChecker(str(data_path), raw, lines, issues)
    checker.schema(raw, read_schema("instruments.schema.json"))
    if not issues:
        checker.semantics(raw, {r.number for r in references}, today or dt.date.today())
        if translations is not None:
            require_for_instruments(translations, checker, raw)
    if issues:
        raise DataError(issues)
    instruments = [_instrument(rec, translations) for rec in raw["instruments"]]
    themes_path = data_path.with_name("themes.yaml")
    themes = []
    if themes_path.exists():
        themes = load_themes(themes_path, {inst.id: inst for inst in instruments}, article_text, translations)
    if translations is not None and (unused := translations.unused()):
        raise DataError(unused)
    return Corpus(instruments, references, article, themes, raw)


def _references(raw, lines, name, issues) -> tuple[list[Reference], dict]:
    if raw is None:
        return [], {}
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("references"), list)
        or not isinstance(raw.get("article"), dict)
    ):
        issues.append(Issue(name, 1, "", "expected the keys 'article' (a mapping) and 'references' (a list)"))
        return [], {}
    out = []
    for i, item in enumerate(raw["references"]):
        path = ("references", i)
        if not (isinstance(item, dict) and isinstance(item.get("number"), int) and isinstance(item.get("text"), str)):
            issues.append(
                Issue(
                    name, lines.get(path, 0), field_name(path), "each reference needs an integer 'number' and a 'text'"
                )
            )
            continue
        if item["number"] != i + 1:
            issues.append(
                Issue(name, lines.get(path, 0), field_name(path + ("number",)), f"expected reference number {i + 1}")
            )
        out.append(Reference(item["number"], item["text"], item.get("url")))
    return out, raw["article"]


def _source(s: dict, translations: Translations | None = None) -> Source:
    note = s.get("editor_note")
    return Source(
        s["type"],
        s.get("ref"),
        s.get("passage"),
        s.get("url"),
        s.get("reproduces"),
        s.get("reproduces_url"),
        s.get("retrieved"),
        tuple(s.get("supports", ())),
        s.get("lang", "az" if s["type"] == "article" else None),
        translations.of(s["passage"]) if translations is not None and azerbaijani(s) else None,
        EditorNote(note["text"], _source(note["source"], translations)) if note else None,
    )


def _sources_of(items, translations: Translations | None) -> tuple[Source, ...]:
    return tuple(_source(s, translations) for s in items)


def natural_key(number: str) -> tuple:
    """A provision's number as its act orders it: 4(a) < 4(e) < 6(1) < 6(3) < 10 < 14 < 14-1 < 20.4-1 < 36."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|[^\W\d_]+", number.lower())
    )


def _provision(p: dict, translations: Translations | None) -> Provision:
    texts = tuple(ProvisionText(t["lang"], t["text"], t["excerpt"], _source(t["source"])) for t in p.get("texts", []))
    return Provision(
        p["id"],
        p["unit"],
        p["number"],
        p.get("summary"),
        _sources_of(p.get("sources", []), translations),
        p.get("title"),
        texts,
        tuple(Element(e["id"], e["text"]) for e in p.get("elements", [])),
    )


def _instrument(rec: dict, translations: Translations | None) -> Instrument:
    return Instrument(
        id=rec["id"],
        kind=rec["kind"],
        level=rec["level"],
        issuer=rec["issuer"],
        date=rec["date"],
        date_kind=rec["date_kind"],
        number=rec["number"],
        eqanun=rec["eqanun"],
        title=rec["title"],
        purpose=rec["purpose"],
        sources=_sources_of(rec["sources"], translations),
        short_title=rec.get("short_title"),
        title_stated=rec.get("title_stated", True),
        approves=rec.get("approves"),
        entry_into_force=rec.get("entry_into_force"),
        period=rec.get("period"),
        provisions=tuple(
            sorted(
                (_provision(p, translations) for p in rec.get("provisions", [])), key=lambda p: natural_key(p.number)
            )
        ),
        official_url=rec.get("official_url"),
        authentic=tuple(rec.get("authentic", ())),
        unts=rec.get("unts"),
        untc=rec.get("untc"),
        participation=tuple(
            ParticipationStep(
                s["step"], s["date"], _sources_of(s["sources"], translations), s.get("law"), s.get("note")
            )
            for s in rec.get("participation", [])
        ),
        findings=tuple(
            Finding(
                f["id"],
                f["stance"],
                tuple(concern(reference) for reference in f["concerns"]),
                f.get("concerns_named", False),
                tuple(f.get("acts", ())),
                _source(f["source"]),
                f["translation"],
            )
            for f in rec.get("findings", [])
        ),
        relations=tuple(
            Relation(r["type"], rec["id"], r["target"], r.get("provision"), r.get("note"))
            for r in rec.get("relations", [])
        ),
    )
