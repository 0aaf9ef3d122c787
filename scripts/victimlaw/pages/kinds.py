"""The page kinds: instrument, catalogue (with its parts), references, lookup, timeline, themes, matrix."""

from __future__ import annotations

import base64
import json
import textwrap
from collections.abc import Iterable
from functools import cached_property
from typing import Any, NamedTuple
from urllib.parse import urlencode, urljoin

from markupsafe import Markup, escape

from .. import DEFAULT_LANGUAGE, LANGUAGES
from ..cite.resolver import Resolver, browser_data
from ..exports import citations, zotero
from ..labels import Labels
from ..layout import act_path
from ..model.corpus import Instrument, Provision, Relation, natural_key
from ..model.themes import Evidence, Mapping, Target, Theme
from ..model.vocabularies import kind_order, level_order
from .base import Page, PageKind, by_date

PAGE_ROWS = 80  # rows a listing page holds before it is split, so pages stay small at any corpus size
CITING_LIMIT = 20  # instruments listed under one reference of the article
TIMELINE_ROWS = 24  # instruments on one page of a large timeline (its picture adds their partners)
# Listings are split by the bytes they write too, so that long titles or many mid-sized groups cannot make
# a page heavy: no page of the built site weighs more than PAGE_BYTES. Material puts some 14-28 KB around a
# body (header, navigation, table of contents, footer; the catalogue's table of contents is the largest);
# CHROME_BYTES leaves room for twice that. The splits aim at SPLIT_BYTES, from estimates (`Sizes`) that
# err on the heavy side.
PAGE_BYTES = 150_000
CHROME_BYTES = 50_000
BODY_BYTES = PAGE_BYTES - CHROME_BYTES  # the most a generated page's body may weigh
SPLIT_BYTES = 85_000
TEXTS_BYTES = 30_000  # the provisions' words quoted on a theme page; the rest are quoted on their acts' pages


def groups(corpus) -> list[tuple[str, list[tuple[str, list[Instrument]]]]]:
    """Instruments by level, then kind, each group in date order."""
    out = []
    for level in level_order():
        kinds = []
        for kind in kind_order():
            members = sorted((i for i in corpus.instruments if i.level == level and i.kind == kind), key=by_date)
            if members:
                kinds.append((kind, members))
        if kinds:
            out.append((level, kinds))
    return out


def text_bytes(text: str) -> int:
    """The bytes a text takes in a page: HTML-escaped, UTF-8."""
    return len(str(escape(text)).encode("utf-8"))


def pack(items: list, weight, budget: int, rows: int) -> list[list]:
    """`items` in order, cut into pieces of at most `rows` items weighing at most `budget` bytes together
    (an item heavier than that alone gets a piece of its own)."""
    pieces: list[list] = []
    piece: list = []
    used = 0
    for item in items:
        size = weight(item)
        if piece and (used + size > budget or len(piece) >= rows):
            pieces.append(piece)
            piece, used = [], 0
        piece.append(item)
        used += size
    if piece:
        pieces.append(piece)
    return pieces


# What the templates write around the variable parts, in bytes, rounded up (tests/test_scale.py checks the
# pages of corpora of several shapes against BODY_BYTES)
ROW_BYTES = 130  # a table row of a listing, without the instrument's link and number: tags, date, kind, level
LINK_BYTES = 40  # a link to an instrument page, without its id and text
TABLE_BYTES = 600  # a listing's heading, caption and header row
PAGER_LINK_BYTES = 40  # one link of a pager, without its target's name
NODE_BYTES = 600  # a box of the relations picture, without its link's id, its name and its title
NODE_NAME_BYTES = 300  # the most a box's name takes (NAME_LINES lines of NAME_CHARS characters)
EDGE_BYTES = 200  # an arrow of the relations picture, without the names in its title
CELL_BYTES = 40  # an empty cell of the matrix
TARGET_BYTES = 110  # a provision in a matrix cell: its link and its title, without the theme's id and name
PAGE_FIXED_BYTES = 4000  # a page's headings, introduction, links back, legend


