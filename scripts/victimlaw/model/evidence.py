"""Whether a page's own words state what a record says: the check behind every official or copied source.

A source that `supports` a field (its number, date, entry into force, e-qanun id, UN Treaty Collection chapter)
must contain that value in its passage, written in any way the citation lookup reads (cite/citation.yaml:
"28 iyun 2005-ci il", "28.06.2005", "June 28, 2005", "28 июня 2005 г."; numbers ignoring case, spaces and
punctuation); an e-qanun id or a chapter may instead be in the page's address (framework/11446,
mtdsg_no=XVIII-12-a).
"""

from __future__ import annotations

import re

from ..cite.reading import compact, fold, parse

# A treaty's number in its series: "CETS No. 197" is stated by "Council of Europe Treaty Series No. 197" or by the
# Azerbaijani "Avropa Şurasının Müqavilələr Seriyası - 197" (words folded as the lookup folds them, cite.reading.fold).
SERIES_NUMBER = re.compile(r"^(?:cets|ets)\s*no\.?\s*(\d+)$")
SERIES_NAMES = r"(?:cets|ets|treaty series|muqavileler seriyasi|серия договоров)"
SLASHED = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")  # 25/03/2015, as the Treaty Office writes dates
FIELD_LABELS = {
    "number": "number",
    "date": "date",
    "entry_into_force": "date of entry into force",
    "eqanun": "e-qanun id",
    "unts": "UN Treaty Series citation",
    "untc": "UN Treaty Collection chapter",
}
UNTS = re.compile(r"(\d+) UNTS (\d+)")


def states_date(passage: str, date: str) -> bool:
    """A full date must be read from the passage as that day; a year or a month needs the year."""
    if len(date) < 10:
        return date[:4] in passage
    return date in parse(SLASHED.sub(r"\1.\2.\3", passage)).dates


def states_number(passage: str, number: str) -> bool:
    if compact(number) in compact(passage):
        return True
    series = SERIES_NUMBER.match(fold(number))
    if series is None:
        return False
    found = re.findall(SERIES_NAMES + r"\W*(?:no\.?|№|n)?\W*(\d+)(?!\d)", fold(passage))
    return series.group(1) in found


def states_unts(passage: str, citation: str) -> bool:
    """ "2237 UNTS 319" as the UN Treaty Collection writes it: "Treaty Series, vol. 2237, p. 319"."""
    volume, page = UNTS.fullmatch(citation).groups()  # type: ignore[union-attr]  # the schema's pattern
    return (
        re.search(rf"(?<!\d){volume}\s+UNTS\s+{page}(?!\d)|vol\.?\s*{volume},?\s*p\.?\s*{page}(?!\d)", passage)
        is not None
    )


def states(field: str, value, source: dict) -> bool:
    """Whether `source` states `value` for `field` (one of FIELD_LABELS)."""
    if field == "eqanun":
        return re.search(rf"framework/{value}(?!\d)", source["url"] + " " + source["passage"]) is not None
    if field == "untc":  # the Treaty Collection's page of that chapter (mtdsg_no=XVIII-12-a), or its words
        chapter = rf"(?<![\w-]){re.escape(value)}(?![\w-])"  # XVIII-12 is not XVIII-12-a
        return re.search(chapter, source["url"] + " " + source["passage"]) is not None
    if field == "number":
        return states_number(source["passage"], value)
    if field == "unts":
        return states_unts(source["passage"], value)
    return states_date(source["passage"], value)


# A page asked for in one language by its address (coe.int's languageId=de_DE, treaties.un.org's lang=en).
ADDRESS_LANGUAGE = re.compile(r"[?&](?:\w*languageId|lang)=([a-z]{2})(?:_[A-Za-z]{2})?(?:&|$)")


def page_language_mismatch(url: str, lang: str | None) -> str | None:
    """The words quoted must be on the page the address asks for: not an English passage from an address that
    asks for the German page."""
    asked = ADDRESS_LANGUAGE.search(url)
    if lang is None or asked is None or asked.group(1) == lang:
        return None
    return f"the address asks for the page in '{asked.group(1)}', but the words quoted are in '{lang}': give the address of the page they are on"
