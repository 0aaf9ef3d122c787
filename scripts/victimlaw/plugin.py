"""The victimlaw MkDocs plugin: the pages generated from data/, rendered straight to HTML, and the search index.

Configured in mkdocs.yml (`plugins: - victimlaw: {data_file: ...}`), listed before static-i18n, which runs the
build once per language. Everything one language's build needs lives in a `LanguageBuild`, made in
`on_pre_build` and dropped after `on_post_build`, so `mkdocs serve` never keeps anything from one build
to the next except the validated corpus, reused only while the data files are byte for byte the same.
`mkdocs build` writes the site beside site_dir and swaps it in when the command succeeds (`SiteOutput`), so
a build that fails or is killed leaves the previous site whole.

For each generated page docs/<lang>/ holds a stub (victimlaw.generate); Markdown gets nothing to convert,
and the plugin gives the page its metadata, body and table of contents in `on_page_context`, just before
the theme renders it.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import logging
import multiprocessing
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader, PrefixLoader
from jinja2.bccache import Bucket
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from rjsmin import jsmin

from . import DEFAULT_LANGUAGE, LANGUAGES, cards, exports, language_folder, search
from .generate import write_stubs
from .model.corpus import Corpus, load_corpus
from .model.errors import DataError
from .pages import Page, Site
from .pages.ahead import RenderAhead
from .pages.lookup import LookupPage

log = logging.getLogger("mkdocs.plugins.victimlaw")
T = TypeVar("T")
PACKAGE = Path(__file__).parent
# The browser's side of the package, served from beside its Python twin; in the order the pages load them.
WORDS_SCRIPT = "search/words.js"  # the rules for words (search/wordrules.yaml), written by the build
# In the order they run (deferred, after search/words.js): cite.js folds with search.js's folding.
BROWSER_SCRIPTS = {
    "assets/javascripts/search.js": PACKAGE / "search" / "search.js",
    "assets/javascripts/cite.js": PACKAGE / "cite" / "cite.js",
    "assets/javascripts/catalogue.js": PACKAGE / "pages" / "catalogue.js",
}


class VictimlawConfig(base.Config):
    data_file = c.File(exists=True)  # instruments.yaml; references.yaml and themes.yaml are read beside it
    # Processes that render generated pages ahead during `mkdocs build` (pages/ahead.py); by default one
    # when the machine has two cores or more and the site has RENDER_AHEAD_FROM generated pages; 0: none.
    render_workers = c.Optional(c.Type(int))


RENDER_AHEAD_FROM = 600  # generated pages in all languages; below this, starting a process costs more than it saves


@dataclass
class LanguageBuild:
    """The state of one language's build."""

    lang: str
    site: Site
    site_dir: Path  # this language's folder of the site
    index: search.Index = field(init=False)  # its search index, written as the pages are built

    def __post_init__(self) -> None:
        self.index = search.Index(self.lang, self.site.words, self.site_dir)

    shared_partials: dict[tuple[str, str], str] = field(default_factory=dict)  # see overrides/partials/shared.html


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per build, not once per language: static-i18n makes a new Jinja
    environment for each language, and compiling Material's templates is a third of the real site's build.
    Jinja checks each template's source against the checksum kept with its code, so an edited template is
    compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def code_digest() -> str:
    """The package's Python code as it is on disk now."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def data_digest(data: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(data.parent.glob("*.yaml")) + sorted(data.parent.glob("*.schema.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class VictimlawPlugin(BasePlugin[VictimlawConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.code_at_start: str | None = None  # under serve: Python code cannot be reloaded safely
        self.corpus: tuple[str, Corpus] | None = None  # (digest of the data files, the corpus they give)
        # The language builds under way: static-i18n runs the other languages' inside the default's post_build.
        self.builds: list[LanguageBuild] = []
        self.output: SiteOutput | None = None  # `mkdocs build`: the site is made beside site_dir, then swapped in
        self.not_found_page: str | None = None  # the default language's 404 page
        self.ahead: RenderAhead | None = None  # the workers rendering pages ahead, for one `mkdocs build`
        self.jobs: dict[str, Future] = {}  # other work the workers do for this build, by name
        self.compiled = CompiledTemplates()  # made afresh for each build
        self.section: MkDocsPage | None = None  # the navigation page marked active for the page being built
        # a public build's pages, for its sitemap: by path below a language's root, each language's address
        # and when its data was last checked
        self.site_pages: dict[str, dict[str, tuple[str, str | None]]] = {}
        self.cards: dict[str, tuple[str, str, str]] = {}  # by page address: its card's title, label, site name

    def on_startup(self, *, command, dirty) -> None:
        self.command = command
        self.code_at_start = code_digest()

    @event_priority(-50)  # after Material's offline plugin has added its polyfills
    def on_config(self, config):
        check_site_url(os.environ.get(SITE_URL_VARIABLE), config.site_url)
        # The offline plugin (make offline) adds iframe-worker from a CDN, for Material's search worker under
        # file://; neither Material's search nor its script bundle is loaded here (overrides/main.html).
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [url for url in polyfills if "iframe-worker" not in url]
        offline = config.plugins.get("material/offline")
        if offline and offline.config.enabled:
            # No server answers a missing file:// address with 404.html, and its links are from the site's root.
            config.theme.static_templates.discard("404.html")
        present = {str(script) for script in config.extra_javascript}
        for path in (WORDS_SCRIPT, *BROWSER_SCRIPTS):
            if path not in present:
                script = ExtraScriptValue(path)
                script.defer = True  # run once the page is parsed, in this order (the rules for words first)
                config.extra_javascript.append(script)
        if self.command == "build" and self.output is None:
            self.output = SiteOutput(Path(config.site_dir))
            config.site_dir = str(self.output.staging)
        return config

    def on_pre_build(self, *, config) -> None:
        if not self.builds:  # the first language: what every language shares is made once
            self._restart_if_code_changed()
            self.compiled = CompiledTemplates()
            site = Site(self._load_corpus(), config.use_directory_urls, config.site_url, config.repo_url)
            written = write_stubs(Path(config.docs_dir), list(site.pages))
            if written:
                log.debug(f"victimlaw: {written} page stubs written or removed")
            workers = self.config.render_workers
            if workers is None:
                enough = len(site.pages) * len(LANGUAGES) >= RENDER_AHEAD_FROM
                workers = 1 if self.command == "build" and enough and (os.cpu_count() or 1) > 1 else 0
            if workers > 0 and hasattr(os, "fork"):  # not under serve: its server runs threads
                self.ahead = RenderAhead(site, workers)
                # first in the workers' queue: what on_files needs, while static-i18n lays out the files
                self.jobs["shared"] = self.ahead.run(shared_files)
                self.jobs.update({f"lookup-{lang}": self.ahead.run(lookup_script, lang) for lang in LANGUAGES})
        else:
            site = self.builds[0].site
        lang = config.theme["language"]
        # the hand-written pages' heading links (Python-Markdown's toc) titled in the page's language
        if "toc" in config.mdx_configs:
            config.mdx_configs["toc"]["permalink_title"] = site.labels[lang].ui["permalink"]
        self.builds.append(LanguageBuild(lang, site, Path(config.site_dir)))

    def _restart_if_code_changed(self) -> None:
        """mkdocs never reloads a plugin's modules: under `serve`, new Python code means a new process."""
        if self.command != "serve" or self.code_at_start is None or code_digest() == self.code_at_start:
            return
        log.warning(
            "victimlaw: its Python code changed; restarting `mkdocs serve` so that no page is built with the old code"
        )
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])

    def _load_corpus(self) -> Corpus:
        data = Path(self.config.data_file)
        digest = data_digest(data)
        if self.corpus is None or self.corpus[0] != digest:
            try:
                self.corpus = (digest, self._read(data))
            except DataError as exc:
                self.corpus = None
                raise PluginError(exc.report()) from None
        return self.corpus[1]

    def _read(self, data: Path) -> Corpus:
        """`mkdocs build` reads the data in a process of its own: parsing and validating leave most of the
        memory they took allocated but unused, which the build's process would keep (at 10,000 records, 680
        MB where the corpus itself needs 235). Under `serve`, whose server runs threads, it reads here."""
        if self.command != "build" or not hasattr(os, "fork"):
            return load_corpus(data)
        with ProcessPoolExecutor(1, multiprocessing.get_context("fork")) as reader:
            return reader.submit(load_corpus, data).result()

    @event_priority(-110)  # after static-i18n has laid out this language's files
    def on_files(self, files, *, config):
        build = self._current()
        if self.ahead is not None and len(self.builds) == 1:  # the pages in the order mkdocs builds them
            order = [path for file in files.documentation_pages() if (path := generated_path(file.src_uri))]
            order = [path for path in order if path in build.site.pages]
            for lang in (build.lang, *(other for other in LANGUAGES if other != build.lang)):
                self.ahead.queue(lang, order)
        prefix = language_folder(build.lang)
        script = self._done(f"lookup-{build.lang}", lookup_script, build.site, build.lang)
        files.append(File.generated(config, f"{prefix}cite/cite-data.js", content=script))
        for path, page in build.site.forward_pages(build.lang).items():
            files.append(File.generated(config, path, content=page))
        if build.lang == DEFAULT_LANGUAGE:  # shared by every language, at the site's root
            for path, text in self._done("shared", shared_files, build.site).items():
                files.append(File.generated(config, path, content=text))
            for path, source in BROWSER_SCRIPTS.items():  # minified: a reader's browser needs no comments
                files.append(File.generated(config, path, content=jsmin(source.read_text(encoding="utf-8"))))
        return files

    def on_nav(self, nav, *, config, files):
        """A generated page outside the navigation becomes a `GeneratedPage`: nothing to read or convert."""
        in_nav = {page.file.src_uri for page in nav.pages}
        for file in files.documentation_pages():
            if self._generated(file) and file.src_uri not in in_nav:
                GeneratedPage(None, file, config)  # takes the place of mkdocs' Page as file.page
        return nav

    def on_env(self, env, *, config, files):
        """Templates may include Material's own partial as material/partials/...: overrides/partials/nav.html
        and tabs.html do, to render it once per folder of pages outside the navigation."""
        theme_dirs = [folder for folder in config.theme.dirs if folder != config.theme.custom_dir]
        env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(theme_dirs)})])
        env.bytecode_cache = self.compiled
        build = self._current()
        # A link of the site as a public address: "/base/en/" and "en/instruments/" alike (static-i18n gives both).
        env.filters["public_address"] = functools.partial(urljoin, config.site_url or "")
        env.globals.update(
            default_language=DEFAULT_LANGUAGE,
            shared_partial_key=shared_partial_key,
            shared_partials=build.shared_partials,
            site_labels=build.site.labels[build.lang].ui,  # strings.yaml for the theme's own partials
            og_locales={lang: labels.ui["og_locale"] for lang, labels in build.site.labels.items()},
        )
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        """A generated page gives Markdown nothing to convert; it is rendered when its turn to be built comes."""
        return "" if self._generated(page.file) else markdown

    def on_page_content(self, html_text, *, page, config, files):
        if not self._generated(page.file):  # a hand-written page
            self._current().index.add(search.page_entries(html_text, page.toc, page.url))
        return html_text

    @event_priority(100)  # before static-i18n and the theme read the page
    def on_page_context(self, context, *, page, config, nav):
        """A generated page's metadata, body and table of contents, just before the theme's template renders
        it: the later a page is taken, the longer the workers have had to render it ahead."""
        build = self._current()
        generated = self._generated(page.file)
        if generated is None:
            return context
        if self.ahead is not None:
            rendered = self.ahead.take(build.lang, generated.path)
        else:
            rendered = build.site.render(generated, build.lang)
        page.meta, page.content, page.toc = rendered.meta, rendered.html, get_toc(rendered.toc)
        build.index.add(rendered.entries)
        if rendered.label:  # what the page is (its kind's label), for its social preview card
            page.meta = {**page.meta, "card_label": rendered.label}
        self.section = self._section_of(generated, page, nav)
        if self.section is not None:  # a page outside the navigation: the tab it belongs under is marked
            self.section.active = True
        return context

    def _section_of(self, generated: Page, page, nav):
        """The navigation's page for this generated page's section, when the page itself is not in it."""
        if generated.kind.section is None or page in nav.pages:
            return None
        return next((p for p in nav.pages if generated_path(p.file.src_uri) == generated.kind.section), None)

    def on_post_page(self, output, *, page, config):
        """A generated page is in its file now: let its body and bulky metadata (citation tags, JSON-LD) go, for
        mkdocs and static-i18n keep every page of every language to the end. The title stays: navigation
        and the language switcher may still name the page. A public build notes the page for its sitemap."""
        output = valid_toggles(output)
        if self.section is not None:
            self.section.active = False
            self.section = None
        generated = self._generated(page.file)
        if config.site_url:
            lang = self._current().lang
            path = page.url.removeprefix(language_folder(lang))
            checked = generated.kind.checked(generated) if generated else None
            self.site_pages.setdefault(path, {})[lang] = (page.url, checked)
            title = config.site_description if page.is_homepage else html.unescape(page.title or "")
            label = (page.meta or {}).get("card_label", "")
            self.cards[page.url] = (title, label, config.site_name)
        if generated:
            page.content, page.toc = "", get_toc([])
            page.meta = {key: value for key, value in page.meta.items() if key == "title"}
        return output

    @event_priority(0)  # before static-i18n builds the next language in its post_build
    def _write_index(self, *, config) -> None:
        """Every page of this language is built: its search index is written."""
        self._current().index.finish()

    @event_priority(-200)  # after static-i18n: it writes the sitemap and builds the other languages here
    def _finish_language(self, *, config) -> None:
        """This language is built; after the last one, the site is ready to take its place."""
        finished = self.builds.pop()
        if self.builds:
            return
        self._stop_rendering_ahead()
        site_dir = Path(config.site_dir)
        for name in ("sitemap.xml", "sitemap.xml.gz"):  # static-i18n's: every page, but no x-default nor lastmod
            (site_dir / name).unlink(missing_ok=True)
        if config.site_url:  # a sitemap needs the site's address
            sitemap = finished.site.sitemap(self.site_pages)
            (site_dir / "sitemap.xml").write_text(sitemap, encoding="utf-8")
            (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=0))
            (site_dir / "robots.txt").write_text(finished.site.robots(), encoding="utf-8")
            for url, (title, label, site_name) in self.cards.items():  # og:image of each page (overrides/main.html)
                (site_dir / url / CARD).write_bytes(cards.card(title, label, site_name))
        self.site_pages, self.cards = {}, {}
        if self.output is not None:
            self.output.built = True

    on_post_build = CombinedEvent(_write_index, _finish_language)

    def on_shutdown(self) -> None:
        """The end of a `mkdocs build` that succeeded (strict mode fails after post_build: then on_build_error)."""
        if self.output is not None and self.output.built:
            self.output.finish()
        self.output = None

    def on_post_template(self, output_content, *, template_name, config):
        """static-i18n writes every language's 404 page to the same place: the default language's stays."""
        output_content = valid_toggles(output_content)
        if template_name == "404.html":
            if self._current().lang == DEFAULT_LANGUAGE:
                self.not_found_page = output_content
            elif self.not_found_page is not None:
                return self.not_found_page
        return output_content

    def on_build_error(self, *, error) -> None:
        self.builds.clear()
        self._stop_rendering_ahead(failed=True)
        if self.output is not None:
            self.output.abandon()
            self.output = None

    def _done(self, job: str, function: Callable[..., T], *args: Any) -> T:
        """The result of a job the workers were given; done here when there are no workers."""
        future = self.jobs.pop(job, None)
        return future.result() if future is not None else function(*args)

    def _stop_rendering_ahead(self, failed: bool = False) -> None:
        """After the last language: the workers' jobs finished (their errors raised here), the workers stopped.
        After a failed build the jobs are dropped."""
        try:
            for future in [] if failed else self.jobs.values():
                future.result()
        finally:
            self.jobs.clear()
            if self.ahead is not None:
                self.ahead.close()
                self.ahead = None

    def on_serve(self, server, *, config, builder):
        server.watch(str(Path(self.config.data_file).parent))
        server.watch(str(PACKAGE))
        if config.theme.custom_dir:  # overrides/: mkdocs watches the theme only with --watch-theme
            server.watch(config.theme.custom_dir)
        return server

    def _generated(self, file: File) -> Page | None:
        """The generated page this file stands for, if it is one."""
        path = generated_path(file.src_uri)
        return self._current().site.pages.get(path) if path else None

    def _current(self) -> LanguageBuild:
        assert self.builds, "a victimlaw event outside a build"
        return self.builds[-1]


