"""A page per protection theme (themes/<id>.md), the international and national provisions compared, and the
themes' index (themes/index.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from ..labels import Labels
from ..model.themes import Evidence, Mapping, Target, Theme
from . import budget
from .base import Page, PageKind


class ThemePages(PageKind):
    """A page per protection theme: the international and national provisions compared."""

    folders = ("themes",)
    section = "themes/index.md"
    template = "theme.html.j2"

    def pages(self) -> Iterable[Page]:
        for theme in self.site.corpus.themes:
            yield Page(f"themes/{theme.id}.md", self, {"theme": theme})

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        theme = page.values["theme"]
        numbers, quoted_article = numbered_evidence(theme)
        quoted, elsewhere, unfound = self.provision_words(theme)
        return {
            "title": theme.title[t.lang],
            "theme": theme,
            "evidence_number": numbers,
            "evidence": quoted_article,
            "quoted": quoted,
            "quoted_elsewhere": elsewhere,
            "words_not_found": unfound,
        }

    def provision_words(self, theme) -> tuple[list[Target], list[Target], bool]:
        """The compared provisions whose words are quoted on the page (up to TEXTS_BYTES of them), those
        whose words are left to their act's page, and whether any compared provision has no words found."""
        quoted: list[Target] = []
        elsewhere: list[Target] = []
        used, unfound = 0, False
        for target in theme.provisions_compared:
            provision = self.site.corpus.by_id[target.instrument].provision(target.provision or "")
            texts = provision.texts if provision else ()
            if not texts:
                unfound = True
                continue
            size = sum(budget.text_bytes(text.text) for text in texts)
            if used + size <= budget.TEXTS_BYTES:
                quoted.append(target)
                used += size
            else:
                elsewhere.append(target)
        return quoted, elsewhere, unfound

    def meta(self, page: Page, t: Labels, values: dict[str, Any]) -> dict[str, Any]:
        return {"title": values["title"], "description": values["theme"].explanation[t.lang]}

    def label(self, page: Page, t: Labels, values: dict[str, Any]) -> str:
        return t.ui["theme_label"]

    def checked(self, page: Page) -> str | None:
        corpus = self.site.corpus
        dates = [corpus.by_id[i].checked for i in page.values["theme"].instrument_ids]
        return max((date for date in dates if date), default=None)


class ThemesIndexPage(PageKind):
    folders = ("themes",)
    template = "themes_index.html.j2"

    def pages(self) -> Iterable[Page]:
        if self.site.corpus.themes:
            yield Page("themes/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["themes"]}


def numbered_evidence(theme: Theme) -> tuple[dict[int, int], list[tuple[int, Mapping, list[list[Segment]]]]]:
    """Number the mappings that quote the source article, so the table can point at their quotations; each
    quotation in pieces, the words naming a side marked with the side."""
    numbers: dict[int, int] = {}
    quoted: list[tuple[int, Mapping, list[list[Segment]]]] = []
    for index, mapping in enumerate(theme.mappings):
        if mapping.evidence:
            numbers[index] = len(quoted) + 1
            quoted.append((len(quoted) + 1, mapping, [naming_segments(item) for item in mapping.evidence]))
    return numbers, quoted


class Segment(NamedTuple):
    text: str
    side: str | None  # the side these words name, if they name one


def naming_segments(evidence: Evidence) -> list[Segment]:
    """The passage cut where the words naming each side begin and end (their first occurrence)."""
    spans = sorted(
        (start, start + len(words), side)
        for side, words in evidence.names.items()
        if (start := evidence.passage.find(words)) >= 0
    )
    pieces, at = [], 0
    for start, end, side in spans:
        if start < at:  # overlapping names: the earlier one is marked
            continue
        pieces += [Segment(evidence.passage[at:start], None), Segment(evidence.passage[start:end], side)]
        at = end
    pieces.append(Segment(evidence.passage[at:], None))
    return [piece for piece in pieces if piece.text]
