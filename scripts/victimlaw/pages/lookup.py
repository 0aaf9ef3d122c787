"""The citation lookup (cite/index.md) and its data, the resolver's rules and words (cite/cite-data.js)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from markupsafe import Markup

from ..cite import Resolver, browser_data
from ..labels import Labels
from .base import Page, PageKind, act_path

LOOKUP_EXAMPLES = {
    "az": [
        "NK-nın 9 noyabr 2005-ci il tarixli 203 nömrəli qərarı",
        "İnsan alverinə qarşı mübarizə haqqında qanun",
        "958-IIQ",
        "maddə 14-1",
        "CM 144-1",
        "e-qanun 11446",
    ],
    "en": [
        "Decision No. 203 of 9 November 2005",
        "law on combating trafficking",
        "CETS 197 art. 13",
        "Law No. 609-IVQD",
        "A/RES/55/25",
    ],
    "ru": [
        "Постановление Кабинета Министров № 203 от 9 ноября 2005 г.",
        "Закон о борьбе с торговлей людьми",
        "ст. 14-1",
        "УК 144-3",
        "Указ № 272",
    ],
}


class LookupPage(PageKind):
    """The citation lookup; its data (the resolver's rules and words) is a script beside it."""

    folders = ("cite",)
    template = "lookup.html.j2"

    def pages(self) -> Iterable[Page]:
        yield Page("cite/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["lookup"], "examples": LOOKUP_EXAMPLES[t.lang]}

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.site.corpus)

    def script(self, t: Labels) -> str:
        """cite/cite-data.js of one language."""
        site = self.site  # each act's citations and its provisions' (Site.citations) go to the page
        locations = {inst.id: site.page_url(t.lang, act_path(inst)) for inst in site.corpus.instruments}
        data = browser_data(site.corpus, self.resolver, t, site.directory_urls, site.citations, locations)
        return self.site.env.get_template("cite-data.js.j2").render(
            data=Markup(json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"))
        )
