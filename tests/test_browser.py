"""The built site in headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

pytestmark = pytest.mark.browser


def test_relations_picture_renders_with_working_links(served_site, page, real_corpus):
    page.goto(served_site + "en/timeline/")
    svg = page.locator(".relations-picture svg")
    svg.wait_for()
    box = svg.bounding_box()
    assert box["width"] > 500 and box["height"] > 500
    image = Image.open(io.BytesIO(svg.screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 20, "the picture is blank"
    white = sum(count for count, rgb in (colours or []) if rgb == (255, 255, 255))
    assert white < 0.9 * image.width * image.height
    links = svg.locator("a")
    related = {r.source for i in real_corpus.instruments for r in i.relations} | {
        r.target for i in real_corpus.instruments for r in i.relations
    }
    assert links.count() == len(related)
    hrefs = {links.nth(n).get_attribute("href") for n in range(links.count())}
    assert "../instruments/decision-203-2005/" in hrefs
    page.locator('.relations-picture svg a[href="../instruments/decision-203-2005/"]').click()
    page.wait_for_url("**/en/instruments/decision-203-2005/")
    assert "203" in page.locator("article").inner_text()


def test_timeline_table_and_matrix_render(served_site, page):
    page.goto(served_site + "ru/timeline/")
    assert page.locator("article table").first.locator("tbody tr").count() >= 30
    page.goto(served_site + "themes/matrix/")
    first_cell = page.locator("article table tbody tr td").first
    assert first_cell.evaluate("cell => getComputedStyle(cell).position") == "sticky"
    page.set_viewport_size({"width": 390, "height": 800})  # a phone: the table scrolls, the page does not
    page.goto(served_site + "themes/matrix/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 400


def test_lookup_page_from_disk_shows_the_right_link(built_site, page):
    page.goto((built_site / "ru" / "cite" / "index.html").as_uri())
    page.fill("#citation-input", "Постановление Кабинета Министров № 203 от 9 ноября 2005 г.")
    first = page.locator(".citation-results li a").first
    first.wait_for()
    assert page.locator(".citation-results li").count() == 1
    assert first.get_attribute("href") == "../instruments/decision-203-2005/"
    assert (built_site / "ru" / "instruments" / "decision-203-2005" / "index.html").exists()
    page.fill("#citation-input", "ст. 14-1")
    page.locator('.citation-results a[href="../instruments/law-2005-combating-trafficking/#art-14-1"]').wait_for()
    page.fill("#citation-input", "Qərar 204")
    page.locator("[data-lookup-none]").wait_for(state="visible")
    assert page.locator(".citation-results li").count() == 0


def test_lookup_reads_the_query_from_the_address(served_site, page):
    page.goto(served_site + "en/cite/?cite=CETS%20197%20art.%2013")
    page.locator('.citation-results a[href="../instruments/coe-cets-197/#art-13"]').wait_for()


def test_browser_resolver_agrees_with_python_on_every_citation(built_site, page, real_corpus):
    from citations import CITATIONS
    from victimlaw.cite import Resolver

    page.goto((built_site / "cite" / "index.html").as_uri())
    texts = [text for text, _ in CITATIONS]
    in_browser = page.evaluate(
        "texts => { const r = new victimlawCite.Resolver(window.VICTIMLAW_CITE);"
        " return texts.map(t => r.resolve(t).map(m => [m.id, m.provision, m.score])); }",
        texts,
    )
    resolver = Resolver(real_corpus)
    in_python = [[[m.id, m.provision, m.score] for m in resolver.resolve(text)] for text in texts]
    assert in_browser == in_python


def test_each_citation_has_a_copy_button(served_site, page):
    page.goto(served_site + "en/instruments/decision-203-2005/")
    assert page.locator("pre code.language-text").count() == 3
    buttons = page.locator('pre button[data-md-type="copy"]')  # Material's copy button (content.code.copy)
    buttons.first.wait_for(state="attached")
    assert buttons.count() == 3
