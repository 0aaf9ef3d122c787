"""Per-language search, in the public build (served) and the offline build (from disk)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from sitecheck import broken_links, read_site
from victimlaw import search
from victimlaw.cite import reading
from victimlaw.search import words

PREFIX = {"az": "", "en": "en/", "ru": "ru/"}
PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "victimlaw"  # each script beside its Python twin

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
    ("ru", "жилье", "ru/instruments/"),  # the text has «жильё»
    ("ru", "ПРИЮТ", "ru/themes/shelter"),
]


def shard_content(path):
    """What a shard script assigns: ...[\"<lang>/<name>\"] = <JSON>;"""
    script = path.read_text(encoding="utf-8")
    return json.loads(script[script.index("] = ") + 4 :].rstrip().rstrip(";"))


def results(page, query):
    page.fill("#site-search-input", query)
    page.locator(".site-search__results p").wait_for()
    return page.eval_on_selector_all(".site-search__results a", "links => links.map(a => a.dataset.location)")


def check_queries(page, open_language):
    for lang, query, expected in QUERIES:
        open_language(lang)
        found = results(page, query)
        assert any(location.startswith(expected) for location in found), (lang, query, found[:5])
        other = [
            loc
            for loc in found
            if not loc.startswith(PREFIX[lang]) or (lang == "az" and loc.startswith(("en/", "ru/")))
        ]
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
def test_matched_words_are_marked_and_every_result_can_be_reached(served_site, page):
    page.goto(served_site + "ru/")
    page.fill("#site-search-input", "приют")
    page.locator(".site-search__results mark").first.wait_for()
    marks = page.eval_on_selector_all(".site-search__results mark", "marks => marks.map(m => m.textContent)")
    assert all(m.lower().startswith("приют") for m in marks), marks
    page.fill("#site-search-input", "торговли")  # in almost every section: more than one screenful
    page.wait_for_function(
        "(document.querySelector('.site-search__results mark') || {textContent: ''}).textContent"
        ".toLowerCase().startsWith('торгов')"
    )
    total = int("".join(c for c in page.locator(".site-search__count").inner_text() if c.isdigit()))
    assert page.locator(".site-search__page").count() == 10 < total
    page.locator(".site-search__more").click()
    page.wait_for_function("document.querySelectorAll('.site-search__page').length > 10")
    while page.locator(".site-search__more").count():
        shown = page.locator(".site-search__page").count()
        page.locator(".site-search__more").click()
        page.wait_for_function(f"document.querySelectorAll('.site-search__page').length > {shown}")
    pages = page.eval_on_selector_all(".site-search__page", "items => items.map(li => li.dataset.location)")
    assert len(pages) == len(set(pages)) == total  # one result per page


# A query citing an act (its number, symbol or title) and the act's page, which must come first.
CITING = [
    ("az", "203", "instruments/decision-203-2005/"),
    ("az", "958-IIQ", "instruments/law-2005-combating-trafficking/"),
    ("en", "A/RES/55/25", "en/instruments/unga-res-55-25/"),
    ("en", "CETS 197", "en/instruments/coe-cets-197/"),
    ("ru", "CETS 197", "ru/instruments/coe-cets-197/"),
    ("ru", "Закон о борьбе с торговлей людьми", "ru/instruments/law-2005-combating-trafficking/"),
    ("en", "CETS 197 art 12", "en/provisions/coe-cets-197/art-12/"),  # a provision with a page of its own
]


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["served", "file"])
def test_a_query_citing_an_act_lists_it_first_with_its_kind_and_date(
    served_site, offline_site, page, real_corpus, mode
):
    """At a phone's width; the list of results fits the desktop's too (conftest.overflowing_widths)."""
    from conftest import overflowing_widths
    from victimlaw.labels import Labels

    page.set_viewport_size({"width": 390, "height": 844})
    for lang, query, expected in CITING:
        if mode == "served":
            page.goto(served_site + PREFIX[lang])
        else:
            page.goto((offline_site / PREFIX[lang] / "index.html").as_uri())
            expected = expected.removesuffix("/") + ".html"
        page.fill("#site-search-input", query)
        first = page.locator(".site-search__page").first
        first.wait_for()
        assert first.get_attribute("data-location") == expected, (lang, query)
        if "/provisions/" in expected:
            assert first.locator(".site-search__label").inner_text().startswith(Labels(lang).ui["provision_label"])
        else:
            inst = real_corpus.by_id[expected.removesuffix(".html").rstrip("/").rsplit("/", 1)[1]]
            assert first.locator(".site-search__label").inner_text() == Labels(lang).facts(inst)
        pages = page.eval_on_selector_all(".site-search__page", "items => items.map(li => li.dataset.location)")
        assert len(pages) == len(set(pages)), pages
        assert overflowing_widths(page) == [], (lang, query)


