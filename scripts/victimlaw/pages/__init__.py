"""The generated pages: one class per page kind, one template per kind, rendered straight to HTML.

A page kind (`PageKind`, base.py) lists its pages for a corpus — each a path below a language's folder, such as
`instruments/law-one.md` (layout.py) — and gives the template and values of each. `Site` holds what one build
shares (the corpus, the Jinja environment, the labels) and renders a page in a language. `PAGE_KINDS`
(kinds.py) is the one list of kinds; the folders they write stubs into (`GENERATED_FOLDERS`) follow from it.

The body never passes through Markdown: templates are autoescaped HTML, and every link between pages is
made by `Site.url`, relative to the page that holds it, as mkdocs would have written it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from html import escape, unescape
from typing import Any, TypedDict
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .. import DEFAULT_LANGUAGE, LANGUAGES, language_folder, search
from ..exports import citations
from ..labels import Labels, strings
from ..layout import act_page, act_path, page_url
from ..model.addressbook import act_and_provision_addresses
from ..model.corpus import Corpus, Instrument, Provision
from ..model.vocabularies import TREATY_KINDS
from ..search.words import word_rules
from .base import K, Page
from .kinds import PAGE_KINDS


class TocToken(TypedDict):
    """An entry of a table of contents, as Python-Markdown's toc extension gives it to mkdocs' get_toc."""

    level: int
    id: str
    name: str
    children: list[TocToken]


@dataclass
class Rendered:
    """A page in one language: its HTML body, its metadata (title, description, ...), its table of contents
    and its entries in the search index."""

    html: str
    meta: dict[str, Any]
    toc: list[TocToken]
    entries: list[dict[str, Any]]  # {l, t, p, x} as search.page_entries gives them, w: their weighted terms


def external_url(value: str) -> str:
    """An external link target: only http(s), with the characters a URL may not hold encoded (the
    template escapes the attribute too)."""
    if urlsplit(value).scheme not in ("http", "https"):
        raise ValueError(f"refusing a link that is not http(s): {value!r}")
    return value.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("victimlaw.pages", "templates"),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )  # one environment per build
    env.filters["external"] = external_url
    env.filters["host"] = lambda address: urlsplit(address).netloc.removeprefix("www.")
    env.globals.update(
        TREATY_KINDS=TREATY_KINDS,
        SUPPORTED_LABELS={"official_url": "official_page"},  # a source's `supports`: the label of each field
    )
    return env


class Site:
    """What one build shares: the corpus, the templates and the labels; renders any generated page."""

    def __init__(
        self, corpus: Corpus, directory_urls: bool = True, site_url: str | None = None, repo_url: str | None = None
    ):
        self.corpus, self.directory_urls = corpus, directory_urls
        self.site_url = site_url  # the public address (mkdocs.yml site_url), if the build has one
        self.repo_url = repo_url  # the project's repository (mkdocs.yml repo_url), where readers report errors
        self.env = environment()
        self.text_env = citations.text_environment()
        catalogue = strings()  # read once per build: an edit shows at the next build
        self.labels = {lang: Labels(lang, catalogue) for lang in LANGUAGES}
        self.words = word_rules()  # folding and stemming, for the search index and the lookup's data
        self.kinds = [kind(self) for kind in PAGE_KINDS]
        self._urls: dict[tuple[str, str], str] = {}
        # by act and provision: its citation in each language (Site.citations)
        self._citations: dict[tuple[str, str | None], dict[str, str]] = {}

    @cached_property
    def pages(self) -> dict[str, Page]:
        """Every generated page, by its path below a language's folder (the same in every language)."""
        found: dict[str, Page] = {}
        for kind in self.kinds:
            for page in kind.pages():
                assert page.path.split("/")[0] in GENERATED_FOLDERS, page.path
                found[page.path] = page
        return found

    def kind(self, cls: type[K]) -> K:
        return next(kind for kind in self.kinds if isinstance(kind, cls))

    def url(self, lang: str, from_path: str, to_path: str, anchor: str | None = None) -> str:
        """The link from one page to another (paths below the language's folder), relative, as mkdocs writes it."""
        target = get_relative_url(self.page_url(lang, to_path), self.page_url(lang, from_path))
        if self.directory_urls and target == ".":
            target = "./"
        return f"{target}#{anchor}" if anchor else target

    @cached_property
    def latest_check(self) -> str | None:
        """When any record was last checked against an official page (Instrument.checked)."""
        return max((inst.checked for inst in self.corpus.instruments if inst.checked), default=None)

    def act_uri(self, inst: Instrument, lang: str = DEFAULT_LANGUAGE) -> str:
        """The act's own permanent address in a language: absolute with the site's public address, else from
        the site's root (every act has one: at least its record's, act/<id>/)."""
        return urljoin(self.site_url or "", language_folder(lang) + inst.identity.addresses[0])

    def public_uri(self, inst: Instrument, lang: str) -> str | None:
        """The act's permanent address in a language where the site has a public address (absolute), else None."""
        return self.act_uri(inst, lang) if self.site_url else None

    def citations(self, inst: Instrument, provision: Provision | None = None) -> dict[str, str]:
        """The act's citation (of one of its provisions, if given) in each language's style, citing its permanent
        address where no official text is online and the site has a public address; made once per act and
        provision (its page in each language shows all three, and each language's lookup data holds its own)."""
        key = (inst.id, provision.id if provision else None)
        found = self._citations.get(key)
        if found is None:
            uris = {lang: self.public_uri(inst, lang) for lang in LANGUAGES}
            found = self._citations[key] = citations.styles(inst, self.text_env, self.labels, uris, provision)
        return found

    def sitemap(self, pages: dict[str, dict[str, tuple[str, str | None]]]) -> str:
        """sitemap.xml of a public build: every page of every language, with its alternates in all of them and
        x-default (the default language's), and when its data was last checked (pages[path][lang]: its address
        from the site's root and that date, None for a page written by hand)."""
        assert self.site_url, "a sitemap needs the site's public address"
        entries = []
        for versions in pages.values():
            alternates = [(lang, urljoin(self.site_url, url)) for lang, (url, _) in sorted(versions.items())]
            if DEFAULT_LANGUAGE in versions:
                alternates.append(("x-default", urljoin(self.site_url, versions[DEFAULT_LANGUAGE][0])))
            for url, lastmod in versions.values():
                entries.append({"loc": urljoin(self.site_url, url), "lastmod": lastmod, "alternates": alternates})
        return self.env.get_template("sitemap.xml.j2").render(entries=entries)

    def robots(self) -> str:
        """robots.txt of a public build, naming the sitemap."""
        return self.env.get_template("robots.txt.j2").render(sitemap=urljoin(self.site_url or "", "sitemap.xml"))

    def forward_pages(self, lang: str) -> dict[str, str]:
        """Each permanent address of an act or a provision (model/identity.py) in one language, by the file below
        the site's root that answers it: a page forwarding to the act's page, at the provision's heading for a
        provision (a refresh, the canonical address, a link)."""
        t = self.labels[lang]
        prefix = language_folder(lang)
        template = self.env.get_template("forward.html.j2")
        pages = {}
        for inst in self.corpus.instruments:
            target = self.page_url(lang, act_path(inst))
            for address, provision in act_and_provision_addresses(inst):
                here = prefix + str(address)
                link = get_relative_url(target, here + "index.html")
                anchor = act_page(inst.id, provision.id).anchor if provision else None
                pages[here + "index.html"] = template.render(
                    t=t,
                    lang=lang,
                    inst=inst,
                    provision=provision,
                    link=f"{link}#{anchor}" if anchor else link,
                    canonical=urljoin(self.site_url, target) if self.site_url else link,
                )
        return pages

    def page_url(self, lang: str, path: str) -> str:
        """page_url, remembered: a page is linked from many others."""
        key = (lang, path)
        url = self._urls.get(key)
        if url is None:
            url = self._urls[key] = page_url(lang, path, self.directory_urls)
        return url

    def render(self, page: Page, lang: str) -> Rendered:
        t = self.labels[lang]
        values = page.kind.values(page, t)
        html = self.env.get_template(page.template or page.kind.template).render(
            lang=lang,
            t=t,
            corpus=self.corpus,
            url=lambda to, anchor=None: self.url(lang, page.path, to, anchor),
            act_url=lambda act_id, provision_id=None: self.url(lang, page.path, *act_page(act_id, provision_id)),
            **values,
        )
        meta = page.kind.meta(page, t, values)
        for key in ("title", "description"):  # the theme prints these without escaping (mkdocs does not autoescape)
            if key in meta:
                meta[key] = escape(" ".join(str(meta[key]).split()), quote=True)
        toc = toc_tokens(html)
        location = self.page_url(lang, page.path)  # as mkdocs' page.url
        entries = search.page_entries(html, get_toc(toc), location, page.kind.search_label(page, t, values))
        for entry in entries:
            entry["w"] = search.weighted_terms(entry, lang, self.words)
        return Rendered(html, meta, toc, entries)


def render_site(corpus: Corpus, directory_urls: bool = True) -> dict[str, str]:
    """Every generated page's HTML body, keyed by <lang>/<path> (for tests and the command line)."""
    site = Site(corpus, directory_urls)
    return {f"{lang}/{path}": site.render(page, lang).html for lang in LANGUAGES for path, page in site.pages.items()}


HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


def toc_tokens(html_text: str) -> list[TocToken]:
    """The table of contents of a page the templates rendered, nested as Python-Markdown's toc nests it."""
    root: list[TocToken] = []
    stack: list[TocToken] = []
    for match in HEADING.finditer(html_text):
        level = int(match.group(1))
        text = " ".join(unescape(search.TAG.sub("", HEADERLINK.sub("", match.group(3)))).split())
        token: TocToken = {"level": level, "id": match.group(2), "name": escape(text, quote=False), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


GENERATED_FOLDERS = tuple(dict.fromkeys(folder for kind in PAGE_KINDS for folder in kind.folders))