class GeneratedPage(MkDocsPage):
    """A page the plugin renders from the data (in on_page_context): mkdocs has no Markdown source to
    read for it, nor to convert."""

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {}

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def shared_files(site: Site) -> dict[str, str]:
    """The files every language links to, at the site's root: the data exports and the rules for words."""
    uris = {inst.id: site.act_uri(inst) for inst in site.corpus.instruments}
    shared = exports.files(site.corpus, site.labels, uris, site.public_uri)
    return {**shared, WORDS_SCRIPT: search.words_script(site.words)}


def lookup_script(site: Site, lang: str) -> str:
    """cite/cite-data.js of a language: the lookup's rules and the instruments' words."""
    return site.kind(LookupPage).script(site.labels[lang])


class SiteOutput:
    """A site built beside its folder (site/ is built in .site.building-<pid>/) and swapped in whole."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir).resolve()
        self.staging = self.site_dir.with_name(f".{self.site_dir.name}.building-{os.getpid()}")
        self.previous = self.site_dir.with_name(f".{self.site_dir.name}.previous-{os.getpid()}")
        self.built = False  # every language built; put in place at shutdown
        self._remove_abandoned()

    def _remove_abandoned(self) -> None:
        """What a killed build left: its staging folder, or the previous site half way through the swap."""
        for leftover in sorted(self.site_dir.parent.glob(f".{self.site_dir.name}.previous-*")):
            if not self.site_dir.exists():
                os.replace(leftover, self.site_dir)  # killed between the two renames: the old site comes back
            else:
                shutil.rmtree(leftover, ignore_errors=True)
        for leftover in self.site_dir.parent.glob(f".{self.site_dir.name}.building-*"):
            if not _running(leftover.name.rpartition("-")[2]):  # another build may be under way
                shutil.rmtree(leftover, ignore_errors=True)

    def finish(self) -> None:
        """The new site takes the old one's place; hidden entries (.git, as mkdocs keeps them) come along."""
        if self.site_dir.exists():
            for entry in self.site_dir.iterdir():
                if entry.name.startswith(".") and not (self.staging / entry.name).exists():
                    os.replace(entry, self.staging / entry.name)
            os.replace(self.site_dir, self.previous)
        os.replace(self.staging, self.site_dir)
        if self.previous.exists():  # deleted by a process of its own: mkdocs need not wait for thousands of files
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                    str(self.previous),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


