"""The victimlaw MkDocs plugin: the pages generated from data/, rendered straight to HTML, and the search index.

Configured in mkdocs.yml (`plugins: - victimlaw: {data_file: ...}`), listed before static-i18n, which runs the
build once per language. This module holds the event handlers only; each hands its work on:
build.py (one build's state: a `Build`, made in the first language's on_pre_build and dropped after the last
language's on_post_build or at on_build_error), workers.py (pages rendered ahead and other jobs in worker
processes), sitefiles.py (the files the site gets besides its pages), theme.py (every dependence on Material),
publish.py (sitemap, robots.txt, social cards), output.py (the site swapped into place) and serve.py.

For each generated page docs/<lang>/ holds a stub (victimlaw.generate); Markdown gets nothing to convert,
and the plugin gives the page its metadata, body and table of contents in `on_page_context`, just before
the theme renders it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.toc import get_toc

from . import LANGUAGES, logs, publish, search, serve, sitefiles, theme
from .build import Build, CorpusCache, GeneratedPage, LanguageBuild, generated_path
from .generate import write_stubs
from .output import SiteOutput
from .pages import Site
from .workers import Workers, worker_count

log = logging.getLogger("mkdocs.plugins.victimlaw")


class VictimlawConfig(base.Config):
    data_file = c.File(exists=True)  # instruments.yaml; references.yaml and themes.yaml are read beside it
    # Processes that render generated pages ahead during `mkdocs build` (pages/ahead.py); by default one
    # when the machine has two cores or more and the site has RENDER_AHEAD_FROM generated pages; 0: none.
    render_workers = c.Optional(c.Type(int))


class VictimlawPlugin(BasePlugin[VictimlawConfig]):
    def __init__(self) -> None:
        self.command: str | None = None
        self.code_at_start: str | None = None  # under serve: Python code cannot be reloaded safely
        self.corpus = CorpusCache()  # kept between builds while the data files are the same
        self.output: SiteOutput | None = None  # `mkdocs build`: the site is made beside site_dir, then swapped in
        self.build: Build | None = None  # the build under way

    def on_startup(self, *, command, dirty) -> None:
        logs.quiet()
        self.command = command
        self.code_at_start = serve.code_digest() if command == "serve" else None

    @event_priority(-50)  # after Material's offline plugin has added its polyfills
    def on_config(self, config):
        publish.check_site_url(os.environ.get(publish.SITE_URL_VARIABLE), config.site_url)
        theme.configure(config)
        sitefiles.add_scripts(config)
        if self.command == "build" and self.output is None:
            self.output = SiteOutput(Path(config.site_dir))
            config.site_dir = str(self.output.staging)
        return config

    def on_pre_build(self, *, config) -> None:
        if self.build is None:  # the first language: what every language shares is made once
            self.build = self._start(config)
        lang = config.theme["language"]
        # the hand-written pages' heading links (Python-Markdown's toc) titled in the page's language
        if "toc" in config.mdx_configs:
            config.mdx_configs["toc"]["permalink_title"] = self.build.site.labels[lang].ui["permalink"]
        self.build.languages.append(LanguageBuild(lang, self.build.site, Path(config.site_dir)))

    def _start(self, config) -> Build:
        serve.restart_if_code_changed(self.code_at_start)
        corpus = self.corpus.load(Path(self.config.data_file), self.command)
        site = Site(corpus, config.use_directory_urls, config.site_url, config.repo_url)
        written = write_stubs(Path(config.docs_dir), list(site.pages))
        if written:
            log.debug(f"victimlaw: {written} page stubs written or removed")
        count = worker_count(self.config.render_workers, self.command, len(site.pages), len(LANGUAGES))
        workers = Workers(site, count)
        files = sitefiles.SiteFiles(workers, Path(config.site_dir))
        return Build(site, workers, files, publish.Publication(config))

    @event_priority(-110)  # after static-i18n has laid out this language's files
    def on_files(self, files, *, config):
        build = self._build()
        language = build.current
        generated = [file for file in files.documentation_pages() if build.generated(file)]
        for file in generated:  # outside the navigation by design: mkdocs need not list them in its log
            file.inclusion = InclusionLevel.NOT_IN_NAV
        if len(build.languages) == 1:  # the pages to render ahead, in the order mkdocs builds them
            order = [path for file in generated if (path := generated_path(file.src_uri))]
            for lang in (language.lang, *(other for other in LANGUAGES if other != language.lang)):
                build.workers.queue(lang, order)
        theme.drop_unused_scripts(files, config)
        return files

    def on_nav(self, nav, *, config, files):
        """A generated page outside the navigation becomes a `GeneratedPage`: nothing to read or convert."""
        in_nav = {page.file.src_uri for page in nav.pages}
        for file in files.documentation_pages():
            if self._build().generated(file) and file.src_uri not in in_nav:
                GeneratedPage(None, file, config)  # takes the place of mkdocs' Page as file.page
        return nav

    def on_env(self, env, *, config, files):
        build = self._build()
        language = build.current
        return theme.adapt_environment(
            env, config, build.compiled, build.site.labels, language.lang, language.shared_partials
        )

    def on_page_markdown(self, markdown, *, page, config, files):
        """A generated page gives Markdown nothing to convert; it is rendered when its turn to be built comes."""
        return "" if self._build().generated(page.file) else markdown

    def on_page_content(self, html_text, *, page, config, files):
        build = self._build()
        if not build.generated(page.file):  # a hand-written page
            build.current.index.add(search.page_entries(html_text, page.toc, page.url))
        return html_text

    @event_priority(100)  # before static-i18n and the theme read the page
    def on_page_context(self, context, *, page, config, nav):
        """A generated page's metadata, body and table of contents, just before the theme's template renders
        it: the later a page is taken, the longer the workers have had to render it ahead."""
        build = self._build()
        generated = build.generated(page.file)
        if generated is None:
            return context
        rendered = build.workers.page(generated, build.current.lang)
        page.meta, page.content, page.toc = rendered.meta, rendered.html, get_toc(rendered.toc)
        build.current.index.add(rendered.entries)
        if rendered.label:  # what the page is (its kind's label), for its social preview card
            page.meta = {**page.meta, "card_label": rendered.label}
        build.section.mark(page, nav, generated.kind.section, generated_path)
        return context

    def on_post_page(self, output, *, page, config):
        """A generated page is in its file now: let its body and bulky metadata (citation tags, JSON-LD) go, for
        mkdocs and static-i18n keep every page of every language to the end. The title stays: navigation
        and the language switcher may still name the page. A public build notes the page for its sitemap."""
        build = self._build()
        build.section.clear()
        generated = build.generated(page.file)
        build.publication.note(page, build.current.lang, generated, config)
        if generated:
            page.content, page.toc = "", get_toc([])
            page.meta = {key: value for key, value in page.meta.items() if key == "title"}
        return theme.valid_toggles(output)

    def on_post_template(self, output_content, *, template_name, config):
        build = self._build()
        return build.not_found.keep(theme.valid_toggles(output_content), template_name, build.current.lang)

    @event_priority(0)  # before static-i18n builds the next language in its post_build
    def _write_index(self, *, config) -> None:
        """Every page of this language is built: its search index is written."""
        self._build().current.index.finish()

    @event_priority(-200)  # after static-i18n: it writes the sitemap and builds the other languages here
    def _finish_language(self, *, config) -> None:
        """This language is built; after the last one, the site is ready to take its place."""
        build = self._build()
        build.languages.pop()
        if build.languages:
            return
        self.build = None
        try:
            build.files.place()
            build.workers.close()
            build.publication.finish(build.site, Path(config.site_dir))
        finally:
            build.close()
        if self.output is not None:
            self.output.built = True

    on_post_build = CombinedEvent(_write_index, _finish_language)

    def on_build_error(self, *, error) -> None:
        if self.build is not None:
            self.build.close(failed=True)
            self.build = None
        if self.output is not None:
            self.output.abandon()
            self.output = None

    def on_shutdown(self) -> None:
        """The end of a `mkdocs build` that succeeded (strict mode fails after post_build: then on_build_error)."""
        if self.output is not None and self.output.built:
            self.output.finish()
        self.output = None

    def on_serve(self, server, *, config, builder):
        for path in serve.watched(self.config.data_file, config.theme.custom_dir):
            server.watch(path)
        return server

    def _build(self) -> Build:
        assert self.build is not None, "a victimlaw event outside a build"
        return self.build
