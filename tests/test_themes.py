"""Themes: validation against the corpus, and the pages they produce."""

from __future__ import annotations

import re

import pytest

from conftest import DATA, THEMES
from test_render import to_html
from victimlaw import LANGUAGES
from victimlaw.model.corpus import load_corpus
from victimlaw.model.errors import DataError
from victimlaw.pages import render_site

REASON = '        reason: {az: "Səbəb.", en: "Reason.", ru: "Причина."}\n'  # the first mapping's, in THEMES


def theme_errors(folder, text) -> list[str]:
    (folder / "themes.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_corpus(folder / "instruments.yaml")
    return [str(issue) for issue in info.value.issues]


@pytest.mark.parametrize(
    "old,new,expected",
    [
        (
            "{instrument: treaty-three, provision: art-13}",
            "{instrument: treaty-nine, provision: art-13}",
            "themes.yaml:6: themes[0] (recovery).mappings[0].international[0].instrument: no instrument has the id 'treaty-nine'",
        ),
        (
            "{instrument: treaty-three, provision: art-13}",
            "{instrument: treaty-three, provision: art-99}",
            "themes.yaml:6: themes[0] (recovery).mappings[0].international[0].provision: 'treaty-three' has no provision 'art-99'",
        ),
        (
            "international: [{instrument: treaty-three}]",
            "international: [{instrument: law-one}]",
            "themes.yaml:15: themes[0] (recovery).mappings[1].international[0].instrument: 'law-one' is national; it cannot stand on the international side",
        ),
        (
            "national: [{instrument: decision-two}]",
            "national: []",
            "themes.yaml:16: themes[0] (recovery).mappings[1].national: [] should be non-empty",
        ),
        (
            'names: {international: "the treaty", national: "the law"}',
            'names: {international: "the treaty"}',
            "themes.yaml:10: themes[0] (recovery).mappings[0].evidence: basis 'article' needs a passage that names both sides (names: international, national)",
        ),
        (
            'names: {international: "the treaty", national: "the law"}',
            'names: {international: "the covenant", national: "the law"}',
            "themes.yaml:12: themes[0] (recovery).mappings[0].evidence[0].names.international: the words 'the covenant' are not in the passage",
        ),
        (
            "basis: article\n",
            "basis: article-sides\n",
            "themes.yaml:8: themes[0] (recovery).mappings[0].basis: a passage names both sides: the basis is 'article'",
        ),
        (
            'article\n        correspondence: partly\n        evidence:\n          - passage: "some words on the treaty and the law"\n'
            '            names: {international: "the treaty", national: "the law"}',
            'article-sides\n        correspondence: partly\n        evidence:\n          - passage: "some words on the treaty and the law"\n'
            '            names: {national: "the law"}',
            "themes.yaml:10: themes[0] (recovery).mappings[0].evidence: basis 'article-sides' needs a passage that names the international side",
        ),
        (
            '        evidence:\n          - passage: "some words on the treaty and the law"\n            names: {international: "the treaty", national: "the law"}\n',
            "",
            "themes.yaml:8: themes[0] (recovery).mappings[0].basis: basis 'article' needs evidence: the passages of the article",
        ),
        (
            "basis: treaty-text\n",
            'basis: treaty-text\n        evidence: [{passage: "words", names: {national: "words"}}]\n',
            "themes.yaml:18: themes[0] (recovery).mappings[1].evidence: quotations of the article mean basis 'article' or 'article-sides'",
        ),
        (
            'explanation: {az: "İzah.", en: "Explanation.", ru: "Пояснение."}',
            'explanation: {az: "İzah.", en: "Explanation."}',
            "themes.yaml:4: themes[0] (recovery).explanation: 'ru' is required",
        ),
        (
            'ru: "Восстановление"',
            'ru: "Recovery"',
            "themes.yaml:3: themes[0] (recovery).title.ru: Russian text has no Cyrillic letters",
        ),
        ("id: recovery", "id: matrix", "themes.yaml:2: themes[0] (matrix).id: 'matrix' is reserved for another page"),
        (
            "basis: treaty-text\n        correspondence: partly",
            "basis: treaty-text\n        correspondence: corresponds",
            "themes.yaml:18: themes[0] (recovery).mappings[1].correspondence: 'corresponds' needs the words of both "
            "sides on the site, and 'decision-two' as a whole has no official text (texts) nor a passage naming the "
            "national side: say 'partly' or 'related'",
        ),
        (
            "basis: treaty-text\n        correspondence: partly",
            "basis: treaty-text\n        correspondence: corresponds",
            "themes.yaml:18: themes[0] (recovery).mappings[1].correspondence: 'corresponds' needs the words of both "
            "sides on the site, and 'treaty-three' as a whole has no official text (texts) nor a passage naming the "
            "international side: say 'partly' or 'related'",
        ),
        (
            REASON,
            "",
            "themes.yaml:9: themes[0] (recovery).mappings[0].correspondence: 'partly' needs its reason: which part the "
            "sources show, and which not",
        ),
        (
            "basis: article\n        correspondence: partly",
            "basis: article\n        correspondence: related",
            "themes.yaml:14: themes[0] (recovery).mappings[0].reason: a reason says why a comparison is 'partly'; this "
            "one is not",
        ),
        (
            "basis: treaty-text",
            "basis: hearsay",
            "themes.yaml:17: themes[0] (recovery).mappings[1].basis: 'hearsay' is not one of: article, article-sides, treaty-text",
        ),
    ],
)
def test_theme_errors_name_file_line_and_field(themed_dir, old, new, expected):
    assert old in THEMES
    found = theme_errors(themed_dir, THEMES.replace(old, new, 1))
    assert any(message.endswith(expected) for message in found), found


def test_corresponds_where_both_sides_are_quoted(themed_dir):
    """The article's passage names both sides of the first mapping: 'corresponds' is allowed there."""
    text = THEMES.replace(
        "basis: article\n        correspondence: partly", "basis: article\n        correspondence: corresponds"
    ).replace(REASON, "", 1)
    (themed_dir / "themes.yaml").write_text(text, encoding="utf-8")
    corpus = load_corpus(themed_dir / "instruments.yaml")
    assert corpus.themes[0].mappings[0].correspondence == "corresponds"


def test_amending_act_answers_through_the_provision_it_inserted(themed_dir):
    data = themed_dir / "instruments.yaml"
    text = data.read_text(encoding="utf-8")
    implements = "      - {type: implements, target: law-one, provision: art-1}\n"
    assert implements in text
    data.write_text(
        text.replace(implements, implements + "      - {type: amends, target: law-one, provision: art-1}\n", 1),
        encoding="utf-8",
    )
    found = theme_errors(themed_dir, THEMES)
    assert any(
        m.endswith(
            "themes.yaml:16: themes[0] (recovery).mappings[1].national[0].instrument: 'decision-two' amends another "
            "act: it answers through the provision it inserted ('law-one' art-1); set that provision on this side "
            "instead of the amending act"
        )
        for m in found
    ), found


def test_duplicate_theme_id(themed_dir):
    text = THEMES + THEMES.split("themes:\n", 1)[1]
    found = theme_errors(themed_dir, text)
    assert any("themes[1] (recovery).id: duplicate theme id 'recovery' (first on line 2)" in m for m in found), found


@pytest.fixture
def themed_pages(themed_dir):
    return render_site(load_corpus(themed_dir / "instruments.yaml"), directory_urls=False)


def test_theme_pages_exist_in_every_language(themed_pages):
    for lang in LANGUAGES:
        for page in ("themes/recovery.md", "themes/index.md", "themes/matrix.md", "timeline/index.md"):
            assert f"{lang}/{page}" in themed_pages


def test_theme_table_links_each_provision_anchor_and_shows_the_basis(themed_pages):
    html = to_html(themed_pages["en/themes/recovery.md"])
    table = html.split("<table>", 1)[1].split("</table>", 1)[0]
    rows = table.split("<tr>")[2:]
    assert len(rows) == 2
    assert '<a href="../provisions/treaty-three/art-13.html">Third convention, Article 13</a>' in rows[0]
    assert '<a href="../instruments/law-one.html#art-1">First law, Article 1</a>' in rows[0]
    assert "Both 30 days." in rows[0] and 'the source article connects them <a href="#basis-1">[1]</a>' in rows[0]
    assert '<a href="../instruments/decision-two.html">Second decision</a> (the act as a whole)' in rows[1]
    assert "compared by the site&#39;s editors from the texts" in rows[1] and "#basis-" not in rows[1]
    quoted = html.split('id="basis-1"', 1)[1].split("</div>", 1)[0]
    assert (
        '<span lang="az">«some words on <mark title="names the international side">the treaty</mark> and '
        '<mark title="names the national side">the law</mark>»</span>'
    ) in quoted


def test_instrument_pages_list_their_themes_and_provision_backlinks(themed_pages):
    law = to_html(themed_pages["en/instruments/law-one.md"])
    assert '<a href="../themes/recovery.html">Recovery</a>' in law
    provision = law.split('id="art-1"', 1)[1].split("<h2", 1)[0]
    assert (
        "<p>Compared with:</p>" in provision
        and '<a href="../provisions/treaty-three/art-13.html">Third convention, Article 13</a>' in provision
    )
    decision = to_html(themed_pages["ru/instruments/decision-two.md"])
    assert "С актом в целом сопоставлены:" in decision and 'href="treaty-three.html"' in decision


def test_matrix_has_a_cell_per_theme_linking_to_it(themed_pages):
    """Theme names head the columns; a cell names what it holds, each provision with its title."""
    html = to_html(themed_pages["en/themes/matrix.md"])
    head = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert '<th scope="col"><a href="recovery.html">Recovery</a></th>' in head
    rows = html.split("<tbody>", 1)[1].split("<tr>")[1:]
    cells = {re.search(r"instruments/([a-z-]+)\.html", row).group(1): row for row in rows}
    assert set(cells) == {"law-one", "decision-two", "treaty-three"}
    assert '<a href="recovery.html" title="Article 1 · Recovery">Art. 1</a>' in cells["law-one"]
    assert (
        '<td data-label="Recovery"><a href="recovery.html" title="Article 13 · Recovery">Art. 13</a>, '
        '<a href="recovery.html" title="Recovery">the act as a whole</a></td>'
    ) in cells["treaty-three"]
    assert '<th scope="row"><a href="../instruments/treaty-three.html">' in cells["treaty-three"]


def picture(corpus, lang: str, directory_urls: bool) -> str:
    """The relations picture of the timeline page (a small corpus has one timeline page)."""
    page = render_site(corpus, directory_urls=directory_urls)[f"{lang}/timeline/index.md"]
    return page[page.index('<div class="relations-picture">') : page.index("</svg>") + 6] if "<svg" in page else ""


def test_relations_picture_links_every_node(themed_dir):
    corpus = load_corpus(themed_dir / "instruments.yaml")
    page = render_site(corpus, directory_urls=False)["az/timeline/index.md"]
    assert page.count("<svg") == 1 and "{#" not in page  # no template text on the page
    svg = picture(corpus, "az", directory_urls=False)
    assert svg.startswith('<div class="relations-picture">') and svg.count("<svg") == 1
    assert set(re.findall(r'<a href="([^"]+)"', svg)) == {
        "../instruments/law-one.html",
        "../instruments/decision-two.html",
    }
    assert "İcrasını təmin edir" in svg
    assert '<a href="../instruments/law-one/">' in picture(corpus, "en", directory_urls=True)
    assert not any("/timeline/2005" in path for path in render_site(corpus))  # a small timeline is one page


def test_hostile_text_in_the_picture_is_escaped(themed_dir):
    path = themed_dir / "instruments.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('en: "First law"', 'en: "<script>x</script> & co"'), encoding="utf-8"
    )
    svg = picture(load_corpus(path), "en", directory_urls=True)
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt; &amp; co" in svg


