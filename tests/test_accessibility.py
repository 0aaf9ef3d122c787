"""axe-core in Debian's chromium: no serious or critical violation on the main kinds of page."""

from __future__ import annotations

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",
    "instruments/",
    "instruments/decision-203-2005/",
    "instruments/coe-cets-197/",  # an index of provisions, marks and their legend
    "provisions/coe-cets-197/art-12/",
    "monitoring/",  # findings: stances, quotations in two languages, the pages quoted
    "themes/recovery-reflection/",
    "themes/matrix/",
    "cite/",
    "timeline/",
]


@pytest.mark.parametrize("lang", ["az", "en", "ru"])
def test_no_serious_or_critical_violations(served_site, page, lang):
    assert AXE.exists(), "axe-core is missing: `make test` installs it (npm ci)"
    problems = {}
    for path in PAGES:
        page.goto(served_site + ("" if lang == "az" else f"{lang}/") + path)
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => [v.id, v.nodes.slice(0, 3).map(n => n.target.join(" "))]);
        }""")
        if violations:
            problems[path or "home"] = violations
    assert problems == {}


def test_tables_have_header_cells_and_captions(built_site):
    import re

    for path in [
        "instruments/index.html",
        "themes/matrix/index.html",
        "themes/shelter/index.html",
        "timeline/index.html",
    ]:
        html = (built_site / "en" / path).read_text(encoding="utf-8")
        tables = re.findall(r"<table[^>]*>(.*?)</table>", html, re.S)
        assert tables, path
        for table in tables:
            assert "<th" in table and re.search(r"<caption[^>]*>\s*\S", table), (path, table[:120])
            caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S).group(1)
            assert "¶" not in caption and "&para;" not in caption and "<" not in caption, caption


def test_captions_and_the_search_label_are_for_screen_readers_only(served_site, page):
    page.goto(served_site + "en/themes/shelter/")
    for selector in ("table caption", "label[for=site-search-input]"):
        box = page.locator(selector).first.bounding_box()
        assert box is None or (box["width"] <= 1 and box["height"] <= 1), selector