@pytest.mark.browser
def test_a_page_lists_its_best_sections_beneath_it(served_site, page):
    page.goto(served_site + "en/")
    page.fill("#site-search-input", "shelter")
    page.locator(".site-search__sections a").first.wait_for()
    for item in page.locator(".site-search__page").all():
        location = item.get_attribute("data-location")
        for link in item.locator(".site-search__sections a").all():  # the page's own sections, by their anchors
            assert link.get_attribute("data-location").startswith(location + "#")


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
    assert "iframe-worker" not in html and "unpkg.com" not in html  # Material's search worker is not used
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
    assert [p.name for p in site.glob("search/*.js")] == ["words.js"], "no index holding a whole language"


def test_the_index_is_split_into_small_shards():
    """Whatever the corpus size, a query loads a term shard per word and a document shard per result."""
    docs = [
        {"l": f"instruments/x-{n}/", "t": f"Title {n}", "p": "", "x": f"qurbanların hüquqları {n} " * 20}
        for n in range(1000)
    ]
    docs[500]["x"] = "long " * 20_000  # larger than a shard: alone in its own
    shards = search.build_index(docs, "az")
    manifest = shards["index"]
    assert {k: manifest[k] for k in ("lang", "sections", "termShards")} == {
        "lang": "az",
        "sections": 1000,
        "termShards": 5,
    }
    starts = manifest["docShards"]
    assert starts[0] == 0 and starts == sorted(starts) and 500 in starts and 501 in starts
    assert [doc for k in range(len(starts)) for doc in shards[f"d{k}"]] == [
        [d["l"], d["t"], d["p"], d["x"]] for d in docs
    ]
    for k in range(len(starts)):
        if k != starts.index(500):
            assert len(json.dumps(shards[f"d{k}"], ensure_ascii=False)) < 2 * search.DOC_SHARD_CHARS
    term = search.terms("qurbanların", "az")[0]
    assert term == "qurbanlarin"
    postings = shards[f"t{search.shard_of(term[:2], 5)}"][term]
    assert postings[:4] == [0, 20, 1, 20] and len(postings) == 2 * 999  # (section, weight) for every section with it
    assert shards["t" + str(search.shard_of("ti", 5))]["title"][:2] == [0, 10]  # a title word weighs most
    assert manifest["split"] == {}


def test_an_index_written_as_its_pages_come_in_is_the_index_made_at_once(tmp_path):
    """The build's index writes each document shard once it is full, while pages are still coming; what ends
    on disk is what build_index makes from all the entries at once, and no shard of an earlier, larger index
    of the language is left."""
    docs = [{"l": f"x-{n}/", "t": f"Title {n}", "p": "", "x": f"qurbanların hüquqları {n} " * 40} for n in range(300)]
    stale = tmp_path / "search" / "az" / "d999.js"
    stale.parent.mkdir(parents=True)
    stale.write_text("old", encoding="utf-8")
    index = search.Index("az", root=tmp_path)
    for n in range(0, len(docs), 7):  # a few entries at a time, as pages are built
        index.add(docs[n : n + 7])
        if n == 280:
            assert (tmp_path / "search" / "az" / "d0.js").exists() and not stale.exists()
    assert index.finish() == {}
    written = {path.stem: shard_content(path) for path in (tmp_path / "search" / "az").glob("*.js")}
    assert written == json.loads(json.dumps(search.build_index(docs, "az")))


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
    assert [search.stem_ru(w) for w in ("жертвы", "жертв", "жертвам", "торговли", "торговле")] == [
        "жертв",
        "жертв",
        "жертв",
        "торговл",
        "торговл",
    ]
    assert search.terms("shelters victims", "en") == ["shelter", "victim"]


# Words the corpus does not have: capitals, combining marks, letters and symbols outside the Basic
# Multilingual Plane (two UTF-16 code units in JavaScript, one character in Python), mixed scripts,
# digits, nothing. Only letters known to the Unicode version of Python's unicodedata: a newer letter is
# a letter to the browser and not to Python.
OUTSIDE_CORPUS = [
    "ƏLİYEV",
    "İNSAN",
    "İ",
    "I",
    "ı",
    "i\u0307",
    "ЖЕРТВА",
    "ЁЛКА",
    "ЖЕРТВАМИ",
    "ПРИЮТЫ",
    "SHELTERS",
    "VICTIMIZED",
    "e\u0301",
    "\u0301",
    "и\u0306",
    "ра\u0306он",
    "s\u0327",
    "s\u0327əxs",
    "ко\u0308т",
    "Ş",
    "Ç",
    "𝐀bc",
    "😀",
    "𐐷",
    "𐐏",
    "𐐏𐐏𐐏s",
    "𐐏𐐏𐐏𐐏ing",
    "𝐀𝐀𝐀𝐀ies",
    "𝟙𝟚𝟛",
    "жертв𝐀ами",
    "жертва😀ми",
    "\U0001f1e6\U0001f1ff",
    "qurbanЖертвы",
    "ΟΔΟΣ",
    "Straße",
    "ẞ",
    "ǅ",
    "ﬁle",
    "Ⅻ",
    "٣٤",
    "½",
    "한국어",
    "x_y",
    "a\u200db",
    "abc123",
    "2005-ci",
    "14\u20111",
    "609–IV",
    "",
    " ",
]


