"""What every page kind shares: a generated page (`Page`) and the kinds' base class (`PageKind`).

Apart from pages/__init__.py, whose `Site` lists the kinds (kinds.py), so that the kinds can subclass
`PageKind` without importing the module that imports them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from ..labels import Labels
from ..model.corpus import Instrument

if TYPE_CHECKING:
    from . import Site


@dataclass
class Page:
    """One generated page: its path below a language's folder, its kind, and what its kind needs."""

    path: str
    kind: PageKind
    values: dict[str, Any] = field(default_factory=dict)
    template: str | None = None  # when not the kind's own


class PageKind:
    """A kind of generated page. Subclasses name their folder and template and list their pages."""

    folders: ClassVar[tuple[str, ...]]  # below docs/<lang>/, where its pages are
    template: ClassVar[str]
    # the page of the navigation a reader of this kind of page is in (its tab is marked active), for the
    # kinds whose pages stay out of the navigation
    section: ClassVar[str | None] = None

    def __init__(self, site: Site):
        self.site = site

    def pages(self) -> Iterable[Page]:
        raise NotImplementedError

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        """The template's values for `page` in the language of `t`, with its `title`."""
        raise NotImplementedError

    def meta(self, page: Page, t: Labels, values: dict[str, Any]) -> dict[str, Any]:
        return {"title": values["title"]}

    def search_label(self, page: Page, t: Labels, values: dict[str, Any]) -> str:
        """What a search result says of the page beside its title ("" for nothing)."""
        return ""

    def checked(self, page: Page) -> str | None:
        """When the data the page shows was last checked against an official page (the sitemap's lastmod):
        by default the latest of every record's, for the pages that list them all."""
        return self.site.latest_check


K = TypeVar("K", bound=PageKind)


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def by_date(inst: Instrument) -> tuple:
    return (inst.date or "9999", inst.id)
