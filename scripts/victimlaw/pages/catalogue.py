"""The catalogue (instruments/index.md) and, when it would outgrow a page, its lists' pages of their own (catalogue/)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any, NamedTuple

from .. import DEFAULT_LANGUAGE
from ..labels import Labels
from ..model.corpus import Instrument
from ..model.vocabularies import kind_order, level_order
from . import budget
from .base import Page, PageKind, by_date


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
    def sizes(self) -> budget.Sizes:
        return budget.Sizes(self.site)

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
                    for part in budget.paginate(rows, sizes.row, budget.PAGE_ROWS, "year-0000")
                ]
            else:
                pieces[key] = budget.paginate(lists[key], sizes.row, budget.PAGE_ROWS, self.slug(key))

        def index_bytes() -> int:
            return (
                budget.PAGE_FIXED_BYTES
                + budget.TABLE_BYTES * len(lists)
                + sum(inline.values())
                + sum(len(parts) * (budget.PAGER_LINK_BYTES + 20) for parts in pieces.values())
            )

        for key, members in lists.items():
            if len(members) > budget.PAGE_ROWS or inline[key] > budget.SPLIT_BYTES - budget.PAGE_FIXED_BYTES:
                split(key)
        while index_bytes() > budget.SPLIT_BYTES and (rest := [key for key in inline if lists[key]]):
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
                chunked = budget.paginate(rows, sizes.row, budget.PAGE_ROWS, "year-0000")
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


class Place(NamedTuple):
    """An instrument's place in the catalogue (CataloguePages.places)."""

    level: str
    kind: str
    path: str  # the catalogue page that lists it
    anchor: str | None  # its group's heading there, when the group is on the catalogue's index
    previous: Instrument | None  # its neighbours in the group, in date order
    next: Instrument | None
