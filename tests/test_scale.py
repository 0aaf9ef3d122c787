"""A corpus too large for one page: listings split into pages, every link still resolves."""

from __future__ import annotations

import posixpath
import re

import pytest

from conftest import DATA
from tools.synthetic import write_corpus
from victimlaw import LANGUAGES, exports
from victimlaw.layout import page_url
from victimlaw.model.corpus import load_corpus
from victimlaw.pages import budget, render_site

LINK = re.compile(r'href="([^"#?]+)(?:#[^"]*)?"')
INSTRUMENT_LINK = re.compile(r'href="\.\./instruments/([a-z0-9-]+)\.html"')


@pytest.fixture(scope="module")
def large_pages(tmp_path_factory, real_corpus):
    folder = tmp_path_factory.mktemp("synthetic")
    corpus = load_corpus(write_corpus(folder, 120, real_corpus, DATA))
    patch = pytest.MonkeyPatch()
    patch.setattr(budget, "PAGE_ROWS", 20)
    patch.setattr(budget, "CITING_LIMIT", 5)
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
            assert page.count("<tr>") <= 21 * page.count("<table"), path
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


# -- corpora of other shapes: no page outgrows PAGE_BYTES, whatever the corpus looks like
SHAPES = {
    "many small groups": {"groups": "many"},  # every level and kind: 42 groups of 10, none longer than PAGE_ROWS
    "few large groups": {"groups": "few"},
    "long titles": {"title_chars": 400},
    "undated, long titles": {"undated": 0.5, "title_chars": 400},
}
SHAPE_RECORDS = 420
HREF = re.compile(r'href="([^"#?]+)(?:#[^"]*)?"')


def render_shape(folder, shape: str, real_corpus):
    corpus = load_corpus(write_corpus(folder, SHAPE_RECORDS, real_corpus, DATA, **SHAPES[shape]))
    return corpus, render_site(corpus, directory_urls=True)


@pytest.fixture(scope="module")
def all_shapes(tmp_path_factory, real_corpus):
    """The corpora of every shape, rendered side by side on the machine's cores (each is seconds of work)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    folders = {shape: tmp_path_factory.mktemp("shape") for shape in SHAPES}
    with ProcessPoolExecutor(2, multiprocessing.get_context("fork")) as pool:
        futures = {shape: pool.submit(render_shape, folders[shape], shape, real_corpus) for shape in SHAPES}
        return {shape: future.result() for shape, future in futures.items()}


@pytest.fixture(params=list(SHAPES))
def shaped(request, all_shapes):
    """Every generated page of a corpus of one shape, as the public site has them (directory URLs)."""
    return all_shapes[request.param]


def addresses(pages: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Each generated page's address, and the page at each address (made once per corpus, not per link)."""
    url_of = {k: page_url(k.split("/", 1)[0], k.split("/", 1)[1], True) for k in pages}
    return url_of, {url.rstrip("/"): k for k, url in url_of.items()}


def linked_pages(pages: dict[str, str], key: str, index: tuple[dict[str, str], dict[str, str]]) -> set[str]:
    """The generated pages (as <lang>/<path>) a page links to."""
    url_of, key_of = index
    base = url_of[key] if url_of[key].endswith("/") else posixpath.dirname(url_of[key])
    targets = {posixpath.normpath(posixpath.join(base, href)) for href in HREF.findall(pages[key])}
    return {key_of[target] for target in targets if target in key_of}


def reachable(pages: dict[str, str], index: str, folder: str) -> set[str]:
    """Instrument ids linked from `index` or from the pages of `folder` it links to."""
    lang = index.split("/")[0]
    where = addresses(pages)
    seen = linked_pages(pages, index, where)
    for key in list(seen):
        if key.startswith(f"{lang}/{folder}/"):
            seen |= linked_pages(pages, key, where)
    return {key.rsplit("/", 1)[1].removesuffix(".md") for key in seen if key.startswith(f"{lang}/instruments/")} - {
        "index"
    }


@pytest.mark.slow  # four corpora of 420 records rendered
def test_no_page_of_any_shape_outgrows_its_budget(shaped):
    _, pages = shaped
    catalogue = sum(
        len(body.encode())
        for key, body in pages.items()
        if key.startswith("ru/catalogue/") or key == "ru/instruments/index.md"
    )
    assert catalogue > budget.BODY_BYTES, "the shape is large enough to need splitting"
    for key, body in pages.items():
        assert len(body.encode()) <= budget.BODY_BYTES, key


@pytest.mark.slow  # four corpora of 420 records rendered
def test_every_instrument_is_reachable_from_the_catalogue_and_timeline_index(shaped):
    corpus, pages = shaped
    ids = {inst.id for inst in corpus.instruments}
    for lang in LANGUAGES:
        assert reachable(pages, f"{lang}/instruments/index.md", "catalogue") == ids, lang
        assert reachable(pages, f"{lang}/timeline/index.md", "timeline") == ids, lang


@pytest.mark.slow  # four corpora of 420 records rendered
def test_references_say_how_many_instruments_rely_on_them(shaped):
    corpus, pages = shaped
    page = pages["en/references/index.md"]
    for ref in corpus.references:
        citing = corpus.citing(ref.number)
        section = page.split(f'<h2 id="ref-{ref.number}">')[1].split("<h2 ")[0]
        listed = section.count('href="../instruments/')
        assert listed <= min(len(citing), budget.CITING_LIMIT)
        if listed < len(citing):
            assert f"… {len(citing)} instruments" in section


def test_materials_chrome_around_a_body_stays_within_its_allowance(built_site, real_corpus):
    """PAGE_BYTES holds because what Material adds to a generated page's body stays under CHROME_BYTES."""
    largest = 0
    for key, body in render_site(real_corpus, directory_urls=True).items():
        lang, path = key.split("/", 1)
        built = built_site / page_url(lang, path, True) / "index.html"
        largest = max(largest, built.stat().st_size - len(body.encode()))
    # with room to spare for the catalogue's table of contents listing every level and kind (42 groups, ~250 bytes each)
    assert 0 < largest <= budget.CHROME_BYTES - 42 * 250, largest


def test_an_act_in_a_group_split_into_pages_points_to_the_page_that_lists_it(large_pages):
    _corpus, pages = large_pages
    for path, page in pages.items():
        if not path.startswith("en/instruments/") or path.endswith("index.md"):
            continue
        crumbs = page.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
        group = re.findall(r'<a href="([^"]+)">', crumbs)[-1]
        if group.startswith("../catalogue/"):  # the page of its group that lists it
            listing = pages["en/" + group.removeprefix("../").replace(".html", ".md")]
            assert path.removeprefix("en/instruments/").replace(".md", "") in INSTRUMENT_LINK.findall(listing), path
            return
    raise AssertionError("no act of a split group")
