"""Generated pages rendered ahead, in worker processes, while mkdocs builds the pages before them.

static-i18n builds the languages one after another in one process, and most of a page's time there is
mkdocs' and Material's. A generated page's body, table of contents and search entries depend only on the
`Site`, so worker processes, forked once the corpus is loaded, render them in the order mkdocs will ask
for them, a few chunks ahead; mkdocs' process takes each page's result when its turn comes. A page is
rendered by the same `Site.render` either way (a test compares the two sites byte for byte).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from typing import Any

from . import Rendered, Site
from .base import chunks

CHUNK = 24  # pages a task renders: large enough to pay for the trip, small enough to start soon
WINDOW = 6  # tasks under way or done but not yet taken, per worker: bounds the memory results hold

_site: Site | None = None  # in a worker process only: the site it was forked with


def _start(site: Site) -> None:
    global _site
    _site = site


def _render(lang: str, paths: list[str]) -> list[Rendered]:
    assert _site is not None
    return [_site.render(_site.pages[path], lang) for path in paths]


def _call(function: Callable[..., Any], *args: Any) -> Any:
    """function(the site, *args), in a worker."""
    assert _site is not None
    return function(_site, *args)


class RenderAhead:
    """Renders the pages of each language, in the given order, in `workers` forked processes."""

    def __init__(self, site: Site, workers: int):
        self.site = site
        self.window = WINDOW * workers
        # fork: the workers get the site (corpus, templates) as it is, without pickling it
        self.pool = ProcessPoolExecutor(
            workers, multiprocessing.get_context("fork"), initializer=_start, initargs=(site,)
        )
        self.waiting: deque[tuple[str, list[str]]] = deque()  # chunks not yet sent
        self.sent: deque[tuple[str, list[str], Future]] = deque()
        self.where: dict[tuple[str, str], Future] = {}
        self.ready: dict[tuple[str, str], Rendered] = {}

    def queue(self, lang: str, paths: list[str]) -> None:
        """Render these pages of `lang`, in this order, after those queued before."""
        self.waiting.extend((lang, part) for part in chunks(paths, CHUNK))
        self._send()

    def _send(self) -> None:
        # pages done but not yet taken count too: a worker faster than mkdocs would otherwise fill memory
        while self.waiting and len(self.sent) + len(self.ready) // CHUNK < self.window:
            lang, paths = self.waiting.popleft()
            future = self.pool.submit(_render, lang, paths)
            self.sent.append((lang, paths, future))
            for path in paths:
                self.where[(lang, path)] = future

    def take(self, lang: str, path: str) -> Rendered:
        """The page, as rendered ahead. A page whose chunk no worker has started is rendered here, with the rest of
        its chunk as they come, so that both cores stay busy; a chunk under way is waited for (a chunk, or a part
        of the files besides the pages, takes a fraction of a second): rendering its pages here too would do the
        work twice."""
        key = (lang, path)
        self._collect()
        rendered = self.ready.pop(key, None)
        if rendered is not None:
            return rendered
        future = self.where.pop(key, None)
        if future is not None:
            if future.cancel():  # not started: this process renders that chunk's pages as they come
                self.sent = deque(item for item in self.sent if item[2] is not future)
                self.where = {k: f for k, f in self.where.items() if f is not future}
                self._send()
            else:
                wait([future])
                self._collect()
                return self.ready.pop(key)
        return self.site.render(self.site.pages[path], lang)

    def _collect(self) -> None:
        """Keep the results of the chunks done so far."""
        done: list[tuple[str, list[str], Future]] = []
        under_way: deque[tuple[str, list[str], Future]] = deque()
        for item in self.sent:  # each future asked once: one may finish meanwhile
            (done if item[2].done() else under_way).append(item)
        self.sent = under_way
        for lang, paths, future in done:
            for path, rendered in zip(paths, future.result(), strict=True):
                self.ready[(lang, path)] = rendered
                self.where.pop((lang, path), None)
        self._send()

    def run(self, function: Callable[..., Any], *args: Any) -> Future:
        """function(site, *args) in a worker, after the chunks already sent: other work of the build that
        mkdocs' process need not wait for (the data files, the search index)."""
        return self.pool.submit(_call, function, *args)

    def close(self) -> None:
        self.waiting.clear()
        self.pool.shutdown(wait=True, cancel_futures=True)
