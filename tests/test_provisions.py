"""A page per provision of an international instrument (pages/provision.py), and the instrument's page as an index
of them: what each page holds, in every language, and how the rest of the site treats the new pages."""

from __future__ import annotations

import re

import pytest

from conftest import MINIMAL
from victimlaw import LANGUAGES
from victimlaw.labels import strings
from victimlaw.layout import has_provision_pages
from victimlaw.model.corpus import Provision, load_corpus
from victimlaw.pages import Site, render_site
from victimlaw.pages.provision import GIST_CHARS, ProvisionPages, gist

PREFIX = {"az": "", "en": "en/", "ru": "ru/"}


@pytest.fixture(scope="module")
def site(real_corpus) -> Site:
    return Site(real_corpus)


def render(site: Site, path: str, lang: str) -> str:
    return site.render(site.pages[path], lang).html


def test_every_provision_of_an_international_instrument_has_a_page_and_no_national_one_has(site, real_corpus):
    paths = {path for path in site.pages if path.startswith("provisions/")}
    wanted = {
        f"provisions/{inst.id}/{p.id}.md"
        for inst in real_corpus.instruments
        if has_provision_pages(inst)
        for p in inst.provisions
    }
    assert paths == wanted
    for inst_id, provision_id in (
        ("coe-cets-197", "art-12"),
        ("coe-cets-197", "art-26"),  # compared in no theme: it has its page all the same
        ("palermo-protocol-2000", "art-6-3"),
        ("un-declaration-victims-1985", "art-1"),
    ):
        assert f"provisions/{inst_id}/{provision_id}.md" in paths
    assert not any(path.startswith("provisions/law-2005-combating-trafficking/") for path in paths)


def test_a_provision_page_has_the_same_heading_ids_in_every_language(site):
    ids = {
        lang: re.findall(r'<h[1-6] id="([^"]+)"', render(site, "provisions/coe-cets-197/art-12.md", lang))
        for lang in LANGUAGES
    }
    assert ids["az"] == ids["en"] == ids["ru"]
    assert ids["en"][:5] == ["title", "requires", "words", "elements", "national"]
    assert "answer-law-2005-combating-trafficking" in ids["en"] and ids["en"][-2:] == ["themes", "cite"]
    headings = site.render(site.pages["provisions/coe-cets-197/art-12.md"], "en").toc
    assert headings[0]["id"] == "title" and [h["id"] for h in headings[0]["children"]][:4] == [
        "requires",
        "words",
        "elements",
        "national",
    ]


def test_each_answering_act_is_listed_once_with_every_comparison_its_note_and_basis(site):
    """Decision 203 answers Article 12 in two themes (shelter, assistance): one heading, two entries, each with its
    correspondence, its own note, its basis and its theme; the 2005 Law once, though through two of its articles."""
    html = render(site, "provisions/coe-cets-197/art-12.md", "en")
    assert html.count('id="answer-decision-203-2005"') == 1
    assert html.count('id="answer-law-2005-combating-trafficking"') == 1
    decision = html.split('id="answer-decision-203-2005"', 1)[1].split("<h3", 1)[0]
    entries = decision.split('<ul class="answers">', 1)[1].split("</ul>", 1)[0].split("<li>")[1:]
    assert len(entries) == 2
    assert all('aria-hidden="true">◐</span> partly: the act as a whole.' in entry for entry in entries)
    assert "../../../themes/shelter/" in entries[0] and "../../../themes/assistance/" in entries[1]
    assert "Basis: compared by the site&#39;s editors from what the article says of each side" in entries[0]
    assert re.search(r'<a href="\.\./\.\./\.\./themes/shelter/#basis-\d+">\[\d+\]</a>', entries[0])
    law = html.split('id="answer-law-2005-combating-trafficking"', 1)[1].split("<h3", 1)[0]
    assert "/instruments/law-2005-combating-trafficking/#art-12" in law
    assert "/instruments/law-2005-combating-trafficking/#art-22-3" in law
    assert "<details" not in law  # no words of its articles were found
    code = render(site, "provisions/coe-cets-197/art-18.md", "en").split('id="answer-criminal-code"', 1)[1]
    assert code.count('<details class="national-words">') == 1  # Article 144-1's words, found; 144-2's were not
    assert "<summary>Article 144-1: official words</summary>" in code


