"""Per-language search, in the public build (served) and the offline build (from disk)."""
from __future__ import annotations

import re

import pytest

from victimlaw import search

from sitecheck import broken_links, read_site

PREFIX = {"az": "", "en": "en/", "ru": "ru/"}

# query typed on a page of that language, and a page that must be among the results
QUERIES = [
    ("az", "siginacaq", "themes/shelter"),
    ("az", "SIĞINACAQ", "themes/shelter"),
    ("az", "sigınacaq", "themes/shelter"),
    ("az", "berpa ve fikirlesme", "themes/recovery-reflection"),
    ("az", "qurbanlarin repatriasiyasi", "themes/repatriation"),
    ("az", "İNSAN ALVERİ QURBANLARI", "instruments/"),
    ("az", "repatr", "themes/repatriation"),  # a prefix
    ("en", "repatriation", "en/themes/repatriation"),
    ("en", "Repatr", "en/themes/repatriation"),
    ("en", "shelters", "en/themes/shelter"),
    ("en", "recovery reflection", "en/themes/recovery-reflection"),
    ("ru", "жертвам", "ru/instruments/"),
    ("ru", "репатриация", "ru/themes/repatriation"),
    ("ru", "ребенок", "ru/instruments/"),  # the text has «ребёнок»
    ("ru", "ПРИЮТ", "ru/themes/shelter"),
]


def results(page, query):
    page.fill("#site-search-input", query)
    page.locator(".site-search__results p").wait_for()
    return page.eval_on_selector_all(".site-search__results a", "links => links.map(a => a.dataset.location)")


def check_queries(page, open_language):
    for lang, query, expected in QUERIES:
        open_language(lang)
        found = results(page, query)
        assert any(location.startswith(expected) for location in found), (lang, query, found[:5])
        other = [loc for loc in found if not loc.startswith(PREFIX[lang]) or
                 (lang == "az" and loc.startswith(("en/", "ru/")))]
        assert other == [], (lang, query, other)


@pytest.mark.browser
def test_search_in_each_language_on_the_public_build(served_site, page):
    check_queries(page, lambda lang: page.goto(served_site + PREFIX[lang]))


@pytest.mark.browser
def test_search_in_each_language_from_disk(offline_site, page):
    check_queries(page, lambda lang: page.goto((offline_site / PREFIX[lang] / "index.html").as_uri()))


@pytest.mark.browser
def test_russian_stems_and_letter_folding(served_site, page):
    page.goto(served_site + "ru/")
    stems = page.evaluate("['жертвы', 'жертв', 'жертвам', 'торговли', 'торговле'].map(victimlawSearch.stemRu)")
    assert stems == ["жертв", "жертв", "жертв", "торговл", "торговл"]
    assert page.evaluate("victimlawSearch.fold('İşgəncə ISGENCE Ёлка')") == "isgence isgence елка"
    same = [results(page, q) for q in ("жертвы", "жертв", "жертвам")]
    assert same[0] == same[1] == same[2] and same[0]


@pytest.mark.browser
def test_offline_build_works_from_disk(offline_site, page):
    page.goto((offline_site / "en" / "instruments" / "decision-203-2005.html").as_uri())
    page.hover(".md-select")
    page.click('a[hreflang="ru"]')
    page.wait_for_url("**/ru/instruments/decision-203-2005.html")
    page.goto((offline_site / "timeline" / "index.html").as_uri())
    page.locator('.relations-picture svg a[href="../instruments/decision-203-2005.html"]').click()
    page.wait_for_url("**/instruments/decision-203-2005.html")
    page.goto((offline_site / "cite" / "index.html").as_uri())
    page.fill("#citation-input", "maddə 14-1")
    page.locator('.citation-results a[href="../instruments/law-2005-combating-trafficking.html#art-14-1"]').click()
    page.wait_for_url("**/instruments/law-2005-combating-trafficking.html#art-14-1")


def test_offline_build_links_and_assets(offline_site):
    pages = read_site(offline_site)
    assert broken_links(offline_site, pages) == []
    external = [(rel, a) for rel, p in pages.items() for a in p.assets if re.match(r"^(https?:)?//", a)]
    assert external == []
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/iframe-worker-shim.js" in html and "unpkg.com" not in html
    assert (offline_site / "instruments" / "decision-203-2005.html").exists()


@pytest.mark.parametrize("site_fixture", ["built_site", "offline_site"])
def test_one_index_per_language_holding_only_that_language(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for lang in ("az", "en", "ru"):
        script = (site / "search" / f"{lang}.js").read_text(encoding="utf-8")
        locations = re.findall(r'"l":"([^"]*)"', script)
        assert len(locations) > 100
        if lang == "az":
            assert not [loc for loc in locations if loc.startswith(("en/", "ru/"))]
        else:
            assert all(loc.startswith(f"{lang}/") for loc in locations)
        assert '"instruments/decision-203-2005' in script.replace(f'"{lang}/', '"')


def test_extract_cuts_pages_into_sections(tmp_path):
    page = tmp_path / "en" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html><nav>menu</nav><article class="md-content__inner">'
                    '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Intro <b>text</b>.</p>'
                    '<h2 id="s">Section</h2><p>Body</p><script>var x = 1;</script></article></html>', encoding="utf-8")
    docs = search.extract(tmp_path / "en", set(), directory_urls=True)
    assert docs == [{"l": "x/", "t": "Title", "p": "", "x": "Intro text ."},
                    {"l": "x/#s", "t": "Section", "p": "Title", "x": "Body"}]
    assert search.extract(tmp_path / "en", set(), directory_urls=False)[0]["l"] == "x/index.html"
    assert search.extract(tmp_path, {"en"}, directory_urls=True) == []
