"""The build's work done in worker processes: generated pages rendered ahead (pages/ahead.py) and the other
jobs mkdocs' process need not wait for (the files shared by every language, each language's lookup data).
Without workers the same functions run in mkdocs' process when their result is asked for."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from .pages import Page, Rendered, Site
from .pages.ahead import RenderAhead

T = TypeVar("T")
RENDER_AHEAD_FROM = 600  # generated pages in all languages; below this, starting a process costs more than it saves


def worker_count(configured: int | None, command: str | None, site_pages: int, languages: int) -> int:
    """`render_workers` as configured; by default one when `mkdocs build` runs on two cores or more and the site
    has RENDER_AHEAD_FROM generated pages; none under serve, whose server runs threads (workers are forked)."""
    if configured is None:
        enough = site_pages * languages >= RENDER_AHEAD_FROM
        configured = 1 if command == "build" and enough and (os.cpu_count() or 1) > 1 else 0
    return configured if hasattr(os, "fork") else 0


class Workers:
    """One build's workers (none when `count` is 0) and the jobs given to them, by name."""

    def __init__(self, site: Site, count: int):
        self.site = site
        self.ahead = RenderAhead(site, count) if count > 0 else None
        self.jobs: dict[str, Future] = {}

    def start(self, job: str, function: Callable[..., Any], *args: Any) -> None:
        """function(site, *args) in a worker, if there are workers; otherwise it runs when `result` asks."""
        if self.ahead is not None:
            self.jobs[job] = self.ahead.run(function, *args)

    def result(self, job: str, function: Callable[..., T], *args: Any) -> T:
        """The result of a job the workers were given; done here when there are no workers."""
        future = self.jobs.pop(job, None)
        return future.result() if future is not None else function(self.site, *args)

    def queue(self, lang: str, paths: list[str]) -> None:
        """The generated pages of `lang`, in the order mkdocs will build them, to render ahead."""
        if self.ahead is not None:
            self.ahead.queue(lang, paths)

    def page(self, page: Page, lang: str) -> Rendered:
        if self.ahead is not None:
            return self.ahead.take(lang, page.path)
        return self.site.render(page, lang)

    def close(self, failed: bool = False) -> None:
        """After the last language: the jobs finished (their errors raised here), the workers stopped. After a
        failed build the jobs are dropped."""
        try:
            for future in [] if failed else self.jobs.values():
                future.result()
        finally:
            self.jobs.clear()
            if self.ahead is not None:
                self.ahead.close()
                self.ahead = None
