"""A corpus too large for one page: listings split into pages, every link still resolves."""

from __future__ import annotations

import posixpath
import re

import pytest

from conftest import DATA
from victimlaw import LANGUAGES, exports
from victimlaw.model.corpus import load_corpus
from victimlaw.pages import kinds, page_url, render_site
from victimlaw.synthetic import write_corpus

LINK = re.compile(r'href="([^"#?]+)(?:#[^"]*)?"')
INSTRUMENT_LINK = re.compile(r'href="\.\./instruments/([a-z0-9-]+)\.html"')


@pytest.fixture(scope="module")
def large_pages(tmp_path_factory, real_corpus):
    folder = tmp_path_factory.mktemp("synthetic")
    corpus = load_corpus(write_corpus(folder, 120, real_corpus, DATA))
    patch = pytest.MonkeyPatch()
    patch.setattr(kinds, "PAGE_ROWS", 20)
    patch.setattr(kinds, "CITING_LIMIT", 5)
    pages = render_site(corpus, directory_urls=False)
    patch.undo()
    return corpus, pages


def test_long_listings_are_split_into_pages(large_pages):
    corpus, pages = large_pages
    for lang in LANGUAGES:
        assert f"{lang}/catalogue/national-decision-1.md" in pages
        assert any(p.startswith(f"{lang}/catalogue/year-") for p in pages)
        assert any(re.match(rf"{lang}/timeline/\d{{4}}\.md$", p) for p in pages)
        assert f"{lang}/themes/matrix-2.md" in pages
    listed = set()
    for path, page in pages.items():
        if "/instruments/" not in path:
            # a header row plus at most PAGE_ROWS rows per table page
            assert page.count("<tr>") <= 21 * page.count("<table>"), path
        if path.startswith("en/catalogue/year-"):
            listed |= set(INSTRUMENT_LINK.findall(page)) - {"index"}
    assert listed == {i.id for i in corpus.instruments if i.date}, "the year pages list every dated instrument once"


def test_each_page_of_a_large_timeline_gets_the_picture_of_its_own_instruments(large_pages):
    corpus, pages = large_pages
    related = {end for inst in corpus.instruments for rel in inst.relations for end in (rel.source, rel.target)}
    year_pages = [path for path in pages if re.match(r"en/timeline/\d{4}(-\d+)?\.md$", path)]
    assert len(year_pages) > 3
    for path in year_pages:
        table, _, picture = pages[path].partition('<div class="relations-picture">')
        listed = set(INSTRUMENT_LINK.findall(table))
        assert ("<svg" in picture) == bool(listed & related), path
        assert listed & related <= set(re.findall(r'<a href="\.\./instruments/([a-z0-9-]+)\.html"', picture)), path


def test_every_link_between_generated_pages_resolves(large_pages):
    corpus, pages = large_pages
    urls = {page_url(key.split("/", 1)[0], key.split("/", 1)[1], False) for key in pages}
    hand_written = {page_url(lang, page, False) for lang in LANGUAGES for page in ("index.md", "about.md")}
    shared = set(exports.files(corpus))
    for key, page in pages.items():
        url = page_url(key.split("/", 1)[0], key.split("/", 1)[1], False)
        for target in LINK.findall(page):
            if target.startswith(("http:", "https:", "data:")):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(url), target))
            assert resolved in urls | hand_written | shared, (key, target)


def test_references_list_a_bounded_number_of_instruments(large_pages):
    _, pages = large_pages
    page = pages["en/references/index.md"]
    for section in page.split('<h2 id="ref-')[1:]:
        assert section.count('href="../instruments/') <= 5
