"""Per-language search, in the public build (served) and the offline build (from disk)."""
from __future__ import annotations

import json
import re

import pytest

from victimlaw import search

from sitecheck import broken_links, read_site

PREFIX = {"az": "", "en": "en/", "ru": "ru/"}

# query typed on a page of that language, and a page that must be among the results
QUERIES = [
    ("az", "siginacaq", "themes/shelter"),
    ("az", "SIĞINACAQ", "themes/shelter"),
    ("az", "sigınacaq", "themes/shelter"),
    ("az", "berpa ve fikirlesme", "themes/recovery-reflection"),
    ("az", "qurbanlarin repatriasiyasi", "themes/repatriation"),
    ("az", "İNSAN ALVERİ QURBANLARI", "instruments/"),
    ("az", "repatr", "themes/repatriation"),  # a prefix
    ("en", "repatriation", "en/themes/repatriation"),
    ("en", "Repatr", "en/themes/repatriation"),
    ("en", "shelters", "en/themes/shelter"),
    ("en", "recovery reflection", "en/themes/recovery-reflection"),
    ("ru", "жертвам", "ru/instruments/"),
    ("ru", "репатриация", "ru/themes/repatriation"),
    ("ru", "ребенок", "ru/instruments/"),  # the text has «ребёнок»
    ("ru", "ПРИЮТ", "ru/themes/shelter"),
]


def shard_content(path):
    """What a shard script assigns: ...[\"<lang>/<name>\"] = <JSON>;"""
    script = path.read_text(encoding="utf-8")
    return json.loads(script[script.index("] = ") + 4:].rstrip().rstrip(";"))


def results(page, query):
    page.fill("#site-search-input", query)
    page.locator(".site-search__results p").wait_for()
    return page.eval_on_selector_all(".site-search__results a", "links => links.map(a => a.dataset.location)")


def check_queries(page, open_language):
    for lang, query, expected in QUERIES:
        open_language(lang)
        found = results(page, query)
        assert any(location.startswith(expected) for location in found), (lang, query, found[:5])
        other = [loc for loc in found if not loc.startswith(PREFIX[lang]) or
                 (lang == "az" and loc.startswith(("en/", "ru/")))]
        assert other == [], (lang, query, other)


@pytest.mark.browser
def test_search_in_each_language_on_the_public_build(served_site, page):
    check_queries(page, lambda lang: page.goto(served_site + PREFIX[lang]))


@pytest.mark.browser
def test_search_in_each_language_from_disk(offline_site, page):
    check_queries(page, lambda lang: page.goto((offline_site / PREFIX[lang] / "index.html").as_uri()))


@pytest.mark.browser
def test_russian_stems_and_letter_folding(served_site, page):
    page.goto(served_site + "ru/")
    stems = page.evaluate("['жертвы', 'жертв', 'жертвам', 'торговли', 'торговле'].map(victimlawSearch.stemRu)")
    assert stems == ["жертв", "жертв", "жертв", "торговл", "торговл"]
    assert page.evaluate("victimlawSearch.fold('İşgəncə ISGENCE Ёлка')") == "isgence isgence елка"
    same = [results(page, q) for q in ("жертвы", "жертв", "жертвам")]
    assert same[0] == same[1] == same[2] and same[0]


@pytest.mark.browser
def test_offline_build_works_from_disk(offline_site, page):
    page.goto((offline_site / "en" / "instruments" / "decision-203-2005.html").as_uri())
    page.hover(".md-select")
    page.click('a[hreflang="ru"]')
    page.wait_for_url("**/ru/instruments/decision-203-2005.html")
    page.goto((offline_site / "timeline" / "index.html").as_uri())
    page.locator('.relations-picture svg a[href="../instruments/decision-203-2005.html"]').click()
    page.wait_for_url("**/instruments/decision-203-2005.html")
    page.goto((offline_site / "cite" / "index.html").as_uri())
    page.fill("#citation-input", "maddə 14-1")
    page.locator('.citation-results a[href="../instruments/law-2005-combating-trafficking.html#art-14-1"]').click()
    page.wait_for_url("**/instruments/law-2005-combating-trafficking.html#art-14-1")


def test_offline_build_links_and_assets(offline_site):
    pages = read_site(offline_site)
    assert broken_links(offline_site, pages) == []
    external = [(rel, a) for rel, p in pages.items() for a in p.assets if re.match(r"^(https?:)?//", a)]
    assert external == []
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/iframe-worker-shim.js" in html and "unpkg.com" not in html
    assert (offline_site / "instruments" / "decision-203-2005.html").exists()


