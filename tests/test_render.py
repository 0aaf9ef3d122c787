"""Generated pages: one per record and language, facts shown, data escaped."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from conftest import DATA, MINIMAL
from victimlaw import LANGUAGES, exports
from victimlaw.labels import Labels, strings
from victimlaw.model.corpus import load_corpus
from victimlaw.pages import external_url, render_site


def to_html(page: str) -> str:
    """Pages are rendered straight to HTML (they were Markdown until the plugin rendered them itself)."""
    return page


@pytest.fixture
def pages(data_dir):
    corpus = load_corpus(data_dir / "instruments.yaml")
    return {**render_site(corpus, directory_urls=False), **exports.files(corpus)}


def test_every_record_has_a_page_in_every_language_plus_catalogue_and_references(pages):
    records = ("law-one", "decision-two", "treaty-three")
    expected = {
        f"{lang}/instruments/{record}{suffix}" for lang in LANGUAGES for record in records for suffix in (".md",)
    }
    expected |= {
        f"{lang}/{page}"
        for lang in LANGUAGES
        for page in (
            "instruments/index.md",
            "references/index.md",
            "cite/index.md",
            "timeline/index.md",
            "monitoring/index.md",
        )
    }
    expected |= {f"{lang}/provisions/treaty-three/art-13.md" for lang in LANGUAGES}  # a treaty's provisions
    expected |= {"data/instruments.json", "data/instruments.csv"} | {
        f"data/instruments-{lang}.csl.json" for lang in LANGUAGES
    }
    assert set(pages) == expected


def test_instrument_page_shows_facts_link_and_anchors(pages):
    html = to_html(pages["en/instruments/law-one.md"])
    assert '<h1 id="title">First law<a class="headerlink" href="#title"' in html
    assert "28 June 2005 (adopted)" in html
    assert "<dd>1-IIQ</dd>" in html
    assert 'href="https://e-qanun.az/framework/100"' in html and 'rel="noopener"' in html
    assert 'id="art-1"' in html and 'id="purpose"' in html and 'id="sources"' in html
    # the reverse relation is derived and points at the clause implemented
    assert '<a href="decision-two.html">Second decision</a> — <a href="#art-1">Article 1</a>' in html
    assert "Implemented by" in html


def test_the_same_anchors_exist_in_every_language(pages):
    import re

    anchors = {
        lang: set(re.findall(r'id="([^"]+)"', to_html(pages[f"{lang}/instruments/law-one.md"]))) for lang in LANGUAGES
    }
    wanted = {"facts", "purpose", "provisions", "art-1", "relations", "sources"}
    for lang in LANGUAGES:
        assert wanted <= anchors[lang], (lang, anchors[lang])


def test_unknown_facts_say_not_stated(pages):
    html = to_html(pages["ru/instruments/decision-two.md"])
    assert "<dt>e-qanun.az</dt>\n<dd><em>не найдено ни в статье, ни в официальных источниках</em></dd>" in html
    az = to_html(pages["az/instruments/decision-two.md"])
    assert "məqalədə və rəsmi mənbələrdə tapılmadı" in az


def test_dates_are_written_per_language():
    assert Labels("az").date("2005-11-09") == "9 noyabr 2005"
    assert Labels("en").date("2005-11-09") == "9 November 2005"
    assert Labels("ru").date("2005-11-09") == "9 ноября 2005 г."
    assert Labels("ru").date("2023-01") == "январь 2023 г."
    assert Labels("en").date("2023") == "2023"
    assert Labels("az").date(None) == "məqalədə və rəsmi mənbələrdə tapılmadı"


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "a | b | c",
    "{{ config }} {% if %}",
    "[click](javascript:alert(1))",
    "# heading *bold* _it_ `code` {#id}",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_in_the_data_stays_text(data_dir, text):
    yaml_text = MINIMAL.replace('en: "First law"', "en: " + _quote(text), 1).replace(
        'en: "Protects victims."', "en: " + _quote(text), 1
    )
    benign = render_site(load_corpus(data_dir / "instruments.yaml"), directory_urls=False)
    (data_dir / "instruments.yaml").write_text(yaml_text, encoding="utf-8")
    pages = render_site(load_corpus(data_dir / "instruments.yaml"), directory_urls=False)
    for path in ("en/instruments/law-one.md", "en/instruments/decision-two.md", "en/instruments/index.md"):
        html = to_html(pages[path])
        scripts = re.findall(r"<script\b.*?</script>", html, re.S)  # the templates' own (the catalogue has one)
        assert scripts == re.findall(r"<script\b.*?</script>", to_html(benign[path]), re.S)
        assert "<img" not in html and "javascript:" not in html.replace("javascript:alert", "")
        assert 'href="javascript' not in html
        assert "<em>bold" not in html and "<em>it" not in html and "<strong>bold" not in html
    title_html = to_html(pages["en/instruments/law-one.md"])
    visible = title_html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert " ".join(text.split()) in visible


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_external_urls_are_only_http():
    with pytest.raises(ValueError):
        external_url("javascript:alert(1)")
    assert external_url("https://example.org/a b(c)") == "https://example.org/a%20b%28c%29"


def test_catalogue_lists_every_record_once_per_group_and_in_date_order(pages):
    page = pages["en/instruments/index.md"]
    assert page.count('href="law-one.html"') == 2  # its kind table and the chronology
    chronology = page.split('id="chronology"')[1]
    assert chronology.index("law-one.html") < chronology.index("decision-two.html")


def test_string_catalogue_is_complete_for_every_language_and_vocabulary():
    import json

    data = strings()
    for section, entries in data.items():
        if section in ("month", "month_nominative"):
            assert all(len(entries[lang]) == 12 for lang in LANGUAGES)
            continue
        if section == "gender":  # by language, then by kind of act: every kind where a language has genders
            assert all(set(by_kind) == set(data["kind"]) for by_kind in entries.values())
            continue
        for key, value in entries.items():
            assert set(value) == set(LANGUAGES), (section, key)
    schema = json.loads((DATA / "instruments.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    vocabularies = {
        "kind": defs["instrument"]["properties"]["kind"]["enum"],
        "level": defs["instrument"]["properties"]["level"]["enum"],
        "issuer": [v for v in defs["instrument"]["properties"]["issuer"]["enum"] if v],
        "date_kind": [v for v in defs["instrument"]["properties"]["date_kind"]["enum"] if v],
        "relation": defs["relation"]["properties"]["type"]["enum"],
        "unit": defs["provision"]["properties"]["unit"]["enum"],
        "approved_kind": defs["approved_document"]["properties"]["kind"]["enum"],
        "stance": defs["finding"]["properties"]["stance"]["enum"],
    }
    for section, values in vocabularies.items():
        assert set(values) == set(data[section]), section
    assert set(data["kind"]) == set(data["kind_plural"])
    for lang, by_kind in data["gender"].items():  # each form a label agreeing in gender needs is there
        for label in data["date_kind"].values():
            if isinstance(label[lang], dict):
                assert set(by_kind.values()) <= set(label[lang]), label


def test_the_site_lists_the_schemas_kinds_and_levels_in_the_schemas_order():
    """One list: a kind added to the schema is in the catalogue's order (and its filters) without another edit."""
    import json

    from victimlaw.model import vocabularies

    properties = json.loads((DATA / "instruments.schema.json").read_text(encoding="utf-8"))["$defs"]["instrument"][
        "properties"
    ]
    assert tuple(properties["kind"]["enum"]) == vocabularies.kind_order()
    assert tuple(properties["level"]["enum"]) == vocabularies.level_order()
    # the treaties are cited as international instruments, and both are kinds of the schema
    assert set(vocabularies.TREATY_KINDS) < set(vocabularies.CITED_AS_INTERNATIONAL) <= set(vocabularies.kind_order())


