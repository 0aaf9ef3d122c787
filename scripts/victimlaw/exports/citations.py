"""An instrument as a citation: three citation styles, BibTeX, RIS, CSL-JSON and schema.org
JSON-LD (the meta tags Zotero reads: zotero.py), all from one set of citation fields."""

from __future__ import annotations

import json
import re

from jinja2 import Environment, PackageLoader, StrictUndefined

from .. import LANGUAGES
from ..labels import Labels
from ..model.corpus import Corpus, Instrument, Provision
from ..model.identity import SERIES, UN_SYMBOL
from ..model.vocabularies import CITED_AS_INTERNATIONAL, TREATY_KINDS

# The CSL type of each kind (legislation otherwise). A General Assembly resolution or declaration is cited as the
# UN document it is ("UN Doc A/RES/55/25"): a report, whose styles print its symbol after a genre.
CSL_TYPES = {
    "publication": "book",
    **{k: "treaty" for k in TREATY_KINDS},
    **{k: "report" for k in ("report", "resolution", "declaration")},
}
RIS_TYPES = {"law": "STAT", "code": "STAT", "constitution": "STAT", "report": "RPRT", "publication": "BOOK"}
BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def bibtex_escape(value: str) -> str:
    return BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "\\^~" else " ", str(value))


def one_line(value: str) -> str:
    return " ".join(str(value).split())