def test_the_words_of_a_provision_with_their_source_or_where_to_read_them(site, real_corpus):
    """CETS 197 Article 12's words come from a copy, labelled as one; Article 11's were not found: the page says
    so and sends the reader to the instrument's official page (no dead end)."""
    words = render(site, "provisions/coe-cets-197/art-12.md", "en").split('id="words"', 1)[1].split("<h2", 1)[0]
    assert "<strong>Copy of the official text (excerpt)</strong>" in words
    assert "the copy itself names what it reproduces" in words and '<blockquote lang="en">' in words
    official = real_corpus.by_id["coe-cets-197"].official_url
    for lang in LANGUAGES:
        unfound = render(site, "provisions/coe-cets-197/art-11.md", lang).split('id="words"', 1)[1].split("<h2", 1)[0]
        assert f'<a href="{official}" rel="noopener">coe.int</a>' in unfound, lang
        assert "blockquote" not in unfound
    assert "They can be read on the instrument&#39;s official page" in render(
        site, "provisions/coe-cets-197/art-11.md", "en"
    )


def test_a_provision_no_theme_compares_says_so(site):
    html = render(site, "provisions/coe-cets-197/art-26.md", "en")
    assert "<em>No national provision found in the sources.</em>" in html
    assert 'id="themes"' not in html


def test_a_provision_page_leads_back_to_its_instrument_and_on_to_its_neighbours(site, real_corpus):
    html = render(site, "provisions/coe-cets-197/art-12.md", "ru")
    crumbs = html.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    name = real_corpus.by_id["coe-cets-197"].name("ru")
    assert crumbs.endswith(f' › <a href="../../../instruments/coe-cets-197/">{name}</a>')
    assert '<a href="../../../instruments/coe-cets-197/#implementation">Все положения этого акта</a>' in html
    pager = html.split('<nav class="group-pager"', 1)[1]
    assert 'href="../art-11/" rel="prev">← Статья 11</a>' in pager and 'href="../art-13/" rel="next">' in pager


def test_the_instruments_page_is_an_index_of_its_provisions(site, real_corpus):
    """A line per provision, in its order, each once, linking to its page; an answering act once per line, with
    a mark, its word for screen readers and the legend above; the long texts are on the provisions' pages."""
    cets = real_corpus.by_id["coe-cets-197"]
    for lang in LANGUAGES:
        html = render(site, "instruments/coe-cets-197.md", lang)
        index = html.split('<ul class="provision-index">', 1)[1].split("</ul>", 1)[0]
        lines = re.findall(r'<li id="([a-z0-9-]+)"><a class="provision-number" href="([^"]+)"', index)
        assert [line for line, _ in lines] == [p.id for p in cets.provisions]
        assert all(href == f"../../provisions/coe-cets-197/{line}/" for line, href in lines)
        assert html.index('class="marks-legend"') < html.index('class="provision-index"')
        assert "<blockquote" not in html and 'id="provisions"' not in html
        for line in index.split("<li ")[1:]:
            acts = re.findall(r"#answer-([a-z0-9-]+)", line)
            assert len(acts) == len(set(acts)), line
    en = render(site, "instruments/coe-cets-197.md", "en")
    twelve = en.split('<li id="art-12">', 1)[1].split("</li>", 1)[0]
    assert "Each Party adopts legislative and other measures to assist victims" in twelve
    assert '<span class="visually-hidden">partly</span>' in twelve
    assert "Law No. 958-IIQ · 2005</a> (Art. 12, Art. 22.3)" in twelve  # the 2005 Law once, with both articles


def test_a_line_says_what_a_provision_is_about_in_a_line_or_two():
    summary = {"en": "Sets out the purposes: " + "to do a thing, " * 20 + "and more. Second sentence."}
    long = Provision("art-1", "article", "1", summary, ())
    short = Provision("art-2", "article", "2", {"en": "Establishes GRETA (No. 36). Then more."}, ())
    titled = Provision("art-3", "article", "3", summary, (), title={"en": "Definitions"})
    assert gist(short, "en") == "Establishes GRETA (No. 36)."
    assert gist(titled, "en") == "Definitions"
    assert gist(Provision("art-4", "article", "4", None, ()), "en") is None
    cut = gist(long, "en")
    assert cut is not None and cut.endswith("…") and len(cut) <= GIST_CHARS + 1
    assert summary["en"].startswith(cut[:-1])


def test_a_provision_page_is_a_search_result_of_its_own(site):
    rendered = site.render(site.pages["provisions/coe-cets-197/art-12.md"], "en")
    first = rendered.entries[0]
    assert first["l"] == "en/provisions/coe-cets-197/art-12/" and first["t"] == "Article 12"
    assert rendered.label == "Provision of an international instrument · Convention CETS No. 197 · 2005"
    assert any(entry["l"].endswith("#answer-decision-203-2005") for entry in rendered.entries)
    assert ProvisionPages.section == "instruments/index.md"  # its tab: the catalogue's, as an act's page


