"""Whether a page's own words state what a record says: the check behind every official or copied source.

A source that `supports` a field (its number, date, entry into force, e-qanun id, UN Treaty Collection chapter)
must contain that value in its passage, written in any way the citation lookup reads (cite/citation.yaml:
"28 iyun 2005-ci il", "28.06.2005", "June 28, 2005", "28 июня 2005 г."; numbers ignoring case, spaces and
punctuation); an e-qanun id or a chapter may instead be in the page's address (framework/11446,
mtdsg_no=XVIII-12-a).
"""

from __future__ import annotations

import re

# A treaty's number in its series: "CETS No. 197" is stated by "Council of Europe Treaty Series No. 197" or by the
# Azerbaijani "Avropa Şurasının Müqavilələr Seriyası - 197" (words folded as cite.fold folds them).
SERIES_NUMBER = re.compile(r"^(?:cets|ets)\s*no\.?\s*(\d+)$")
SERIES_NAMES = r"(?:cets|ets|treaty series|muqavileler seriyasi|серия договоров)"
SLASHED = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")  # 25/03/2015, as the Treaty Office writes dates
FIELD_LABELS = {
    "number": "number",
    "date": "date",
    "entry_into_force": "date of entry into force",
    "eqanun": "e-qanun id",
    "untc": "UN Treaty Collection chapter",
}


def states_date(passage: str, date: str) -> bool:
    """A full date must be read from the passage as that day; a year or a month needs the year."""
    from ..cite import parse  # the lookup's reading of dates; cite imports the model

    if len(date) < 10:
        return date[:4] in passage
    return date in parse(SLASHED.sub(r"\1.\2.\3", passage)).dates


def states_number(passage: str, number: str) -> bool:
    from ..cite import compact, fold

    if compact(number) in compact(passage):
        return True
    series = SERIES_NUMBER.match(fold(number))
    if series is None:
        return False
    found = re.findall(SERIES_NAMES + r"\W*(?:no\.?|№|n)?\W*(\d+)(?!\d)", fold(passage))
    return series.group(1) in found


def states(field: str, value, source: dict) -> bool:
    """Whether `source` states `value` for `field` (one of FIELD_LABELS)."""
    if field == "eqanun":
        return re.search(rf"framework/{value}(?!\d)", source["url"] + " " + source["passage"]) is not None
    if field == "untc":  # the Treaty Collection's page of that chapter (mtdsg_no=XVIII-12-a), or its words
        chapter = rf"(?<![\w-]){re.escape(value)}(?![\w-])"  # XVIII-12 is not XVIII-12-a
        return re.search(chapter, source["url"] + " " + source["passage"]) is not None
    if field == "number":
        return states_number(source["passage"], value)
    return states_date(source["passage"], value)
