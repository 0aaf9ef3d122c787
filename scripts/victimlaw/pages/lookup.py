"""The citation lookup (cite/index.md) and its data, the resolver's rules and words (cite/cite-data.js)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from markupsafe import Markup

from ..cite.resolver import Resolver, browser_data
from ..labels import Labels
from ..layout import has_provision_pages, provision_path
from .base import Page, PageKind, act_path


class LookupPage(PageKind):
    """The citation lookup; its data (the resolver's rules and words) is a script beside it."""

    folders = ("cite",)
    template = "lookup.html.j2"

    def pages(self) -> Iterable[Page]:
        yield Page("cite/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["lookup"], "examples": t.ui["lookup_example_citations"]}

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.site.corpus)

    def script(self, t: Labels) -> str:
        """cite/cite-data.js of one language."""
        site = self.site  # each act's citations and its provisions' (Site.citations) go to the page
        locations = {inst.id: site.page_url(t.lang, act_path(inst)) for inst in site.corpus.instruments}
        locations |= {  # a cited international provision: its own page comes first in the search
            f"{inst.id}#{p.id}": site.page_url(t.lang, provision_path(inst.id, p.id))
            for inst in site.corpus.instruments
            if has_provision_pages(inst)
            for p in inst.provisions
        }
        data = browser_data(site.corpus, self.resolver, t, site.directory_urls, site.citations, locations)
        return self.site.env.get_template("cite-data.js.j2").render(
            data=Markup(json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"))
        )
