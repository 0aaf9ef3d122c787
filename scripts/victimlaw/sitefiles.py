"""The files the site gets besides its pages: the browser's scripts, the files every language shares (the data
exports, the rules for words), each language's lookup data and the pages forwarding permanent addresses."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from rjsmin import jsmin

from . import DEFAULT_LANGUAGE, LANGUAGES, exports, language_folder, search
from .pages import Site
from .pages.lookup import LookupPage
from .workers import Workers

PACKAGE = Path(__file__).parent
# The browser's side of the package, served from beside its Python twin; in the order the pages load them.
WORDS_SCRIPT = "search/words.js"  # the rules for words (search/wordrules.yaml), written by the build
# In the order they run (deferred, after search/words.js): cite.js folds with search.js's folding.
BROWSER_SCRIPTS = {
    "assets/javascripts/search.js": PACKAGE / "search" / "search.js",
    "assets/javascripts/cite.js": PACKAGE / "cite" / "cite.js",
    "assets/javascripts/catalogue.js": PACKAGE / "pages" / "catalogue.js",
}


def add_scripts(config: MkDocsConfig) -> None:
    """Every page loads the package's scripts, after mkdocs.yml's own (extra_javascript)."""
    present = {str(script) for script in config.extra_javascript}
    for path in (WORDS_SCRIPT, *BROWSER_SCRIPTS):
        if path not in present:
            script = ExtraScriptValue(path)
            script.defer = True  # run once the page is parsed, in this order (the rules for words first)
            config.extra_javascript.append(script)


def start_jobs(workers: Workers) -> None:
    """First in the workers' queue: what on_files needs, while static-i18n lays out the files."""
    workers.start("shared", shared_files)
    for lang in LANGUAGES:
        workers.start(f"lookup-{lang}", lookup_script, lang)


def language_files(workers: Workers, lang: str, config: MkDocsConfig) -> list[File]:
    """The files one language's build adds; the default language's build adds those at the site's root."""
    prefix = language_folder(lang)
    script = workers.result(f"lookup-{lang}", lookup_script, lang)
    added = [File.generated(config, f"{prefix}cite/cite-data.js", content=script)]
    added += [File.generated(config, path, content=page) for path, page in workers.site.forward_pages(lang).items()]
    if lang == DEFAULT_LANGUAGE:  # shared by every language, at the site's root
        for path, text in workers.result("shared", shared_files).items():
            added.append(File.generated(config, path, content=text))
        for path, source in BROWSER_SCRIPTS.items():  # minified: a reader's browser needs no comments
            added.append(File.generated(config, path, content=jsmin(source.read_text(encoding="utf-8"))))
    return added


def shared_files(site: Site) -> dict[str, str]:
    """The files every language links to, at the site's root: the data exports and the rules for words."""
    uris = {inst.id: site.act_uri(inst) for inst in site.corpus.instruments}
    shared = exports.files(site.corpus, site.labels, uris, site.public_uri)
    return {**shared, WORDS_SCRIPT: search.words_script(site.words)}


def lookup_script(site: Site, lang: str) -> str:
    """cite/cite-data.js of a language: the lookup's rules and the instruments' words."""
    return site.kind(LookupPage).script(site.labels[lang])