class Sizes:
    """Estimates of what the pages write per instrument, in the language that writes most."""

    def __init__(self, site):
        self.site = site

    @cached_property
    def name(self) -> dict[str, int]:
        return {i.id: max(text_bytes(i.name(lang)) for lang in LANGUAGES) for i in self.site.corpus.instruments}

    @cached_property
    def title(self) -> dict[str, int]:
        return {i.id: max(text_bytes(i.title[lang]) for lang in LANGUAGES) for i in self.site.corpus.instruments}

    def link(self, inst: Instrument) -> int:
        return LINK_BYTES + len(inst.id) + self.name[inst.id]

    @cached_property
    def column_label(self) -> int:
        """A timeline row's cell names its column on a phone (data-label), and its date cell has a class."""
        labels = [
            t.ui[key] for t in self.site.labels.values() for key in ("col_international_acts", "col_national_acts")
        ]
        return max(text_bytes(label) for label in labels) + 30

    def row(self, inst: Instrument) -> int:
        """A row of the catalogue, its parts or a chronology (timeline included)."""
        return ROW_BYTES + self.link(inst) + text_bytes(inst.number or "")

    def rows(self, members: list[Instrument]) -> int:
        return TABLE_BYTES + sum(self.row(inst) for inst in members)

    def node(self, inst: Instrument) -> int:
        return NODE_BYTES + len(inst.id) + min(self.name[inst.id], NODE_NAME_BYTES) + self.title[inst.id]

    def timeline(
        self, instruments: list[Instrument], rows: int | None = None, budget: int = SPLIT_BYTES
    ) -> list[list[Instrument]]:
        """`instruments` (in order) cut into timeline pages of at most `rows` instruments, each weighing at
        most `budget` with its picture: a row per instrument, an arrow per relation touching one of them,
        and a box per instrument at either end (each counted once per page)."""
        by_id = self.site.corpus.by_id
        pieces: list[list[Instrument]] = []
        piece: list[Instrument] = []
        nodes: set[str] = set()
        edges: set[tuple] = set()
        used = 0

        def cost(inst: Instrument) -> tuple[int, set[str], dict[tuple, Relation]]:
            new_edges = {
                (rel.source, rel.type, rel.target, rel.provision): rel for rel in inst.relations + tuple(inst.incoming)
            }
            for key in edges & new_edges.keys():
                del new_edges[key]
            new_nodes = {end for rel in new_edges.values() for end in (rel.source, rel.target)} - nodes
            size = (
                self.row(inst)
                + self.column_label
                + sum(self.node(by_id[end]) for end in new_nodes)
                + sum(EDGE_BYTES + self.name[rel.source] + self.name[rel.target] for rel in new_edges.values())
            )
            return size, new_nodes, new_edges

        for inst in instruments:
            size, new_nodes, new_edges = cost(inst)
            if piece and (used + size > budget or (rows is not None and len(piece) >= rows)):
                pieces.append(piece)
                piece, nodes, edges, used = [], set(), set(), 0
                size, new_nodes, new_edges = cost(inst)
            piece.append(inst)
            used += size
            nodes |= new_nodes
            edges |= new_edges.keys()
        if piece:
            pieces.append(piece)
        return pieces


def paginate(members: list[Instrument], weight, rows: int, slug: str, fixed: int = 0) -> list[list[Instrument]]:
    """Pages of a list of `members`, each with room for the pager that links them all (and `fixed` bytes
    the page holds besides)."""
    reserve = 0
    while True:
        pieces = pack(members, weight, SPLIT_BYTES - PAGE_FIXED_BYTES - fixed - reserve, rows)
        pager = len(pieces) * (PAGER_LINK_BYTES + len(slug) + 6)
        if pager <= reserve or reserve > SPLIT_BYTES // 2:
            return pieces
        reserve = pager


class InstrumentPages(PageKind):
    """A page per instrument: facts, purpose, provisions, relations, citations, themes, sources."""

    folders = ("instruments",)
    section = "instruments/index.md"
    template = "instrument.html.j2"

    def pages(self) -> Iterable[Page]:
        for inst in self.site.corpus.instruments:
            yield Page(act_path(inst), self, {"inst": inst})

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        inst = page.values["inst"]
        return {
            "inst": inst,
            "title": inst.name(t.lang),
            "downloads": self.downloads(inst, t),
            "citations": self.site.citations(inst),
            "report": self.report_url(inst, t),
            "implementation": self.implementation(inst),
            "place": self.site.kind(CataloguePages).places[inst.id],
        }

    def implementation(self, inst: Instrument) -> list[tuple[Provision, list[Answer]]]:
        """For an international instrument: each provision, in its order, with the mappings that set
        Azerbaijani acts beside it (none: the page says no national provision was found in the sources)."""
        if inst.level == "national" or not inst.provisions:
            return []
        corpus = self.site.corpus
        return [
            (
                provision,
                [
                    Answer(theme, theme.mappings[index], self.evidence_numbers[theme.id].get(index))
                    for theme, index in corpus.answering(inst.id, provision.id)
                ],
            )
            for provision in inst.provisions
        ]

    @cached_property
    def evidence_numbers(self) -> dict[str, dict[int, int]]:
        """Each theme's numbers for its mappings' quotations of the article, as its page shows them."""
        return {theme.id: numbered_evidence(theme)[0] for theme in self.site.corpus.themes}

    def search_label(self, page: Page, t: Labels, values: dict[str, Any]) -> str:
        return t.facts(values["inst"])

    def report_url(self, inst: Instrument, t: Labels) -> str | None:
        """A new issue in the project's repository with the page and the record filled in (None without one)."""
        site = self.site
        if not site.repo_url:
            return None
        page = site.page_url(t.lang, act_path(inst))
        fields = {
            "title": t.ui["report_title"].format(name=inst.name(t.lang)),
            "body": t.ui["report_body"].format(page=urljoin(site.site_url or "", page), record=inst.id),
        }
        return f"{site.repo_url.rstrip('/')}/issues/new?{urlencode(fields)}"

    def checked(self, page: Page) -> str | None:
        return page.values["inst"].checked

    def meta(self, page: Page, t: Labels, values: dict[str, Any]) -> dict[str, Any]:
        inst = values["inst"]
        return {
            "title": values["title"],
            "description": inst.purpose[t.lang],
            "citation_meta": zotero.zotero_tags(inst, t),
            "jsonld": citations.json_ld(inst, self.site.corpus, t, self.site.public_uri(inst, t.lang)),
        }

    def downloads(self, inst: Instrument, t: Labels) -> list[tuple[str, str, str]]:
        """(label, file name, data: URI) per format. Data URIs rather than files: a file per record,
        format and language would triple the files every language build has to process."""
        files = [
            ("BibTeX", "bib", "application/x-bibtex", citations.bibtex(inst, t, self.site.text_env)),
            ("RIS", "ris", "application/x-research-info-systems", citations.ris(inst, t, self.site.text_env)),
            (
                "CSL-JSON",
                "csl.json",
                "application/vnd.citationstyles.csl+json",
                json.dumps(
                    [citations.csl(inst, t, self.site.public_uri(inst, t.lang))], ensure_ascii=False, sort_keys=True
                ),
            ),
        ]
        # base64: shorter than percent-encoding for Azerbaijani and Cyrillic text
        return [
            (
                label,
                f"{inst.id}.{t.lang}.{ext}",
                f"data:{mime};charset=utf-8;base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}",
            )
            for label, ext, mime, text in files
        ]


