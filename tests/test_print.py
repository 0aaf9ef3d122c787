"""The pages on paper (docs/assets/stylesheets/print.css, overrides/partials/print-masthead.html,
scripts/victimlaw/pages/print.js): no controls, the site's name, the page's address and the date of printing in
the page's language, tables over the sheet's width, and a PDF of A4 sheets that keeps headings and labels with
what they head."""

from __future__ import annotations

import datetime
import re

import pypdfium2 as pdfium
import pytest

from tools import printview
from victimlaw import language_folder
from victimlaw.labels import Labels

pytestmark = pytest.mark.browser

ACT = "en/instruments/coe-cets-197/"
# What is a control on screen, and shows there at the width given; none of it is printed.
CONTROLS = {
    "details.page-contents": 390,  # the folded contents box of a narrow screen
    ".md-header .site-search": 1366,
    ".md-header .md-select": 1366,  # the language switcher
    ".md-tabs": 1366,
    ".md-sidebar--primary": 1366,  # the navigation (the drawer on a phone)
    ".citation-copy": 1366,
    ".group-pager": 1366,  # the act's neighbours in its group
}


def today(lang: str) -> str:
    return Labels(lang).date(datetime.date.today().isoformat())


def masthead(page) -> dict[str, str]:
    return page.evaluate(
        """() => { const m = document.querySelector('.print-masthead');
        return {text: m.innerText, address: m.querySelector('[data-print-address]').textContent,
                date: m.querySelector('[data-print-date]').textContent}; }"""
    )


def test_on_paper_a_page_has_no_controls_and_says_where_and_when_it_was_printed(served_site, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(served_site + ACT)
    seen = {selector for selector, width in CONTROLS.items() if width == 390 and page.is_visible(selector)}
    page.set_viewport_size({"width": 1366, "height": 900})
    seen |= {selector for selector, width in CONTROLS.items() if width == 1366 and page.is_visible(selector)}
    assert seen == set(CONTROLS)  # each is there on screen
    assert not page.is_visible(".print-masthead")

    page.emulate_media(media="print")
    assert [selector for selector in CONTROLS if page.is_visible(selector)] == []
    assert [page.is_visible(s) for s in ("h1", "dl.facts", ".citation-text >> nth=2", ".md-copyright")] == [True] * 4
    assert page.is_visible(".print-masthead")
    shown = masthead(page)
    assert shown["text"].splitlines()[0] == Labels("en").ui["site_name"]
    assert shown["address"] == served_site + ACT
    assert shown["date"] == today("en")
    # labels kept with what they label, headings with what follows
    breaks = page.evaluate(
        """() => [['h2', 'breakAfter'], ['dl.facts dt', 'breakAfter'], ['.citation-ready', 'breakBefore'],
                  ['.provision-index li', 'breakInside']]
            .map(([selector, property]) => getComputedStyle(document.querySelector(selector))[property])"""
    )
    assert breaks == ["avoid"] * 4


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_the_printing_date_is_in_the_pages_language_and_a_file_names_the_offline_copy(built_site, page, lang):
    file = built_site / language_folder(lang) / "provisions" / "coe-cets-197" / "art-12" / "index.html"
    page.goto(file.as_uri())
    page.emulate_media(media="print")
    shown = masthead(page)
    assert shown["date"] == today(lang)
    labels = Labels(lang).ui
    assert shown["text"].splitlines()[0] == labels["site_name"]
    assert shown["address"] == f"{file.as_uri()} ({labels['print_offline']})"
    # written again before printing: a public build's copy gives its public address
    page.evaluate(
        """() => { const link = document.createElement('link'); link.rel = 'canonical';
        link.href = 'https://example.org/lawref/provisions/coe-cets-197/art-12/'; document.head.append(link);
        window.dispatchEvent(new Event('beforeprint')); }"""
    )
    assert masthead(page)["address"].startswith("https://example.org/lawref/provisions/coe-cets-197/art-12/ (")


def test_on_paper_the_catalogues_tables_take_the_whole_width_and_its_filter_is_gone(served_site, page):
    page.set_viewport_size({"width": 680, "height": 900})  # an A4 sheet's text, 180 mm at 96 dpi
    page.goto(served_site + "instruments/?kind=convention")  # short titles: narrow tables on screen
    assert page.is_visible(".catalogue-filter fieldset")
    page.emulate_media(media="print")
    assert not page.is_visible(".catalogue-filter fieldset")
    assert page.is_visible(".catalogue-filter__count")  # what the filter left, as the address says
    assert "kind=convention" in masthead(page)["address"]
    widths = page.evaluate(
        """() => [...document.querySelectorAll('article table')].filter(t => t.offsetParent)
          .map(t => t.getBoundingClientRect().width / document.documentElement.clientWidth)"""
    )
    assert widths and min(widths) > 0.99


def test_a_page_prints_to_a4_sheets_keeping_headings_and_labels_with_what_follows(served_site, page):
    page.goto(served_site + ACT)
    headings = page.evaluate(printview.HEADINGS_JS)
    gost = page.inner_text('.cite-block .citation-text[lang="ru"]')
    labels = Labels("en").ui
    checked = page.evaluate(
        "label => [...document.querySelectorAll('dl.facts dt')].find(dt => dt.textContent === label)"
        ".nextElementSibling.textContent",
        labels["checked"],
    )
    pdf = printview.print_pdf(page)
    document = pdfium.PdfDocument(pdf)
    try:
        sheets = [re.sub(r"\s+", " ", sheet.get_textpage().get_text_range()) for sheet in document]
    finally:
        document.close()
    assert len(sheets) >= 2
    assert printview.sheet_sizes_mm(pdf) == [printview.A4_MM] * len(sheets)
    assert labels["site_name"] in sheets[0] and today("en") in sheets[0]
    assert f"1 / {len(sheets)}" in sheets[0]  # each sheet numbered
    assert printview.headings_ending_sheets(pdf, headings) == []

    def sheet_of(text: str) -> int:
        return next(n for n, sheet in enumerate(sheets) if text in sheet)

    # a label on the sheet of what it labels
    assert sheet_of(labels["cite_style_ru"]) == sheet_of(" ".join(gost.split()[:4]))
    assert sheet_of(labels["checked"]) == sheet_of(f"{labels['checked']} {checked}")
