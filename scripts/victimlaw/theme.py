"""Every dependence of the site on Material for MkDocs, in one place (with overrides/, whose templates each say
which of Material's files they copy, extend or wrap; tests/test_theme.py checks them against the installed
Material).

What the plugin does to the theme:
- compiles Material's templates once per build, not once per language (`CompiledTemplates`);
- lets a template include Material's own partial as material/partials/... and gives the overrides the site's
  labels (`adapt_environment`);
- renders Material's nav and tabs once per folder of pages outside the navigation (`shared_partial_key`, with
  overrides/partials/shared.html), marking the navigation's entry of such a page's section (`ActiveSection`);
- keeps the default language's 404 page (`NotFoundPage`);
- removes autocomplete="off" from Material's two toggles (`valid_toggles`), which base.html writes outside any
  block: overriding them would mean a copy of base.html, whose asset names change with every release;
- leaves out Material's scripts (its bundle, lunr, the search worker), which no page loads
  (`drop_unused_scripts`; overrides/main.html says why), and the offline plugin's iframe-worker polyfill.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from . import DEFAULT_LANGUAGE
from .labels import Labels

# Material's own files that a module of this package (not a template) relies on, as Material's version, the
# file below material/templates/ and the sha256 of what is relied on (the file, or the blocks named), like the
# header of each template in overrides/. valid_toggles patches base.html's toggles; search/panel.js reads
# base.html's #__config block (written by the config block).
UPSTREAM_PATCHES = (
    "Material 9.8.2 base.html: sha256 a919e32d2225e09e",
    "Material 9.8.2 base.html blocks config: sha256 b84001acaa9dc379",
)
# A line of a template's header (or of UPSTREAM_PATCHES): the version, the file, the blocks if only they are
# relied on, and the first 16 hex digits of their sha256 (upstream_digest)
UPSTREAM = re.compile(
    r"Material (?P<version>\d+(?:\.\d+)+) (?P<file>[\w./-]+\.html)(?: blocks (?P<blocks>[\w,\s]+?))?: "
    r"sha256 (?P<digest>[0-9a-f]{16})"
)


def upstream_digest(templates: Path, file: str, blocks: Iterable[str] = ()) -> str:
    """The digest a declaration records: of Material's file, or of the named blocks' text in it, in that order."""
    source = (templates / file).read_text(encoding="utf-8")
    names = list(blocks)
    if names:
        parts = []
        for name in names:
            found = re.search(r"\{% block " + name + r" %\}.*?\{% endblock %\}", source, re.S)
            if found is None:
                raise LookupError(f"{file} has no block {name}")
            parts.append(found.group())
        source = "\n".join(parts)
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def configure(config: MkDocsConfig) -> None:
    """After Material's offline plugin (make offline) has added its polyfills."""
    # iframe-worker comes from a CDN, for Material's search worker under file://; neither Material's search nor
    # its script bundle is loaded here (overrides/main.html)
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [url for url in polyfills if "iframe-worker" not in url]
    offline = config.plugins.get("material/offline")
    if offline and offline.config.enabled:
        # No server answers a missing file:// address with 404.html, and its links are from the site's root.
        config.theme.static_templates.discard("404.html")


SCRIPTS = "assets/javascripts/"  # Material's scripts: its bundle and source map, lunr and the search worker


def drop_unused_scripts(files: Files, config: MkDocsConfig) -> None:
    """Material's scripts are not copied to the site: no page loads them (overrides/main.html leaves out the
    bundle, which loads the others). The site's own scripts there come from docs/ or the plugin."""
    theme_dirs = [Path(folder) for folder in config.theme.dirs if folder != config.theme.custom_dir]
    for file in list(files):
        source = file.abs_src_path
        if file.src_uri.startswith(SCRIPTS) and source and any(Path(source).is_relative_to(d) for d in theme_dirs):
            files.remove(file)


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


def adapt_environment(
    env: Environment,
    config: MkDocsConfig,
    compiled: CompiledTemplates,
    labels: dict[str, Labels],
    lang: str,
    shared_partials: dict[tuple[str, str], str],
) -> Environment:
    """Templates may include Material's own partial as material/partials/...: overrides/partials/nav.html
    and tabs.html do, to render it once per folder of pages outside the navigation."""
    theme_dirs = [folder for folder in config.theme.dirs if folder != config.theme.custom_dir]
    assert env.loader is not None
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": FileSystemLoader(theme_dirs)})])
    env.bytecode_cache = compiled
    # A link of the site as a public address: "/base/en/" and "en/instruments/" alike (static-i18n gives both).
    env.filters["public_address"] = functools.partial(urljoin, config.site_url or "")
    env.globals.update(
        default_language=DEFAULT_LANGUAGE,
        shared_partial_key=shared_partial_key,
        shared_partials=shared_partials,
        site_labels=labels[lang].ui,  # strings.yaml for the theme's own partials
        date_words={"months": labels[lang].month, "pattern": labels[lang].day_pattern},  # print.js's date
        og_locales={each: labels[each].ui["og_locale"] for each in labels},
    )
    return env


def shared_partial_key(page: Any, nav: Any) -> str | None:
    """The folder of a page outside the navigation (en/instruments for en/instruments/x/) and its section:
    Material's nav and tabs, whose links are relative to the page, come out the same for every page there.
    None for a page in the navigation, which they mark as active."""
    if page is None or page in nav.pages:
        return None
    # the navigation page marked active for it (its section: ActiveSection) is part of the key
    section = next((item.url for item in nav.pages if item.active), "")
    return f"{posixpath.dirname(page.url.rstrip('/')) or '.'} {section}"


class ActiveSection:
    """Material marks a page's tab by the navigation's entries that are active: a page outside the navigation
    (an act, a theme) gets its section's entry marked while the theme renders it."""

    def __init__(self) -> None:
        self.page: Any = None

    def mark(self, page: Any, nav: Navigation, section: str | None, path_of: Any) -> None:
        """`section`: the section's path below a language folder; `path_of`: a source file's such path."""
        if section is None or page in nav.pages:
            return
        self.page = next((p for p in nav.pages if path_of(p.file.src_uri) == section), None)
        if self.page is not None:
            self.page.active = True

    def clear(self) -> None:
        if self.page is not None:
            self.page.active = False
            self.page = None


class NotFoundPage:
    """static-i18n writes every language's 404 page to the same place: the default language's stays (it is
    built first)."""

    def __init__(self) -> None:
        self.html: str | None = None

    def keep(self, output: str, template_name: str, lang: str) -> str:
        if template_name != "404.html":
            return output
        if lang == DEFAULT_LANGUAGE:
            self.html = output
        return self.html if self.html is not None else output


# Material's drawer and search toggles are checkboxes with autocomplete="off" (so that Firefox does not restore
# them), which HTML allows on text fields only; base.html has no block to override them by.
MATERIAL_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">'
)


def valid_toggles(html: str) -> str:
    return MATERIAL_TOGGLE.sub(r"\1>", html)
