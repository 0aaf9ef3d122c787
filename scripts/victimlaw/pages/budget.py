"""The size budget of the generated pages and their pagination: no page of the built site weighs more than
PAGE_BYTES, whatever the corpus's size or shape (tests/test_scale.py checks corpora of several shapes).

The kinds read these numbers as `budget.PAGE_ROWS` and so on, at the time they lay their pages out, so that a test
can set smaller ones.
"""

from __future__ import annotations

from functools import cached_property

from markupsafe import escape

from .. import LANGUAGES
from ..model.corpus import Instrument, Relation
from .base import SiteView
from .relations import name_lines

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
NODE_LINE_BYTES = 45  # a line of a box's name, without its words: its <text> element (relations.name_lines)
EDGE_BYTES = 200  # an arrow of the relations picture, without the names in its title
CELL_BYTES = 40  # an empty cell of the matrix
TARGET_BYTES = 110  # a provision in a matrix cell: its link and its title, without the theme's id and name
PAGE_FIXED_BYTES = 4000  # a page's headings, introduction, links back, legend


class Sizes:
    """Estimates of what the pages write per instrument, in the language that writes most."""

    def __init__(self, site: SiteView):
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
        return (
            NODE_BYTES
            + len(inst.id)
            + self.name[inst.id]
            + NODE_LINE_BYTES * self.name_lines[inst.id]
            + self.title[inst.id]
        )

    @cached_property
    def name_lines(self) -> dict[str, int]:
        """The lines of each act's name in its box of the relations picture, in the language that takes most."""
        return {i.id: max(len(name_lines(i.name(lang))) for lang in LANGUAGES) for i in self.site.corpus.instruments}

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
