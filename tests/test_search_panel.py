"""The search box and its panel in chromium (issue 28), served and from disk, each behaviour in a language of its own
so that the three are covered in each mode: it closes on a click outside and on Escape anywhere in it, the arrow
keys walk the results, "/" and "s" reach the box, the query stays in the address for Back, the open search fits a
phone, and an excerpt quotes the page's own words."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import viewport
from tools import screenshots
from victimlaw.labels import Labels

pytestmark = pytest.mark.browser

PHONE, DESKTOP = min(screenshots.WIDTHS), max(screenshots.WIDTHS)
QUERY = {"az": "sığınacaq", "en": "shelter", "ru": "приют"}
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


def focused(page) -> str:
    """The focused element: the box's id, or a result's address."""
    return page.evaluate("document.activeElement.id || document.activeElement.dataset.location || ''")


@pytest.mark.parametrize(("mode", "lang"), [("served", "az"), ("file", "ru")])
def test_the_panel_answers_the_keys_and_clicks_materials_readers_expect(
    served_site, offline_site, page, errors, mode, lang
):
    page.set_viewport_size(viewport(DESKTOP))
    page.goto(address(served_site, offline_site, mode, lang))
    panel, outside = page.locator(PANEL), page.locator("article h1")
    for key in ("/", "s"):  # outside a text field, either reaches the box
        outside.click(position={"x": 5, "y": 5})
        page.keyboard.press(key)
        assert focused(page) == "site-search-input" and page.input_value(BOX) == "", key
    search(page, QUERY[lang])
    outside.click(position={"x": 5, "y": 5})  # beside the panel: it closes, the query stays
    assert panel.is_hidden() and page.input_value(BOX) == QUERY[lang]
    page.click(BOX)  # the box again: the same results
    stops = page.eval_on_selector_all(f"{PANEL} a[href]", "links => links.map(a => a.dataset.location)")
    assert panel.is_visible() and len(stops) > 3
    walked = []
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        walked.append(focused(page))
    assert walked == stops[:3]
    for expected in (stops[1], stops[0], "site-search-input"):
        page.keyboard.press("ArrowUp")
        assert focused(page) == expected
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")  # on a result: closed, and back to the box
    assert panel.is_hidden() and focused(page) == "site-search-input"
    page.keyboard.press("ArrowDown")  # opens it again
    assert panel.is_visible()
    page.keyboard.press("Escape")  # in the box: closed, the query kept
    assert panel.is_hidden() and page.input_value(BOX) == QUERY[lang] and focused(page) == "site-search-input"
    page.keyboard.type(" s/")  # in the box they are letters
    assert page.input_value(BOX) == QUERY[lang] + " s/"
    if mode == "served":  # and in any other text field
        page.goto(address(served_site, offline_site, mode, lang, "cite/"))
        page.click("#citation-input")
        page.keyboard.type("s/")
        assert page.input_value("#citation-input") == "s/" and page.input_value(BOX) == ""
    else:  # a result followed from the keyboard
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(re.escape(stops[0].split("#")[0].removesuffix("/"))))
    assert errors == []


@pytest.mark.parametrize(("mode", "lang"), [("served", "en"), ("file", "az")])
def test_the_query_stays_in_the_address_and_back_shows_its_results_again(
    served_site, offline_site, page, errors, mode, lang
):
    """On the catalogue, whose filter has its own parameter and a heading its anchor: both are kept."""
    start = address(served_site, offline_site, mode, lang, "instruments/", "?kind=decision#level-national")
    page.goto(start)
    query = QUERY[lang] + " 2005"
    search(page, query)
    url = urlsplit(page.url)
    assert parse_qs(url.query) == {"kind": ["decision"], "q": [query]} and url.fragment == "level-national"
    first = page.locator(f"{PANEL} .site-search__page a").first
    target = first.get_attribute("data-location")
    first.click()
    page.wait_for_url(lambda now: "kind=decision" not in now)
    page.go_back()
    page.locator(f"{PANEL} .site-search__page").first.wait_for()
    assert page.input_value(BOX) == query and page.locator(PANEL).is_visible()
    assert page.locator(f"{PANEL} .site-search__page a").first.get_attribute("data-location") == target
    page.reload()  # as Back does where the browser keeps no copy of the page: from the address alone
    page.locator(f"{PANEL} .site-search__page").first.wait_for()
    assert page.input_value(BOX) == query
    assert page.locator(".catalogue-filter select[name=kind]").input_value() == "decision"  # its filter still
    page.fill(BOX, "")
    url = urlsplit(page.url)
    assert parse_qs(url.query) == {"kind": ["decision"]} and url.fragment == "level-national"
    assert errors == []


def test_on_a_phone_the_open_search_takes_the_header_and_its_results_fit_the_screen(served_site, page, errors):
    """Laid out by CSS alone, the same served and from disk; checked at both widths, the phone's layout first."""
    page.set_viewport_size(viewport(PHONE))
    page.goto(address(served_site, None, "served", "ru"))
    closed = page.locator(BOX).bounding_box()["width"]
    page.click(BOX)
    header = page.locator(".md-header").bounding_box()
    assert page.locator(BOX).bounding_box()["width"] > max(0.8 * PHONE, 2 * closed)  # the query is no longer cut
    search(page, "торговля людьми защита жертв")
    for width in (PHONE, DESKTOP):
        page.set_viewport_size(viewport(width))
        size = viewport(width)
        panel = page.locator(PANEL).bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= size["width"], width
        assert panel["y"] + panel["height"] <= size["height"], width  # below it, nothing of the panel runs on
        assert width != PHONE or panel["y"] >= header["height"] - 1  # the whole screen below the header
        assert page.locator(".site-search__close").is_visible() == (width == PHONE)  # the arrow, on a phone only
        assert page.eval_on_selector(PANEL, "box => box.scrollWidth <= box.clientWidth"), width  # no line runs out
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), width  # nothing pushed out
    page.set_viewport_size(viewport(PHONE))
    page.click(".site-search__close")  # a phone has no Escape key
    page.wait_for_function(f"document.querySelector('{BOX}').getBoundingClientRect().width === {closed}")
    assert page.locator(PANEL).is_hidden() and page.locator(".md-header__title").is_visible()
    assert errors == []


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
