"""What a search result quotes (issue 28): a section's own words, never the page's citations, downloads, table
labels or form controls, which are searched all the same; a heading that links to another page weighs as text."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.structure.toc import get_toc

from victimlaw import LANGUAGES, language_folder, search
from victimlaw.labels import Labels
from victimlaw.pages import Headings

PAGE = """
<h1 id="title">Charter of the shelter<a class="headerlink" href="#title">¶</a></h1>
<h2 id="facts">Key facts</h2>
<dl class="facts"><dt>Kind</dt><dd>Charter</dd><dt>Signature: 16 May 2005</dt><dd><p>Law No. 1</p></dd></dl>
<h2 id="comparison">Compared</h2>
<div class="stacked-table"><table><caption class="visually-hidden">Compared</caption>
<thead><tr><th>International norm</th><th>Legislation of Azerbaijan</th></tr></thead>
<tbody><tr><td data-label="International norm">Article 12</td><td data-label="Legislation of Azerbaijan">Law, shelter</td></tr>
</tbody></table></div>
<ul><li>Shelter and safe accommodation</li><li>Assistance.</li></ul>
<h2 id="cite">Cite</h2>
<div class="cite-block"><p>This instrument cited in three styles.</p>
<p><strong>Russian (GOST style)</strong></p>
<div class="citation-ready"><span class="citation-text" lang="ru">Устав приюта.</span><button type="button">Copy</button></div>
<p>Download for reference managers: <a download="x.bib" href="x.bib">BibTeX</a> · <a download="x.ris" href="x.ris">RIS</a></p>
</div>
<h2 id="other"><a href="../other/">Another page on shelters</a><a class="headerlink" href="#other">¶</a></h2>
<form class="catalogue-filter"><label>Kind <select><option>all</option><option>Decree</option></select></label></form>
<p>Its own words</p>
"""
HEADINGS = [(1, "title", "Charter of the shelter"), (2, "facts", "Key facts"), (2, "comparison", "Compared")]
HEADINGS += [(2, "cite", "Cite"), (2, "other", "Another page on shelters")]


def entries(summary: str = "") -> dict[str, dict]:
    headings = Headings()
    for level, anchor, text in HEADINGS:
        headings.record(level, anchor, text)
    found = search.page_entries(PAGE, get_toc(headings.toc()), "en/x/", "Charter", summary)
    return {entry["l"].partition("#")[2] or "title": entry for entry in found}


def test_an_excerpt_holds_the_sections_own_words_and_the_rest_is_searched_apart():
    found = entries()
    assert found["cite"]["x"] == ""  # kept, though it has nothing to quote: its words still find the page
    assert found["cite"]["s"] == (
        "This instrument cited in three styles. Russian (GOST style) · Устав приюта. "
        "Download for reference managers: BibTeX · RIS"
    )
    comparison = found["comparison"]
    assert comparison["x"] == "Article 12 · Law, shelter · Shelter and safe accommodation · Assistance."
    assert comparison["s"] == "Compared International norm · Legislation of Azerbaijan"  # no "data-label" either
    assert found["other"]["x"] == "Its own words" and found["other"]["s"] == "Kind all Decree"
    for entry in found.values():
        weighted = search.weighted_terms(entry, "en", search.word_rules())
        assert set(search.terms(entry.get("s", ""), "en")) <= set(weighted)  # searched all the same


def test_a_label_and_its_value_read_as_one_and_cells_are_set_apart():
    assert entries()["facts"]["x"] == "Kind: Charter · Signature: 16 May 2005 · Law No. 1"


def test_a_page_that_opens_with_a_heading_is_summed_up_by_its_description_or_its_first_words():
    assert entries("  The charter sets\nthe basis. ")["title"]["d"] == "The charter sets the basis."
    assert entries()["title"]["d"] == entries()["facts"]["x"]


def test_a_heading_that_links_to_another_page_weighs_as_text():
    """The themes index names each theme by a heading linking to it: the theme's own page, whose title holds the
    query, is to come first."""
    found = entries()
    assert found["other"].get("linked") and not found["comparison"].get("linked")
    rules = search.word_rules()
    own = search.weighted_terms(found["title"], "en", rules)["shelter"]
    linked = search.weighted_terms(found["other"], "en", rules)["shelter"]
    assert own == search.TITLE_WEIGHT  # "shelter" in its title (the page's own title counts in its other sections)
    assert linked == search.LINK_TITLE_WEIGHT + search.PAGE_TITLE_WEIGHT < own


def content(path: Path):
    """What a shard script assigns."""
    return json.loads(path.read_text(encoding="utf-8").split("] = ", 1)[1].rstrip().rstrip(";"))


def documents(site: Path, lang: str) -> list[list]:
    folder = site / "search" / lang
    starts = content(folder / "index.js")["docShards"]
    return [doc for k in range(len(starts)) for doc in content(folder / f"d{k}.js")]


def test_no_excerpt_of_the_site_quotes_a_citation_or_a_download(built_site):
    for lang in LANGUAGES:
        ui = Labels(lang).ui
        furniture = [ui[key] for key in ("cite_intro", "cite_style_ru", "cite_style_en", "cite_downloads")]
        docs = documents(built_site, lang)
        quoting = [doc[0] for doc in docs if any(words in doc[3] for words in furniture)]
        assert quoting == [], (lang, quoting[:5])
        # every page has something to show: its opening words or its summary
        pages = [doc for doc in docs if "#" not in doc[0]]
        assert [doc[0] for doc in pages if not (doc[3] or doc[5:])] == [], lang


def test_a_word_only_a_citation_holds_still_finds_the_page(built_site):
    """The English page of the shelter's charter has "приют" in its Russian citation alone ("приюта", found as every
    query word is, by its beginning)."""
    folder = built_site / "search" / "en"
    term = search.terms("приют", "en")[0]
    shard = content(folder / f"t{search.shard_of(term[:2], content(folder / 'index.js')['termShards'])}.js")
    sections = {n for found, postings in shard.items() if found.startswith(term) for n in postings[::2]}
    docs = documents(built_site, "en")
    assert f"{language_folder('en')}instruments/charter-shelter/#cite" in {docs[n][0] for n in sections}
    assert not any("приют" in docs[n][3].lower() for n in sections)  # and none quotes it
