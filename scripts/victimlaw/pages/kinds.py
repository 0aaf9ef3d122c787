"""The page kinds: instrument, catalogue (with its parts), references, lookup, timeline, themes, matrix."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from markupsafe import Markup

from .. import DEFAULT_LANGUAGE
from ..cite import Resolver, browser_data
from ..exports import citations
from ..labels import Labels
from ..model.corpus import Instrument
from ..model.themes import Target, Theme
from . import Page, PageKind, by_date, chunks

LEVEL_ORDER = ("international", "regional", "national")
KIND_ORDER = (
    "declaration",
    "resolution",
    "convention",
    "protocol",
    "report",
    "publication",
    "constitution",
    "code",
    "law",
    "decree",
    "order",
    "decision",
    "action_plan",
    "charter",
)
PAGE_ROWS = 80  # rows a listing page holds before it is split, so pages stay small at any corpus size
CITING_LIMIT = 20  # instruments listed under one reference of the article
TIMELINE_ROWS = 24  # instruments on one page of a large timeline (its picture adds their partners)
LOOKUP_EXAMPLES = {
    "az": ["NK-nın 9 noyabr 2005-ci il tarixli 203 nömrəli qərarı", "maddə 14-1", "CM 144-1", "e-qanun 11446"],
    "en": ["Decision No. 203 of 9 November 2005", "CETS 197 art. 13", "Law No. 609-IVQD", "A/RES/55/25"],
    "ru": ["Постановление Кабинета Министров № 203 от 9 ноября 2005 г.", "ст. 14-1", "УК 144-3", "Указ № 272"],
}


def groups(corpus) -> list[tuple[str, list[tuple[str, list[Instrument]]]]]:
    """Instruments by level, then kind, each group in date order."""
    out = []
    for level in LEVEL_ORDER:
        kinds = []
        for kind in KIND_ORDER:
            members = sorted((i for i in corpus.instruments if i.level == level and i.kind == kind), key=by_date)
            if members:
                kinds.append((kind, members))
        if kinds:
            out.append((level, kinds))
    return out


class InstrumentPages(PageKind):
    """A page per instrument: facts, purpose, provisions, relations, citations, themes, sources."""

    folders = ("instruments",)
    template = "instrument.html.j2"

    def pages(self) -> Iterable[Page]:
        for inst in self.site.corpus.instruments:
            yield Page(f"instruments/{inst.id}.md", self, {"inst": inst})

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        inst = page.values["inst"]
        return {
            "inst": inst,
            "title": inst.name(t.lang),
            "downloads": self.downloads(inst, t),
            "citations": citations.styles(inst, self.site.text_env, self.site.labels),
        }

    def meta(self, page: Page, t: Labels, values: dict[str, Any]) -> dict[str, Any]:
        inst = values["inst"]
        return {
            "title": values["title"],
            "description": inst.purpose[t.lang],
            "citation_meta": citations.highwire(inst, t),
            "jsonld": citations.json_ld(inst, self.site.corpus, t),
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
                json.dumps([citations.csl(inst, t)], ensure_ascii=False, sort_keys=True),
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
    """The catalogue (instruments/index.md); in a corpus too large for one page, long groups and the
    chronology get pages of their own (catalogue/), so no page outgrows PAGE_ROWS rows."""

    folders = ("instruments", "catalogue")
    template = "catalogue.html.j2"
    part_template = "listing.html.j2"

    @cached_property
    def layout(self) -> dict[str, Any]:
        corpus = self.site.corpus
        large = len(corpus.instruments) > PAGE_ROWS
        parts, part_pages, years = {}, [], []
        for level, kinds in groups(corpus):
            for kind, members in kinds:
                pieces = chunks(members, PAGE_ROWS) if large and len(members) > PAGE_ROWS else []
                slug = f"{level}-{kind.replace('_', '-')}"
                pager = [(n, f"catalogue/{slug}-{n}.md") for n in range(1, len(pieces) + 1)]
                parts[(level, kind)] = pager
                for (n, path), rows in zip(pager, pieces, strict=True):
                    part_pages.append(
                        Page(
                            path,
                            self,
                            {"group": (level, kind), "rows": rows, "pager": pager, "current": n},
                            self.part_template,
                        )
                    )
        chronology = sorted((i for i in corpus.instruments if i.date), key=by_date)
        if large:
            for year, rows in by_year(chronology):
                path = f"catalogue/year-{year}.md"
                years.append((year, path, len(rows)))
                part_pages.append(
                    Page(path, self, {"year": year, "rows": rows, "pager": [], "current": 0}, self.part_template)
                )
        return {
            "parts": parts,
            "part_pages": part_pages,
            "years": years or None,
            "chronology": chronology,
            "undated": sorted((i for i in corpus.instruments if not i.date), key=lambda i: i.id),
        }

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
            }
        if "year" in page.values:
            heading = f"{t.ui['chronology']}: {page.values['year']}"
        else:
            level, kind = page.values["group"]
            heading = (
                f"{t.kind_plural[kind]} — {t.level[level]} "
                f"({t.ui['part_of'].format(n=page.values['current'], total=len(page.values['pager']))})"
            )
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
    """The article's reference list, each with the instruments that rely on it."""

    folders = ("references",)
    template = "references.html.j2"

    def pages(self) -> Iterable[Page]:
        yield Page("references/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["references"], "limit": CITING_LIMIT}


class LookupPage(PageKind):
    """The citation lookup; its data (the resolver's rules and words) is a script beside it."""

    folders = ("cite",)
    template = "lookup.html.j2"

    def pages(self) -> Iterable[Page]:
        yield Page("cite/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["lookup"], "examples": LOOKUP_EXAMPLES[t.lang]}

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.site.corpus)

    def script(self, t: Labels) -> str:
        """cite/cite-data.js of one language."""
        data = browser_data(self.site.corpus, self.resolver, t, self.site.directory_urls)
        return self.site.env.get_template("cite-data.js.j2").render(
            data=Markup(json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"))
        )


class TimelinePages(PageKind):
    """The chronology and the relations picture; a large corpus gets a page per year (or part of one)."""

    folders = ("timeline",)
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
        corpus = self.site.corpus
        undated = sorted((i for i in corpus.instruments if not i.date), key=lambda i: i.id)
        if len(corpus.instruments) <= PAGE_ROWS:
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
        years = []
        for year, rows in by_year(self.chronology):
            pieces = chunks(rows, TIMELINE_ROWS)
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
        yield Page(
            "timeline/index.md",
            self,
            {"chronology": [], "undated": undated, "years": years, "subset": None, "picture": False},
        )

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        label = page.values.get("label")
        heading = f"{t.ui['timeline']}: {label}" if label else t.ui["timeline"]
        picture = self.picture(page, t) if page.values["picture"] else None
        return {
            "title": t.ui["timeline"],
            "heading": heading,
            "back": "timeline/index.md" if label else None,
            **{key: page.values[key] for key in ("chronology", "undated", "years")},
            "picture": picture,
        }

    def picture(self, page: Page, t: Labels) -> dict | None:
        picture = relations_picture(
            self.site.corpus,
            t,
            page.values["subset"],
            lambda inst: self.site.url(t.lang, page.path, f"instruments/{inst.id}.md"),
        )
        return picture if picture["nodes"] else None


class ThemePages(PageKind):
    """A page per protection theme: the international and national provisions compared."""

    folders = ("themes",)
    template = "theme.html.j2"

    def pages(self) -> Iterable[Page]:
        for theme in self.site.corpus.themes:
            yield Page(f"themes/{theme.id}.md", self, {"theme": theme})

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        theme = page.values["theme"]
        numbers, passages = article_passage_numbers(theme)
        return {"title": theme.title[t.lang], "theme": theme, "passage_number": numbers, "passages": passages}

    def meta(self, page: Page, t: Labels, values: dict[str, Any]) -> dict[str, Any]:
        return {"title": values["title"], "description": values["theme"].explanation[t.lang]}


class ThemesIndexPage(PageKind):
    folders = ("themes",)
    template = "themes_index.html.j2"

    def pages(self) -> Iterable[Page]:
        if self.site.corpus.themes:
            yield Page("themes/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["themes"]}


class MatrixPages(PageKind):
    """The concordance matrix: instruments by themes, split into pages of PAGE_ROWS rows."""

    folders = ("themes",)
    template = "matrix.html.j2"

    def pages(self) -> Iterable[Page]:
        if not self.site.corpus.themes:
            return
        rows, cells = matrix_rows(self.site.corpus)
        pieces = chunks(rows, PAGE_ROWS) or [[]]
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
    rows = [
        inst
        for level, kinds in groups(corpus)
        for kind, members in kinds
        for inst in members
        if corpus.themes_of(inst.id)
    ]
    return rows, cells


def article_passage_numbers(theme: Theme) -> tuple[dict[int, int], list[tuple[int, str | None]]]:
    """Number the mappings whose basis is the article, so the table can point at the quotations."""
    numbers: dict[int, int] = {}
    passages: list[tuple[int, str | None]] = []
    for index, mapping in enumerate(theme.mappings):
        if mapping.basis == "article":
            numbers[index] = len(passages) + 1
            passages.append((len(passages) + 1, mapping.passage))
    return numbers, passages


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
ROW, BOX_H, BOX_W, ARC_W, TOP, NAME_CHARS = 44, 36, 500, 170, 24, 72


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def relations_picture(corpus, t: Labels, subset: list[Instrument] | None, href) -> dict:
    """The picture of the relations touching `subset` (all instruments when None); href(instrument) is
    the link to an instrument's page from the page that shows the picture."""
    chosen = {i.id for i in subset} if subset is not None else {i.id for i in corpus.instruments}
    relations = [
        rel for inst in corpus.instruments for rel in inst.relations if rel.source in chosen or rel.target in chosen
    ]
    related = {rel.source for rel in relations} | {rel.target for rel in relations}
    ordered = sorted((i for i in corpus.instruments if i.id in related), key=by_date)
    used_types = [kind for kind in RELATION_COLOURS if any(r.type == kind for r in relations)]
    legend = [
        {
            "type": kind,
            "colour": RELATION_COLOURS[kind],
            "label": t.relation[kind]["forward"],
            "x": 10 + (n % 3) * 220,
            "y": 14 + (n // 3) * 20,
        }
        for n, kind in enumerate(used_types)
    ]
    top = TOP + 20 * ((len(used_types) + 2) // 3)
    row_of = {inst.id: n for n, inst in enumerate(ordered)}
    nodes = []
    for n, inst in enumerate(ordered):
        fill, stroke = LEVEL_COLOURS[inst.level]
        number = f" {t.number_label(inst)}" if inst.number else ""
        nodes.append(
            {
                "x": ARC_W,
                "y": top + n * ROW,
                "w": BOX_W,
                "h": BOX_H,
                "level": inst.level,
                "fill": fill,
                "stroke": stroke,
                "head": f"{t.kind_short[inst.kind]}{number} · {t.date(inst.date) if inst.date else t.ui['date_unknown']}",
                "name": _shorten(inst.name(t.lang), NAME_CHARS),
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
