"""The search box and its panel in chromium (issue 28): an excerpt quotes the page's own words, and a theme comes
before the themes' index."""

from __future__ import annotations

import pytest

from tools import screenshots
from victimlaw.labels import Labels

pytestmark = pytest.mark.browser

DESKTOP = max(screenshots.WIDTHS)
BOX, PANEL = "#site-search-input", ".site-search__results"


def address(served_site, offline_site, mode: str, lang: str, path: str = "", query: str = "") -> str:
    kind = screenshots.Kind("page", path, query=query)
    [(shot, _)] = screenshots.plan([mode], [lang], [DESKTOP], [kind], served_site, offline_site)
    return shot.url


@pytest.fixture
def errors(page):
    """What the page logs as an error: none is expected."""
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(str(error)))
    return found


def search(page, query: str) -> None:
    page.fill(BOX, query)
    page.locator(f"{PANEL} .site-search__page").first.wait_for()


# A query, and a page that must come before the themes' index, which lists every theme by a heading linking to it
RANKED = [
    ("az", "sığınacaq", "themes/shelter/"),
    ("ru", "приют", "ru/themes/shelter/"),
    ("en", "shelter", "en/themes/shelter/"),
]


def test_a_top_hit_quotes_the_pages_own_words_and_a_theme_comes_before_the_themes_index(served_site, page, errors):
    for lang, query, theme in RANKED:
        page.goto(address(served_site, None, "served", lang))
        search(page, query)
        found = page.eval_on_selector_all(".site-search__page", "items => items.map(li => li.dataset.location)")
        index = theme.removesuffix("shelter/")
        assert index in found and found.index(theme) < found.index(index), (lang, found[:6])
        excerpts = page.locator(f"{PANEL} .site-search__excerpt").all_inner_texts()
        ui = Labels(lang).ui
        furniture = [ui["cite_style_ru"], ui["cite_style_en"], ui["cite_downloads"], "BibTeX"]
        assert excerpts[0].strip() and not any(words in text for text in excerpts for words in furniture), lang
    search(page, "приют")  # on the English page, a word of the Russian citation alone: the page's own words quoted
    [excerpt] = page.locator(f"{PANEL} .site-search__excerpt").all_inner_texts()
    assert excerpt.strip() and "приют" not in excerpt and ui["cite_style_ru"] not in excerpt
    assert errors == []