# Material's drawer and search toggles are checkboxes with autocomplete="off" (so that Firefox does not restore
# them), which HTML allows on text fields only; base.html has no block to override them by.
MATERIAL_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">'
)


def valid_toggles(html: str) -> str:
    return MATERIAL_TOGGLE.sub(r"\1>", html)


CARD = "card.png"  # a page's social preview card, in its folder (a public build's)
SITE_URL_VARIABLE = "VICTIMLAW_SITE_URL"  # the public address, as mkdocs.yml reads it into site_url


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


def generated_path(src_uri: str) -> str | None:
    """instruments/law-one.md for az/instruments/law-one.md; None outside a language folder."""
    lang, _, path = src_uri.partition("/")
    return path if lang in LANGUAGES and path else None


def shared_partial_key(page, nav) -> str | None:
    """The folder of a page outside the navigation (en/instruments for en/instruments/x/) and its section:
    Material's nav and tabs, whose links are relative to the page, come out the same for every page there.
    None for a page in the navigation, which they mark as active."""
    if page is None or page in nav.pages:
        return None
    # the navigation page marked active for it (its section: VictimlawPlugin._section_of) is part of the key
    section = next((item.url for item in nav.pages if item.active), "")
    return f"{posixpath.dirname(page.url.rstrip('/')) or '.'} {section}"
