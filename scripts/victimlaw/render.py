"""Turn the corpus into Markdown pages: one Jinja2 template per page kind.

Every value printed by a template is escaped for Markdown and HTML unless it is marked safe
(Markup), so text in the data always appears as text, never as markup.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import LANGUAGES
from .catalogue import Labels
from .cite import Resolver, browser_data
from .corpus import Corpus, Instrument
from .themes import Target, Theme

LEVEL_ORDER = ("international", "regional", "national")
KIND_ORDER = ("declaration", "resolution", "convention", "protocol", "report", "publication", "constitution",
              "code", "law", "decree", "order", "decision", "action_plan", "charter")
LOOKUP_EXAMPLES = {
    "az": ["NK-nın 9 noyabr 2005-ci il tarixli 203 nömrəli qərarı", "maddə 14-1", "CM 144-1", "e-qanun 11446"],
    "en": ["Decision No. 203 of 9 November 2005", "CETS 197 art. 13", "Law No. 609-IVQD", "A/RES/55/25"],
    "ru": ["Постановление Кабинета Министров № 203 от 9 ноября 2005 г.", "ст. 14-1", "УК 144-3", "Указ № 272"],
}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#])")


def escape_markdown(value) -> str:
    """Make text inert in Markdown and HTML."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())  # a line break in data must not start a Markdown block


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_markdown(value)


