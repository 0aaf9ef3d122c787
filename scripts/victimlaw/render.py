"""Turn the corpus into Markdown pages: one Jinja2 template per page kind.

Every value printed by a template is escaped for Markdown and HTML unless it is marked safe
(Markup), so text in the data always appears as text, never as markup.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import json
import multiprocessing
import os
import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import DEFAULT_LANGUAGE, LANGUAGES
from .catalogue import Labels
from . import formats
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
    """A front-matter value shown as text: the theme prints title and description without escaping
    (mkdocs templates do not autoescape), so they are HTML-escaped here. JSON strings are valid YAML."""
    return Markup(json.dumps(html.escape(" ".join(str(value).split()), quote=True), ensure_ascii=False))


def yaml_script(value: str) -> Markup:
    """A front-matter value placed inside <script> as it is (JSON-LD, already safe there)."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


def environment() -> Environment:
    env = Environment(loader=PackageLoader("victimlaw", "templates"), undefined=StrictUndefined,
                      finalize=_finalize, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      autoescape=False, auto_reload=False,  # a new environment per build; no stat per page
                      # Markdown heading ids look like {#art-14-1}: keep "{#" free of Jinja comments
                      comment_start_string="{##", comment_end_string="##}")
    env.filters["url"] = safe_url
    env.filters["yaml_string"] = yaml_string
    env.filters["yaml_script"] = yaml_script
    env.globals.update(MARKS)
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
    """Every generated file, keyed by its path below docs/.

    directory_urls follows mkdocs' use_directory_urls; it only matters for links mkdocs does not
    rewrite (inside the relations picture and the lookup page's data)."""
    pages: dict[str, str] = {}
    for share in _shares(corpus, directory_urls, None):
        pages.update(share)
    return pages


def write_site(corpus: Corpus, directory_urls: bool, folder: Path) -> None:
    """Render every generated file into `folder`; each is written by the process that rendered it, so
    with worker processes no page travels back to this one."""
    for _ in _shares(corpus, directory_urls, folder):
        pass


def _shares(corpus: Corpus, directory_urls: bool, folder: Path | None):
    """The files in shares (each returned, or written to `folder` and an empty share returned)."""
    global _work
    workers = min(os.cpu_count() or 1, 4) if len(corpus.instruments) > PARALLEL_FROM and hasattr(os, "fork") else 1
    _work = (corpus, directory_urls, workers, folder)
    tasks = [(lang, part) for lang in LANGUAGES for part in range(workers)] + [(None, 0)]
    if workers > 1:
        # the corpus reaches the workers by fork; each renders one share of one language's pages
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_pages_task, tasks)
    else:
        yield from map(_pages_task, tasks)


PARALLEL_FROM = 200  # records; below this starting processes costs more than it saves
_work: tuple | None = None  # (corpus, directory_urls, shares, folder) for _pages_task, here or in a forked worker
_sites: dict = {}  # the _Site of the corpus last rendered in this process


def _pages_task(task: tuple[str | None, int]) -> dict[str, str]:
    """Share `part` of language `lang`: every n-th instrument page, and the listings with share 0; with
    no language, the data files every language links to."""
    lang, part = task
    corpus, directory_urls, shares, folder = _work
    if lang is None:
        return _deliver({"data/instruments.json": _json(corpus.document), "data/instruments.csv": instruments_csv(corpus)},
                        folder)
    site = _site(corpus, directory_urls)
    pages = site.instrument_pages(lang, corpus.instruments[part::shares])
    if part == 0:
        pages.update(site.listing_pages(lang))
    return _deliver(pages, folder)


def _site(corpus: Corpus, directory_urls: bool | None = None) -> "_Site":
    """The _Site of `corpus`, made once per process (it holds the corpus, so the check is by identity);
    directory_urls None: what is asked for has no links, either kind of site serves."""
    site = _sites.get("site")
    if site is None or site.corpus is not corpus or directory_urls not in (None, site.directory_urls):
        site = _sites["site"] = _Site(corpus, True if directory_urls is None else directory_urls)
    return site