def test_the_words_outside_the_corpus_fold_and_stem():
    assert search.fold("ƏLİYEV İNSAN ЁЛКА") == "eliyev insan елка"
    assert search.terms("e\u0301 и\u0306 s\u0327", "az") == ["e", "и", "s"]  # a combining mark ends a word
    assert search.terms("𝐀bc 😀 𐐏", "az") == ["𝐀bc", "𐐷"]  # outside the BMP: whole characters, lower-cased
    assert search.terms("𝐀𝐀𝐀𝐀ies", "en") == ["𝐀𝐀𝐀𝐀y"] and search.terms("𐐏𐐏𐐏s", "en") == ["𐐷𐐷𐐷s"]
    assert search.terms("", "ru") == [] and search.terms("ЖЕРТВАМИ", "ru") == ["жертв"]
    assert reading.fold("ƏLİYEV s\u0327əxs 14\u20111") == "eliyev sexs 14-1"


@pytest.mark.browser
def test_the_browser_folds_and_stems_as_the_index_does(served_site, page, real_corpus):
    """search.js handles a query with the rules search/words.py applied to the pages: every word of the corpus,
    and words outside it, must come out the same in both (and cite.js's folding as cite/reading.py's)."""
    text = json.dumps(real_corpus.document, ensure_ascii=False)
    words = sorted(set(re.findall(r"[^\W_]+", text))) + OUTSIDE_CORPUS
    page.goto(served_site)
    for lang in ("az", "en", "ru"):
        browser = page.evaluate(
            "([words, lang]) => words.map(w => victimlawSearch.terms(w, lang).join(' '))", [words, lang]
        )
        python = [" ".join(search.terms(w, lang)) for w in words]
        assert [(w, b) for w, b, p in zip(words, browser, python, strict=True) if b != p] == []
        keys = sorted({term[:n] for term in python for n in (1, 2, 3) if term})
        shards = page.evaluate("([keys, n]) => keys.map(k => victimlawSearch.shardOf(k, n))", [keys, 97])
        assert shards == [search.shard_of(key, 97) for key in keys]
    browser = page.evaluate(
        """words => words.map(w => {
        const s = victimlawSearch, folded = s.fold(w);
        return [folded, s.stemRu(folded), s.stemEn(folded), victimlawCite.fold(w), folded.length === w.length];
    })""",
        OUTSIDE_CORPUS,
    )
    python = [
        [search.fold(w), search.stem_ru(search.fold(w)), search.stem_en(search.fold(w)), reading.fold(w), True]
        for w in OUTSIDE_CORPUS
    ]
    assert [(w, b, p) for w, b, p in zip(OUTSIDE_CORPUS, browser, python, strict=True) if b != p] == []


def _words_script(site):
    script = (site / "search" / "words.js").read_text(encoding="utf-8")
    prefix = "window.VICTIMLAW_WORDS = "
    assert script.startswith(prefix)
    return json.loads(script[len(prefix) :].rstrip().rstrip(";"))


def test_the_rules_for_words_exist_once(built_site):
    """wordrules.yaml is the one source: the browser receives it whole (search/words.js), Python's tables
    are made from it, and neither script carries a copy."""
    data = yaml.safe_load(words.WORDRULES.read_text(encoding="utf-8"))
    assert _words_script(built_site) == data == search.word_rules().data
    rules = search.word_rules()
    assert rules.letters == {k: v for group in data["fold"]["letters"] for k, v in group["letters"].items()}
    assert rules.letters["ə"] == "e" and rules.capitals == {"İ": "i", "I": "i"} and rules.letters["ё"] == "е"
    assert rules.ru == data["stem"]["ru"]["endings"] and rules.ru_vowels == data["stem"]["ru"]["vowels"]
    assert rules.en == data["stem"]["en"] and rules.cite == data["cite"]
    scripts = (PACKAGE / "search" / "search.js").read_text(encoding="utf-8") + (PACKAGE / "cite" / "cite.js").read_text(
        encoding="utf-8"
    )
    for copy in ('"ə"', '"ё"', "вшись", "ость", '"ies"', "return [-100", "score += 60", "40 * fraction"):
        assert copy not in scripts, copy