def safe_url(value: str) -> Markup:
    """An external link target: only http(s), with characters that would end the link encoded."""
    if urlsplit(value).scheme not in ("http", "https"):
        raise ValueError(f"refusing a link that is not http(s): {value!r}")
    return Markup(value.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E"))


def yaml_string(value: str) -> Markup:
    """A front-matter value; JSON strings are valid YAML."""
    return Markup(json.dumps(" ".join(str(value).split()), ensure_ascii=False))


def environment() -> Environment:
    env = Environment(loader=PackageLoader("victimlaw", "templates"), undefined=StrictUndefined,
                      finalize=_finalize, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      autoescape=False,
                      # Markdown heading ids look like {#art-14-1}: keep "{#" free of Jinja comments
                      comment_start_string="{##", comment_end_string="##}")
    env.filters["url"] = safe_url
    env.filters["yaml_string"] = yaml_string
    return env


def _date_key(inst: Instrument) -> tuple:
    return (inst.date or "9999", inst.id)


def groups(corpus: Corpus) -> list[tuple[str, list[tuple[str, list[Instrument]]]]]:
    """Instruments by level, then kind, each group in date order."""
    out = []
    for level in LEVEL_ORDER:
        kinds = []
        for kind in KIND_ORDER:
            members = sorted((i for i in corpus.instruments if i.level == level and i.kind == kind), key=_date_key)
            if members:
                kinds.append((kind, members))
        if kinds:
            out.append((level, kinds))
    return out


def matrix_rows(corpus: Corpus) -> tuple[list[Instrument], dict[tuple[str, str], list[Target]]]:
    """Instruments that appear in a theme (international first, each group in date order) and the cells."""
    cells: dict[tuple[str, str], list[Target]] = {}
    for theme in corpus.themes:
        for inst in corpus.instruments:
            cells[(inst.id, theme.id)] = []
        for target in theme.targets():
            if target not in cells[(target.instrument, theme.id)]:
                cells[(target.instrument, theme.id)].append(target)
    rows = [inst for level, kinds in groups(corpus) for kind, members in kinds for inst in members
            if corpus.themes_of(inst.id)]
    return rows, cells


def article_passage_numbers(theme: Theme) -> tuple[dict[int, int], list[tuple[int, str]]]:
    """Number the mappings whose basis is the article, so the table can point at the quotations."""
    numbers, passages = {}, []
    for index, mapping in enumerate(theme.mappings):
        if mapping.basis == "article":
            numbers[index] = len(passages) + 1
            passages.append((len(passages) + 1, mapping.passage))
    return numbers, passages


def render_site(corpus: Corpus, directory_urls: bool = True) -> dict[str, str]:
    """Every generated page, keyed by its path below docs/.

    directory_urls follows mkdocs' use_directory_urls; it only matters for links inside the relations
    picture, which mkdocs does not rewrite."""
    env = environment()
    svg_env = svg_environment()
    pages: dict[str, str] = {}
    chronology = sorted((i for i in corpus.instruments if i.date), key=_date_key)
    undated = sorted((i for i in corpus.instruments if not i.date), key=lambda i: i.id)
    rows, cells = matrix_rows(corpus)
    resolver = Resolver(corpus)
    for lang in LANGUAGES:
        t = Labels(lang)
        common = {"lang": lang, "t": t, "corpus": corpus}
        for inst in corpus.instruments:
            pages[f"{lang}/instruments/{inst.id}.md"] = env.get_template("instrument.md.j2").render(inst=inst, **common)
        pages[f"{lang}/instruments/index.md"] = env.get_template("catalogue.md.j2").render(
            groups=groups(corpus), chronology=chronology, undated=undated, **common)
        pages[f"{lang}/references/index.md"] = env.get_template("references.md.j2").render(**common)
        if not corpus.themes:
            continue
        for theme in corpus.themes:
            numbers, passages = article_passage_numbers(theme)
            pages[f"{lang}/themes/{theme.id}.md"] = env.get_template("theme.md.j2").render(
                theme=theme, passage_number=numbers, passages=passages, **common)
        pages[f"{lang}/themes/index.md"] = env.get_template("themes_index.md.j2").render(**common)
        pages[f"{lang}/themes/matrix.md"] = env.get_template("matrix.md.j2").render(rows=rows, cells=cells, **common)
        pages[f"{lang}/cite/index.md"] = env.get_template("lookup.md.j2").render(examples=LOOKUP_EXAMPLES[lang], **common)
        pages[f"{lang}/cite/cite-data.js"] = "window.VICTIMLAW_CITE = " + json.dumps(
            browser_data(corpus, resolver, t, directory_urls), ensure_ascii=False, sort_keys=True).replace("<", "\\u003c") + ";\n"
        svg = svg_env.get_template("relations.svg.j2").render(**relations_picture(corpus, t, directory_urls))
        pages[f"{lang}/timeline/index.md"] = env.get_template("timeline.md.j2").render(
            chronology=chronology, undated=undated, svg=Markup(svg), **common)
    return pages


def svg_environment() -> Environment:
    """SVG is XML: escape for XML, not Markdown."""
    return Environment(loader=PackageLoader("victimlaw", "templates"), undefined=StrictUndefined,
                       autoescape=True, trim_blocks=True, lstrip_blocks=True)


# -- the relations picture: an arc diagram, one row per instrument in date order
RELATION_COLOURS = {"adopts": "#6a1b9a", "approves": "#2e7d32", "implements": "#1565c0", "amends": "#c62828",
                    "supplements": "#ef6c00", "ratifies": "#00838f", "based_on": "#5d4037", "continues": "#ad1457",
                    "evaluates": "#455a64"}
LEVEL_COLOURS = {"international": ("#fff8e1", "#f9a825"), "regional": ("#e0f2f1", "#00897b"),
                 "national": ("#e8eaf6", "#3949ab")}
ROW, BOX_H, BOX_W, ARC_W, TOP, NAME_CHARS = 44, 36, 500, 170, 24, 72


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def relations_picture(corpus: Corpus, t: Labels, directory_urls: bool) -> dict:
    related = {rel.source for inst in corpus.instruments for rel in inst.relations} | \
              {rel.target for inst in corpus.instruments for rel in inst.relations}
    ordered = sorted((i for i in corpus.instruments if i.id in related), key=_date_key)
    used_types = [kind for kind in RELATION_COLOURS if any(r.type == kind for i in ordered for r in i.relations)]
    legend = [{"type": kind, "colour": RELATION_COLOURS[kind], "label": t.relation[kind]["forward"],
               "x": 10 + (n % 3) * 220, "y": 14 + (n // 3) * 20} for n, kind in enumerate(used_types)]
    top = TOP + 20 * ((len(used_types) + 2) // 3)
    row_of = {inst.id: n for n, inst in enumerate(ordered)}
    nodes = []
    for n, inst in enumerate(ordered):
        fill, stroke = LEVEL_COLOURS[inst.level]
        number = f" {t.number_label(inst)}" if inst.number else ""
        nodes.append({
            "x": ARC_W, "y": top + n * ROW, "w": BOX_W, "h": BOX_H, "level": inst.level, "fill": fill, "stroke": stroke,
            "head": f"{t.kind_short[inst.kind]}{number} · {t.date(inst.date) if inst.date else t.ui['date_unknown']}",
            "name": _shorten(inst.name(t.lang), NAME_CHARS), "title": inst.title[t.lang],
            "href": f"../instruments/{inst.id}/" if directory_urls else f"../instruments/{inst.id}.html",
        })
    edges = []
    for inst in ordered:
        for rel in inst.relations:
            y1 = top + row_of[rel.source] * ROW + BOX_H / 2
            y2 = top + row_of[rel.target] * ROW + BOX_H / 2
            bend = min(ARC_W - 8, 16 + abs(y2 - y1) * 0.3)
            edges.append({"type": rel.type, "colour": RELATION_COLOURS[rel.type],
                          "d": f"M{ARC_W},{y1:.0f} C{ARC_W - bend:.0f},{y1:.0f} {ARC_W - bend:.0f},{y2:.0f} {ARC_W},{y2:.0f}",
                          "title": f"{corpus.by_id[rel.source].name(t.lang)} — {t.relation[rel.type]['forward']} — "
                                   f"{corpus.by_id[rel.target].name(t.lang)}"})
    return {"nodes": nodes, "edges": edges, "legend": legend, "colours": {k: RELATION_COLOURS[k] for k in used_types},
            "width": ARC_W + BOX_W + 10, "height": top + len(ordered) * ROW, "title": t.ui["relations_picture"]}
