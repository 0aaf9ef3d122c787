"""An act's identity as a citation gives it, and the permanent addresses it makes: the one place that writes
and reads them.

Modelled on the addresses of legislation.gov.uk (/id/{type}/{year}/{number}), ELI and Akoma Ntoso's FRBR URIs
(/akn/za/act/1998/55, read and written back by one object, as cobalt's FrbrUri): what a citing page knows of an
act is enough to write its address on this site, without knowing the slug of its page. Each address is a folder
below a language's root (the Azerbaijani at the site's root, the others under /en/ and /ru/) whose page
forwards to the act's page. An act's addresses, its own (the first) first:

    cets/<n>/                     a Council of Europe treaty (number "CETS No. n")   cets/197/
    untc/<chapter>/               a treaty in the UN Treaty Collection (`untc`)      untc/XVIII-12-a/
    un/<symbol>/                  a UN document (number a UN symbol), "/" as "-"     un/A-RES-55-25/
    doc/<symbol>/                 a report or publication by its symbol (number)     doc/GRETA_2023_05/
    id/<kind>/<year>/<number>/    any other act with a number and a date             id/law/2005/958-IIQ/
    id/<kind>/<date>/             an act none of the above names, with a date        id/decision/2008-02-01/, id/order/2023/
    eqanun/<id>/                  an act published on e-qanun.az (besides the above) eqanun/11446/
    act/<record id>/              every act, last: the record's id, which never changes  act/constitution/

The date is as the data writes it (2008-02-01, 2023-01, 2023). A provision is addressed below its act's own
(first) address by its unit and number: cets/197/art/4_e/, id/law/2005/958-IIQ/art/20.4-1/. A number (an act's, a
symbol, a provision's) is written as the data writes it, its case kept, with "/" written "~" and each
parenthesis "_" (a closing one at the end left out): 4(e) is 4_e, 6(3) 6_3, GRETA(2023)05 GRETA_2023_05; read
back, the underscores open and close in turn. A number with any other character cannot be written, and
`victimlaw check` says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace

SERIES = re.compile(r"CETS No\. (\d+)")  # a Council of Europe treaty's number, as the data writes it
UN_SYMBOL = re.compile(r"[A-Z]+(?:/[A-Z0-9.]+)+")  # A/RES/55/25 (no "-": "/" is written "-")
UNTC_CHAPTER = re.compile(r"[IVXL]+-\d+(?:-[a-z])?")  # XVIII-12-a, as the Treaty Collection's mtdsg_no writes it
DATE = re.compile(r"\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")  # 2008-02-01, 2023-01, 2023
RECORD_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the schema's id pattern
KIND = re.compile(r"[a-z_]+")
POSITIVE = re.compile(r"[1-9]\d*")
# A number as it can be written: letters, digits, ".", "-", "/" and parenthesised parts, not nested, never empty.
NUMBER = re.compile(r"(?=.*[A-Za-z0-9])(?:[A-Za-z0-9./-]+|\([A-Za-z0-9./-]+\))+")
DOCUMENT_KINDS = ("report", "publication")  # cited by their symbol alone
# A provision's unit as its address writes it, Akoma Ntoso's short names; the keys are the schema's units.
UNITS = {"article": "art", "paragraph": "para", "clause": "clause", "point": "point", "part": "part"}
UNIT_OF = {short: unit for unit, short in UNITS.items()}


class AddressError(ValueError):
    """An address this module cannot read, or a value it cannot write into one."""


def write_number(number: str) -> str:
    if not NUMBER.fullmatch(number):
        raise AddressError(f"'{number}' cannot be written in an address (letters, digits, '.', '-', '/', '(…)')")
    return re.sub(r"[()]", "_", number.removesuffix(")") if number.endswith(")") else number).replace("/", "~")


def read_number(segment: str) -> str:
    parts = segment.replace("~", "/").split("_")
    number = parts[0] + "".join("()"[i % 2] + part for i, part in enumerate(parts[1:]))
    number += ")" if len(parts) % 2 == 0 else ""
    if not NUMBER.fullmatch(number) or write_number(number) != segment:
        raise AddressError(f"'{segment}' is not a number written in an address")
    return number


@dataclass(frozen=True)
class ActIdentity:
    """What identifies an act: its kind, date (as written: a day, a month or a year), number, e-qanun id, UN
    Treaty Collection chapter and, last, its record's id. Read back from an address, only the facts that address
    is made of are given; the others are None."""

    kind: str | None = None
    date: str | None = None
    number: str | None = None
    eqanun: int | None = None
    untc: str | None = None
    record: str | None = None

    @classmethod
    def of(cls, inst) -> ActIdentity:
        """Of an Instrument, or of a record of the data file (a mapping) before it becomes one."""
        get = inst.get if isinstance(inst, dict) else lambda key: getattr(inst, key, None)
        date = get("date")
        return cls(get("kind"), str(date) if date else None, get("number"), get("eqanun"), get("untc"), get("id"))

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None

    def agrees(self, other: ActIdentity) -> bool:
        """Whether every fact given here is the other's (an address's identity names the act it was made from);
        a year or a month agrees with a date within it."""
        if self.date and not (other.date or "").startswith(self.date):
            return False
        return all(getattr(self, f.name) in (None, getattr(other, f.name)) for f in fields(self) if f.name != "date")

    @property
    def names(self) -> list[Address]:
        """The act's permanent addresses, its own first: the first form its facts allow, then its e-qanun id's,
        then its record's."""
        found = [cited] if (cited := self._cited()) else []
        if self.eqanun is not None:
            found.append(Address("eqanun", ActIdentity(eqanun=self.eqanun), (str(self.eqanun),)))
        if self.record:
            found.append(Address("act", ActIdentity(record=self.record), (self.record,)))
        return found

    def _cited(self) -> Address | None:
        """The address made of what a citation gives: a series number, a chapter, a symbol, a number and year,
        or, where it gives none of these, the kind and date."""
        number, kind = self.number, self.kind
        if number and (series := SERIES.fullmatch(number)):
            return Address("cets", ActIdentity(number=number), (series.group(1),))
        if self.untc:
            return Address("untc", ActIdentity(untc=self.untc), (self.untc,))
        if number and UN_SYMBOL.fullmatch(number):
            return Address("un", ActIdentity(number=number), (number.replace("/", "-"),))
        if number and kind in DOCUMENT_KINDS:
            return Address("doc", ActIdentity(number=number), (write_number(number),))
        if number and self.year:
            segments = (str(kind), self.year, write_number(number))
            return Address("id", ActIdentity(kind=kind, date=self.year, number=number), segments)
        if self.date and not number:
            return Address("id", ActIdentity(kind=kind, date=self.date), (str(kind), self.date))
        return None  # a number without a date: too little to name the act (numbers repeat from year to year)

    @property
    def addresses(self) -> list[str]:
        """The act's permanent addresses below a language's root, the first its own (the JSON export's uri)."""
        return [str(address) for address in self.names]


