"""The concordance matrix (themes/matrix.md): instruments by themes, in pages when it would outgrow one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import LANGUAGES
from ..labels import Labels
from ..model.corpus import Instrument, natural_key
from ..model.themes import Target
from . import budget
from .base import Page, PageKind
from .catalogue import groups


class MatrixPages(PageKind):
    """The concordance matrix: instruments by themes, split into pages of at most PAGE_ROWS rows and
    SPLIT_BYTES of estimated body (the list of themes and the header row, then the rows)."""

    folders = ("themes",)
    section = "themes/matrix.md"
    template = "matrix.html.j2"

    def pages(self) -> Iterable[Page]:
        corpus = self.site.corpus
        if not corpus.themes:
            return
        rows, cells = matrix_rows(corpus)
        names = {
            inst.id: max(budget.text_bytes(self.site.labels[lang].short_label(inst)) for lang in LANGUAGES)
            for inst in rows
        }

        titles = {theme.id: max(budget.text_bytes(theme.title[lang]) for lang in LANGUAGES) for theme in corpus.themes}

        def row_bytes(inst: Instrument) -> int:
            size = budget.LINK_BYTES + len(inst.id) + names[inst.id]
            for theme in corpus.themes:
                size += budget.CELL_BYTES
                cell = cells[(inst.id, theme.id)]
                if cell:  # the theme's name labels the cell on a phone; each link has it in its title
                    size += titles[theme.id] + sum(
                        budget.TARGET_BYTES + len(theme.id) + titles[theme.id] + 2 * len(target.provision or "")
                        for target in cell
                    )
            return size

        head = sum(
            2 * budget.LINK_BYTES + 3 * len(theme.id) + max(budget.text_bytes(theme.title[lang]) for lang in LANGUAGES)
            for theme in corpus.themes
        )
        pieces = budget.paginate(
            rows, row_bytes, budget.PAGE_ROWS, "matrix-00", fixed=min(head, budget.SPLIT_BYTES // 2)
        ) or [[]]
        pager = [(n, "themes/matrix.md" if n == 1 else f"themes/matrix-{n}.md") for n in range(1, len(pieces) + 1)]
        for (n, path), part in zip(pager, pieces, strict=True):
            yield Page(path, self, {"rows": part, "cells": cells, "pager": pager, "current": n})

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["matrix"], **page.values}


def matrix_rows(corpus) -> tuple[list[Instrument], dict[tuple[str, str], list[Target]]]:
    """Instruments that appear in a theme (international first, each group in date order) and the cells."""
    cells: dict[tuple[str, str], list[Target]] = {}
    for theme in corpus.themes:
        for inst in corpus.instruments:
            cells[(inst.id, theme.id)] = []
        for target in theme.targets():
            if target not in cells[(target.instrument, theme.id)]:
                cells[(target.instrument, theme.id)].append(target)
    for (instrument_id, _theme), cell in cells.items():
        if len(cell) < 2:  # most cells of a large corpus are empty
            continue
        inst = corpus.by_id[instrument_id]
        # provisions in their act's order, the act as a whole after them
        cell.sort(key=lambda t: natural_key(inst.provision(t.provision).number) if t.provision else ((2, 0, ""),))
    rows = [
        inst
        for level, kinds in groups(corpus)
        for kind, members in kinds
        for inst in members
        if corpus.themes_of(inst.id)
    ]
    return rows, cells