def _deliver(pages: dict[str, str], folder: Path | None) -> dict[str, str]:
    if folder is None:
        return pages
    for folder_name in {posixpath.dirname(name) for name in pages}:
        (folder / folder_name).mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {}


class _Site:
    """The templates and what every language shares; one method per kind of page."""

    def __init__(self, corpus: Corpus, directory_urls: bool):
        self.corpus, self.directory_urls = corpus, directory_urls
        self.env, self.text_env, self.html_env = environment(), formats.text_environment(), html_environment()
        self.chronology = sorted((i for i in corpus.instruments if i.date), key=_date_key)
        self.undated = sorted((i for i in corpus.instruments if not i.date), key=lambda i: i.id)

    @cached_property
    def resolver(self) -> Resolver:
        """Only the lookup page needs it; instrument pages and downloads do not pay for it."""
        return Resolver(self.corpus)

    def render(self, template: str, lang: str, **values) -> str:
        return self.env.get_template(template).render(lang=lang, t=Labels(lang), corpus=self.corpus, **values)

    def instrument_pages(self, lang: str, instruments: list[Instrument]) -> dict[str, str]:
        """The page of each of `instruments`."""
        t, pages = Labels(lang), {}
        for inst in instruments:
            cite_block = Markup(self.html_env.get_template("cite_block.html.j2").render(
                t=t, citations=formats.styles(inst, self.text_env)))
            pages[f"{lang}/instruments/{inst.id}.md"] = self.render(
                "instrument.md.j2", lang, inst=inst, cite_block=cite_block,
                citation_meta=Markup(json.dumps(formats.highwire(inst, t), ensure_ascii=False)),
                jsonld=formats.json_ld(inst, self.corpus, t))
        return pages

    def listing_pages(self, lang: str) -> dict[str, str]:
        """Catalogue, references, lookup, timeline and themes: the pages about many instruments."""
        t, pages = Labels(lang), {}
        pages[f"data/instruments-{lang}.csl.json"] = _json([formats.csl(inst, t) for inst in self.corpus.instruments])
        pages.update(self.catalogue_pages(lang))
        pages[f"{lang}/references/index.md"] = self.render("references.md.j2", lang, limit=CITING_LIMIT)
        pages.update(self.lookup_pages(lang))
        pages.update(self.timeline_pages(lang))
        if self.corpus.themes:
            pages.update(self.theme_pages(lang))
        return pages

    def catalogue_pages(self, lang: str) -> dict[str, str]:
        """The catalogue; in a corpus too large for one page, long groups and the chronology get pages
        of their own (catalogue/), so no page outgrows PAGE_ROWS rows."""
        t, pages, parts, years = Labels(lang), {}, {}, None
        large = len(self.corpus.instruments) > PAGE_ROWS
        back = "../instruments/index.md"
        for level, kinds in groups(self.corpus):
            for kind, members in kinds:
                chunks = _chunks(members, PAGE_ROWS) if large and len(members) > PAGE_ROWS else []
                slug = f"{level}-{kind.replace('_', '-')}"
                pager = [(n, f"{slug}-{n}.md") for n in range(1, len(chunks) + 1)]
                parts[(level, kind)] = [(n, f"../catalogue/{target}") for n, target in pager]
                for n, rows in enumerate(chunks, start=1):
                    heading = f"{t.kind_plural[kind]} — {t.level[level]} ({t.ui['part_of'].format(n=n, total=len(chunks))})"
                    pages[f"{lang}/catalogue/{slug}-{n}.md"] = self.render(
                        "listing.md.j2", lang, heading=heading, rows=rows, pager=pager, current=n,
                        back=back, back_label=t.ui["back_to_catalogue"])
        if large:
            years = []
            for year, rows in self.by_year():
                years.append((year, f"../catalogue/year-{year}.md", len(rows)))
                pages[f"{lang}/catalogue/year-{year}.md"] = self.render(
                    "listing.md.j2", lang, heading=f"{t.ui['chronology']}: {year}", rows=rows, pager=[], current=0,
                    back=back, back_label=t.ui["back_to_catalogue"])
        pages[f"{lang}/instruments/index.md"] = self.render(
            "catalogue.md.j2", lang, groups=groups(self.corpus), chronology=self.chronology, undated=self.undated,
            parts=parts, years=years, site_root=Markup("../" if lang == DEFAULT_LANGUAGE else "../../"))
        return pages

    def by_year(self) -> list[tuple[str, list[Instrument]]]:
        years: dict[str, list[Instrument]] = {}
        for inst in self.chronology:
            years.setdefault(inst.date[:4], []).append(inst)
        return sorted(years.items())

    def timeline_pages(self, lang: str) -> dict[str, str]:
        """The timeline; a large corpus gets a page per year (or part of a year). Where a page has a
        relations picture, its Markdown holds PICTURE_MARK, and the hook puts the picture in after Markdown
        (picture_html): its SVG elements would otherwise go through two HTML parsers, two thirds of the
        page's conversion."""
        t = Labels(lang)
        heading = t.ui["timeline"]
        if len(self.corpus.instruments) <= PAGE_ROWS:
            return {f"{lang}/timeline/index.md": self.render(
                "timeline.md.j2", lang, heading=heading, back=None, years=None, chronology=self.chronology,
                undated=self.undated, picture=self.has_picture(self.corpus.instruments))}
        pages, years = {}, []
        for name, (label, part) in self.timeline_parts.items():
            years.append((label, name, len(part)))
            pages[f"{lang}/timeline/{name}"] = self.render(
                "timeline.md.j2", lang, heading=f"{heading}: {label}", back="index.md", years=None,
                chronology=part, undated=[], picture=self.has_picture(part))
        pages[f"{lang}/timeline/index.md"] = self.render(
            "timeline.md.j2", lang, heading=heading, back=None, years=years, chronology=[], undated=self.undated,
            picture=False)
        return pages

    @cached_property
    def timeline_parts(self) -> dict[str, tuple[str, list[Instrument]]]:
        """Page name -> (label, instruments) for a large timeline: a page per year, holding at most
        TIMELINE_ROWS instruments (the picture grows with their partners)."""
        parts = {}
        for year, rows in self.by_year():
            chunks = _chunks(rows, TIMELINE_ROWS)
            for n, part in enumerate(chunks, start=1):
                name = f"{year}.md" if n == 1 else f"{year}-{n}.md"
                parts[name] = (year if len(chunks) == 1 else f"{year} ({n})", part)
        return parts

    @cached_property
    def related(self) -> set[str]:
        """Ids of the instruments with at least one relation, either way."""
        return {end for inst in self.corpus.instruments for rel in inst.relations for end in (rel.source, rel.target)}

    def has_picture(self, instruments: list[Instrument]) -> bool:
        return any(inst.id in self.related for inst in instruments)

    def timeline_picture(self, lang: str, name: str) -> Markup | None:
        """The relations picture of timeline page `name` (index.md, 2005.md, 2005-2.md), if it has one."""
        t = Labels(lang)
        if len(self.corpus.instruments) <= PAGE_ROWS:
            return self.picture(t, None, depth=1) if name == "index.md" else None
        _, part = self.timeline_parts.get(name, (None, None))
        return self.picture(t, part, depth=2 if self.directory_urls else 1) if part else None

    def picture(self, t: Labels, subset, depth: int) -> Markup | None:
        picture = relations_picture(self.corpus, t, self.directory_urls, subset, depth)
        return Markup(self.html_env.get_template("relations.svg.j2").render(**picture)) if picture["nodes"] else None

    def downloads(self, inst: Instrument, t: Labels) -> list[tuple[str, str, Markup]]:
        """(label, file name, data: URI) per format. Data URIs rather than files: a file per record,
        format and language would triple the files every language build has to process. They are put
        into the page after Markdown (downloads_html), which would otherwise parse every long URI."""
        files = [("BibTeX", "bib", "application/x-bibtex", formats.bibtex(inst, t, self.text_env)),
                 ("RIS", "ris", "application/x-research-info-systems", formats.ris(inst, t, self.text_env)),
                 ("CSL-JSON", "csl.json", "application/vnd.citationstyles.csl+json",
                  json.dumps([formats.csl(inst, t)], ensure_ascii=False, sort_keys=True))]  # compact: C encoder
        # base64: shorter than percent-encoding for Azerbaijani and Cyrillic text, and fast
        return [(label, f"{inst.id}.{t.lang}.{ext}",
                 Markup(f"data:{mime};charset=utf-8;base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}"))
                for label, ext, mime, text in files]

    def lookup_pages(self, lang: str) -> dict[str, str]:
        data = browser_data(self.corpus, self.resolver, Labels(lang), self.directory_urls)
        script = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
        return {f"{lang}/cite/index.md": self.render("lookup.md.j2", lang, examples=LOOKUP_EXAMPLES[lang]),
                f"{lang}/cite/cite-data.js": f"window.VICTIMLAW_CITE = {script};\n"}

    def theme_pages(self, lang: str) -> dict[str, str]:
        pages = {}
        for theme in self.corpus.themes:
            numbers, passages = article_passage_numbers(theme)
            pages[f"{lang}/themes/{theme.id}.md"] = self.render(
                "theme.md.j2", lang, theme=theme, passage_number=numbers, passages=passages)
        rows, cells = matrix_rows(self.corpus)
        pages[f"{lang}/themes/index.md"] = self.render("themes_index.md.j2", lang)
        chunks = _chunks(rows, PAGE_ROWS) or [[]]
        pager = [(n, "matrix.md" if n == 1 else f"matrix-{n}.md") for n in range(1, len(chunks) + 1)]
        for (n, target), part in zip(pager, chunks):
            pages[f"{lang}/themes/{target}"] = self.render("matrix.md.j2", lang, rows=part, cells=cells,
                                                           pager=pager, current=n)
        return pages


