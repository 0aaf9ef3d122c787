"""Where the site puts an act's page and a provision's heading on it, and a page's address: written here only.

Paths are below a language's folder, as mkdocs' files are ("instruments/law-one.md"); addresses are from the
site's root, as mkdocs and static-i18n give them. The browser's lookup (cite.js) puts the same pieces together
from its data (resolver.browser_data).
"""

from __future__ import annotations

from typing import NamedTuple, Protocol

from mkdocs.structure.files import File

from . import DEFAULT_LANGUAGE

ACTS_FOLDER = "instruments"  # the acts' pages, and the catalogue's (its index.md)
PROVISIONS_FOLDER = "provisions"  # the pages of international provisions, a folder per act


class Act(Protocol):
    id: str
    level: str


class ActPage(NamedTuple):
    path: str  # the act's page, below a language's folder
    anchor: str | None  # the heading of one of its provisions, or None for the page's top


def act_page(act_id: str, provision_id: str | None = None) -> ActPage:
    """An act's page and, for one of its provisions, the id of that provision's heading on it."""
    return ActPage(f"{ACTS_FOLDER}/{act_id}.md", provision_id)


def has_provision_pages(act: Act) -> bool:
    """Whether each provision of the act has a page of its own: an international or regional instrument's do,
    for they are what the site compares Azerbaijan's law against; a national act's provisions stay headings of
    its page."""
    return act.level != "national"


def provision_path(act_id: str, provision_id: str) -> str:
    """The page of one provision of an act that has them (has_provision_pages), below a language's folder."""
    return f"{PROVISIONS_FOLDER}/{act_id}/{provision_id}.md"


def provision_page(act: Act, provision_id: str | None = None) -> ActPage:
    """Where a link to an act, or to one of its provisions, goes: the provision's own page where it has one,
    else the act's page at the provision's heading."""
    if provision_id and has_provision_pages(act):
        return ActPage(provision_path(act.id, provision_id), None)
    return act_page(act.id, provision_id)


def act_path(act: Act) -> str:
    """An act's page below a language's folder."""
    return act_page(act.id).path


def page_url(lang: str, path: str, directory_urls: bool) -> str:
    """The address of `path` (below a language's folder) from the site root, as mkdocs and static-i18n
    give it: the default language at the root, the others under their code."""
    url = File(path, "", "", directory_urls).url
    if lang != DEFAULT_LANGUAGE:
        url = f"{lang}/{url}" if url != "./" else f"{lang}/"
    return url


def act_url(lang: str, act: Act, provision_id: str | None = None, directory_urls: bool = True) -> str:
    """The address, from the site's root, of an act's page or of one of its provisions (provision_page: its own
    page where it has one, else its heading on the act's page)."""
    path, anchor = provision_page(act, provision_id)
    url = page_url(lang, path, directory_urls)
    return f"{url}#{anchor}" if anchor else url