def test_the_basis_is_not_written_as_the_version_of_a_law():
    """'Redaksiya' / 'Редакция' reads to an Azerbaijani or Russian lawyer as the version (wording) of a law."""
    catalogue = strings()
    for group in ("basis", "basis_meaning"):
        for words in catalogue[group].values():
            assert "redaksiya" not in words["az"].lower() and "редакци" not in words["ru"].lower(), words
    assert catalogue["basis"]["treaty-text"]["en"] == "compared by the site's editors from the texts"
    assert catalogue["basis"]["article"]["en"] == "the source article connects them"


def test_hostile_text_in_a_provision_stays_text(data_dir):
    text = MINIMAL.replace("Third convention", "<script>alert(1)</script>", 1)
    (data_dir / "instruments.yaml").write_text(text, encoding="utf-8")
    pages = render_site(load_corpus(data_dir / "instruments.yaml"), directory_urls=False)
    html = pages["en/provisions/treaty-three/art-13.md"]
    assert "<script" not in html and "&lt;script&gt;" in html


def test_the_built_site_treats_a_provision_page_as_its_other_generated_pages(public_site):
    """In the sitemap with its alternates and the date it was last checked, with the catalogue's tab active, its
    breadcrumbs and its social card."""
    sitemap = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap.split("<loc>https://example.org/lawref/en/provisions/coe-cets-197/art-12/</loc>", 1)[1]
    entry = entry.split("</url>", 1)[0]
    assert (
        "<lastmod>" in entry
        and 'hreflang="ru" href="https://example.org/lawref/ru/provisions/coe-cets-197/art-12/"' in entry
    )
    for lang in LANGUAGES:
        folder = public_site / f"{PREFIX[lang]}provisions/coe-cets-197/art-12"
        html = (folder / "index.html").read_text(encoding="utf-8")
        active = html.split('md-tabs__item--active">', 1)[1].split("</a>", 1)[0]
        assert 'instruments/" class="md-tabs__link"' in active
        assert '<nav class="breadcrumbs"' in html and (folder / "card.png").is_file()


def test_the_national_words_a_provision_page_quotes_are_bounded_by_the_texts_budget(monkeypatch, real_corpus):
    """Past TEXTS_BYTES, an answering provision's words are a link to its act's page, as on a theme page."""
    from victimlaw.pages import budget

    monkeypatch.setattr(budget, "TEXTS_BYTES", 10)
    site = Site(real_corpus)
    code = render(site, "provisions/coe-cets-197/art-18.md", "en").split('id="answer-criminal-code"', 1)[1]
    assert "<details" not in code
    assert (
        '<p>Article 144-1: <a href="../../../instruments/criminal-code/#art-144-1">Its words are quoted on the act&#39;s'
        " page</a></p>"
    ) in code


def test_a_national_provision_lists_the_acts_that_amended_it_in_date_order(real_corpus):
    from victimlaw.pages import Site

    site = Site(real_corpus, True, None, None)
    page = site.pages["instruments/criminal-code.md"]
    html = site.render(page, "en").html
    section = html.split('id="art-144-1"', 1)[1].split("<h3", 1)[0]
    history = section.split('class="provision-history"', 1)[1].split("</ul>", 1)[0]
    items = history.split("<li>")[1:]
    assert [item.split(" — ", 1)[0] for item in items] == ["30 September 2005", "7 March 2012"]
    assert "added article 144-1" in items[0]
    assert "314-IVQD" in items[1] and "Article 144-1 covers national and transnational trafficking" in items[1]


def test_the_timeline_shows_azerbaijans_steps_with_each_treaty_at_their_dates(real_corpus):
    from victimlaw.labels import Labels
    from victimlaw.pages import Site

    site = Site(real_corpus, True, None, None)
    for lang in ("az", "en", "ru"):
        t = Labels(lang)
        html = site.render(site.pages["timeline/index.md"], lang).html
        rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr")
        steps = [row for row in rows if 'class="treaty-step"' in row]
        assert len(steps) == sum(1 for inst in real_corpus.instruments for s in inst.participation if s.date)
        ratification = next(row for row in steps if t.date("2010-06-23") in row)
        assert real_corpus.by_id["coe-cets-197"].name(lang) in ratification
        assert t.lower(t.participation_step["ratification"]) in ratification
        if lang == "az":  # the Azerbaijani dotted capital İ lowered without a combining dot
            signature = next(row for row in steps if t.date("2000-12-12") in row)
            assert "Azərbaycan: imzalanma" in signature and "\u0307" not in html
        approval = next(row for row in steps if t.date("2010-05-11") in row)  # with the approving law beside it
        assert real_corpus.by_id["law-2010-ratification-cets-197"].name(lang) in approval
