"""The state of one `mkdocs build` (or one rebuild under `serve`): a `Build`, made when the first language's
build starts and dropped when the last one ends or any fails, holding a `LanguageBuild` for each language
under way (static-i18n builds the other languages inside the default language's post_build). Nothing is kept
from one build to the next except the validated corpus (`CorpusCache`), reused while the data files are byte
for byte the same."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from . import LANGUAGES, search
from .model.corpus import Corpus, load_corpus
from .model.errors import DataError
from .pages import Page, Site
from .publish import Publication
from .sitefiles import SiteFiles
from .theme import ActiveSection, CompiledTemplates, NotFoundPage
from .workers import Workers


@dataclass
class LanguageBuild:
    """The state of one language's build."""

    lang: str
    site: Site
    site_dir: Path  # this language's folder of the site
    index: search.Index = field(init=False)  # its search index, written as the pages are built
    shared_partials: dict[tuple[str, str], str] = field(default_factory=dict)  # see overrides/partials/shared.html

    def __post_init__(self) -> None:
        self.index = search.Index(self.lang, self.site.words, self.site_dir)


@dataclass
class Build:
    """What every language of one build shares."""

    site: Site
    workers: Workers
    files: SiteFiles  # the files besides the pages, written by the workers
    publication: Publication  # a public build's sitemap and cards
    languages: list[LanguageBuild] = field(default_factory=list)  # under way, the current one last
    compiled: CompiledTemplates = field(default_factory=CompiledTemplates)
    section: ActiveSection = field(default_factory=ActiveSection)
    not_found: NotFoundPage = field(default_factory=NotFoundPage)

    @property
    def current(self) -> LanguageBuild:
        assert self.languages, "a victimlaw event outside a language's build"
        return self.languages[-1]

    def generated(self, file: File) -> Page | None:
        """The generated page this file stands for, if it is one."""
        path = generated_path(file.src_uri)
        return self.site.pages.get(path) if path else None

    def close(self, failed: bool = False) -> None:
        """The workers stopped (their errors raised, unless the build failed) and the cards' painters."""
        try:
            self.workers.close(failed)
        finally:
            self.publication.close()
            if failed:
                self.files.abandon()


def generated_path(src_uri: str) -> str | None:
    """instruments/law-one.md for az/instruments/law-one.md; None outside a language folder."""
    lang, _, path = src_uri.partition("/")
    return path if lang in LANGUAGES and path else None


class GeneratedPage(MkDocsPage):
    """A page the plugin renders from the data (in on_page_context): mkdocs has no Markdown source to
    read for it, nor to convert."""

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {}

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


def data_digest(data: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(data.parent.glob("*.yaml")) + sorted(data.parent.glob("*.schema.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class CorpusCache:
    """The validated corpus, kept between builds under `serve` while the data files are the same."""

    def __init__(self) -> None:
        self.kept: tuple[str, Corpus] | None = None  # (digest of the data files, the corpus they give)

    def load(self, data: Path, command: str | None) -> Corpus:
        digest = data_digest(data)
        if self.kept is None or self.kept[0] != digest:
            try:
                self.kept = (digest, read(data, command))
            except DataError as exc:
                self.kept = None
                raise PluginError(exc.report()) from None
        return self.kept[1]


def read(data: Path, command: str | None) -> Corpus:
    """`mkdocs build` reads the data in a process of its own: parsing and validating leave most of the
    memory they took allocated but unused, which the build's process would keep (at 10,000 records, 680
    MB where the corpus itself needs 235). Under `serve`, whose server runs threads, it reads here."""
    if command != "build" or not hasattr(os, "fork"):
        return load_corpus(data)
    with ProcessPoolExecutor(1, multiprocessing.get_context("fork")) as reader:
        return reader.submit(load_corpus, data).result()
