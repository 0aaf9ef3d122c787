"""A corpus too large for one page: listings split into pages, every link still resolves."""
from __future__ import annotations

import posixpath
import re

import pytest

from victimlaw import LANGUAGES, render
from victimlaw.corpus import load_corpus
from victimlaw.synthetic import write_corpus

from conftest import DATA

LINK = re.compile(r"\]\(([^)\s]+\.md)(?:#[^)]*)?\)")


@pytest.fixture(scope="module")
def large_pages(tmp_path_factory, real_corpus):
    folder = tmp_path_factory.mktemp("synthetic")
    corpus = load_corpus(write_corpus(folder, 120, real_corpus, DATA))
    patch = pytest.MonkeyPatch()
    patch.setattr(render, "PAGE_ROWS", 20)
    patch.setattr(render, "CITING_LIMIT", 5)
    pages = render.render_site(corpus)
    patch.undo()
    return corpus, pages


def table_rows(page: str) -> int:
    return sum(1 for line in page.splitlines() if line.startswith("| ") and not line.startswith("| ---"))


def test_long_listings_are_split_into_pages(large_pages):
    corpus, pages = large_pages
    for lang in LANGUAGES:
        assert f"{lang}/catalogue/national-decision-1.md" in pages
        assert any(p.startswith(f"{lang}/catalogue/year-") for p in pages)
        assert any(re.match(rf"{lang}/timeline/\d{{4}}\.md$", p) for p in pages)
        assert f"{lang}/themes/matrix-2.md" in pages
    listed = set()
    for path, page in pages.items():
        if path.endswith(".md") and "/instruments/" not in path:
            # a header row plus at most PAGE_ROWS rows per table page
            assert table_rows(page) <= 21 * page.count("|---"), path
        if path.startswith("en/catalogue/year-"):
            listed |= set(re.findall(r"\(\.\./instruments/([a-z0-9-]+)\.md\)", page)) - {"index"}
    assert listed == {i.id for i in corpus.instruments if i.date}, "the year pages list every dated instrument once"


def test_each_page_of_a_large_timeline_gets_the_picture_of_its_own_instruments(large_pages, monkeypatch):
    corpus, pages = large_pages
    monkeypatch.setattr(render, "PAGE_ROWS", 20)
    related = {end for inst in corpus.instruments for rel in inst.relations for end in (rel.source, rel.target)}
    year_pages = [path for path in pages if re.match(r"en/timeline/\d{4}(-\d+)?\.md$", path)]
    assert len(year_pages) > 3
    for path in year_pages:
        listed = set(re.findall(r"\(\.\./instruments/([a-z0-9-]+)\.md\)", pages[path]))
        picture = render.picture_html(corpus, "en", posixpath.basename(path), directory_urls=True)
        assert (render.PICTURE_MARK in pages[path]) == bool(picture) == bool(listed & related), path
        assert listed & related <= set(re.findall(r'href="\.\./\.\./instruments/([a-z0-9-]+)/"', picture)), path


def test_every_markdown_link_between_generated_pages_resolves(large_pages):
    _, pages = large_pages
    hand_written = {f"{lang}/{page}" for lang in LANGUAGES for page in ("index.md", "about.md")}
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        for target in LINK.findall(page):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in pages or resolved in hand_written, (path, target)


def test_references_list_a_bounded_number_of_instruments(large_pages):
    _, pages = large_pages
    page = pages["en/references/index.md"]
    for section in page.split("\n## ")[1:]:
        assert section.count("(../instruments/") <= 5


def test_rendering_in_worker_processes_gives_the_same_pages(tmp_path, real_corpus):
    corpus = load_corpus(write_corpus(tmp_path, 30, real_corpus, DATA))
    patch = pytest.MonkeyPatch()
    patch.setattr(render, "PARALLEL_FROM", 10_000)
    serial = render.render_site(corpus)
    patch.setattr(render, "PARALLEL_FROM", 10)
    patch.setattr(render.os, "cpu_count", lambda: 2)
    parallel = render.render_site(corpus)
    render.write_site(corpus, True, tmp_path / "written")
    patch.undo()
    assert parallel == serial
    written = {p.relative_to(tmp_path / "written").as_posix(): p.read_text(encoding="utf-8")
               for p in (tmp_path / "written").rglob("*") if p.is_file()}
    assert written == serial