@pytest.mark.parametrize("site_fixture", ["built_site", "offline_site"])
def test_one_index_per_language_holding_only_that_language(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for lang in ("az", "en", "ru"):
        folder = site / "search" / lang
        assert (folder / "index.js").exists()
        locations = [doc[0] for shard in sorted(folder.glob("d*.js")) for doc in shard_content(shard)]
        assert len(locations) > 100
        if lang == "az":
            assert not [loc for loc in locations if loc.startswith(("en/", "ru/"))]
        else:
            assert all(loc.startswith(f"{lang}/") for loc in locations)
        assert any(loc.startswith(f"{PREFIX[lang]}instruments/decision-203-2005") for loc in locations)
    assert not list(site.glob("search/*.js")), "no index holding a whole language"


def test_the_index_is_split_into_small_shards():
    """Whatever the corpus size, a query loads a term shard per word and a document shard per result."""
    docs = [{"l": f"instruments/x-{n}/", "t": f"Title {n}", "p": "", "x": f"qurbanların hüquqları {n} " * 20}
            for n in range(1000)]
    docs[500]["x"] = "long " * 20_000  # larger than a shard: alone in its own
    shards = search.build_index(docs, "az")
    manifest = shards["index"]
    assert {k: manifest[k] for k in ("lang", "sections", "termShards")} == {"lang": "az", "sections": 1000, "termShards": 5}
    starts = manifest["docShards"]
    assert starts[0] == 0 and starts == sorted(starts) and 500 in starts and 501 in starts
    assert [doc for k in range(len(starts)) for doc in shards[f"d{k}"]] == [[d["l"], d["t"], d["p"], d["x"]] for d in docs]
    for k in range(len(starts)):
        if k != starts.index(500):
            assert len(json.dumps(shards[f"d{k}"], ensure_ascii=False)) < 2 * search.DOC_SHARD_CHARS
    term = search.terms("qurbanların", "az")[0]
    assert term == "qurbanlarin"
    postings = shards[f"t{search.shard_of(term[:2], 5)}"][term]
    assert postings[:4] == [0, 20, 1, 20] and len(postings) == 2 * 999  # (section, weight) for every section with it
    assert shards["t" + str(search.shard_of("ti", 5))]["title"][:2] == [0, 10]  # a title word weighs most
    assert manifest["split"] == {}


def test_a_group_of_terms_too_large_for_a_shard_is_split_by_three_letters(monkeypatch):
    monkeypatch.setattr(search, "SPLIT_GROUP_OVER", 10)
    docs = [{"l": f"x-{n}/", "t": "", "p": "", "x": "права право правило приют преступление"} for n in range(40)]
    shards = search.build_index(docs, "ru")
    n = shards["index"]["termShards"]
    split = shards["index"]["split"]
    assert set(split) == {"пр"}
    assert set(split["пр"]) == {search.shard_of(key, n) for key in ("пра", "при", "пре")}
    assert "приют" in shards[f"t{search.shard_of('при', n)}"]
    assert {term for k in split["пр"] for term in shards[f"t{k}"]} == {"прав", "приют", "преступлен"}


def test_words_are_folded_and_stemmed():
    assert search.terms("İnsan alverİ QURBANLARI, ребёнок!", "az") == ["insan", "alveri", "qurbanlari", "ребенок"]
    assert [search.stem_ru(w) for w in ("жертвы", "жертв", "жертвам", "торговли", "торговле")] == \
        ["жертв", "жертв", "жертв", "торговл", "торговл"]
    assert search.terms("shelters victims", "en") == ["shelter", "victim"]


@pytest.mark.browser
def test_the_browser_folds_and_stems_as_the_index_does(served_site, page, real_corpus):
    """search.js handles a query with the rules search.py applied to the pages: every word of the corpus
    must come out the same in both."""
    text = json.dumps(real_corpus.document, ensure_ascii=False)
    words = sorted(set(re.findall(r"[^\W_]+", text)))
    page.goto(served_site)
    for lang in ("az", "en", "ru"):
        browser = page.evaluate("([words, lang]) => words.map(w => victimlawSearch.terms(w, lang).join(' '))", [words, lang])
        python = [" ".join(search.terms(w, lang)) for w in words]
        assert [(w, b) for w, b, p in zip(words, browser, python) if b != p] == []
        keys = sorted({term[:n] for term in python for n in (1, 2, 3) if term})
        shards = page.evaluate("([keys, n]) => keys.map(k => victimlawSearch.shardOf(k, n))", [keys, 97])
        assert shards == [search.shard_of(key, 97) for key in keys]


def test_a_page_is_cut_into_sections():
    """From the page's content and its table of contents, not from the themed page."""
    from mkdocs.structure.toc import get_toc
    from victimlaw.plugin import toc_tokens
    content = ('<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Intro <b>text</b>.</p>'
               '<h2 id="s">Section</h2><p>Body</p><h2 id="e">Empty</h2><script>var x = 1;</script>')
    toc = get_toc(toc_tokens(content))
    assert search.page_entries(content, toc, "en/x/") == [{"l": "en/x/", "t": "Title", "p": "", "x": "Intro text ."},
                                                           {"l": "en/x/#s", "t": "Section", "p": "Title", "x": "Body"}]
    assert search.page_entries("<p>no heading</p>", get_toc([]), "x/") == []


@pytest.mark.browser
def test_the_browser_finds_terms_in_split_groups(served_site, page, monkeypatch):
    """A query word under a split group loads the right shards: three letters or more one shard, two
    letters every shard of the group."""
    monkeypatch.setattr(search, "SPLIT_GROUP_OVER", 5)
    texts = ["права человека", "приют для жертв", "преступление", "право на приют", "другое"]
    docs = [{"l": f"ru/x-{n}/", "t": f"Раздел {n}", "p": "", "x": text} for n, text in enumerate(texts)]
    shards = search.build_index(docs, "ru")
    assert "пр" in shards["index"]["split"]
    page.goto(served_site)
    found = page.evaluate("""([shards, queries]) => {
        window.VICTIMLAW_SEARCH = window.VICTIMLAW_SEARCH || {};
        for (const name in shards) window.VICTIMLAW_SEARCH["zz/" + name] = shards[name];
        const s = victimlawSearch, index = new s.Index(new s.Shards("/", "zz"), shards.index);
        return Promise.all(queries.map(q => index.search(q).then(r => r.map(x => x.section).sort())));
    }""", [shards, ["приют", "прав", "пр", "пр приют", "другое"]])
    assert found == [[1, 3], [0, 3], [0, 1, 2, 3], [1, 3], [4]]
