"""The relations picture: an arc diagram of the relations between instruments, one row per instrument in date
order (relations.svg.j2 draws it on the timeline's pages)."""

from __future__ import annotations

import textwrap

from ..labels import Labels
from ..model.corpus import Instrument
from .base import by_date

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
# number and date and the act's whole name in lines of NAME_CHARS, LINE apart, and is as tall as they need
# (at least BOX_H), GAP from the next; the arcs bend within ARC_W.
BOX_H, BOX_W, ARC_W, TOP, NAME_CHARS, LINE, GAP = 52, 250, 96, 24, 33, 15, 8
HEAD_CHARS = 42  # the first line, in bold: kind, number and date
NAME_Y, PAD = 31, 8  # the name's first baseline in a box (below the first line's), and room below its last
LEGEND_ARROW, LEGEND_CHAR = 40, 7  # a legend entry: its arrow and gap, and room for each character of its label
LEGEND_ROW = 20  # a legend entry's height


def name_lines(text: str) -> list[str]:
    """The whole name in lines of at most NAME_CHARS characters, broken between words."""
    return textwrap.wrap(text, NAME_CHARS, break_long_words=True) or [""]


def _box_height(lines: int) -> int:
    return max(BOX_H, NAME_Y + (lines - 1) * LINE + PAD)


def _attachments(edges: list[tuple[int, int]], top: list[float], height: list[float]) -> dict:
    """Where each arc meets each of its two boxes: a box's arcs spread over its height, ordered by where their
    other ends are, so that arcs sharing a box leave it without crossing."""
    ends: dict[int, list[tuple[float, int, int]]] = {}
    for k, (a, b) in enumerate(edges):
        ends.setdefault(a, []).append((top[b], k, 0))
        ends.setdefault(b, []).append((top[a], k, 1))
    at: dict[tuple[int, int], float] = {}
    for row, items in ends.items():
        items.sort()
        step = height[row] / (len(items) + 1)
        for n, (_, k, side) in enumerate(items):
            at[(k, side)] = top[row] + step * (n + 1)
    return at


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
            "y": 14 + (n // columns) * LEGEND_ROW,
        }
        for n, kind in enumerate(used_types)
    ]
    y = 14 + LEGEND_ROW * ((len(used_types) + columns - 1) // columns)
    levels = []  # what a box's colour says: the act's level
    for level in LEVEL_COLOURS:
        if any(inst.level == level for inst in ordered):
            fill, stroke = LEVEL_COLOURS[level]
            levels.append({"fill": fill, "stroke": stroke, "label": t.level[level], "x": 10, "y": y})
            y += LEGEND_ROW
    top = y - 14 + TOP
    row_of = {inst.id: n for n, inst in enumerate(ordered)}
    nodes = []
    for inst in ordered:
        fill, stroke = LEVEL_COLOURS[inst.level]
        number = f" {t.number_label(inst)}" if inst.number else ""
        date = t.date(inst.date) if inst.date else t.ui["date_unknown"]
        head = f"{t.kind_short[inst.kind]}{number} · {date}"
        if len(head) > HEAD_CHARS:  # a long designation ("Avropa Şurasının Müqavilələr Seriyası - 197"): on its page
            head = f"{t.kind_short[inst.kind]} · {date}"
        lines = name_lines(inst.name(t.lang))
        height = _box_height(len(lines))
        nodes.append(
            {
                "x": ARC_W,
                "y": top,
                "w": BOX_W,
                "h": height,
                "level": inst.level,
                "fill": fill,
                "stroke": stroke,
                "head": head,
                "name": [{"text": line, "y": top + NAME_Y + k * LINE} for k, line in enumerate(lines)],
                "title": inst.title[t.lang],
                "href": href(inst),
            }
        )
        top += height + GAP
    pairs = [(row_of[rel.source], row_of[rel.target]) for rel in relations]
    at = _attachments(pairs, [node["y"] for node in nodes], [node["h"] for node in nodes])
    edges = []
    for k, rel in enumerate(relations):
        y1, y2 = at[(k, 0)], at[(k, 1)]
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
        "levels": levels,
        "colours": {k: RELATION_COLOURS[k] for k in used_types},
        "width": ARC_W + BOX_W + 10,
        "height": top,
        "title": t.ui["relations_picture"],
    }
