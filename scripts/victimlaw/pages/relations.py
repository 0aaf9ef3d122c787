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