def test_a_kind_added_to_the_schema_is_in_the_order_at_once(tmp_path, monkeypatch):
    """As under `mkdocs serve`, which reloads the schema but not the code."""
    from victimlaw.model import vocabularies

    schema = tmp_path / "instruments.schema.json"
    schema.write_text((DATA / "instruments.schema.json").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(vocabularies, "SCHEMA", schema)
    assert vocabularies.kind_order()[-1] == "charter"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(
        text.replace('"charter"\n', '"charter",\n            "treaty_of_friendship"\n', 1), encoding="utf-8"
    )
    assert vocabularies.kind_order()[-1] == "treaty_of_friendship"


def test_official_facts_render_with_their_pages_and_words(data_dir):
    """A treaty page: Azerbaijan's steps with the approving act, official pages quoted in their language with
    the date they were read; its provisions' pages: a provision's official words in a block marked with its
    language, and a provision whose words were not found said to be so, with the official page to read them."""
    treaty = MINIMAL.index("  - id: treaty-three")
    text = MINIMAL[:treaty] + with_official_facts(MINIMAL[treaty:])
    (data_dir / "instruments.yaml").write_text(text, encoding="utf-8")
    corpus = load_corpus(data_dir / "instruments.yaml")
    pages = render_site(corpus, directory_urls=False)
    en, ru = pages["en/instruments/treaty-three.md"], pages["ru/instruments/treaty-three.md"]
    assert (
        '<dt>Official page</dt>\n<dd><a href="https://example.org/treaty-three" rel="noopener">example.org</a></dd>'
        in en
    )
    assert 'id="azerbaijan">Azerbaijan and this treaty' in en
    assert "<dt>Approval by law: 11 May 2010</dt>" in en
    assert 'Approving act: <a href="law-one.html">First law</a> (No. 1-IIQ)' in en
    assert '<span lang="az">«Bakı şəhəri, 11 may 2010-cu il»</span> (retrieved 28 November 2026)' in en
    words = pages["en/provisions/treaty-three/art-13.md"]
    assert (
        '<blockquote lang="en">\n<p>Article 13</p>\n<p>Each Party shall provide &lt;30 days&gt;.</p>\n</blockquote>'
        in words
    )
    assert "<strong>Official text (excerpt)</strong>" in words
    assert "blockquote" not in en  # the instrument's page is an index: the words are on the provision's
    unfound = pages["en/provisions/treaty-three/art-26.md"]
    assert "were found neither in the article nor on an official page" in unfound
    assert (
        "They can be read on the instrument&#39;s official page: "
        '<a href="https://example.org/treaty-three" rel="noopener">example.org</a>'
    ) in unfound
    assert "<em>neither its words nor a summary found in the sources</em>" in en
    assert "Утверждение законом: 11 мая 2010 г." in ru
    law = pages["en/instruments/law-one.md"]
    assert 'id="azerbaijan"' not in law  # a national act has no such section


def with_official_facts(treaty: str) -> str:
    """The tiny corpus's treaty with an official page, a provision's official words, a provision whose words
    were not found, and Azerbaijan's approval by law."""
    page = '"https://example.org/treaty-three"'
    steps = (
        "    participation:\n"
        "      - step: approval\n"
        "        date: 2010-05-11\n"
        "        law: law-one\n"
        '        sources: [{type: official, url: "https://e-qanun.az/framework/100",'
        ' passage: "Bakı şəhəri, 11 may 2010-cu il", lang: az, retrieved: 2026-11-28}]\n'
    )
    words = (
        "        texts:\n"
        '          - {lang: en, excerpt: true, text: "Article 13\\nEach Party shall provide <30 days>.",'
        ' source: {type: official, url: "https://example.org/treaty-three/article-13", retrieved: 2026-11-28}}\n'
        '      - {id: art-26, unit: article, number: "26"}\n'
    )
    treaty = treaty.replace("    eqanun: null\n", f"    eqanun: null\n    official_url: {page}\n", 1)
    treaty = treaty.replace(
        "    sources:\n      - {type: official", words + steps + "    sources:\n      - {type: official", 1
    )
    return treaty.replace(
        'passage: "Treaty Three, Article 13", retrieved: 2026-11-28}',
        'passage: "Treaty Three, Article 13", retrieved: 2026-11-28, supports: [official_url]}',
    )


def test_a_compared_provision_without_official_words_says_so(themed_dir):
    pages = render_site(load_corpus(themed_dir / "instruments.yaml"), directory_urls=False)
    assert "The official text of this provision was not found on an official page" in pages["en/instruments/law-one.md"]
    assert "не найден; изложение выше основано на статье" in pages["ru/instruments/law-one.md"]
    assert "official text of this provision" not in pages["en/instruments/decision-two.md"]  # no provisions compared


def test_a_theme_page_quotes_the_words_of_the_provisions_it_compares(themed_dir):
    """The comparison links each provision whose words were found to them, quoted below the table with their
    page; that the words of the other compared provisions were not found is said once; a whole act gets no
    such entry."""
    path = themed_dir / "instruments.yaml"
    text = path.read_text(encoding="utf-8")
    treaty = text.index("  - id: treaty-three")
    path.write_text(text[:treaty] + with_official_facts(text[treaty:]), encoding="utf-8")
    pages = render_site(load_corpus(path), directory_urls=False)
    en, az = pages["en/themes/recovery.md"], pages["az/themes/recovery.md"]
    assert '(<a href="#text-treaty-three-art-13">text</a>)' in en
    assert 'id="text-treaty-three-art-13"' in en
    assert "text-law-one-art-1" not in en and "text-decision-two" not in en  # no words found; a whole act
    quoted = en.index('id="text-treaty-three-art-13"')
    assert en.index('<blockquote lang="en">\n<p>Article 13</p>', quoted) > quoted
    assert '<a href="../provisions/treaty-three/art-13.html">Summary and sources</a>' in en
    assert "The words of the other provisions compared were not found on an official page" in en
    assert 'id="texts">Müqayisə olunan müddəaların mətni' in az


def test_a_theme_page_leaves_words_beyond_its_budget_to_the_acts_page(themed_dir):
    """Quoted words are bounded per theme page (TEXTS_BYTES), so that no page outgrows its budget."""
    from victimlaw.pages import budget

    path = themed_dir / "instruments.yaml"
    text = path.read_text(encoding="utf-8")
    treaty = text.index("  - id: treaty-three")
    long_words = "ə" * (budget.TEXTS_BYTES // 2 + 1)  # two bytes each: just over the budget
    treaty_text = with_official_facts(text[treaty:]).replace("Each Party shall provide <30 days>.", long_words)
    path.write_text(text[:treaty] + treaty_text, encoding="utf-8")
    pages = render_site(load_corpus(path), directory_urls=False)
    en = pages["en/themes/recovery.md"]
    assert long_words not in en and long_words in pages["en/provisions/treaty-three/art-13.md"]
    assert 'id="text-treaty-three-art-13"' in en
    assert '<a href="../provisions/treaty-three/art-13.html">Its words are quoted on the provision&#39;s page</a>' in en
    assert len(en.encode()) < budget.BODY_BYTES


def test_an_act_page_shows_its_place_in_the_catalogue_and_its_neighbours(real_corpus):
    from victimlaw.pages import Site

    site = Site(real_corpus)
    html = site.render(site.pages["instruments/decision-8-2006.md"], "ru").html
    crumbs = html.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="../">Каталог актов</a>' in crumbs and 'href="../#national-decision"' in crumbs
    pager = html.split('<nav class="group-pager"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="../decision-203-2005/" rel="prev">' in pager and 'rel="next"' in pager
    first = site.render(site.pages["instruments/decision-203-2005.md"], "en").html
    assert 'rel="prev"' not in first.split('<nav class="group-pager"', 1)[1]  # the group's first act


def test_an_editors_note_is_shown_beside_the_quotation_it_corrects(data_dir):
    text = MINIMAL.replace(
        '      - {type: article, ref: null, passage: "other words"}',
        '      - {type: article, ref: null, passage: "other words", editor_note: {text: {az: "Məqalə səhv edir.", '
        'en: "The article errs.", ru: "Статья ошибается."}, source: {type: official, url: "https://example.org/x", '
        'passage: "The right words", lang: en, retrieved: 2026-11-28}}}',
    )
    (data_dir / "instruments.yaml").write_text(text, encoding="utf-8")
    corpus = load_corpus(data_dir / "instruments.yaml")
    pages = render_site(corpus, directory_urls=False)
    for lang, label, words in (
        ("az", "Saytın redaktorlarının qeydi", "Məqalə səhv edir."),
        ("en", "Editors' note", "The article errs."),
        ("ru", "Примечание редакторов сайта", "Статья ошибается."),
    ):
        html = pages[f"{lang}/instruments/decision-two.md"]
        quotation = html.split("«other words»", 1)[1].split("</li>", 1)[0]
        assert f"<strong>{label}</strong>: {words}" in quotation.replace("&#39;", "'"), quotation
        assert '<span lang="en">«The right words»</span>' in quotation


class _HeadingsIn(HTMLParser):
    """(level, id, words) of each heading with an anchor in a page's HTML, its permalink left out."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str, str]] = []
        self.words: list[str] | None = None
        self.in_permalink = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) and "id" in attributes:
            self.found.append((int(tag[1]), attributes["id"] or "", ""))
            self.words = []
        elif tag == "a" and attributes.get("class") == "headerlink":
            self.in_permalink = True

    def handle_endtag(self, tag):
        if tag == "a":
            self.in_permalink = False
        elif re.fullmatch(r"h[1-6]", tag) and self.words is not None:
            level, anchor, _ = self.found[-1]
            self.found[-1] = (level, anchor, " ".join("".join(self.words).split()))
            self.words = None

    def handle_data(self, data):
        if self.words is not None and not self.in_permalink:
            self.words.append(data)


def _flat(toc) -> list[tuple[int, str, str]]:
    return [
        item
        for token in toc
        for item in [(token["level"], token["id"], unescape(token["name"]))] + _flat(token["children"])
    ]


def test_the_table_of_contents_is_every_heading_the_page_renders(themed_dir):
    """The heading macro records each heading as it renders it (pages/headings.py), and that record makes the
    table of contents and the search sections: a heading written past the macro would be missing from both."""
    from victimlaw.pages import Site

    site = Site(load_corpus(themed_dir / "instruments.yaml"))
    for lang in LANGUAGES:
        for path, page in site.pages.items():
            rendered = site.render(page, lang)
            parser = _HeadingsIn()
            parser.feed(rendered.html)
            assert _flat(rendered.toc) == parser.found, (lang, path)
            indexed = [anchor for level, anchor, _ in parser.found if level <= 3]
            sections = [entry["l"].partition("#")[2] for entry in rendered.entries[1:]]  # the first is the page's
            assert sections == [anchor for anchor in indexed[1:] if anchor in sections], (lang, path)
            assert rendered.entries[0]["t"] == parser.found[0][2], (lang, path)


def test_what_a_page_is_comes_from_its_kind(themed_dir):
    """Said beside its title by a search result and on its social card (plugin.py's card_label)."""
    from victimlaw.pages import Site

    site = Site(load_corpus(themed_dir / "instruments.yaml"))
    for lang in LANGUAGES:
        t = site.labels[lang]
        inst = site.corpus.by_id["law-one"]
        for path, label in (
            ("instruments/law-one.md", t.facts(inst)),
            (f"themes/{site.corpus.themes[0].id}.md", t.ui["theme_label"]),
            ("instruments/index.md", ""),
        ):
            rendered = site.render(site.pages[path], lang)
            assert rendered.label == label and rendered.entries[0].get("k", "") == label, (lang, path)


def test_the_relations_picture_names_each_act_whole_and_says_what_its_colours_mean(real_corpus):
    from victimlaw.pages import Site

    site = Site(real_corpus, True, None, None)
    for lang in LANGUAGES:
        t = Labels(lang)
        html = site.render(site.pages["timeline/index.md"], lang).html
        svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
        legend = svg.split('<g class="legend"', 1)[1].split("</g>", 1)[0]
        for level in ("international", "regional", "national"):
            assert f">{t.level[level]}</text>" in legend
        nodes = svg.split('<g class="nodes"', 1)[1]
        names = [unescape(text) for text in re.findall(r'<text x="\d+" y="\d+">([^<]*)</text>', nodes)]
        assert names and not any(name.endswith("…") for name in names)
        palermo = real_corpus.by_id["palermo-protocol-2000"].name(lang)
        assert " ".join(palermo.split()) in " ".join(names)
