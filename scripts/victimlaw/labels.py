"""The labels (strings.yaml): every UI string and vocabulary label of the site, per language."""

from __future__ import annotations

import re
from pathlib import Path

from . import datafiles
from .model.identity import SERIES

STRINGS = Path(__file__).with_name("strings.yaml")


def strings() -> dict:
    """The labels as the file says now (read again when it changes, under `mkdocs serve`)."""
    return datafiles.read(STRINGS)


class Labels:
    """Labels in one language, as used by the templates: t.ui.catalogue, t.kind['law'] ..."""

    def __init__(self, lang: str, catalogue: dict | None = None):
        data = catalogue if catalogue is not None else strings()
        self.lang = lang

        def pick(group: str) -> dict:
            return {key: value[lang] for key, value in data[group].items()}

        self.ui = pick("ui")
        self.kind = pick("kind")
        self.kind_plural = pick("kind_plural")
        self.kind_short = pick("kind_short")
        self.level = pick("level")
        self.level_plural = pick("level_plural")
        self.issuer = pick("issuer")
        self.date_kind = pick("date_kind")
        self.approved_kind = pick("approved_kind")
        self.participation_step = pick("participation_step")
        self.unit = pick("unit")
        self.unit_short = pick("unit_short")
        self.unit_citation = pick("unit_citation")
        self.relation = pick("relation")
        self.basis = pick("basis")
        self.basis_meaning = pick("basis_meaning")
        self.side = pick("side")
        self.stance = pick("stance")
        self.correspondence = pick("correspondence")
        self.correspondence_meaning = pick("correspondence_meaning")
        self.correspondence_mark = pick("correspondence_mark")
        self.gender = data["gender"].get(lang, {})
        self.month = data["month"][lang]
        self.month_nominative = data["month_nominative"][lang]

    def date(self, iso: str | None) -> str:
        """Write an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the way each language does."""
        if not iso:
            return self.ui["not_stated"]
        parts = [int(p) for p in iso.split("-")]
        year = parts[0]
        suffix = " г." if self.lang == "ru" else ""
        if len(parts) == 1:
            return f"{year}{suffix}"
        if len(parts) == 2:
            return f"{self.month_nominative[parts[1] - 1]} {year}{suffix}"
        return self.day_pattern.format(day=parts[2], month=self.month[parts[1] - 1], year=year)

    @property
    def day_pattern(self) -> str:
        """A whole date as the language writes it: the pages' dates, and the date of printing, which
        pages/print.js writes in the reader's browser from this pattern and `month`."""
        return "{day} {month} {year}" + (" г." if self.lang == "ru" else "")

    def facts(self, inst) -> str:
        """The act's kind, date and number in a line, as a list of results shows them."""
        parts = [self.kind[inst.kind], self.date(inst.date) if inst.date else "", self.number_label(inst)]
        return " · ".join(part for part in parts if part)

    def number_label(self, inst, citation: bool = False) -> str:
        """ "№ 203" (in English "No. 203"; in an English citation "No 203"); "CETS No. 197" and "A/RES/55/25"
        carry their own prefix; "" without a number."""
        if not inst.number:
            return ""
        prefix = "citation_" if citation else ""
        series = SERIES.fullmatch(inst.number)
        if series:
            return self.ui[f"{prefix}series_number"].format(n=series.group(1))
        return inst.number if inst.number[0].isalpha() else f"{self.ui[f'{prefix}number_sign']} {inst.number}"

    def az_year(self, year: int) -> str:
        """2005-ci il, 2006-cı il: the year as an Azerbaijani ordinal."""
        return f"{az_ordinal(str(year))} il"

    def citation_date(self, iso: str | None) -> str:
        """A date as citations write it: "9 noyabr 2005-ci il", "9 November 2005", "9 ноября 2005 г."."""
        if not iso or self.lang != "az":
            return self.date(iso) if iso else ""
        parts = [int(p) for p in iso.split("-")]
        year = self.az_year(parts[0])
        if len(parts) == 1:
            return year
        if len(parts) == 2:
            return f"{self.month_nominative[parts[1] - 1]} {year}"
        return f"{parts[2]} {self.month[parts[1] - 1]} {year}"

    def short_label(self, inst) -> str:
        """A compact name for tight spaces: "Qərar № 203 · 2005"; the short title or title when there is no number."""
        if not inst.number:
            return inst.name(self.lang)
        year = f" · {inst.date[:4]}" if inst.date else ""
        return f"{self.kind_short[inst.kind]} {self.number_label(inst)}{year}"

    def date_kind_of(self, inst) -> str:
        """What the act's date is the date of ("adopted"), agreeing with the kind of act where the language asks."""
        label = self.date_kind[inst.date_kind]
        return label[self.gender[inst.kind]] if isinstance(label, dict) else label

    def lower(self, text: str) -> str:
        """A label in lower case mid-sentence: Azerbaijani has its own dotted and dotless i ("İmzalanma" is
        "imzalanma", not Python's "i̇mzalanma" with a combining dot)."""
        if self.lang == "az":
            text = text.replace("İ", "i").replace("I", "ı")
        return text.lower()

    def provision_label(self, unit: str, number: str) -> str:
        return self.unit[unit].format(n=number)

    def provision_short(self, unit: str, number: str) -> str:
        return self.unit_short[unit].format(n=number)

    def provision_citation(self, unit: str, number: str) -> str:
        """A provision as a citation points to it after the act: "12-ci maddə", "art 12", "ст. 12"."""
        return self.unit_citation[unit].format(n=az_ordinal(number) if self.lang == "az" else number)


def az_ordinal(number: str) -> str:
    """2005-ci, 2006-cı, 2009-cu, 2013-cü, 14-1-ci, 1.3-cü: the suffix follows the vowel of the last number's last
    word (a number as a provision has it, "6(3)", ends in its last number's); without a number, the number as it is."""
    digits = re.findall(r"\d+", number)
    if not digits:
        return number
    last = int(digits[-1])
    units = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
    tens = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}
    if last % 10:
        suffix = units[last % 10]
    elif last % 100:
        suffix = tens[(last % 100) // 10]
    elif last % 1000:
        suffix = "cü"  # yüz
    else:
        suffix = "ci"  # min
    return f"{number}-{suffix}"