# Where the mkdocs hook puts in, after Markdown, what Markdown would spend long on: the downloads (long
# data: URIs) and a timeline page's relations picture (hundreds of SVG elements). Templates know them too.
DOWNLOADS_MARK = "<!--victimlaw:downloads-->"
PICTURE_MARK = "<!--victimlaw:picture-->"
MARKS = {"downloads_mark": Markup(DOWNLOADS_MARK), "picture_mark": Markup(PICTURE_MARK)}


def downloads_html(corpus: Corpus, instrument_id: str, lang: str) -> str:
    """The Cite block's download links of an instrument, for the mkdocs hook to put in place of DOWNLOADS_MARK."""
    site = _site(corpus)
    t = Labels(lang)
    return site.html_env.get_template("downloads.html.j2").render(
        t=t, downloads=site.downloads(corpus.by_id[instrument_id], t))


def picture_html(corpus: Corpus, lang: str, page_name: str, directory_urls: bool) -> str:
    """The relations picture of a timeline page, for the mkdocs hook to put in place of PICTURE_MARK."""
    site = _site(corpus, directory_urls)
    svg = site.timeline_picture(lang, page_name)
    return site.html_env.get_template("picture.html.j2").render(svg=svg) if svg else ""


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


CSV_COLUMNS = ["id", "kind", "level", "issuer", "date", "date_kind", "entry_into_force", "number", "eqanun",
               "eqanun_url", "title_az", "title_en", "title_ru"]


