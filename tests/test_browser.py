"""The built site in headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from conftest import PUBLIC_URL, overflowing_widths, serve_at, viewport
from tools import screenshots
from victimlaw import LANGUAGES

pytestmark = pytest.mark.browser


def test_relations_picture_renders_with_working_links(served_site, page, real_corpus):
    page.goto(served_site + "en/timeline/")
    svg = page.locator(".relations-picture svg")
    svg.wait_for()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 500
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


def test_timeline_table_renders(served_site, page):
    page.goto(served_site + "ru/timeline/")
    assert page.locator("article table").first.locator("tbody tr").count() >= 30


def test_matrix_keeps_its_header_row_and_instrument_column_in_view(served_site, page):
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(served_site + "en/themes/matrix/")
    assert page.locator("table.matrix thead th").nth(1).inner_text() == "Definition of a victim"
    heading = page.locator("table.matrix thead th").nth(3)
    instrument = page.locator("table.matrix tbody th").first
    top, left = heading.bounding_box()["y"], instrument.bounding_box()["x"]
    page.locator(".matrix-frame").evaluate("frame => { frame.scrollTop = 400; frame.scrollLeft = 500; }")
    assert heading.bounding_box()["y"] == top  # scrolled down: the theme names stay
    assert instrument.bounding_box()["x"] == left  # scrolled sideways: the instruments stay
    assert page.locator("table.matrix tbody td a").first.get_attribute("title")  # a cell names its provision


WIDEST_TABLE = (
    "Math.max(0, ...[...document.querySelectorAll('article table')].map(t => t.getBoundingClientRect().right))"
)


@pytest.mark.parametrize(
    "path",
    [
        "en/themes/matrix/",
        "ru/themes/victim-definition/",
        "instruments/coe-cets-197/",  # an index of provisions, a line each: no table
        "ru/instruments/palermo-protocol-2000/",
        "ru/provisions/coe-cets-197/art-12/",
    ],
)
def test_comparisons_need_no_sideways_scrolling_on_a_phone(served_site, page, path):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(served_site + path)
    compared = "table" if "themes/" in path else ".provision-index li, #national"
    assert page.locator(f"article {compared}").count() > 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(WIDEST_TABLE) <= 390


def test_a_treaty_lists_its_provisions_in_order_with_azerbaijani_quotes_marked_and_translated(served_site, page):
    from victimlaw.model.corpus import natural_key

    page.goto(served_site + "en/instruments/coe-cets-197/")
    labels = page.locator(".provision-index .provision-number").all_inner_texts()
    numbers = [label.removeprefix("Article ") for label in labels]
    assert "26" in numbers and numbers == sorted(numbers, key=natural_key)
    # every run of Azerbaijani text on an English page is marked as such
    unmarked = page.evaluate(
        """() => {
        const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
        const found = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const lang = node.parentElement.closest("[lang]").getAttribute("lang");
          if (/[əƏ]/.test(node.textContent) && lang !== "az") found.push(node.textContent.slice(0, 60));
        }
        return found;
      }"""
    )
    assert unmarked == []
    quoted = page.locator('article li span[lang="az"]')
    assert quoted.count() > 0
    assert quoted.first.evaluate("q => q.nextElementSibling.className") == "translation"
    assert "unofficial translation" in quoted.first.evaluate("q => q.nextElementSibling.textContent")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_treatys_page_is_an_index_a_reader_takes_in(served_site, page, lang):
    """Issue 27: CETS 197's page ran to 20,000-33,000 px; as an index of its provisions (their texts on their own
    pages) it is at most 6,000 px tall at 1366 px, and each line's link opens the provision's page."""
    page.set_viewport_size({"width": 1366, "height": 900})
    prefix = "" if lang == "az" else f"{lang}/"
    page.goto(served_site + prefix + "instruments/coe-cets-197/")
    assert page.evaluate("document.documentElement.scrollHeight") <= 6000
    page.locator("#art-12 a.provision-number").click()
    page.wait_for_url(f"**/{prefix}provisions/coe-cets-197/art-12/")
    assert page.locator("#words + .official-text blockquote").count() == 1


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
    page.locator('.citation-results a[href="../provisions/coe-cets-197/art-13/"]').wait_for()


def test_browser_resolver_agrees_with_python_on_every_citation(built_site, page, real_corpus):
    from citations import CITATIONS
    from victimlaw.cite.resolver import Resolver

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


def test_each_citation_has_a_copy_button(served_site, browser, real_corpus):
    from victimlaw.exports.citations import styles

    context = browser.new_context(viewport={"width": 390, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_site + "en/instruments/decision-203-2005/")
    citations = page.locator(".cite-block .citation-ready")
    assert citations.count() == 3
    expected = styles(real_corpus.by_id["decision-203-2005"])
    for citation, lang in zip(citations.all(), ("az", "en", "ru"), strict=True):
        text = citation.locator(".citation-text")
        assert text.get_attribute("lang") == lang and text.text_content() == expected[lang]
        button = citation.locator(".citation-copy")
        label = button.text_content()
        button.click()
        page.wait_for_function("([b, label]) => b.textContent !== label", arg=[button.element_handle(), label])
        assert page.evaluate("navigator.clipboard.readText()") == expected[lang]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_a_long_page_lists_its_sections_at_its_top_on_a_phone(served_site, page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(served_site + "ru/instruments/decision-203-2005/")
    contents = page.locator("details.page-contents")
    assert contents.is_visible()
    contents.locator("summary").click()
    contents.locator('a[href="#cite"]').click()
    page.wait_for_function("location.hash === '#cite'")
    assert page.locator("#cite").is_visible()
    page.set_viewport_size({"width": 1366, "height": 800})  # Material's table of contents is beside the page
    assert not contents.is_visible()


@pytest.fixture(scope="module")
def site_base(built_site):
    """The built site behind one static-host server (its 404 page for a missing address) for the module."""
    with screenshots.serve(built_site) as base:
        yield base


# The checks of what a page does run at the phone's width (the narrower layout), their lay-out assertions at
# every width by resizing the page (overflowing_widths); only the sweep below opens every page at each width.
PHONE = min(screenshots.WIDTHS)
DESKTOP = max(screenshots.WIDTHS)
SETTLE_MS = 100  # how long a page is watched after its load for a request its script starts late


@pytest.mark.parametrize("width", screenshots.WIDTHS)
def test_no_page_makes_a_failed_request_or_logs_a_console_error(site_base, offline_site, browser, width):
    """Every kind of page (the search and lookup doing their work) in every language, served at each width and
    from disk at the phone's (what a page asks for from disk depends on its links, not on the width)."""
    modes = list(screenshots.MODES) if width == PHONE else ["served"]
    work = screenshots.plan(modes, list(LANGUAGES), [width], screenshots.KINDS, site_base, offline_site)
    context = browser.new_context(viewport=viewport(width))
    problems = watch_each(context, work, SETTLE_MS)
    context.close()
    assert not (offline_site / "404.html").exists()  # no server answers a missing file:// address with it
    from_disk = len(screenshots.KINDS) - 1 if width == PHONE else 0  # no 404 page from disk
    assert len(work) == len(LANGUAGES) * (len(screenshots.KINDS) + from_disk)
    assert not problems, "\n".join(problems)