class CataloguePages(PageKind):
    """The catalogue (instruments/index.md). When it would outgrow a page, lists get pages of their own
    (catalogue/): every group longer than PAGE_ROWS rows or heavier than a page, then the heaviest others
    until the index fits; the chronology by year, the undated instruments likewise. Each of those pages
    holds at most PAGE_ROWS rows and SPLIT_BYTES of estimated body."""

    folders = ("instruments", "catalogue")
    section = "instruments/index.md"
    template = "catalogue.html.j2"
    part_template = "listing.html.j2"

    @cached_property
    def sizes(self) -> Sizes:
        return Sizes(self.site)

    @cached_property
    def layout(self) -> dict[str, Any]:
        corpus, sizes = self.site.corpus, self.sizes
        chronology = sorted((i for i in corpus.instruments if i.date), key=by_date)
        undated = sorted((i for i in corpus.instruments if not i.date), key=lambda i: i.id)
        lists: dict[Any, list[Instrument]] = {
            (level, kind): members for level, kinds in groups(corpus) for kind, members in kinds
        }
        lists["chronology"], lists["undated"] = chronology, undated
        inline = {key: sizes.rows(members) for key, members in lists.items()}
        pieces: dict[Any, list[list[Instrument]]] = {}

        def split(key) -> None:
            del inline[key]
            if key == "chronology":
                pieces[key] = [
                    part
                    for _, rows in by_year(chronology)
                    for part in paginate(rows, sizes.row, PAGE_ROWS, "year-0000")
                ]
            else:
                pieces[key] = paginate(lists[key], sizes.row, PAGE_ROWS, self.slug(key))

        def index_bytes() -> int:
            return (
                PAGE_FIXED_BYTES
                + TABLE_BYTES * len(lists)
                + sum(inline.values())
                + sum(len(parts) * (PAGER_LINK_BYTES + 20) for parts in pieces.values())
            )

        for key, members in lists.items():
            if len(members) > PAGE_ROWS or inline[key] > SPLIT_BYTES - PAGE_FIXED_BYTES:
                split(key)
        while index_bytes() > SPLIT_BYTES and (rest := [key for key in inline if lists[key]]):
            split(max(rest, key=inline.__getitem__))

        parts, part_pages, years = {}, [], []
        for key, chunked in pieces.items():
            if key == "chronology":
                continue
            pager = [(n, f"catalogue/{self.slug(key)}-{n}.md") for n in range(1, len(chunked) + 1)]
            parts[key] = pager
            for (n, path), rows in zip(pager, chunked, strict=True):
                part_pages.append(
                    Page(path, self, {"group": key, "rows": rows, "pager": pager, "current": n}, self.part_template)
                )
        if "chronology" in pieces:
            for year, rows in by_year(chronology):
                chunked = paginate(rows, sizes.row, PAGE_ROWS, "year-0000")
                pager = [
                    (n, f"catalogue/year-{year}.md" if n == 1 else f"catalogue/year-{year}-{n}.md")
                    for n in range(1, len(chunked) + 1)
                ]
                for (n, path), part in zip(pager, chunked, strict=True):
                    label = year if len(chunked) == 1 else f"{year} ({n})"
                    years.append((label, path, len(part)))
                    part_pages.append(
                        Page(
                            path, self, {"year": label, "rows": part, "pager": pager, "current": n}, self.part_template
                        )
                    )
        return {
            "parts": parts,
            "part_pages": part_pages,
            "years": years or None,
            "chronology": chronology,
            "undated": undated,
        }

    def filters(self, t: Labels) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """The catalogue's filter: (field, label, [(value, label)]) for each way of narrowing the list, with
        the values the instruments have; a row carries its values as data-<field> (catalogue.html.j2)."""
        corpus = self.site.corpus
        instruments = corpus.instruments
        kinds = {inst.kind for inst in instruments}
        levels = {inst.level for inst in instruments}
        issuers = sorted({inst.issuer for inst in instruments if inst.issuer}, key=lambda i: t.issuer[i])
        years = sorted({inst.date[:4] for inst in instruments if inst.date}, reverse=True)
        return [
            ("kind", t.ui["col_kind"], [(kind, t.kind[kind]) for kind in kind_order() if kind in kinds]),
            ("level", t.ui["col_level"], [(level, t.level[level]) for level in level_order() if level in levels]),
            ("issuer", t.ui["issuer"], [(issuer, t.issuer[issuer]) for issuer in issuers]),
            ("year", t.ui["col_year"], [(year, year) for year in years]),
            ("theme", t.ui["col_theme"], [(theme.id, theme.title[t.lang]) for theme in corpus.themes]),
        ]

    @staticmethod
    def slug(key) -> str:
        return "undated" if key == "undated" else f"{key[0]}-{key[1].replace('_', '-')}"

    @cached_property
    def places(self) -> dict[str, Place]:
        """Where the catalogue lists each instrument: its group, the page (and heading) that lists it, and
        its neighbours in the group, for the instrument page's breadcrumbs and previous/next links."""
        listed_on = {
            inst.id: page.path
            for page in self.layout["part_pages"]
            if "group" in page.values
            for inst in page.values["rows"]
        }
        out = {}
        for level, kinds in groups(self.site.corpus):
            for kind, members in kinds:
                anchor = self.slug((level, kind))
                for n, inst in enumerate(members):
                    path = listed_on.get(inst.id)
                    out[inst.id] = Place(
                        level,
                        kind,
                        path or "instruments/index.md",
                        None if path else anchor,
                        members[n - 1] if n else None,
                        members[n + 1] if n + 1 < len(members) else None,
                    )
        return out

    def pages(self) -> Iterable[Page]:
        yield Page("instruments/index.md", self)
        yield from self.layout["part_pages"]

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        if page.path == "instruments/index.md":
            layout = self.layout
            return {
                "title": t.ui["catalogue"],
                "groups": groups(self.site.corpus),
                "chronology": layout["chronology"],
                "undated": layout["undated"],
                "parts": layout["parts"],
                "years": layout["years"],
                "site_root": "../" if t.lang == DEFAULT_LANGUAGE else "../../",
                # the filter sees the rows on this page: none while lists have pages of their own
                "filters": None if layout["parts"] or layout["years"] else self.filters(t),
            }
        if "year" in page.values:
            heading = f"{t.ui['chronology']}: {page.values['year']}"
        else:
            group = page.values["group"]
            name = t.ui["undated"] if group == "undated" else f"{t.kind_plural[group[1]]} — {t.level[group[0]]}"
            heading = f"{name} ({t.ui['part_of'].format(n=page.values['current'], total=len(page.values['pager']))})"
        return {
            "title": heading,
            "heading": heading,
            "rows": page.values["rows"],
            "pager": page.values["pager"],
            "current": page.values["current"],
            "back": "instruments/index.md",
            "back_label": t.ui["back_to_catalogue"],
        }


