"""The article's reference list (references/index.md), each reference with the instruments that rely on it."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from ..labels import Labels
from ..model.corpus import Instrument
from . import budget
from .base import Page, PageKind
from .catalogue import CataloguePages

HEADING_CHARS = 70  # a reference's heading: its first words, a line in the contents


class ReferencesPage(PageKind):
    """The article's reference list, each with the instruments that rely on it: at most CITING_LIMIT of
    them, fewer when their names are long, so that the page stays within SPLIT_BYTES (the bytes left after
    the references themselves are shared among them, what one leaves going to the next)."""

    folders = ("references",)
    template = "references.html.j2"

    def pages(self) -> Iterable[Page]:
        yield Page("references/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["references"], "citing": self.citing, "named": self.named}

    @cached_property
    def named(self) -> dict[int, str]:
        """Each reference's heading after its number: its first words, so that the contents say which is which."""
        return {
            ref.number: textwrap.shorten(ref.text, HEADING_CHARS, placeholder="…")
            for ref in self.site.corpus.references
        }

    @cached_property
    def citing(self) -> dict[int, tuple[list[Instrument], int]]:
        """Per reference number: the instruments listed under it, and how many rely on it."""
        corpus, sizes = self.site.corpus, self.site.kind(CataloguePages).sizes
        references = corpus.references
        left = (
            budget.SPLIT_BYTES
            - budget.PAGE_FIXED_BYTES
            - sum(budget.TABLE_BYTES + budget.text_bytes(ref.text) + len(ref.url or "") for ref in references)
        )
        out = {}
        for n, ref in enumerate(references):
            share, shown = left // (len(references) - n), []
            citing = corpus.citing(ref.number)
            for inst in citing[: budget.CITING_LIMIT]:
                if sizes.link(inst) + 20 > share:
                    break
                shown.append(inst)
                share -= sizes.link(inst) + 20
                left -= sizes.link(inst) + 20
            out[ref.number] = (shown, len(citing))
        return out
