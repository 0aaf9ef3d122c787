"""A page's headings, recorded as its template renders them: the table of contents and the search index's sections
are made from this record, not read back from the HTML.

The heading macro of _page.html.j2 (`heading(level, id, text)`) calls `record_heading`, which `Site.render` puts in
each page's template context as the `record` of a fresh `Headings`.
"""

from __future__ import annotations

from html import escape
from typing import NamedTuple, TypedDict


class TocToken(TypedDict):
    """An entry of a table of contents, as Python-Markdown's toc extension gives it to mkdocs' get_toc."""

    level: int
    id: str
    name: str
    children: list[TocToken]


class Heading(NamedTuple):
    level: int  # 1 to 6
    id: str  # its anchor
    text: str  # its words as the reader sees them (not HTML)


class Headings:
    """The headings of one page, in the order its template renders them."""

    def __init__(self) -> None:
        self.found: list[Heading] = []

    def record(self, level: int, id: str, text: object) -> str:
        """Note a heading; the macro prints what this returns, so: nothing."""
        self.found.append(Heading(int(level), str(id), " ".join(str(text).split())))
        return ""

    def toc(self) -> list[TocToken]:
        """The table of contents, nested as Python-Markdown's toc nests it; names HTML-escaped, as it gives them."""
        root: list[TocToken] = []
        stack: list[TocToken] = []
        for heading in self.found:
            token: TocToken = {
                "level": heading.level,
                "id": heading.id,
                "name": escape(heading.text, quote=False),
                "children": [],
            }
            while stack and stack[-1]["level"] >= heading.level:
                stack.pop()
            (stack[-1]["children"] if stack else root).append(token)
            stack.append(token)
        return root
