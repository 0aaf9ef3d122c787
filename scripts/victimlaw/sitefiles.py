"""The files the site gets besides its pages: the browser's scripts, the files every language shares (the data
exports, the rules for words), each language's lookup data and the pages forwarding permanent addresses.

mkdocs never reads them, so they are not mkdocs files: the workers write them while mkdocs builds the pages,
into a hidden folder of the site (mkdocs' cleaning leaves hidden entries alone, and static-i18n cleans each
language's folder as its build starts), and the last language's post_build moves them into place. Through
mkdocs, the tens of thousands of forwarding pages of a large corpus cost static-i18n's file handling and
mkdocs' copying seconds in every language, on mkdocs' process, and the first language waited for the lookup data.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from rjsmin import jsmin

from . import LANGUAGES, exports, language_folder, search
from .pages import Site
from .pages.lookup import LookupPage
from .workers import Workers

PACKAGE = Path(__file__).parent
# The browser's side of the package, served from beside its Python twin; in the order the pages load them.
WORDS_SCRIPT = "search/words.js"  # the rules for words (search/wordrules.yaml), written by the build
# In the order they run (deferred, after search/words.js): cite.js folds with search.js's folding; the search
# box (panel.js) runs on search.js's index.
BROWSER_SCRIPTS = {
    "assets/javascripts/search.js": PACKAGE / "search" / "search.js",
    "assets/javascripts/search-panel.js": PACKAGE / "search" / "panel.js",
    "assets/javascripts/cite.js": PACKAGE / "cite" / "cite.js",
    "assets/javascripts/catalogue.js": PACKAGE / "pages" / "catalogue.js",
    "assets/javascripts/theme.js": PACKAGE / "theme.js",  # what Material's bundle did: switcher, contents, drawer
    "assets/javascripts/print.js": PACKAGE / "pages" / "print.js",
}
PENDING = ".victimlaw-files"  # below the site's root: the files written while the build runs
FORWARD_ACTS = 200  # acts whose forwarding pages one job writes


def add_scripts(config: MkDocsConfig) -> None:
    """Every page loads the package's scripts, after mkdocs.yml's own (extra_javascript)."""
    present = {str(script) for script in config.extra_javascript}
    for path in (WORDS_SCRIPT, *BROWSER_SCRIPTS):
        if path not in present:
            script = ExtraScriptValue(path)
            script.defer = True  # run once the page is parsed, in this order (the rules for words first)
            config.extra_javascript.append(script)


class SiteFiles:
    """One build's files besides its pages, written by the workers below `site_root`/PENDING. The forwarding
    pages go in parts of FORWARD_ACTS acts: a worker busy with one part holds up a page that mkdocs waits for
    only briefly (pages/ahead.py)."""

    def __init__(self, workers: Workers, site_root: Path):
        self.workers = workers
        self.site_root = site_root
        self.pending = site_root / PENDING
        shutil.rmtree(self.pending, ignore_errors=True)  # a failed build's, under serve
        acts = len(workers.site.corpus.instruments)
        self.jobs: dict[str, tuple] = {"shared": (write_shared, self.pending)}
        for lang in LANGUAGES:
            self.jobs[f"lookup-{lang}"] = (write_lookup, lang, self.pending)
            for start in range(0, acts, FORWARD_ACTS):
                part = slice(start, start + FORWARD_ACTS)
                self.jobs[f"forward-{lang}-{start}"] = (write_forward, lang, part, self.pending)
        for job, (function, *args) in self.jobs.items():
            workers.start(job, function, *args)

    def place(self) -> None:
        """Every language is built: the files written meanwhile join the site (a folder the site has not got is
        moved whole)."""
        for job, (function, *args) in self.jobs.items():
            self.workers.result(job, function, *args)
        _move_into(self.pending, self.site_root)
        self.pending.rmdir()

    def abandon(self) -> None:
        shutil.rmtree(self.pending, ignore_errors=True)


def _move_into(source: Path, target: Path) -> None:
    for entry in source.iterdir():
        there = target / entry.name
        if entry.is_dir() and there.is_dir():
            _move_into(entry, there)
            entry.rmdir()
        else:
            os.replace(entry, there)


def _write(folder: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def write_shared(site: Site, folder: Path) -> None:
    """The files every language links to, at the site's root: the data exports, the rules for words and the
    browser's scripts (minified: a reader's browser needs no comments)."""
    uris = {inst.id: site.act_uri(inst) for inst in site.corpus.instruments}
    files = exports.files(site.corpus, site.labels, uris, site.public_uri)
    files[WORDS_SCRIPT] = search.words_script(site.words)
    for path, source in BROWSER_SCRIPTS.items():
        files[path] = jsmin(source.read_text(encoding="utf-8"))
    _write(folder, files)


def write_lookup(site: Site, lang: str, folder: Path) -> None:
    """A language's cite/cite-data.js: the lookup's rules and the instruments' words; the default language's at
    the site's root."""
    _write(folder, {f"{language_folder(lang)}cite/cite-data.js": site.kind(LookupPage).script(site.labels[lang])})


def write_forward(site: Site, lang: str, part: slice, folder: Path) -> None:
    """The pages at the permanent addresses of a part of the acts and their provisions, in one language."""
    _write(folder, site.forward_pages(lang, part))
