"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar, the W3C validator's engine), whoever's
template produced it: the public build (head alternates, Open Graph, forwarding pages) and the offline copy.
One Java run checks both and a page with one error (tests/htmlcheck.py), beside the browser tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.htmlcheck


def test_the_checker_finds_an_error(html_check):
    assert len(html_check.messages("broken")) == 1


@pytest.mark.parametrize("site_fixture", ["public_site", "offline_site"])
def test_every_page_is_valid_html(html_check, site_fixture):
    assert html_check.messages(site_fixture) == []
