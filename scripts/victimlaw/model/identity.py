"""An act's identity as a citation gives it, and the permanent addresses it makes.

Modelled on the addresses of legislation.gov.uk (/id/{type}/{year}/{number}), ELI and Akoma Ntoso's FRBR URIs
(/akn/za/act/1998/55): what a citing page knows of an act (its kind, year and number; its e-qanun id; its
treaty series number or UN symbol) is enough to write its address on this site, without knowing the slug of
its page. Each address is a folder below a language's root (the Azerbaijani at the site's root, the others
under /en/ and /ru/) whose page forwards to the act's page:

    id/<kind>/<year>/<number>/   an act with a kind, a year and a number:  id/decision/2005/203/, id/law/2005/958-IIQ/
    eqanun/<id>/                 an act published on e-qanun.az:           eqanun/11446/
    cets/<number>/               a Council of Europe treaty:               cets/197/
    un/<symbol>/                 a United Nations document, "/" as "-":    un/A-RES-55-25/

<kind> is the data's kind (decision, decree, order, law, ...); <number> is the act's number as the data writes
it (its letters' case kept: hosts tell 958-IIQ from 958-iiq), any "/" or space written "-". A treaty or a UN
document is addressed by its series number or symbol rather than by kind and year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SERIES = re.compile(r"CETS No\. (\d+)")  # a Council of Europe treaty's number, as the data writes it
UN_SYMBOL = re.compile(r"[A-Z]+(?:/[A-Z0-9.]+)+")  # A/RES/55/25


def _segment(value: str) -> str:
    return re.sub(r"[/\s]+", "-", value.strip())


@dataclass(frozen=True)
class ActIdentity:
    """What identifies an act in a citation: its kind, the year of its date, its number and e-qanun id."""

    kind: str
    year: str | None
    number: str | None
    eqanun: int | None

    @classmethod
    def of(cls, inst) -> ActIdentity:
        return cls(inst.kind, inst.date[:4] if inst.date else None, inst.number, inst.eqanun)

    @property
    def addresses(self) -> list[str]:
        """The act's permanent addresses below a language's root, the first its own (the JSON export's uri)."""
        found = []
        if self.number and (series := SERIES.fullmatch(self.number)):
            found.append(f"cets/{series.group(1)}/")
        elif self.number and UN_SYMBOL.fullmatch(self.number):
            found.append(f"un/{_segment(self.number)}/")
        elif self.number and self.year:
            found.append(f"id/{self.kind}/{self.year}/{_segment(self.number)}/")
        if self.eqanun is not None:
            found.append(f"eqanun/{self.eqanun}/")
        return found
