"""An act page's meta tags as Zotero reads them on saving the page.

Zotero's "Embedded Metadata" translator reads the Highwire citation_* tags itself and hands every "DC." and "z:"
tag to its "RDF" translator (zotero/translators 2814370; the lines each tag relies on are named below and in
tests/test_zotero_tags.py). `make zotero` runs that code, through zotero/translation-server, on every act page.
"""

from __future__ import annotations

import re

from ..labels import Labels
from ..model.corpus import Instrument
from ..model.identity import SERIES
from . import citations

# The Zotero item type an act page imports as (Dublin Core DC.type holding a Zotero type name). Zotero has no
# treaty type: a treaty imports as a statute, with its series as the statute's code and its number as the code's.
ZOTERO_TYPES = {"legislation": "statute", "treaty": "statute", "report": "report", "book": "book"}
COUNCIL_OF_EUROPE_SERIES = "CETS"
# Zotero's creator parsing splits a name at a comma or a semicolon (Embedded Metadata.js l. 575, 614).
NAME_SPLITTING = re.compile(r"[,;]")


def single_name(body: str) -> str:
    """An issuing body as the one name Zotero keeps it as. Zotero.Utilities.cleanAuthor (zotero/utilities
    utilities.js l. 227-290) splits a name at its last space into first and last name; given a name with a comma
    (Embedded Metadata.js l. 614 passes useComma) it takes what precedes the comma as the last name, after
    stripping a trailing comma (l. 239). A body with a comma after it is therefore a last name alone, which Zotero
    keeps as one field (utilities_item.js l. 819-823) and whose case it leaves alone (Embedded Metadata.js l. 615-
    619 rewrite "ООН" as "Оон" only in a two-part name)."""
    if NAME_SPLITTING.search(body):
        raise ValueError(f"an issuing body's name with a comma or a semicolon would be split by Zotero: {body!r}")
    return body + ","


def official_title_language(inst: Instrument) -> str | None:
    """The language of the act's official title: Azerbaijani for a national act whose title a source gives; for a
    treaty, the first of its authentic languages the record has a title in; None where the data says neither (a
    title that describes the act is no one's official title)."""
    if not inst.title_stated:
        return None
    if inst.level == "national":
        return "az"
    return next((lang for lang in inst.authentic if lang in inst.title), None)


def original_title(inst: Instrument, lang: str) -> str | None:
    """The official title where the page's is a translation (ours) of it."""
    official = official_title_language(inst)
    return citations.one_line(inst.title[official]) if official and official != lang else None


def series_fields(inst: Instrument) -> list[list[str]]:
    """A treaty's series as a statute's code, code number and first page (z: fields, RDF.js l. 1430-1441 copy
    each z:<field> tag into that Zotero field); else the act's number (Embedded Metadata.js l. 57)."""
    series = SERIES.fullmatch(inst.number or "")
    if series:
        return [["z:code", COUNCIL_OF_EUROPE_SERIES], ["z:codeNumber", series.group(1)]]
    if unts := inst.unts_volume_page:
        return [["z:code", "UNTS"], ["z:codeNumber", unts[0]], ["z:pages", unts[1]]]
    return [["citation_technical_report_number", inst.number]] if inst.number else []


def zotero_tags(inst: Instrument, t: Labels) -> list[list[str]]:
    """citation_*, DC. and z: meta tags, read by Zotero and other reference managers."""
    c = citations.fields(inst, t)
    tags = [["DC.type", ZOTERO_TYPES[citations.csl_type(inst)]]]
    tags += [["citation_title", c["title"]], ["citation_language", t.lang]]
    if c["authority"]:
        tags.append(["citation_author", single_name(c["authority"])])
    if c["ris_date"]:
        tags += [["citation_date", c["ris_date"]], ["citation_publication_date", c["ris_date"]]]
    tags += series_fields(inst)
    if inst.link:
        tags.append(["citation_public_url", inst.link])
    # the whole purpose (Embedded Metadata.js l. 61); without it Zotero takes the 160-character description
    tags.append(["citation_abstract", citations.one_line(inst.purpose[t.lang])])
    original = original_title(inst, t.lang)
    if original:  # Zotero reads "original-title:" in Extra as CSL's original-title
        tags.append(["z:extra", f"original-title: {original}"])
    return tags
