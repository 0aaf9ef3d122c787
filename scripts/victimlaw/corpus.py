"""Load data/instruments.yaml into a validated model.

Validation runs in two passes and reports every problem at once: the JSON Schema
(data/instruments.schema.json, also usable by editors) for shape and vocabularies, then the
checks a schema cannot express (unique ids, relation targets, real dates, languages).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

from . import LANGUAGES
from .errors import DataError, Issue
from .paths import SCHEMAS
from .themes import Target, Theme, load_themes
from .yamlsource import field_name, load

EQANUN_URL = "https://e-qanun.az/framework/{}"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LATIN = re.compile(r"[A-Za-z\u0259\u018F\u0131\u0130\u011F\u011E\u00F6\u00D6\u00FC\u00DC\u015F\u015E\u00E7\u00C7]")
APPROVING_KINDS = {"decision", "order", "decree", "resolution", "law"}
SECTION_ANCHORS = {"facts", "purpose", "provisions", "relations", "cite", "themes", "sources"}  # on instrument pages


# ---------------------------------------------------------------- model
@dataclass(frozen=True)
class Source:
    type: str  # "article" or "official"
    ref: int | None = None
    passage: str | None = None
    document: str | None = None


@dataclass(frozen=True)
class Provision:
    id: str
    unit: str
    number: str
    summary: dict[str, str]
    sources: tuple[Source, ...]
    title: dict[str, str] | None = None


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
    approves: dict[str, Any] | None = None
    entry_into_force: str | None = None
    period: str | None = None
    provisions: tuple[Provision, ...] = ()
    relations: tuple[Relation, ...] = ()  # stated here
    incoming: list[Relation] = field(default_factory=list)  # stated by others, derived

    @property
    def eqanun_url(self) -> str | None:
        return EQANUN_URL.format(self.eqanun) if self.eqanun else None

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
        for theme in self.themes:
            for instrument_id in theme.instrument_ids:
                self._themes_of.setdefault(instrument_id, []).append(theme)
            for mapping in theme.mappings:
                for mine, others in ((mapping.international, mapping.national), (mapping.national, mapping.international)):
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


# ---------------------------------------------------------------- loading
def load_corpus(data_path: Path, references_path: Path | None = None, today: dt.date | None = None) -> Corpus:
    """Load and validate; raise DataError listing every issue in the files.

    references.yaml and themes.yaml are read from the data file's folder (themes are optional, so a
    synthetic corpus may have none)."""
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
    checker = _Checker(str(data_path), raw, lines, issues)
    checker.schema(raw, read_schema("instruments.schema.json"))
    if not issues:
        checker.semantics(raw, {r.number for r in references}, today or dt.date.today())
    if issues:
        raise DataError(issues)
    instruments = [_instrument(rec) for rec in raw["instruments"]]
    themes_path = data_path.with_name("themes.yaml")
    themes = []
    if themes_path.exists():
        themes = load_themes(themes_path, {inst.id: inst for inst in instruments}, _Checker)
    return Corpus(instruments, references, article, themes, raw)


@lru_cache(maxsize=4)
def fast_validator(schema_text: str):
    """A compiled validator of the same schema (fastjsonschema knows draft 7, which covers every keyword
    the schemas use); returns a function telling whether a document is valid."""
    schema = json.loads(schema_text)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    validate = fastjsonschema.compile(schema)

    def is_valid(document) -> bool:
        try:
            validate(document)
            return True
        except fastjsonschema.JsonSchemaException:
            return False
    return is_valid


def read_schema(name: str) -> dict:
    """The JSON Schemas live in data/ beside the real corpus, for editors too; one copy serves every corpus."""
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _references(raw, lines, name, issues) -> tuple[list[Reference], dict]:
    if raw is None:
        return [], {}
    if not isinstance(raw, dict) or not isinstance(raw.get("references"), list) or not isinstance(raw.get("article"), dict):
        issues.append(Issue(name, 1, "", "expected the keys 'article' (a mapping) and 'references' (a list)"))
        return [], {}
    out = []
    for i, item in enumerate(raw["references"]):
        path = ("references", i)
        if not (isinstance(item, dict) and isinstance(item.get("number"), int) and isinstance(item.get("text"), str)):
            issues.append(Issue(name, lines.get(path, 0), field_name(path), "each reference needs an integer 'number' and a 'text'"))
            continue
        if item["number"] != i + 1:
            issues.append(Issue(name, lines.get(path, 0), field_name(path + ("number",)), f"expected reference number {i + 1}"))
        out.append(Reference(item["number"], item["text"], item.get("url")))
    return out, raw["article"]


class _Checker:
    def __init__(self, name: str, raw: Any, lines: dict, issues: list[Issue]):
        self.name, self.raw, self.lines, self.issues = name, raw, lines, issues

    def add(self, path: tuple, message: str) -> None:
        line = 0
        for cut in range(len(path), -1, -1):  # nearest known place
            if path[:cut] in self.lines:
                line = self.lines[path[:cut]]
                break
        self.issues.append(Issue(self.name, line, self._label(path), message))

    def _label(self, path: tuple) -> str:
        """instruments[3].date, naming the record too: instruments[3] (decision-203-2005).date."""
        label = field_name(path)
        if len(path) >= 2 and isinstance(path[1], int) and isinstance(self.raw, dict):
            records = self.raw.get(path[0])
            record = records[path[1]] if isinstance(records, list) and path[1] < len(records) else None
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                label = label.replace(f"{path[0]}[{path[1]}]", f"{path[0]}[{path[1]}] ({record['id']})", 1)
        return label

    # -- pass 1: shape and vocabularies
    def schema(self, raw: Any, schema: dict) -> None:
        if fast_validator(json.dumps(schema, sort_keys=True))(raw):
            return  # valid: the slow, thorough validator is needed only to explain errors
        validator = jsonschema.Draft202012Validator(schema)
        for error in validator.iter_errors(raw):
            error = _most_specific(error)
            path = tuple(error.absolute_path)
            if error.validator == "additionalProperties" and isinstance(error.instance, dict):
                allowed = error.schema.get("properties", {})
                for key in error.instance:
                    if key not in allowed:
                        self.add(path + (key,), f"unknown field '{key}'")
                continue
            self.add(path, _message(error))

    # -- pass 2: what the schema cannot say
    def semantics(self, raw: dict, ref_numbers: set[int], today: dt.date) -> None:
        records = raw["instruments"]
        first_line: dict[str, int] = {}
        eqanun_owner: dict[int, str] = {}
        for i, rec in enumerate(records):
            path = ("instruments", i)
            if rec["id"] in first_line:
                self.add(path + ("id",), f"duplicate id '{rec['id']}' (first on line {first_line[rec['id']]})")
            else:
                first_line[rec["id"]] = self.lines.get(path + ("id",), 0)
            if rec["eqanun"] is not None:
                if rec["eqanun"] in eqanun_owner:
                    self.add(path + ("eqanun",), f"e-qanun id {rec['eqanun']} is already used by '{eqanun_owner[rec['eqanun']]}'; "
                                                 "an act and the document it approves are one record")
                else:
                    eqanun_owner[rec["eqanun"]] = rec["id"]
            self._dates(rec, path, today)
            self.languages(rec, path)
            if "approves" in rec and rec["kind"] not in APPROVING_KINDS:
                self.add(path + ("approves",), f"a {rec['kind']} does not approve documents")
            provision_ids = set()
            for j, prov in enumerate(rec.get("provisions", [])):
                if prov["id"] in provision_ids:
                    self.add(path + ("provisions", j, "id"), f"duplicate provision id '{prov['id']}'")
                if prov["id"] in SECTION_ANCHORS:
                    self.add(path + ("provisions", j, "id"), f"'{prov['id']}' is the anchor of a page section; choose another id")
                provision_ids.add(prov["id"])
                self._sources(prov["sources"], path + ("provisions", j, "sources"), ref_numbers)
            self._sources(rec["sources"], path + ("sources",), ref_numbers)
        by_id = {rec["id"]: rec for rec in records}
        for i, rec in enumerate(records):
            stated = set()
            for j, rel in enumerate(rec.get("relations", [])):
                self._relation(rec, rel, ("instruments", i, "relations", j), by_id, stated)

    def _relation(self, rec, rel, path, by_id, stated) -> None:
        key = (rel["type"], rel["target"], rel.get("provision"))
        if key in stated:
            self.add(path, "the same relation is stated twice")
        stated.add(key)
        target = by_id.get(rel["target"])
        if target is None:
            self.add(path + ("target",), f"no instrument has the id '{rel['target']}'")
            return
        if target["id"] == rec["id"]:
            self.add(path + ("target",), "an instrument cannot relate to itself")
        if "provision" in rel and rel["provision"] not in {p["id"] for p in target.get("provisions", [])}:
            self.add(path + ("provision",), f"'{rel['target']}' has no provision '{rel['provision']}'")
        for back in target.get("relations", []):
            if back["target"] == rec["id"] and back["type"] == rel["type"]:
                self.add(path, f"'{rel['target']}' already states '{rel['type']}' towards '{rec['id']}'; state a relation once")

    def _dates(self, rec, path, today) -> None:
        parsed = {}
        for key in ("date", "entry_into_force"):
            value = rec.get(key)
            if value is None:
                continue
            try:
                parsed[key] = _parse_date(value)
            except ValueError:
                self.add(path + (key,), f"'{value}' is not a real calendar date")
                continue
            if parsed[key] > today:
                self.add(path + (key,), f"{value} is in the future")
        if (rec["date"] is None) != (rec["date_kind"] is None):
            self.add(path + ("date_kind",), "date_kind must be given exactly when date is")
        if "date" in parsed and "entry_into_force" in parsed and parsed["entry_into_force"] < parsed["date"]:
            self.add(path + ("entry_into_force",), "entry into force precedes the date of the act")

    def languages(self, rec, path) -> None:
        def walk(value, where):
            if isinstance(value, dict) and set(value) == set(LANGUAGES):
                for lang in LANGUAGES:
                    text = value[lang]
                    if lang == "ru" and not CYRILLIC.search(text):
                        self.add(where + (lang,), "Russian text has no Cyrillic letters")
                    if lang in ("az", "en") and CYRILLIC.search(text) and not LATIN.search(text):
                        self.add(where + (lang,), "text is in Cyrillic; expected Latin script")
                    elif lang in ("az", "en") and len(CYRILLIC.findall(text)) > len(text) // 4:
                        self.add(where + (lang,), "text is mostly Cyrillic; is it the Russian one?")
                return
            if isinstance(value, dict):
                for key, sub in value.items():
                    walk(sub, where + (key,))
            elif isinstance(value, list):
                for k, sub in enumerate(value):
                    walk(sub, where + (k,))
        walk(rec, path)

    def _sources(self, sources, path, ref_numbers) -> None:
        for k, src in enumerate(sources):
            if src["type"] == "article" and src["ref"] is not None and src["ref"] not in ref_numbers:
                self.add(path + (k, "ref"), f"the article has no reference [{src['ref']}]")


def _parse_date(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _most_specific(error):
    """For oneOf/anyOf, report the sub-error of the branch that fits best."""
    if error.context:
        # "not of type 'null'" says nothing useful when a value may be null or something else
        useful = [e for e in error.context if not (e.validator == "type" and e.validator_value == "null")]
        return _most_specific(jsonschema.exceptions.best_match(useful or error.context))
    return error


def _message(error) -> str:
    message = _plain_message(error)
    return message if len(message) <= 300 else message[:150] + " … " + message[-140:]  # a huge value stays readable


def _plain_message(error) -> str:
    if error.validator == "required":
        return error.message.replace(" is a required property", " is required")
    if error.validator == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in error.validator_value)
        return f"{_short(error.instance)} is not one of: {allowed}"
    if error.validator == "pattern" and error.schema.get("pattern", "").startswith("^[a-z0-9]"):
        return f"{_short(error.instance)} must be lower-case letters, digits and hyphens"
    if error.validator in ("maxLength", "minLength"):
        return f"text of {len(error.instance)} characters; the {error.validator} is {error.validator_value}"
    return error.message


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# ---------------------------------------------------------------- building the model
def _sources_of(items) -> tuple[Source, ...]:
    return tuple(Source(s["type"], s.get("ref"), s.get("passage"), s.get("document")) for s in items)


def _instrument(rec: dict) -> Instrument:
    return Instrument(
        id=rec["id"], kind=rec["kind"], level=rec["level"], issuer=rec["issuer"],
        date=rec["date"], date_kind=rec["date_kind"], number=rec["number"], eqanun=rec["eqanun"],
        title=rec["title"], purpose=rec["purpose"], sources=_sources_of(rec["sources"]),
        short_title=rec.get("short_title"), approves=rec.get("approves"),
        entry_into_force=rec.get("entry_into_force"), period=rec.get("period"),
        provisions=tuple(
            Provision(p["id"], p["unit"], p["number"], p["summary"], _sources_of(p["sources"]), p.get("title"))
            for p in rec.get("provisions", [])
        ),
        relations=tuple(
            Relation(r["type"], rec["id"], r["target"], r.get("provision"), r.get("note"))
            for r in rec.get("relations", [])
        ),
    )
