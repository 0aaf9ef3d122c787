"""A page's table of contents."""

from __future__ import annotations

from typing import TypedDict


class TocToken(TypedDict):
    """An entry of a table of contents, as Python-Markdown's toc extension gives it to mkdocs' get_toc."""

    level: int
    id: str
    name: str
    children: list[TocToken]