def test_the_rules_for_words_are_read_again_when_the_file_changes(tmp_path):
    """`mkdocs serve` goes on while wordrules.yaml is edited: no rules are kept from before."""
    path = tmp_path / "wordrules.yaml"
    path.write_text(words.WORDRULES.read_text(encoding="utf-8"), encoding="utf-8")
    first = search.word_rules(path)
    assert search.word_rules(path) is first
    assert search.terms("ребёнок", "az", first) == ["ребенок"]
    path.write_text(path.read_text(encoding="utf-8").replace('{"ё": "е"}', '{"ё": "ё"}'), encoding="utf-8")
    changed = search.word_rules(path)
    assert changed is not first and search.terms("ребёнок", "az", changed) == ["ребёнок"]
    assert search.words_script(changed).count('"ё":"ё"') == 1


@pytest.mark.browser
def test_every_page_has_the_rules_for_words_from_disk(offline_site, page):
    data = yaml.safe_load(words.WORDRULES.read_text(encoding="utf-8"))
    for path in ("index.html", "en/instruments/decision-203-2005.html", "ru/cite/index.html"):
        page.goto((offline_site / path).as_uri())
        assert page.evaluate("window.VICTIMLAW_WORDS") == data, path


def test_a_page_is_cut_into_sections():
    """From the page's content and its table of contents, not from the themed page."""
    from mkdocs.structure.toc import get_toc

    from victimlaw.pages import Headings

    content = (
        '<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Intro <b>text</b>.</p>'
        '<h2 id="s">Section</h2><p>Body</p><h2 id="e">Empty</h2><script>var x = 1;</script>'
    )
    headings = Headings()  # as the heading macro records them while it renders the page
    for level, anchor, text in ((1, "t", "Title"), (2, "s", "Section"), (2, "e", "Empty")):
        headings.record(level, anchor, text)
    toc = get_toc(headings.toc())
    assert search.page_entries(content, toc, "en/x/") == [
        {"l": "en/x/", "t": "Title", "p": "", "x": "Intro text ."},
        {"l": "en/x/#s", "t": "Section", "p": "Title", "x": "Body"},
    ]
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
    found = page.evaluate(
        """([shards, queries]) => {
        window.VICTIMLAW_SEARCH = window.VICTIMLAW_SEARCH || {};
        for (const name in shards) window.VICTIMLAW_SEARCH["zz/" + name] = shards[name];
        const s = victimlawSearch, index = new s.Index(new s.Shards("/", "zz"), shards.index);
        return Promise.all(queries.map(q => index.search(q).then(r => r.map(x => x.section).sort())));
    }""",
        [shards, ["приют", "прав", "пр", "пр приют", "другое"]],
    )
    assert found == [[1, 3], [0, 3], [0, 1, 2, 3], [1, 3], [4]]


SNOWBALL = Path(__file__).with_name("fixtures") / "snowball-russian"  # with its licence and source (README.md)


def snowball_russian() -> tuple[list[str], list[str]]:
    """Snowball's Russian vocabulary and, line for line, each word's stem."""
    import gzip

    words, stems = (
        gzip.decompress((SNOWBALL / name).read_bytes()).decode("utf-8").split()
        for name in ("voc.txt.gz", "output.txt.gz")
    )
    assert len(words) == len(stems) == 49785
    return words, stems


def test_snowballs_russian_vocabulary_comes_out_of_the_sites_folding_and_stemming_as_snowball_stems_it():
    """Every word of the reference vocabulary, folded and stemmed as the index is made, gives the reference stem
    folded the same way (folding keeps й, which the Russian endings need; ё is е for both)."""
    words, stems = snowball_russian()
    wrong = [(w, s) for w, s in zip(words, stems, strict=True) if search.terms(w, "ru") != [search.fold(s)]]
    assert wrong == []


@pytest.mark.browser
def test_the_browser_stems_snowballs_russian_vocabulary_as_python_does(served_site, page):
    words, stems = snowball_russian()
    page.goto(served_site + "ru/")
    browser = page.evaluate("words => words.map(w => victimlawSearch.terms(w, 'ru').join(' '))", words)
    wrong = [(w, b, s) for w, b, s in zip(words, browser, stems, strict=True) if b != search.fold(s)]
    assert wrong == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "forms",
    [
        ("защита", "защиты", "защитой"),
        ("уголовная ответственность", "уголовной ответственности"),
        ("национальный", "национальной", "Национального"),
    ],
)
def test_inflected_russian_forms_find_the_same_pages(served_site, page, forms):
    page.goto(served_site + "ru/")
    found = [sorted(results(page, form)) for form in forms]
    assert found[0] and all(f == found[0] for f in found), dict(zip(forms, map(len, found), strict=True))