def watch_each(context, work, settle_ms: int) -> list[str]:
    """Visit each shot in its own page and list what went wrong. A page is closed only once the next has
    loaded and at least `settle_ms` after its own load: the wait for late requests overlaps the next visit."""
    import time

    problems: list[str] = []
    waiting: list = []

    def settle(page, shot, loaded: float) -> None:
        page.wait_for_timeout(max(0.0, settle_ms - (time.monotonic() - loaded) * 1000))
        page.close()
        problems.extend(f"{shot.mode} {shot.where}: {issue}" for issue in shot.faults)

    for shot, kind in work:
        page = context.new_page()
        screenshots.listen(page, shot, kind)
        screenshots.visit(page, shot, kind)
        loaded = time.monotonic()
        while waiting:
            settle(*waiting.pop())
        waiting.append((page, shot, loaded))
    while waiting:
        settle(*waiting.pop())
    return problems


TITLE_QUERIES = {
    "az": "İnsan alverinə qarşı mübarizə haqqında qanun",
    "en": "law on combating trafficking",
    "ru": "Закон о борьбе с торговлей людьми",
}


@pytest.mark.parametrize("mode", screenshots.MODES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_lookup_finds_an_act_by_its_title_and_gives_its_citation_and_official_link(
    site_base, offline_site, browser, real_corpus, lang, mode
):
    from urllib.parse import quote

    from victimlaw.exports.citations import styles

    law = real_corpus.by_id["law-2005-combating-trafficking"]
    lookup = screenshots.Kind("cite", "cite/", query="?cite=" + quote(TITLE_QUERIES[lang]))
    context = browser.new_context(viewport=viewport(PHONE))
    if mode == "served":
        context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    [(shot, _)] = screenshots.plan([mode], [lang], [PHONE], [lookup], site_base, offline_site)
    page.goto(shot.url)
    first = page.locator(".citation-results li").first
    first.wait_for()
    assert first.get_attribute("data-id") == law.id
    assert first.locator(".citation-text").text_content() == styles(law)[lang]
    assert first.locator(".citation-official").count() == 0  # the law's official text was not found online
    assert overflowing_widths(page) == []
    if mode == "served":  # the clipboard is the browser's to give; from disk the text is selected instead
        button = first.locator(".citation-copy")
        label = button.text_content()
        button.click()
        page.wait_for_function("([b, label]) => b.textContent !== label", arg=[button.element_handle(), label])
        assert page.evaluate("navigator.clipboard.readText()") == styles(law)[lang]
    examples = page.eval_on_selector_all(".citation-examples a", "links => links.map(a => a.href)")
    assert len(examples) >= 5
    for example in examples:  # each example is a link that finds an act
        page.goto(example)
        page.locator(".citation-results li").first.wait_for()
        for item in page.locator(".citation-results li").all():
            inst = real_corpus.by_id[item.get_attribute("data-id")]
            official = item.locator(".citation-official")
            assert official.get_attribute("href") == inst.link if inst.link else official.count() == 0
    context.close()


HOSTILE_QUERIES = [
    "a" * 2000,
    "203 " * 500,
    "(.*)+[?\\\\^$|{2,}",
    "<img src=x onerror=window.__injected=1>",
    "<script>window.__injected=1</script>",
    "",
    "     ",
]


@pytest.mark.parametrize("mode", screenshots.MODES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_hostile_queries_answer_without_error_or_injection(site_base, offline_site, browser, lang, mode):
    """The site search and the lookup, given long, regular-expression, HTML and empty queries: an answer,
    nothing of the query run or added to the page as markup, no error (the time each took is printed)."""
    context = browser.new_context(viewport=viewport(PHONE))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    kinds = [screenshots.Kind("home", ""), screenshots.Kind("cite", "cite/")]
    for shot, kind in screenshots.plan([mode], [lang], [PHONE], kinds, site_base, offline_site):
        page.goto(shot.url)
        field, answer = (
            ("#citation-input", ".citation-results li, [data-lookup-none]:not([hidden])")
            if kind.name == "cite"
            else ("#site-search-input", ".site-search__count")
        )
        for query in HOSTILE_QUERIES:
            started = page.evaluate("performance.now()")
            page.fill(field, query)
            if query.strip():
                page.locator(answer).first.wait_for(state="attached")
            took = page.evaluate("performance.now()") - started
            print(f"{mode} {lang} {PHONE} {kind.name}: {len(query)} characters answered in {took:.0f} ms")
            assert page.evaluate("window.__injected") is None
            assert page.evaluate(
                "!document.querySelector('img[src=x]') && ![...document.scripts].some(s => s.text.includes('__injected'))"
            )
    context.close()
    assert not errors, errors


@pytest.mark.parametrize("mode", screenshots.MODES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_filter_narrows_the_list_and_keeps_its_state_in_the_address(
    site_base, offline_site, browser, real_corpus, lang, mode
):
    context = browser.new_context(viewport=viewport(PHONE))
    page = context.new_page()
    catalogue = screenshots.Kind("catalogue", "instruments/", query="?level=national&kind=decision")
    [(shot, _)] = screenshots.plan([mode], [lang], [PHONE], [catalogue], site_base, offline_site)

    def shown() -> set[str]:
        return set(page.eval_on_selector_all("tr[data-id]:not([hidden])", "rows => rows.map(r => r.dataset.id)"))

    def expected(**wanted) -> set[str]:
        return {
            inst.id
            for inst in real_corpus.instruments
            if all(
                (value in [th.id for th in real_corpus.themes_of(inst.id)])
                if field == "theme"
                else (inst.date or "")[:4] == value
                if field == "year"
                else getattr(inst, field) == value
                for field, value in wanted.items()
            )
        }

    page.goto(shot.url)  # the state comes from the address
    page.locator(".catalogue-filter").wait_for()
    assert shown() == expected(level="national", kind="decision") != set()
    count = page.locator(".catalogue-filter__count").inner_text()
    assert str(len(shown())) in count and str(len(real_corpus.instruments)) in count
    page.select_option("select[name=theme]", "shelter")
    assert shown() == expected(level="national", kind="decision", theme="shelter") != set()
    assert "theme=shelter" in page.url and "kind=decision" in page.url
    page.reload()  # a shared address opens the same list
    assert page.locator("select[name=theme]").input_value() == "shelter"
    assert shown() == expected(level="national", kind="decision", theme="shelter")
    hidden_groups = page.eval_on_selector_all(".catalogue-group[hidden] h3", "hs => hs.length")
    assert hidden_groups > 0  # the groups left without rows go with their headings
    contents = """() => [...document.querySelectorAll('.md-nav--secondary a.md-nav__link')]
        .filter(a => !a.closest('[hidden]')).map(a => a.hash)"""
    listed = page.evaluate(contents)  # the contents list only what is shown; the date order, a repeat, goes
    assert "#chronology" not in listed and "#national-decision" in listed and "#international-convention" not in listed
    assert page.locator(".catalogue-chronology").is_hidden()
    assert overflowing_widths(page) == []
    page.click(".catalogue-filter button[type=reset]")
    page.wait_for_function("!location.search")
    assert shown() == {inst.id for inst in real_corpus.instruments}
    assert "#chronology" in page.evaluate(contents) and page.locator(".catalogue-chronology").is_visible()
    context.close()


@pytest.mark.parametrize("mode", screenshots.MODES)
def test_the_relations_picture_fits_a_phone_and_no_label_leaves_its_box(site_base, offline_site, browser, mode):
    context = browser.new_context(viewport=viewport(PHONE))
    page = context.new_page()
    timeline = screenshots.Kind("timeline", "timeline/")
    for shot, _ in screenshots.plan([mode], list(LANGUAGES), [PHONE], [timeline], site_base, offline_site):
        page.goto(shot.url)
        for width in screenshots.WIDTHS:  # the picture's size is CSS alone: resized, laid out as if opened so
            page.set_viewport_size(viewport(width))
            facts = page.evaluate(
                """() => {
                const svg = document.querySelector('.relations-picture svg'), out = [];
                for (const node of svg.querySelectorAll('.nodes a')) {
                  const box = node.querySelector('rect').getBBox();
                  for (const text of node.querySelectorAll('text')) {
                    const b = text.getBBox();
                    if (b.x + b.width > box.x + box.width) out.push(text.textContent);
                  }
                }
                const legend = [...svg.querySelectorAll('.legend text, .legend line')].map(el => el.getBBox());
                for (const text of svg.querySelectorAll('.legend text')) {
                  const b = text.getBBox();
                  const overlaps = legend.some(o => o.x > b.x && o.x < b.x + b.width && Math.abs(o.y - b.y) < b.height);
                  if (b.x + b.width > svg.viewBox.baseVal.width || overlaps) out.push(text.textContent);
                }
                return {width: svg.getBoundingClientRect().width, room: svg.parentElement.clientWidth, cut: out};
            }"""
            )
            assert facts["cut"] == [], (shot.where, width, facts["cut"])
            assert facts["width"] <= facts["room"], (shot.where, width)
        page.set_viewport_size(viewport(PHONE))
    context.close()


@pytest.mark.parametrize("mode", screenshots.MODES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_act_page_leads_back_to_its_group_and_on_to_its_neighbours(site_base, offline_site, browser, lang, mode):
    context = browser.new_context(viewport=viewport(DESKTOP))
    page = context.new_page()
    act = screenshots.Kind("act", "instruments/decision-8-2006/")
    [(shot, _)] = screenshots.plan([mode], [lang], [DESKTOP], [act], site_base, offline_site)
    page.goto(shot.url)
    crumbs = page.locator("nav.breadcrumbs a")
    assert crumbs.count() == 3 and page.locator("nav.breadcrumbs").is_visible()
    catalogue_tab = page.locator(".md-tabs__item--active a")  # the tabs (a phone has the drawer instead)
    assert catalogue_tab.count() == 1 and catalogue_tab.inner_text().strip() == crumbs.first.inner_text()
    for width in (PHONE, DESKTOP):  # on to the neighbours and back to the group, its heading in view
        page.set_viewport_size(viewport(width))
        assert crumbs.count() == 3 and page.locator("nav.breadcrumbs").is_visible(), width
        page.locator('nav.group-pager a[rel="prev"]').click()
        page.wait_for_url("**/decision-203-2005/" if mode == "served" else "**/decision-203-2005.html")
        page.locator('nav.group-pager a[rel="next"]').click()
        page.wait_for_url("**/decision-8-2006/" if mode == "served" else "**/decision-8-2006.html")
        crumbs.last.click()
        page.wait_for_url("**#national-decision")
        assert page.locator("#national-decision").is_visible(), width
        assert page.evaluate(
            "Math.abs(document.getElementById('national-decision').getBoundingClientRect().top) < 200"
        ), width
        page.go_back()  # the act's page again
        page.wait_for_url("**/decision-8-2006/" if mode == "served" else "**/decision-8-2006.html")
    context.close()


def test_a_public_build_makes_no_failed_request_and_its_switcher_keeps_the_page(public_site, browser):
    """No request of a public page fails (Material's script, not loaded, asked for a sitemap.xml beside each
    hreflang alternate), and the language menu leads to the same page in the other language. The session's
    public build, shown to the browser at the very address it was built for (conftest.serve_at). Each kind of
    page once, the languages in turn (what a public build adds is the same in every language; the local sweep
    above visits every kind in every language)."""
    context = browser.new_context(viewport=viewport(DESKTOP))
    serve_at(context, public_site, PUBLIC_URL)
    work = [
        shot
        for n, kind in enumerate(screenshots.KINDS)
        for shot in screenshots.plan(["served"], [LANGUAGES[n % 3]], [DESKTOP], [kind], PUBLIC_URL, None)
    ]
    assert {shot.lang for shot, _ in work} == set(LANGUAGES) and len(work) == len(screenshots.KINDS)
    problems = watch_each(context, work, 200)  # whatever a script asks for after the page's load
    assert not problems, "\n".join(problems)
    page = context.new_page()
    page.goto(PUBLIC_URL + "instruments/decision-203-2005/")
    page.hover(".md-select")
    page.click('.md-select a[hreflang="ru"]')
    page.wait_for_url(PUBLIC_URL + "ru/instruments/decision-203-2005/")
    context.close()
