"""Read a built site: pages, their links, anchors and assets (used by the site tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ASSET_TAGS = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}


@dataclass
class Page:
    path: Path
    lang: str | None = None
    ids: set[str] = field(default_factory=set)
    duplicate_ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    alternates: dict[str, str] = field(default_factory=dict)  # <link rel="alternate" hreflang>
    switcher: dict[str, str] = field(default_factory=dict)  # the language switcher's <a hreflang>


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page.lang = attrs.get("lang")
        if attrs.get("id"):
            if attrs["id"] in self.page.ids:
                self.page.duplicate_ids.add(attrs["id"])
            self.page.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.page.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.page.links.append(attrs["href"])
            if attrs.get("hreflang"):
                self.page.switcher[attrs["hreflang"]] = attrs["href"]
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.page.alternates[attrs["hreflang"]] = attrs["href"]
            return
        for name in ("src", "href", "data"):
            if (tag, name) in ASSET_TAGS and attrs.get(name):
                if tag == "link" and attrs.get("rel") not in (
                    "stylesheet",
                    "preload",
                    "icon",
                    "modulepreload",
                    "manifest",
                ):
                    continue
                self.page.assets.append(attrs[name])


def read_site(site: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = Page(path)
        _Parser(page).feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = page
    return pages


def resolve(site: Path, page_rel: str, href: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points at; None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("mailto:"):
        return None
    target = urljoin("/" + page_rel, parts.path) if parts.path else "/" + page_rel
    path = site / unquote(target).lstrip("/")
    if path.is_dir() or target.endswith("/"):
        path = path / "index.html"
    return path, unquote(parts.fragment)


def broken_links(site: Path, pages: dict[str, Page]) -> list[str]:
    by_path = {page.path.resolve(): page for page in pages.values()}
    broken = []
    for rel, page in pages.items():
        for href in page.links + list(page.alternates.values()):
            target = resolve(site, rel, href)
            if target is None:
                continue
            path, fragment = target
            if not path.exists():
                broken.append(f"{rel}: {href} (no file)")
            elif fragment and path.suffix == ".html":
                other = by_path.get(path.resolve())
                if other is not None and fragment not in other.ids:
                    broken.append(f"{rel}: {href} (no anchor)")
    return broken