# The record field an address of each form is made from (where `victimlaw check` reports a collision).
FIELD_OF_FORM = {"cets": "number", "untc": "untc", "un": "number", "doc": "number", "eqanun": "eqanun", "act": "id"}


@dataclass(frozen=True)
class Address:
    """One permanent address: its form, the identity it names, the segments it is written with and, for a
    provision, its unit and number. str() writes it; parse() reads it back."""

    form: str
    act: ActIdentity
    segments: tuple[str, ...]
    unit: str | None = None
    provision: str | None = None

    def __str__(self) -> str:
        path = "/".join((self.form, *self.segments))
        if self.unit is not None and self.provision is not None:
            path += f"/{UNITS[self.unit]}/{write_number(self.provision)}"
        return path + "/"

    @property
    def field(self) -> str:
        """The record field this address is made from."""
        if self.provision is not None:
            return "number"
        return FIELD_OF_FORM.get(self.form) or ("number" if self.act.number else "date")

    def of_provision(self, unit: str, number: str) -> Address:
        if unit not in UNITS:
            raise AddressError(f"no address is written for the unit '{unit}'")
        write_number(number)  # raises where it cannot be written
        return replace(self, unit=unit, provision=number)

    @property
    def of_act(self) -> Address:
        return replace(self, unit=None, provision=None)


def _is_date(text: str) -> bool:
    if not DATE.fullmatch(text):
        return False
    try:
        return len(text) < 10 or bool(dt.date.fromisoformat(text))
    except ValueError:  # 2005-02-30
        return False


def _act(form: str, segments: list[str]) -> ActIdentity:
    """The identity an act's segments name, or AddressError."""
    match form, segments:
        case "cets", [n] if POSITIVE.fullmatch(n):
            return ActIdentity(number=f"CETS No. {n}")
        case "untc", [chapter] if UNTC_CHAPTER.fullmatch(chapter):
            return ActIdentity(untc=chapter)
        case "un", [symbol] if UN_SYMBOL.fullmatch(symbol.replace("-", "/")):
            return ActIdentity(number=symbol.replace("-", "/"))
        case "doc", [symbol]:
            return ActIdentity(number=read_number(symbol))  # its kind is one of DOCUMENT_KINDS
        case "id", [kind, year, number] if KIND.fullmatch(kind) and re.fullmatch(r"\d{4}", year):
            return ActIdentity(kind=kind, date=year, number=read_number(number))
        case "id", [kind, date] if KIND.fullmatch(kind) and _is_date(date):
            return ActIdentity(kind=kind, date=date)
        case "eqanun", [n] if POSITIVE.fullmatch(n):
            return ActIdentity(eqanun=int(n))
        case "act", [record] if RECORD_ID.fullmatch(record):
            return ActIdentity(record=record)
    raise AddressError(f"'{'/'.join((form, *segments))}/' is not an act's address")


def parse(address: str) -> Address:
    """The act (and provision) an address names, as ActIdentity.names writes it; AddressError if it names none.
    A "doc/" address's kind is left None (one of DOCUMENT_KINDS): the symbol alone names the document."""
    if not address.endswith("/") or address.startswith("/") or "//" in address:
        raise AddressError(f"'{address}' is not an address: a relative path ending in '/'")
    form, *segments = address[:-1].split("/")
    unit = provision = None
    if len(segments) >= 3 and segments[-2] in UNIT_OF:
        unit, provision = UNIT_OF[segments[-2]], read_number(segments[-1])
        segments = segments[:-2]
    found = Address(form, _act(form, segments), tuple(segments), unit, provision)
    if str(found) != address:  # e.g. a number written another way than write_number writes it
        raise AddressError(f"'{address}' is not written as this site writes addresses ('{found}')")
    return found