def by_year(chronology: list[Instrument]) -> list[tuple[str, list[Instrument]]]:
    years: dict[str, list[Instrument]] = {}
    for inst in chronology:
        assert inst.date is not None  # the chronology holds dated instruments only
        years.setdefault(inst.date[:4], []).append(inst)
    return sorted(years.items())


class ReferencesPage(PageKind):
    """The article's reference list, each with the instruments that rely on it: at most CITING_LIMIT of
    them, fewer when their names are long, so that the page stays within SPLIT_BYTES (the bytes left after
    the references themselves are shared among them, what one leaves going to the next)."""

    folders = ("references",)
    template = "references.html.j2"

    def pages(self) -> Iterable[Page]:
        yield Page("references/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["references"], "citing": self.citing}

    @cached_property
    def citing(self) -> dict[int, tuple[list[Instrument], int]]:
        """Per reference number: the instruments listed under it, and how many rely on it."""
        corpus, sizes = self.site.corpus, self.site.kind(CataloguePages).sizes
        references = corpus.references
        left = (
            SPLIT_BYTES
            - PAGE_FIXED_BYTES
            - sum(TABLE_BYTES + text_bytes(ref.text) + len(ref.url or "") for ref in references)
        )
        out = {}
        for n, ref in enumerate(references):
            share, shown = left // (len(references) - n), []
            citing = corpus.citing(ref.number)
            for inst in citing[:CITING_LIMIT]:
                if sizes.link(inst) + 20 > share:
                    break
                shown.append(inst)
                share -= sizes.link(inst) + 20
                left -= sizes.link(inst) + 20
            out[ref.number] = (shown, len(citing))
        return out


class LookupPage(PageKind):
    """The citation lookup; its data (the resolver's rules and words) is a script beside it."""

    folders = ("cite",)
    template = "lookup.html.j2"

    def pages(self) -> Iterable[Page]:
        yield Page("cite/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["lookup"], "examples": t.ui["lookup_example_citations"]}

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.site.corpus)

    def script(self, t: Labels) -> str:
        """cite/cite-data.js of one language."""
        site = self.site  # each act's citations and its provisions' (Site.citations) go to the page
        locations = {inst.id: site.page_url(t.lang, act_path(inst)) for inst in site.corpus.instruments}
        data = browser_data(site.corpus, self.resolver, t, site.directory_urls, site.citations, locations)
        return self.site.env.get_template("cite-data.js.j2").render(
            data=Markup(json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"))
        )


class TimelinePages(PageKind):
    """The chronology and the relations picture. When they would outgrow a page (more than PAGE_ROWS
    instruments, or more than SPLIT_BYTES of rows and picture), a page per year or part of one, each of at
    most TIMELINE_ROWS instruments whose rows and share of the picture (`Sizes.timeline`) fit SPLIT_BYTES;
    the undated instruments stay on the index while they fit, else get pages of their own."""

    folders = ("timeline",)
    section = "timeline/index.md"
    template = "timeline.html.j2"

    @cached_property
    def chronology(self) -> list[Instrument]:
        return sorted((i for i in self.site.corpus.instruments if i.date), key=by_date)

    @cached_property
    def related(self) -> set[str]:
        """Ids of the instruments with at least one relation, either way."""
        return {
            end for inst in self.site.corpus.instruments for rel in inst.relations for end in (rel.source, rel.target)
        }

    def pages(self) -> Iterable[Page]:
        corpus, sizes = self.site.corpus, self.site.kind(CataloguePages).sizes
        undated = sorted((i for i in corpus.instruments if not i.date), key=lambda i: i.id)
        undated_bytes = TABLE_BYTES + sum(sizes.row(inst) for inst in undated)
        if (
            len(corpus.instruments) <= PAGE_ROWS
            and len(sizes.timeline(self.chronology + undated, budget=SPLIT_BYTES - PAGE_FIXED_BYTES - TABLE_BYTES)) <= 1
        ):
            yield Page(
                "timeline/index.md",
                self,
                {
                    "chronology": self.chronology,
                    "undated": undated,
                    "years": None,
                    "subset": None,
                    "picture": bool(self.related),
                },
            )
            return
        years: list[tuple[str | int | None, str, int]] = []  # (year, or the number of an undated page), path, count
        for year, rows in by_year(self.chronology):
            pieces = sizes.timeline(rows, TIMELINE_ROWS, SPLIT_BYTES - PAGE_FIXED_BYTES)
            for n, part in enumerate(pieces, start=1):
                path = f"timeline/{year}.md" if n == 1 else f"timeline/{year}-{n}.md"
                label = year if len(pieces) == 1 else f"{year} ({n})"
                years.append((label, path, len(part)))
                yield Page(
                    path,
                    self,
                    {
                        "label": label,
                        "chronology": part,
                        "undated": [],
                        "years": None,
                        "subset": part,
                        "picture": any(i.id in self.related for i in part),
                    },
                )
        links_bytes = len(years) * (PAGER_LINK_BYTES + 20)
        if undated and PAGE_FIXED_BYTES + links_bytes + undated_bytes > SPLIT_BYTES:
            pieces = paginate(undated, sizes.row, PAGE_ROWS, "undated-00")
            for n, part in enumerate(pieces, start=1):
                path = "timeline/undated.md" if n == 1 else f"timeline/undated-{n}.md"
                years.append((None if len(pieces) == 1 else n, path, len(part)))  # labelled in values()
                yield Page(
                    path,
                    self,
                    {
                        "label": n if len(pieces) > 1 else None,
                        "undated_part": True,
                        "chronology": [],
                        "undated": part,
                        "years": None,
                        "subset": part,
                        "picture": False,
                    },
                )
            undated = []
        yield Page(
            "timeline/index.md",
            self,
            {"chronology": [], "undated": undated, "years": years, "subset": None, "picture": False},
        )

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        label = page.values.get("label")
        if page.values.get("undated_part"):
            label = t.ui["undated"] + (f" ({label})" if label else "")
        heading = f"{t.ui['timeline']}: {label}" if label else t.ui["timeline"]
        picture = self.picture(page, t) if page.values["picture"] else None
        years = page.values["years"]
        if years:  # the undated instruments' pages are labelled in the language
            years = [
                (year if isinstance(year, str) else t.ui["undated"] + (f" ({year})" if year else ""), path, count)
                for year, path, count in years
            ]
        return {
            "title": t.ui["timeline"],
            "heading": heading,
            "back": "timeline/index.md" if label else None,
            **{key: page.values[key] for key in ("chronology", "undated")},
            "years": years,
            "picture": picture,
        }

    def picture(self, page: Page, t: Labels) -> dict | None:
        picture = relations_picture(
            self.site.corpus,
            t,
            page.values["subset"],
            lambda inst: self.site.url(t.lang, page.path, act_path(inst)),
            self.relations_of,
        )
        return picture if picture["nodes"] else None

    @cached_property
    def relations_of(self) -> dict[str, list[tuple[int, Relation]]]:
        """Each instrument's relations, either way, with their place in the corpus's order: a page's picture
        looks up its own instruments' instead of going through the whole corpus."""
        found: dict[str, list[tuple[int, Relation]]] = {}
        rank = 0
        for inst in self.site.corpus.instruments:
            for rel in inst.relations:
                for end in dict.fromkeys((rel.source, rel.target)):
                    found.setdefault(end, []).append((rank, rel))
                rank += 1
        return found


class ThemePages(PageKind):
    """A page per protection theme: the international and national provisions compared."""

    folders = ("themes",)
    section = "themes/index.md"
    template = "theme.html.j2"

    def pages(self) -> Iterable[Page]:
        for theme in self.site.corpus.themes:
            yield Page(f"themes/{theme.id}.md", self, {"theme": theme})

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        theme = page.values["theme"]
        numbers, quoted_article = numbered_evidence(theme)
        quoted, elsewhere, unfound = self.provision_words(theme)
        return {
            "title": theme.title[t.lang],
            "theme": theme,
            "evidence_number": numbers,
            "evidence": quoted_article,
            "quoted": quoted,
            "quoted_elsewhere": elsewhere,
            "words_not_found": unfound,
        }

    def provision_words(self, theme) -> tuple[list[Target], list[Target], bool]:
        """The compared provisions whose words are quoted on the page (up to TEXTS_BYTES of them), those
        whose words are left to their act's page, and whether any compared provision has no words found."""
        quoted: list[Target] = []
        elsewhere: list[Target] = []
        used, unfound = 0, False
        for target in theme.provisions_compared:
            provision = self.site.corpus.by_id[target.instrument].provision(target.provision or "")
            texts = provision.texts if provision else ()
            if not texts:
                unfound = True
                continue
            size = sum(text_bytes(text.text) for text in texts)
            if used + size <= TEXTS_BYTES:
                quoted.append(target)
                used += size
            else:
                elsewhere.append(target)
        return quoted, elsewhere, unfound

    def meta(self, page: Page, t: Labels, values: dict[str, Any]) -> dict[str, Any]:
        return {"title": values["title"], "description": values["theme"].explanation[t.lang]}

    def search_label(self, page: Page, t: Labels, values: dict[str, Any]) -> str:
        return t.ui["theme_label"]

    def checked(self, page: Page) -> str | None:
        corpus = self.site.corpus
        dates = [corpus.by_id[i].checked for i in page.values["theme"].instrument_ids]
        return max((date for date in dates if date), default=None)


class ThemesIndexPage(PageKind):
    folders = ("themes",)
    template = "themes_index.html.j2"

    def pages(self) -> Iterable[Page]:
        if self.site.corpus.themes:
            yield Page("themes/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["themes"]}


class MatrixPages(PageKind):
    """The concordance matrix: instruments by themes, split into pages of at most PAGE_ROWS rows and
    SPLIT_BYTES of estimated body (the list of themes and the header row, then the rows)."""

    folders = ("themes",)
    section = "themes/matrix.md"
    template = "matrix.html.j2"

    def pages(self) -> Iterable[Page]:
        corpus = self.site.corpus
        if not corpus.themes:
            return
        rows, cells = matrix_rows(corpus)
        names = {
            inst.id: max(text_bytes(self.site.labels[lang].short_label(inst)) for lang in LANGUAGES) for inst in rows
        }

        titles = {theme.id: max(text_bytes(theme.title[lang]) for lang in LANGUAGES) for theme in corpus.themes}

        def row_bytes(inst: Instrument) -> int:
            size = LINK_BYTES + len(inst.id) + names[inst.id]
            for theme in corpus.themes:
                size += CELL_BYTES
                cell = cells[(inst.id, theme.id)]
                if cell:  # the theme's name labels the cell on a phone; each link has it in its title
                    size += titles[theme.id] + sum(
                        TARGET_BYTES + len(theme.id) + titles[theme.id] + 2 * len(target.provision or "")
                        for target in cell
                    )
            return size

        head = sum(
            2 * LINK_BYTES + 3 * len(theme.id) + max(text_bytes(theme.title[lang]) for lang in LANGUAGES)
            for theme in corpus.themes
        )
        pieces = paginate(rows, row_bytes, PAGE_ROWS, "matrix-00", fixed=min(head, SPLIT_BYTES // 2)) or [[]]
        pager = [(n, "themes/matrix.md" if n == 1 else f"themes/matrix-{n}.md") for n in range(1, len(pieces) + 1)]
        for (n, path), part in zip(pager, pieces, strict=True):
            yield Page(path, self, {"rows": part, "cells": cells, "pager": pager, "current": n})

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["matrix"], **page.values}


def matrix_rows(corpus) -> tuple[list[Instrument], dict[tuple[str, str], list[Target]]]:
    """Instruments that appear in a theme (international first, each group in date order) and the cells."""
    cells: dict[tuple[str, str], list[Target]] = {}
    for theme in corpus.themes:
        for inst in corpus.instruments:
            cells[(inst.id, theme.id)] = []
        for target in theme.targets():
            if target not in cells[(target.instrument, theme.id)]:
                cells[(target.instrument, theme.id)].append(target)
    for (instrument_id, _theme), cell in cells.items():
        if len(cell) < 2:  # most cells of a large corpus are empty
            continue
        inst = corpus.by_id[instrument_id]
        # provisions in their act's order, the act as a whole after them
        cell.sort(key=lambda t: natural_key(inst.provision(t.provision).number) if t.provision else ((2, 0, ""),))
    rows = [
        inst
        for level, kinds in groups(corpus)
        for kind, members in kinds
        for inst in members
        if corpus.themes_of(inst.id)
    ]
    return rows, cells


def numbered_evidence(theme: Theme) -> tuple[dict[int, int], list[tuple[int, Mapping, list[list[Segment]]]]]:
    """Number the mappings that quote the source article, so the table can point at their quotations; each
    quotation in pieces, the words naming a side marked with the side."""
    numbers: dict[int, int] = {}
    quoted: list[tuple[int, Mapping, list[list[Segment]]]] = []
    for index, mapping in enumerate(theme.mappings):
        if mapping.evidence:
            numbers[index] = len(quoted) + 1
            quoted.append((len(quoted) + 1, mapping, [naming_segments(item) for item in mapping.evidence]))
    return numbers, quoted


class Place(NamedTuple):
    """An instrument's place in the catalogue (CataloguePages.places)."""

    level: str
    kind: str
    path: str  # the catalogue page that lists it
    anchor: str | None  # its group's heading there, when the group is on the catalogue's index
    previous: Instrument | None  # its neighbours in the group, in date order
    next: Instrument | None


class Answer(NamedTuple):
    """A mapping that answers an international provision, with the number of its quotations on the theme page."""

    theme: Theme
    mapping: Mapping
    evidence_number: int | None


class Segment(NamedTuple):
    text: str
    side: str | None  # the side these words name, if they name one


def naming_segments(evidence: Evidence) -> list[Segment]:
    """The passage cut where the words naming each side begin and end (their first occurrence)."""
    spans = sorted(
        (start, start + len(words), side)
        for side, words in evidence.names.items()
        if (start := evidence.passage.find(words)) >= 0
    )
    pieces, at = [], 0
    for start, end, side in spans:
        if start < at:  # overlapping names: the earlier one is marked
            continue
        pieces += [Segment(evidence.passage[at:start], None), Segment(evidence.passage[start:end], side)]
        at = end
    pieces.append(Segment(evidence.passage[at:], None))
    return [piece for piece in pieces if piece.text]


# -- the relations picture: an arc diagram, one row per instrument in date order
RELATION_COLOURS = {
    "adopts": "#6a1b9a",
    "approves": "#2e7d32",
    "implements": "#1565c0",
    "amends": "#c62828",
    "supplements": "#ef6c00",
    "ratifies": "#00838f",
    "based_on": "#5d4037",
    "continues": "#ad1457",
    "evaluates": "#455a64",
}
LEVEL_COLOURS = {
    "international": ("#fff8e1", "#f9a825"),
    "regional": ("#e0f2f1", "#00897b"),
    "national": ("#e8eaf6", "#3949ab"),
}
# Sized to fit a phone (390 px less the page's margins) at the text's own size: each box holds a line of kind,
# number and date and the act's name in NAME_LINES lines of NAME_CHARS; the arcs bend within ARC_W.
ROW, BOX_H, BOX_W, ARC_W, TOP, NAME_CHARS, NAME_LINES, LINE = 60, 52, 250, 96, 24, 33, 2, 15
HEAD_CHARS = 42  # the first line, in bold: kind, number and date
LEGEND_ARROW, LEGEND_CHAR = 40, 7  # a legend entry: its arrow and gap, and room for each character of its label


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _name_lines(text: str) -> list[str]:
    """The name in NAME_LINES lines of at most NAME_CHARS characters, broken between words; the last line ends
    in "…" when the name is longer."""
    lines = textwrap.wrap(text, NAME_CHARS, break_long_words=True) or [""]
    if len(lines) > NAME_LINES:
        rest = " ".join(lines[NAME_LINES - 1 :])
        lines = [*lines[: NAME_LINES - 1], _shorten(rest, NAME_CHARS)]
    return lines


def relations_picture(corpus, t: Labels, subset: list[Instrument] | None, href, relations_of=None) -> dict:
    """The picture of the relations touching `subset` (all instruments when None); href(instrument) is
    the link to an instrument's page from the page that shows the picture; relations_of, each instrument's
    relations with their place in the corpus (TimelinePages.relations_of), spares a pass over the corpus."""
    if subset is None or relations_of is None:
        chosen = {i.id for i in subset} if subset is not None else {i.id for i in corpus.instruments}
        relations = [
            rel for inst in corpus.instruments for rel in inst.relations if rel.source in chosen or rel.target in chosen
        ]
    else:
        touching = {rank: rel for inst in subset for rank, rel in relations_of.get(inst.id, [])}
        relations = [touching[rank] for rank in sorted(touching)]
    related = {rel.source for rel in relations} | {rel.target for rel in relations}
    ordered = sorted((corpus.by_id[i] for i in related), key=by_date)
    used_types = [kind for kind in RELATION_COLOURS if any(r.type == kind for r in relations)]
    # two columns where the longest label leaves room for them, else one
    legend_w = LEGEND_ARROW + LEGEND_CHAR * max((len(t.relation[kind]["forward"]) for kind in used_types), default=0)
    columns = 2 if 10 + 2 * legend_w <= ARC_W + BOX_W else 1
    legend = [
        {
            "type": kind,
            "colour": RELATION_COLOURS[kind],
            "label": t.relation[kind]["forward"],
            "x": 10 + (n % columns) * legend_w,
            "y": 14 + (n // columns) * 20,
        }
        for n, kind in enumerate(used_types)
    ]
    top = TOP + 20 * ((len(used_types) + columns - 1) // columns)
    row_of = {inst.id: n for n, inst in enumerate(ordered)}
    nodes = []
    for n, inst in enumerate(ordered):
        fill, stroke = LEVEL_COLOURS[inst.level]
        number = f" {t.number_label(inst)}" if inst.number else ""
        date = t.date(inst.date) if inst.date else t.ui["date_unknown"]
        head = f"{t.kind_short[inst.kind]}{number} · {date}"
        if len(head) > HEAD_CHARS:  # a long designation ("Avropa Şurasının Müqavilələr Seriyası - 197"): on its page
            head = f"{t.kind_short[inst.kind]} · {date}"
        nodes.append(
            {
                "x": ARC_W,
                "y": top + n * ROW,
                "w": BOX_W,
                "h": BOX_H,
                "level": inst.level,
                "fill": fill,
                "stroke": stroke,
                "head": head,
                "name": [
                    {"text": line, "y": top + n * ROW + 31 + k * LINE}
                    for k, line in enumerate(_name_lines(inst.name(t.lang)))
                ],
                "title": inst.title[t.lang],
                "href": href(inst),
            }
        )
    edges = []
    for rel in relations:
        y1 = top + row_of[rel.source] * ROW + BOX_H / 2
        y2 = top + row_of[rel.target] * ROW + BOX_H / 2
        bend = min(ARC_W - 8, 16 + abs(y2 - y1) * 0.3)
        edges.append(
            {
                "type": rel.type,
                "colour": RELATION_COLOURS[rel.type],
                "d": f"M{ARC_W},{y1:.0f} C{ARC_W - bend:.0f},{y1:.0f} {ARC_W - bend:.0f},{y2:.0f} {ARC_W},{y2:.0f}",
                "title": f"{corpus.by_id[rel.source].name(t.lang)} — {t.relation[rel.type]['forward']} — "
                f"{corpus.by_id[rel.target].name(t.lang)}",
            }
        )
    return {
        "nodes": nodes,
        "edges": edges,
        "legend": legend,
        "colours": {k: RELATION_COLOURS[k] for k in used_types},
        "width": ARC_W + BOX_W + 10,
        "height": top + len(ordered) * ROW,
        "title": t.ui["relations_picture"],
    }


# The one list of page kinds: the site's generated pages and the folders that hold them follow from it.
PAGE_KINDS = (
    InstrumentPages,
    CataloguePages,
    ReferencesPage,
    LookupPage,
    TimelinePages,
    ThemePages,
    ThemesIndexPage,
    MatrixPages,
)
