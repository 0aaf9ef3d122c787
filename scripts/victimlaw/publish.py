"""What a public build (VICTIMLAW_SITE_URL set) adds for search engines and messengers: sitemap.xml (with each
page's alternates in every language and when its data was last checked), robots.txt, and each page's social
preview card (card.png beside it, its og:image: overrides/main.html).

Cards are drawn while the pages are built, in processes of their own, and kept between builds in
.cache/victimlaw/cards/ beside mkdocs.yml, each under a hash of everything it is drawn from (its title, label
and site name, the drawing code and fonts, Pillow's and FreeType's versions), as Material's social plugin does:
a build draws only the cards whose inputs changed.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import multiprocessing
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from PIL import __version__ as pillow_version
from PIL import features

from . import cards, language_folder
from .pages import Page, Site

SITE_URL_VARIABLE = "VICTIMLAW_SITE_URL"  # the public address, as mkdocs.yml reads it into site_url
CARD = "card.png"  # a page's social preview card, in its folder (a public build's)
CARDS_CACHE = ".cache/victimlaw/cards"  # beside mkdocs.yml
CARDS_KEPT_DAYS = 30  # a cached card no build has used for this long is removed


def check_site_url(given: str | None, site_url: str | None) -> None:
    """The public address must be the address of the site's root as written (mkdocs adds a missing "/" to
    site_url, and would silently drop a query): a mistake stops the build before anything is written."""
    if not site_url:
        return
    parts = urlsplit(site_url)
    problem = None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        problem = "it needs http:// or https:// and a host"
    elif parts.query or parts.fragment:
        problem = "it has a query or a fragment (?... or #...), which no page address can carry"
    elif given is not None and not given.endswith("/"):
        problem = "it must end in / (the address of the site's root folder)"
    if problem:
        raise PluginError(f"{SITE_URL_VARIABLE}={given or site_url!r} is not the site's public address: {problem}")


class Publication:
    """One build's pages, noted as they are built: for a public build, its sitemap's entries and its cards."""

    def __init__(self, config: MkDocsConfig):
        self.public = bool(config.site_url)
        # by path below a language's root: each language's address and when its data was last checked
        self.pages: dict[str, dict[str, tuple[str, str | None]]] = {}
        self.cards = Cards(Path(config.config_file_path).parent / CARDS_CACHE) if self.public else None

    def note(self, page: Any, lang: str, generated: Page | None, config: MkDocsConfig) -> None:
        """A page is built (`generated`: the generated page it is, if it is one): its sitemap entry and its card
        (drawn now, unless cached)."""
        if self.cards is None:
            return
        path = page.url.removeprefix(language_folder(lang))
        checked = generated.kind.checked(generated) if generated else None
        self.pages.setdefault(path, {})[lang] = (page.url, checked)
        title = (config.site_description or "") if page.is_homepage else html.unescape(page.title or "")
        label = (page.meta or {}).get("card_label", "")  # what the page is (an act's kind, date and number)
        self.cards.order(page.url, title, label, config.site_name)

    def finish(self, site: Site, site_dir: Path) -> None:
        """Every language is built: the sitemap, robots.txt and the cards are written."""
        for name in ("sitemap.xml", "sitemap.xml.gz"):  # static-i18n's: every page, but no x-default nor lastmod
            (site_dir / name).unlink(missing_ok=True)
        if self.cards is None:  # a sitemap needs the site's address
            return
        sitemap = site.sitemap(self.pages)
        (site_dir / "sitemap.xml").write_text(sitemap, encoding="utf-8")
        (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))
        (site_dir / "robots.txt").write_text(site.robots(), encoding="utf-8")
        self.cards.write(site_dir)

    def close(self) -> None:
        if self.cards is not None:
            self.cards.close()


@cache
def drawing_digest() -> str:
    """Everything a card's pixels depend on besides its text: the drawing code, the fonts, Pillow, FreeType."""
    digest = hashlib.sha256(f"{pillow_version} {features.version('freetype2')}".encode())
    for path in sorted(Path(cards.__file__).parent.iterdir()):
        if path.suffix in (".py", ".ttf"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Cards:
    """The cards of one build, by page address: taken from the cache, or drawn in parallel with the build."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = cache_dir
        self.wanted: dict[str, str] = {}  # page address: its card's hash
        self.drawing: dict[str, Future] = {}  # by hash, the cards being drawn
        self.painters: ProcessPoolExecutor | None = None  # started at the first card not in the cache

    def order(self, url: str, title: str, label: str, site_name: str) -> None:
        key = hashlib.sha256(f"{drawing_digest()}\0{json.dumps([title, label, site_name])}".encode()).hexdigest()
        self.wanted[url] = key
        if key in self.drawing or (self.cache_dir / f"{key}.png").exists():
            return
        if self.painters is None:
            # spawned, not forked: mkdocs' process may run threads (serve); one core is left to the build
            context = multiprocessing.get_context("spawn")
            self.painters = ProcessPoolExecutor(max(1, (os.cpu_count() or 1) - 1), context)
        self.drawing[key] = self.painters.submit(cards.card, title, label, site_name)

    def write(self, site_dir: Path) -> None:
        """Each card beside its page; the new ones kept in the cache, those long unused removed from it."""
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        for key, future in self.drawing.items():
            kept = self.cache_dir / f"{key}.png"
            partial = kept.with_name(f".{key}.{os.getpid()}.png")  # whole or absent, for a build beside this one
            partial.write_bytes(future.result())
            os.replace(partial, kept)
        now = time.time()
        for url, key in self.wanted.items():
            kept = self.cache_dir / f"{key}.png"
            (site_dir / url / CARD).write_bytes(kept.read_bytes())
            os.utime(kept, (now, now))
        for kept in self.cache_dir.glob("*.png"):
            if kept.stat().st_mtime < now - CARDS_KEPT_DAYS * 86400:
                kept.unlink(missing_ok=True)

    def close(self) -> None:
        if self.painters is not None:
            self.painters.shutdown(wait=True, cancel_futures=True)
            self.painters = None