def text_environment() -> Environment:
    """Plain-text formats: no Markdown or HTML escaping; whoever embeds the text escapes it."""
    env = Environment(
        loader=PackageLoader("victimlaw.exports", "templates"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,
        comment_start_string="{##",
        comment_end_string="##}",
        finalize=lambda v: "" if v is None else v,
    )
    env.filters["bibtex"] = bibtex_escape
    return env


def fields(inst: Instrument, t: Labels, uri: str | None = None, provision: Provision | None = None) -> dict:
    """The citation fields every format is built from, in one language; its address the official text's, else
    `uri`, the act's permanent address on the site (a public build's); `pinpoint`, the provision cited, if one is."""
    authority = t.issuer[inst.issuer] if inst.issuer else None
    parts = [int(p) for p in inst.date.split("-")] if inst.date else []
    return {
        "key": inst.id,
        "title": one_line(inst.title[t.lang]),
        "title_stated": inst.title_stated,  # else the title is a description holding the date and number
        "authority": authority,
        "language": t.lang,
        "kind": t.kind[inst.kind],
        "cited_as_international": inst.kind in CITED_AS_INTERNATIONAL,
        "date": t.citation_date(inst.date),
        "date_kind": t.date_kind_of(inst) if inst.date_kind else "",
        "entry_into_force": t.citation_date(inst.entry_into_force) if inst.entry_into_force else "",
        "date_parts": parts,
        "full_date": len(parts) == 3,
        "year": parts[0] if parts else None,
        "iso_date": inst.date,
        "ris_date": "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])]) if parts else None,
        "number": t.number_label(inst, citation=True),
        "raw_number": inst.number,
        # "UN Doc" where the number is a UN document's symbol
        "un_document": t.ui["un_document"] if inst.number and UN_SYMBOL.fullmatch(inst.number) else "",
        "url": inst.link or uri,
        "ris_type": RIS_TYPES.get(inst.kind, "LEGAL"),
        "pinpoint": t.provision_citation(provision.unit, provision.number) if provision else "",
    }


def styles(
    inst: Instrument,
    env: Environment | None = None,
    labels: dict[str, Labels] | None = None,
    uris: dict[str, str | None] | None = None,
    provision: Provision | None = None,
) -> dict[str, str]:
    """The citation in the Azerbaijani, English (OSCOLA-like) and Russian (GOST-like) styles; `labels`,
    one Labels per language, as the build has read them (read anew without); `uris`, the act's permanent
    address in each language, for an act without an official text online; `provision`, the one cited, if any
    ("..., 12-ci maddə", "... CETS No 197 art 12", "..., ст. 12")."""
    module = (env or text_environment()).get_template("citation.txt.j2").module
    labels = labels or {lang: Labels(lang) for lang in LANGUAGES}
    uris = uris or {}
    return {
        lang: one_line(getattr(module, lang)(fields(inst, labels[lang], uris.get(lang), provision)))
        for lang in LANGUAGES
    }


def bibtex(inst: Instrument, t: Labels, env: Environment | None = None) -> str:
    return (env or text_environment()).get_template("entry.bib.j2").render(c=fields(inst, t))


def ris(inst: Instrument, t: Labels, env: Environment | None = None) -> str:
    return (env or text_environment()).get_template("entry.ris.j2").render(c=fields(inst, t))


def csl_type(inst: Instrument) -> str:
    return CSL_TYPES.get(inst.kind, "legislation")


def csl_number(number: str) -> str:
    """A number as CSL-JSON holds it: citeproc-js reads "958-IIQ" as a range ("Nos. 958-IIQ") unless its hyphens
    are escaped ("958\\-IIQ"); it prints them as plain hyphens."""
    return number.replace("-", "\\-")


def csl(inst: Instrument, t: Labels, uri: str | None = None) -> dict:
    """One CSL-JSON item. The issuing body of an act or treaty is its `authority`, not its author (styles print
    an author before the title); a report's or a UN document's issuing body is its author. A treaty's series
    number is its `genre` (OSCOLA prints it there) and its container and number (APA, Chicago); a UN document's
    symbol is its number after the genre "UN Doc". `uri`: the act's permanent address, its URL where no
    official text is online."""
    c = fields(inst, t, uri)
    kind = csl_type(inst)
    item: dict = {"id": inst.id, "type": kind, "title": c["title"], "language": t.lang}
    if inst.short_title:
        item["title-short"] = one_line(inst.short_title[t.lang])
    if c["authority"]:
        if kind in ("legislation", "treaty"):
            item["authority"] = c["authority"]
        else:
            item["author"] = [{"literal": c["authority"]}]
    if c["date_parts"]:
        item["issued"] = {"date-parts": [c["date_parts"]]}
    series = SERIES.fullmatch(inst.number or "")
    if series:
        item |= {"genre": c["number"], "container-title": "CETS", "number": series.group(1)}
    elif unts := inst.unts_volume_page:  # OSCOLA prints the genre and the page, APA and Chicago container, volume, page
        volume, page = unts
        item |= {"genre": f"{volume} UNTS", "container-title": "UNTS", "volume": volume, "page": page}
    elif c["un_document"]:
        item |= {"genre": c["un_document"], "number": inst.number}
    elif kind != "treaty":  # OSCOLA prints a treaty's genre where its series goes
        item["genre"] = c["kind"]
        if inst.number:
            item["number"] = csl_number(inst.number)
    if c["url"]:
        item["URL"] = c["url"]
    if inst.level == "national":
        item["jurisdiction"] = "az"
    return item


def json_ld(inst: Instrument, corpus: Corpus, t: Labels, uri: str | None = None) -> str:
    """A schema.org Legislation block; safe to place inside <script>. `uri`: the act's permanent address, its @id
    (absolute: given only where the site has a public address)."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        **({"@id": uri} if uri else {}),
        "name": one_line(inst.title[t.lang]),
        "inLanguage": t.lang,
        "legislationType": t.kind[inst.kind],
        "legislationJurisdiction": "AZ" if inst.level == "national" else t.level[inst.level],
        "abstract": one_line(inst.purpose[t.lang]),
    }
    if inst.number:
        data["legislationIdentifier"] = inst.number
    if inst.date:
        data["legislationDate"] = inst.date
    if inst.issuer:
        data["legislationPassedBy"] = {"@type": "Organization", "name": t.issuer[inst.issuer]}
    if inst.link:
        data["sameAs"] = inst.link
    if corpus.document.get("license"):  # the site's record of the act is ours (CC BY 4.0), the act's text is not
        data["subjectOf"] = {"@type": "WebPage", "license": corpus.document["license"], **({"url": uri} if uri else {})}

    def legislation(target_id: str) -> dict:
        target = corpus.by_id[target_id]
        item = {"@type": "Legislation", "name": one_line(target.title[t.lang])}
        if target.link:
            item["sameAs"] = target.link
        return item

    based_on = [
        rel.target for rel in inst.relations if rel.type in ("implements", "based_on", "ratifies", "supplements")
    ]
    changes = [rel.target for rel in inst.relations if rel.type == "amends"]
    if based_on:
        data["isBasedOn"] = [legislation(i) for i in based_on]
    if changes:
        data["legislationChanges"] = [legislation(i) for i in changes]
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
