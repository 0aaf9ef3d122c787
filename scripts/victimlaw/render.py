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
from .corpus import Corpus, Instrument

LEVEL_ORDER = ("international", "regional", "national")
KIND_ORDER = ("declaration", "resolution", "convention", "protocol", "report", "publication", "constitution",
              "code", "law", "decree", "order", "decision", "action_plan", "charter")
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


def render_site(corpus: Corpus) -> dict[str, str]:
    """Every generated page, keyed by its path below docs/."""
    env = environment()
    pages: dict[str, str] = {}
    chronology = sorted((i for i in corpus.instruments if i.date), key=_date_key)
    undated = sorted((i for i in corpus.instruments if not i.date), key=lambda i: i.id)
    for lang in LANGUAGES:
        common = {"lang": lang, "t": Labels(lang), "corpus": corpus}
        for inst in corpus.instruments:
            pages[f"{lang}/instruments/{inst.id}.md"] = env.get_template("instrument.md.j2").render(inst=inst, **common)
        pages[f"{lang}/instruments/index.md"] = env.get_template("catalogue.md.j2").render(
            groups=groups(corpus), chronology=chronology, undated=undated, **common)
        pages[f"{lang}/references/index.md"] = env.get_template("references.md.j2").render(**common)
    return pages
