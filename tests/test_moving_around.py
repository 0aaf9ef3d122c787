"""Moving around a page without Material's script bundle (scripts/victimlaw/theme.js): the language switcher keeps
the reader's place, the table of contents follows the reader, Escape closes the drawer; from disk as served."""

from __future__ import annotations

import pytest

from conftest import viewport

pytestmark = pytest.mark.browser

ACT = "instruments/coe-cets-197/"
OFFLINE_ACT = "instruments/coe-cets-197.html"


def active_entries(page) -> list[str]:
    return page.eval_on_selector_all(
        ".md-nav--secondary a.md-nav__link--active", "links => links.map(link => link.getAttribute('href'))"
    )


def switcher_target(page, lang: str) -> str:
    link = f"a.md-select__link[hreflang={lang}]"
    page.dispatch_event(link, "focusin")  # as a keyboard reaches it, before it is followed
    return page.get_attribute(link, "href")


@pytest.mark.parametrize("mode", ["served", "file"])
def test_the_switcher_opens_the_other_language_at_the_same_place(served_site, offline_site, browser, mode):
    context = browser.new_context(viewport=viewport(1366))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    start = served_site + "en/" + ACT if mode == "served" else (offline_site / "en" / OFFLINE_ACT).as_uri()
    page.goto(start + "#implementation")
    assert switcher_target(page, "ru").endswith(
        ("coe-cets-197/" if mode == "served" else OFFLINE_ACT) + "#implementation"
    )
    page.mouse.wheel(0, 2500)  # read on, past the anchor: the section being read is the place
    page.wait_for_function("() => document.querySelector('a.md-nav__link--active') && window.scrollY > 2000")
    [reading] = active_entries(page)
    assert reading != "#implementation" and switcher_target(page, "ru").endswith(reading)
    page.hover(".md-header__option .md-select")  # the menu opens on hover
    with page.expect_navigation():
        page.click("a.md-select__link[hreflang=ru]")
    assert "/ru/" in page.url and page.url.endswith(reading)
    assert page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", reading[1:]) < 200
    assert errors == []
    context.close()


def test_the_contents_follow_the_reader(served_site, browser):
    context = browser.new_context(viewport=viewport(1366))
    page = context.new_page()
    page.goto(served_site + "en/" + ACT)
    assert active_entries(page) == []  # at the top, above the first section: nothing is being read yet
    headings = page.eval_on_selector_all(".md-nav--secondary a.md-nav__link", "links => links.map(l => l.hash)")
    for anchor in (headings[1], headings[-2]):
        page.evaluate("id => document.getElementById(id).scrollIntoView()", anchor[1:])
        page.wait_for_function(
            "anchor => document.querySelector('a.md-nav__link--active')?.hash === anchor", arg=anchor
        )
        assert page.get_attribute(f".md-nav--secondary a[href='{anchor}']", "aria-current") == "location"
        assert len(active_entries(page)) == 1
    context.close()


def test_escape_closes_the_drawer_on_a_phone(served_site, browser):
    context = browser.new_context(viewport=viewport(390))
    page = context.new_page()
    page.goto(served_site + "ru/")
    page.click("label.md-header__button[for=__drawer]")
    assert page.is_checked("#__drawer")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    context.close()


def test_on_a_phone_an_acts_date_and_number_are_on_the_first_screen(served_site, browser, real_corpus):
    """The longest title among the treaties (the Palermo Protocol's) still leaves the act's date and number in view."""
    from victimlaw.labels import Labels

    context = browser.new_context(viewport=viewport(390))
    page = context.new_page()
    inst = real_corpus.by_id["palermo-protocol-2000"]
    for lang in ("az", "en", "ru"):
        page.set_viewport_size(viewport(390))
        page.goto(served_site + ("" if lang == "az" else f"{lang}/") + "instruments/palermo-protocol-2000/")
        keyline = page.locator(".act-keyline")
        assert Labels(lang).date(inst.date) in keyline.inner_text()
        box = keyline.bounding_box()
        assert box is not None and box["y"] + box["height"] <= viewport(390)["height"]
        page.set_viewport_size(viewport(1366))  # on a wide screen the facts beside the title say it already
        assert keyline.is_hidden()
    context.close()