def instruments_csv(corpus: Corpus) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for inst in corpus.instruments:
        writer.writerow({"id": inst.id, "kind": inst.kind, "level": inst.level, "issuer": inst.issuer or "",
                         "date": inst.date or "", "date_kind": inst.date_kind or "",
                         "entry_into_force": inst.entry_into_force or "", "number": inst.number or "",
                         "eqanun": inst.eqanun or "", "eqanun_url": inst.eqanun_url or "",
                         **{f"title_{lang}": inst.title[lang] for lang in LANGUAGES}})
    return out.getvalue()


def html_environment() -> Environment:
    """For HTML and SVG blocks placed in the pages as they are: escape for HTML/XML, not Markdown."""
    env = Environment(loader=PackageLoader("victimlaw", "templates"), undefined=StrictUndefined,
                      autoescape=True, trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.globals.update(MARKS)
    return env


# -- the relations picture: an arc diagram, one row per instrument in date order
RELATION_COLOURS = {"adopts": "#6a1b9a", "approves": "#2e7d32", "implements": "#1565c0", "amends": "#c62828",
                    "supplements": "#ef6c00", "ratifies": "#00838f", "based_on": "#5d4037", "continues": "#ad1457",
                    "evaluates": "#455a64"}
LEVEL_COLOURS = {"international": ("#fff8e1", "#f9a825"), "regional": ("#e0f2f1", "#00897b"),
                 "national": ("#e8eaf6", "#3949ab")}
PAGE_ROWS = 80  # rows a listing page holds before it is split, so pages stay small at any corpus size
CITING_LIMIT = 20  # instruments listed under one reference of the article
TIMELINE_ROWS = 24  # instruments on one page of a large timeline (its picture adds their partners)

ROW, BOX_H, BOX_W, ARC_W, TOP, NAME_CHARS = 44, 36, 500, 170, 24, 72


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def relations_picture(corpus: Corpus, t: Labels, directory_urls: bool, subset: list[Instrument] | None = None,
                      depth: int = 1) -> dict:
    """The picture of the relations touching `subset` (all instruments by default); `depth` is how many
    folders the page sits below the language root, for the links mkdocs does not rewrite."""
    chosen = {i.id for i in subset} if subset is not None else {i.id for i in corpus.instruments}
    relations = [rel for inst in corpus.instruments for rel in inst.relations if rel.source in chosen or rel.target in chosen]
    related = {rel.source for rel in relations} | {rel.target for rel in relations}
    ordered = sorted((i for i in corpus.instruments if i.id in related), key=_date_key)
    used_types = [kind for kind in RELATION_COLOURS if any(r.type == kind for r in relations)]
    legend = [{"type": kind, "colour": RELATION_COLOURS[kind], "label": t.relation[kind]["forward"],
               "x": 10 + (n % 3) * 220, "y": 14 + (n // 3) * 20} for n, kind in enumerate(used_types)]
    top = TOP + 20 * ((len(used_types) + 2) // 3)
    row_of = {inst.id: n for n, inst in enumerate(ordered)}
    up = "../" * depth
    nodes = []
    for n, inst in enumerate(ordered):
        fill, stroke = LEVEL_COLOURS[inst.level]
        number = f" {t.number_label(inst)}" if inst.number else ""
        nodes.append({
            "x": ARC_W, "y": top + n * ROW, "w": BOX_W, "h": BOX_H, "level": inst.level, "fill": fill, "stroke": stroke,
            "head": f"{t.kind_short[inst.kind]}{number} · {t.date(inst.date) if inst.date else t.ui['date_unknown']}",
            "name": _shorten(inst.name(t.lang), NAME_CHARS), "title": inst.title[t.lang],
            "href": f"{up}instruments/{inst.id}/" if directory_urls else f"../instruments/{inst.id}.html",
        })
    edges = []
    for rel in relations:
        y1 = top + row_of[rel.source] * ROW + BOX_H / 2
        y2 = top + row_of[rel.target] * ROW + BOX_H / 2
        bend = min(ARC_W - 8, 16 + abs(y2 - y1) * 0.3)
        edges.append({"type": rel.type, "colour": RELATION_COLOURS[rel.type],
                      "d": f"M{ARC_W},{y1:.0f} C{ARC_W - bend:.0f},{y1:.0f} {ARC_W - bend:.0f},{y2:.0f} {ARC_W},{y2:.0f}",
                      "title": f"{corpus.by_id[rel.source].name(t.lang)} — {t.relation[rel.type]['forward']} — "
                               f"{corpus.by_id[rel.target].name(t.lang)}"})
    return {"nodes": nodes, "edges": edges, "legend": legend, "colours": {k: RELATION_COLOURS[k] for k in used_types},
            "width": ARC_W + BOX_W + 10, "height": top + len(ordered) * ROW, "title": t.ui["relations_picture"]}
