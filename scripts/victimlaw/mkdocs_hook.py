"""mkdocs hook: generate the pages before mkdocs collects files, so `mkdocs build` and `serve` work alone."""
from __future__ import annotations

import gc
import posixpath
import re
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from mkdocs.exceptions import PluginError

from victimlaw import DEFAULT_LANGUAGE, parallel, render, search
from victimlaw import generate as generate_module
from victimlaw.errors import DataError
from victimlaw.generate import generate
from victimlaw.paths import default_data


VENDORED_SHIM = "assets/javascripts/iframe-worker-shim.js"


_command: str | None = None


def on_startup(command, dirty, **kwargs) -> None:
    global _command
    _command = command


# The garbage collector: Python's full collections scan every object, the whole corpus and every page
# built so far, again and again; they took an eighth of a large build. During a build only the young
# generations are collected (the cycles each page's Markdown instance leaves behind die young).
YOUNG_COLLECTION_EVERY = 50  # pages
_pages_since_collection = 0


def _collect_young() -> None:
    global _pages_since_collection
    _pages_since_collection += 1
    if _pages_since_collection >= YOUNG_COLLECTION_EVERY:
        _pages_since_collection = 0
        gc.collect(1)


def on_pre_build(config, **kwargs) -> None:
    gc.disable()
    # static-i18n runs the build once per language; generation is a no-op after the first
    try:
        generate(default_data(), Path(config["docs_dir"]), config["use_directory_urls"])
    except DataError as exc:
        raise PluginError(exc.report()) from None
    _search_entries[config["theme"]["language"]] = []  # nothing left from a build that failed
    if parallel.enabled(_command):
        parallel.fork_languages(config)


_shared_partials: dict[tuple[str, str], str] = {}  # (partial, folder) -> HTML, for one language's build


def shared_partial_key(page, nav) -> str | None:
    """The folder of a page outside the navigation (en/instruments for en/instruments/x/): Material's nav
    and tabs, whose links are relative to the page, come out the same for every page there. None for a
    page in the navigation, which they mark as active."""
    if page is None or page in nav.pages:
        return None
    return posixpath.dirname(page.url.rstrip("/")) or "."


def on_env(env, config, files, **kwargs):
    """Templates may include Material's own partial as material/partials/...; overrides/partials/nav.html
    and tabs.html do, to render it once per folder."""
    _shared_partials.clear()
    theme_dirs = [folder for folder in config["theme"].dirs if folder != config["theme"].custom_dir]
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(theme_dirs)})])
    env.globals.update(shared_partial_key=shared_partial_key, shared_partials=_shared_partials)
    return env


def on_config(config, **kwargs):
    # The offline plugin (enabled by `make offline`) adds iframe-worker from a CDN; use the vendored copy.
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [VENDORED_SHIM if "iframe-worker" in url else url for url in polyfills]
    return config


TABLE = re.compile(r"<table>")
HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.S)
TAG = re.compile(r"<[^>]+>")


INSTRUMENT_PAGE = re.compile(r"^([a-z]{2})/instruments/([a-z0-9-]+)\.md$")
TIMELINE_PAGE = re.compile(r"^([a-z]{2})/timeline/([a-z0-9-]+\.md)$")


def on_page_content(html: str, page, config, **kwargs) -> str:
    _collect_young()
    html = _put_in(html, page, INSTRUMENT_PAGE, render.DOWNLOADS_MARK,
                   lambda corpus, lang, instrument_id: render.downloads_html(corpus, instrument_id, lang))
    html = _put_in(html, page, TIMELINE_PAGE, render.PICTURE_MARK,
                   lambda corpus, lang, name: render.picture_html(corpus, lang, name, config["use_directory_urls"]))
    return _with_captions(html, page)


def _put_in(html: str, page, source: re.Pattern, mark: str, content) -> str:
    """On a page whose source matches `source`, `mark` becomes content(corpus, *the match's groups)."""
    match = source.match(page.file.src_uri)
    if not match or mark not in html or generate_module.last_corpus is None:
        return html
    return html.replace(mark, content(generate_module.last_corpus, *match.groups()))


def _with_captions(html: str, page) -> str:
    """Give every table a caption (the heading above it) for screen readers; Markdown tables have none."""
    out, last = [], 0
    for match in TABLE.finditer(html):
        headings = HEADING.findall(html, 0, match.start())
        caption = TAG.sub("", headings[-1]).replace("&para;", "").replace("¶", "").strip() if headings else page.title
        out.append(html[last:match.end()])
        out.append(f'<caption class="visually-hidden">{caption}</caption>')
        last = match.end()
    out.append(html[last:])
    return "".join(out)


_search_entries: dict[str, list[tuple[str, list[dict]]]] = {}  # language -> (page, its entries), as built


def on_post_page(output: str, page, config, **kwargs) -> str:
    """Index the page while its HTML is at hand. static-i18n runs one build per language (the others
    inside the default language's post_build), so entries are kept per language."""
    _collect_young()
    entries = search.page_entries(output, page.url)
    _search_entries.setdefault(config["theme"]["language"], []).append((page.file.dest_uri, entries))
    return output


def on_post_build(config, **kwargs) -> None:
    """Write this language's search index: the default language at the site root, the others in <lang>/."""
    lang = config["theme"]["language"]
    root = Path(config["site_dir"])
    pages = sorted(_search_entries.pop(lang, []), key=lambda item: item[0])
    search.write_index(root, lang, [entry for _, entries in pages for entry in entries])
    if parallel.enabled(_command) and lang == DEFAULT_LANGUAGE:
        parallel.collect(config)
    if not config["site_url"]:  # a sitemap without the site's address would list "None/..." locations
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (root / name).unlink(missing_ok=True)
    gc.enable()  # `mkdocs serve` goes on; static-i18n's other languages disable it again in their pre_build


def on_build_error(error, **kwargs) -> None:
    gc.enable()
    if parallel.enabled(_command):
        parallel.abandon()


def on_serve(server, config, builder, **kwargs):
    server.watch(str(default_data().parent))
    server.watch(str(Path(__file__).parent))
    return server
