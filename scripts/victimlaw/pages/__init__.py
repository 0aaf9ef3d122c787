"""The generated pages: one class per page kind, one template per kind, rendered straight to HTML.

A page kind (`PageKind`) lists its pages for a corpus — each a path below a language's folder, such as
`instruments/law-one.md` — and gives the template and values of each. `Site` holds what one build
shares (the corpus, the Jinja environment, the labels) and renders a page in a language. `PAGE_KINDS`
is the one list of kinds; the folders they write stubs into (`GENERATED_FOLDERS`) follow from it.

The body never passes through Markdown: templates are autoescaped HTML, and every link between pages is
made by `Site.url`, relative to the page that holds it, as mkdocs would have written it. The heading macro
records each heading as it renders it (headings.py): the table of contents and the search index's sections are
made from that record.

The modules: base.py (what the kinds share), one module per kind (instrument, provision, catalogue, references,
lookup, timeline, themes, matrix, monitoring), budget.py (the pages' size budget and pagination), relations.py (the relations
picture), forward.py (the pages at permanent addresses), ahead.py (rendering in worker processes).
"""

from __future__ import annotations

from functools import cached_property
from html import escape
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from .. import DEFAULT_LANGUAGE, LANGUAGES, language_folder, search
from ..exports import citations
from ..labels import Labels, strings
from ..layout import has_provision_pages, page_url, provision_page
from ..model.corpus import Corpus, Instrument, Provision
from ..model.vocabularies import TREATY_KINDS
from ..search.words import word_rules
from .base import K, Page, PageKind, Rendered, act_path, by_date, chunks  # noqa: F401 (the package's API)
from .catalogue import CataloguePages
from .forward import forward_pages
from .headings import Headings, TocToken  # noqa: F401 (the package's API)
from .instrument import InstrumentPages
from .lookup import LookupPage
from .matrix import MatrixPages
from .monitoring import MonitoringPage
from .provision import ProvisionPages
from .references import ReferencesPage
from .themes import ThemePages, ThemesIndexPage
from .timeline import TimelinePages

# The one list of page kinds: the site's generated pages and the folders that hold them follow from it.
PAGE_KINDS: tuple[type[PageKind], ...] = (
    InstrumentPages,
    ProvisionPages,
    CataloguePages,
    ReferencesPage,
    LookupPage,
    TimelinePages,
    ThemePages,
    ThemesIndexPage,
    MatrixPages,
    MonitoringPage,
)
GENERATED_FOLDERS = tuple(dict.fromkeys(folder for kind in PAGE_KINDS for folder in kind.folders))


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
        has_provision_pages=has_provision_pages,
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

    def forward_pages(self, lang: str, part: slice = slice(None)) -> dict[str, str]:
        """Each permanent address of an act or a provision in one language, by the file that answers it (forward.py);
        `part`: of the acts, in the corpus's order."""
        return forward_pages(self, lang, part)

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
        headings = Headings()  # the heading macro notes each heading here as it renders it
        html = self.env.get_template(page.template or page.kind.template).render(
            lang=lang,
            t=t,
            corpus=self.corpus,
            url=lambda to, anchor=None: self.url(lang, page.path, to, anchor),
            act_url=lambda act_id, provision_id=None: self.url(
                lang, page.path, *provision_page(self.corpus.by_id[act_id], provision_id)
            ),
            record_heading=headings.record,
            **values,
        )
        meta = page.kind.meta(page, t, values)
        summary = str(meta.get("description", ""))  # what a search result quotes when no section holds the query
        for key in ("title", "description"):  # the theme prints these without escaping (mkdocs does not autoescape)
            if key in meta:
                meta[key] = escape(" ".join(str(meta[key]).split()), quote=True)
        toc = headings.toc()
        location = self.page_url(lang, page.path)  # as mkdocs' page.url
        label = page.kind.label(page, t, values)
        entries = search.page_entries(html, get_toc(toc), location, label, summary)
        for entry in entries:
            entry["w"] = search.weighted_terms(entry, lang, self.words)
        return Rendered(html, meta, toc, entries, label)


def render_site(corpus: Corpus, directory_urls: bool = True) -> dict[str, str]:
    """Every generated page's HTML body, keyed by <lang>/<path> (for tests and the command line)."""
    site = Site(corpus, directory_urls)
    return {f"{lang}/{path}": site.render(page, lang).html for lang in LANGUAGES for path, page in site.pages.items()}
