"""Python-Markdown extension: text in which no inline pattern can match skips the inline patterns.

Python-Markdown tries each of its inline patterns on every piece of text, the line breaks between
blocks included; that loop took a sixth of the build. Each of its patterns needs one of a few characters
to match (a backtick, backslash, bracket, "<", "&", an emphasis mark) or a hard line break, so text with
none of them comes out of the loop unchanged: here it is returned at once. The output is the same
(tests/test_markdown.py converts every page both ways). The shortcut is taken only while the patterns
are the ones listed here, so an extension that adds a pattern turns it off.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.treeprocessors import InlineProcessor

# Python-Markdown's own inline patterns and the characters each needs (emphasis: see md.delimiters).
KNOWN_PATTERNS = {
    "backtick": "`", "escape": "\\\\", "reference": r"\[", "link": r"\[", "image_link": r"\[",
    "image_reference": r"\[", "short_reference": r"\[", "short_image_ref": r"\[", "autolink": "<",
    "automail": "<", "html": "<", "entity": "&", "linebreak": "", "em_strong": "",
}
HARD_BREAK = "  \n"  # what the linebreak pattern matches


def triggers_for(md) -> re.Pattern | None:
    """What a text must hold for one of md's inline patterns to match; None if a pattern is unknown."""
    names = [name for name in KNOWN_PATTERNS if name in md.inlinePatterns]
    delimiters = getattr(getattr(md, "delimiters", None), "delimiters", None)
    if len(names) != len(md.inlinePatterns) or ("em_strong" in names and delimiters is None):
        return None
    characters = {KNOWN_PATTERNS[name] for name in names} | {re.escape(token) for token in delimiters or ()}
    return re.compile(f"[{''.join(sorted(characters - {''}))}]|{HARD_BREAK}")


class ShortcutInlineProcessor(InlineProcessor):
    """Python-Markdown's "inline" tree processor, returning at once text that no pattern can match."""

    triggers: re.Pattern | None = None

    def run(self, tree, ancestors=None):
        self.triggers = triggers_for(self.md)  # every extension has registered its patterns by now
        return super().run(tree, ancestors)

    # InlineProcessor.__handleInline, which run() calls for every text and tail
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self.triggers is not None and self.triggers.search(data) is None:
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


class InlineShortcut(Extension):
    def extendMarkdown(self, md) -> None:
        if hasattr(InlineProcessor, "_InlineProcessor__handleInline"):  # else a Python-Markdown this does not know
            md.treeprocessors.register(ShortcutInlineProcessor(md), "inline", 20)


def makeExtension(**kwargs) -> InlineShortcut:
    return InlineShortcut(**kwargs)
