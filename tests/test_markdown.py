"""The inline shortcut (scripts/victimlaw/inline_shortcut.py) makes pages convert faster, never differently."""
from __future__ import annotations

from functools import lru_cache

import markdown
import pytest
from markdown.inlinepatterns import SimpleTagInlineProcessor
from mkdocs.config import load_config

from victimlaw.inline_shortcut import InlineShortcut, ShortcutInlineProcessor, triggers_for
from victimlaw.render import render_site

from conftest import ROOT


@lru_cache(maxsize=1)
def site_markdown() -> tuple[list[str], dict]:
    """mkdocs.yml's Markdown extensions and their settings, without the shortcut."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return [name for name in config.markdown_extensions if name != "victimlaw.inline_shortcut"], config.mdx_configs


def convert(text: str, shortcut: bool) -> str:
    names, configs = site_markdown()
    return markdown.Markdown(extensions=names + ([InlineShortcut()] if shortcut else []),
                             extension_configs=configs).convert(text)


def test_the_site_converts_with_the_shortcut():
    assert "victimlaw.inline_shortcut" in load_config(str(ROOT / "mkdocs.yml")).markdown_extensions
    md = markdown.Markdown(extensions=["victimlaw.inline_shortcut"])
    assert isinstance(md.treeprocessors["inline"], ShortcutInlineProcessor)


TEXTS = [
    "plain words, nothing to do", "a `code` span", "``two `ticks``", "a back\\\\slash and \\*escaped\\*",
    "[a link](page.md#anchor)", "![an image](picture.png)", "[by reference][id]\n\n[id]: https://example.org",
    "[shortcut]\n\n[shortcut]: https://example.org", "<https://e-qanun.az/framework/11446>", "<someone@example.org>",
    "a hard  \nbreak", "not a break \nhere", "<abbr title=\"x\">inline</abbr> html", "&amp; &#169; &#x41; & alone",
    "*em* **strong** ***both***", "_em_ __strong__ snake_case_word", "a * b * c", "- item *one*\n- item two",
    "| a | b |\n|---|---|\n| *c* | plain |", "Term\n:   definition with [a link](x.md)\n\nOther\n:   plain",
    "# Heading {#explicit-id}\n\nText.", "```\n*not emphasis* [not a link]\n```", "<div class=\"x\">\nraw *block*\n</div>",
    "Qurbanların hüquqları — «sitat» № 203", "Жертвы торговли людьми: ст. 14-1", "text\n\n\n\nafter blank lines",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_shortcut_changes_nothing(text):
    assert convert(text, shortcut=True) == convert(text, shortcut=False)


def test_every_page_converts_the_same_with_the_shortcut(real_corpus):
    pages = {name: text for name, text in render_site(real_corpus).items() if name.endswith(".md")}
    pages.update({str(path): path.read_text(encoding="utf-8") for path in ROOT.glob("docs/*/*.md")})
    assert len(pages) > 150
    for name, text in pages.items():
        body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
        assert convert(body, shortcut=True) == convert(body, shortcut=False), name


def test_a_pattern_the_shortcut_does_not_know_turns_it_off():
    md = markdown.Markdown(extensions=[InlineShortcut()])
    triggers = triggers_for(md)
    assert triggers.search("plain words") is None
    assert all(triggers.search(text) for text in ("[x]", "`x`", "\\x", "<x>", "&x;", "*x*", "_x_", "x  \ny"))
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    assert triggers_for(md) is None
    assert md.convert("~~struck~~") == "<p><del>struck</del></p>"
