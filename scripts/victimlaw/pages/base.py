"""What every page kind shares: a generated page (`Page`), the kind's base class (`PageKind`), what a kind may use of
the build's site (`SiteView`, which `Site` in pages/__init__.py is) and a page as rendered (`Rendered`).

Each kind is a module of its own beside this one (instrument, provision, catalogue, references, lookup, timeline,
themes, matrix), as Material's blog plugin makes each of its generated kinds a class (Post, View, Archive, Category).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from jinja2 import Environment

from ..labels import Labels
from ..layout import act_path  # noqa: F401 (the kinds import it from here)
from ..model.corpus import Corpus, Instrument, Provision
from .headings import TocToken


@dataclass
class Page:
    """One generated page: its path below a language's folder, its kind, and what its kind needs."""

    path: str
    kind: PageKind
    values: dict[str, Any] = field(default_factory=dict)
    template: str | None = None  # when not the kind's own


@dataclass
class Rendered:
    """A page in one language: its HTML body, its metadata (title, description, ...), its table of contents, its
    entries in the search index and what the page is (its kind's `label`: the search result's and the social card's)."""

    html: str
    meta: dict[str, Any]
    toc: list[TocToken]
    entries: list[dict[str, Any]]  # {l, t, p, x} as search.page_entries gives them, w: their weighted terms
    label: str = ""


K = TypeVar("K", bound="PageKind")


class SiteView(Protocol):
    """What a page kind uses of the build's site (pages.Site): the corpus, the templates, the labels, the links."""

    corpus: Corpus
    env: Environment
    text_env: Environment  # the plain-text one of the citations (exports.citations.text_environment)
    labels: dict[str, Labels]
    directory_urls: bool
    site_url: str | None
    repo_url: str | None

    @property
    def latest_check(self) -> str | None: ...

    def kind(self, cls: type[K]) -> K: ...

    def url(self, lang: str, from_path: str, to_path: str, anchor: str | None = None) -> str: ...

    def page_url(self, lang: str, path: str) -> str: ...

    def public_uri(self, inst: Instrument, lang: str) -> str | None: ...

    def citations(self, inst: Instrument, provision: Provision | None = None) -> dict[str, str]: ...


class PageKind:
    """A kind of generated page. Subclasses name their folder and template and list their pages."""

    folders: ClassVar[tuple[str, ...]]  # below docs/<lang>/, where its pages are
    template: ClassVar[str]
    # the page of the navigation a reader of this kind of page is in (its tab is marked active), for the
    # kinds whose pages stay out of the navigation
    section: ClassVar[str | None] = None

    def __init__(self, site: SiteView):
        self.site = site

    def pages(self) -> Iterable[Page]:
        raise NotImplementedError

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        """The template's values for `page` in the language of `t`, with its `title`."""
        raise NotImplementedError

    def meta(self, page: Page, t: Labels, values: dict[str, Any]) -> dict[str, Any]:
        return {"title": values["title"]}

    def label(self, page: Page, t: Labels, values: dict[str, Any]) -> str:
        """What the page is, said beside its title by a search result and on its social card ("" for nothing)."""
        return ""

    def checked(self, page: Page) -> str | None:
        """When the data the page shows was last checked against an official page (the sitemap's lastmod):
        by default the latest of every record's, for the pages that list them all."""
        return self.site.latest_check


def by_date(inst: Instrument) -> tuple:
    return (inst.date or "9999", inst.id)


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]