def test_a_quotation_is_held_to_the_source_article_when_it_is_given(themed_dir, tmp_path, capsys):
    from victimlaw.cli import main

    data = themed_dir / "instruments.yaml"
    load_corpus(data, article_text="The article has some words on\nthe   treaty and the law.")  # spaces aside
    with pytest.raises(DataError) as info:
        load_corpus(data, article_text="The article has other words.")
    expected = "themes.yaml:11: themes[0] (recovery).mappings[0].evidence[0].passage: the passage is not in the source article word for word"
    assert [str(issue) for issue in info.value.issues] == [f"{themed_dir / expected}"]
    article = tmp_path / "article.txt"
    article.write_text("The article has other words.", encoding="utf-8")
    assert main(["check", str(data), "--article", str(article)]) == 1
    assert expected in capsys.readouterr().err
    assert main(["check", str(data), "--article", str(tmp_path / "none.txt")]) == 0
    assert "its quotations were not compared with it" in capsys.readouterr().out


def test_each_basis_is_named_and_explained_in_every_language():
    import json

    from victimlaw.labels import strings
    from victimlaw.model.themes import BASES

    schema = json.loads((DATA / "themes.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["$defs"]["mapping"]["properties"]["basis"]["enum"]) == BASES
    for group in ("basis", "basis_meaning"):
        assert tuple(strings()[group]) == BASES
        assert all(set(words) == set(LANGUAGES) for words in strings()[group].values())


def test_each_correspondence_is_named_explained_and_marked_in_every_language():
    """The legend of the marks lists the vocabulary in its order (the strongest first), one mark each."""
    import json

    from victimlaw.labels import strings
    from victimlaw.model.themes import CORRESPONDENCE

    schema = json.loads((DATA / "themes.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["$defs"]["mapping"]["properties"]["correspondence"]["enum"]) == CORRESPONDENCE
    for group in ("correspondence", "correspondence_meaning", "correspondence_mark"):
        assert tuple(strings()[group]) == CORRESPONDENCE
        assert all(set(words) == set(LANGUAGES) for words in strings()[group].values())
    for lang in LANGUAGES:
        marks = [strings()["correspondence_mark"][value][lang] for value in CORRESPONDENCE]
        assert len(set(marks)) == len(marks)


def test_a_treaty_page_answers_each_of_its_provisions_in_order(themed_pages):
    """Azerbaijan's implementation, article by article: a line per provision of the treaty, in its order, linking
    to the provision's page, with the acts that answer it and a mark of how far (its word for screen readers),
    under the marks' legend."""
    html = to_html(themed_pages["en/instruments/treaty-three.md"])
    index = html.split('<ul class="provision-index">', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<li id="([a-z0-9-]+)">', index) == ["art-13"]
    assert '<a class="provision-number" href="../provisions/treaty-three/art-13.html">Article 13</a>' in index
    assert (
        '<span class="correspondence-mark correspondence-partly" aria-hidden="true">◐</span>'
        '<span class="visually-hidden">partly</span>&nbsp;'
        '<a href="../provisions/treaty-three/art-13.html#answer-law-one">Law No. 1-IIQ · 2005</a> (Art. 1)'
    ) in index
    assert html.index('class="marks-legend"') < html.index('class="provision-index"')
    law = to_html(themed_pages["en/instruments/law-one.md"])
    assert "provision-index" not in law  # a national act answers; it is not answered


def test_provisions_stand_in_their_acts_order():
    from victimlaw.model.corpus import natural_key

    numbers = ["36", "20.4-1", "14-1", "14", "10", "6(3)", "6(1)", "4(e)", "4(a)", "144-3", "144-1"]
    assert sorted(numbers, key=natural_key) == [
        "4(a)",
        "4(e)",
        "6(1)",
        "6(3)",
        "10",
        "14",
        "14-1",
        "20.4-1",
        "36",
        "144-1",
        "144-3",
    ]


TRANSLATIONS = """\
translations:
  - {az: "some words", en: "some words, in English", ru: "некоторые слова"}
  - {az: "other words", en: "other words, in English", ru: "другие слова"}
  - {az: "some words on the treaty and the law", en: "on the treaty and the law", ru: "о договоре и законе"}
"""


def test_each_azerbaijani_quotation_has_its_translation_and_each_translation_its_quotation(themed_dir):
    (themed_dir / "translations.yaml").write_text(TRANSLATIONS, encoding="utf-8")
    corpus = load_corpus(themed_dir / "instruments.yaml")
    law = corpus.by_id["law-one"]
    assert law.sources[0].lang == "az" and law.sources[0].translation == {
        "en": "some words, in English",
        "ru": "некоторые слова",
    }
    (themed_dir / "translations.yaml").write_text(
        TRANSLATIONS.replace('"other words"', '"words nobody quotes"'), encoding="utf-8"
    )
    found = theme_errors(themed_dir, THEMES)
    assert any(
        m.endswith(".sources[0].passage: no unofficial translation of this quotation in translations.yaml")
        for m in found
    ), found
    (themed_dir / "translations.yaml").write_text(
        TRANSLATIONS + '  - {az: "words nobody quotes", en: "words", ru: "слова"}\n', encoding="utf-8"
    )
    found = theme_errors(themed_dir, THEMES)
    assert found == [f"{themed_dir}/translations.yaml:5: translations[3].az: no quotation in the data has these words"]
    (themed_dir / "translations.yaml").write_text(
        TRANSLATIONS + '  - {az: "some words", en: "again", ru: "снова"}\n', encoding="utf-8"
    )
    found = theme_errors(themed_dir, THEMES)
    assert found == [
        f"{themed_dir}/translations.yaml:5: translations[3].az: this quotation is translated twice (first on line 2)"
    ]


def test_english_and_russian_pages_translate_the_quotations_and_mark_their_language(themed_dir):
    (themed_dir / "translations.yaml").write_text(TRANSLATIONS, encoding="utf-8")
    pages = render_site(load_corpus(themed_dir / "instruments.yaml"), directory_urls=False)
    en = to_html(pages["en/instruments/law-one.md"])
    assert (
        '<span lang="az">«some words»</span> <span class="translation">(unofficial translation: '
        "“some words, in English”)</span>"
    ) in en
    ru = to_html(pages["ru/themes/recovery.md"])
    assert "(неофициальный перевод: «о договоре и законе»)" in ru
    az = to_html(pages["az/instruments/law-one.md"])
    assert '<span lang="az">«some words»</span>' in az and 'class="translation"' not in az


def test_the_real_corpus_translates_its_quotations(real_corpus):
    from conftest import DATA

    assert (DATA / "translations.yaml").exists()  # so that check requires a translation of every quotation
    quoted = [s for inst in real_corpus.instruments for s in inst.sources if s.lang == "az" and s.passage]
    assert quoted and all(s.translation for s in quoted)
