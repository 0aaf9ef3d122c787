"""What a new user types first: an act by its own name or its other name, and the citation of a provision that the
lookup offers to copy (issue 25)."""

from __future__ import annotations

import pytest

from victimlaw import LANGUAGES
from victimlaw.exports.citations import styles
from victimlaw.labels import az_ordinal
from victimlaw.search import weighted_terms, word_rules


def test_a_provisions_citation_names_it_in_each_languages_style(real_corpus):
    cets = real_corpus.by_id["coe-cets-197"]
    act, article = styles(cets), styles(cets, provision=cets.provision("art-12"))
    assert article["en"] == act["en"].replace(" CETS No 197 <", " CETS No 197 art 12 <")  # OSCOLA: "(ECHR) art 8"
    assert article["az"] == act["az"].replace(" - 197). ", " - 197), 12-ci maddə. ")
    assert article["ru"] == act["ru"].replace(" CETS No. 197. ", " CETS No. 197, ст. 12. ")
    law = real_corpus.by_id["law-2005-combating-trafficking"]
    assert styles(law, provision=law.provision("art-14-1")) == {
        "az": "“İnsan alverinə qarşı mübarizə haqqında” Azərbaycan Respublikasının Qanunu "
        "(28 iyun 2005-ci il tarixli, № 958-IIQ), 14-1-ci maddə.",
        "en": "Law of the Republic of Azerbaijan “On combating trafficking in human beings” "
        "(No 958-IIQ of 28 June 2005), art 14-1",
        "ru": "Закон Азербайджанской Республики «О борьбе с торговлей людьми» от 28 июня 2005 г. № 958-IIQ, ст. 14-1.",
    }
    decree = real_corpus.by_id["decree-272-2005"]
    clause = styles(decree, provision=decree.provision("cl-1-3"))
    assert clause["az"].endswith("№ 272), 1.3-cü bənd.") and clause["en"].endswith(", cl 1.3")
    assert clause["ru"].endswith("№ 272, п. 1.3.")


def test_azerbaijani_ordinals_follow_the_last_numbers_vowel():
    written = ["2005-ci", "2006-cı", "2009-cu", "2013-cü", "12-ci", "14-1-ci", "1.3-cü", "6(3)-cü", "40-cı", "100-cü"]
    assert [az_ordinal(w.rsplit("-", 1)[0]) for w in written] == written


@pytest.mark.parametrize(
    "lang,text,other",
    [
        ("en", "Convention on Action against Trafficking in Human Beings", "person"),
        ("en", "Protocol to Prevent Trafficking in Persons", "human"),
        ("ru", "Конвенция о противодействии торговле людьми", "существ"),
        ("ru", "Конвенция о противодействии торговле человеческими существами", "людьм"),
    ],
)
def test_the_search_index_finds_a_section_by_the_other_name_of_what_it_says(lang, text, other):
    assert other in weighted_terms({"x": "", "t": text, "p": ""}, lang, word_rules())
    assert "human" not in weighted_terms({"x": "the rights of persons", "t": "", "p": ""}, "en", word_rules())


# a query typed in the site search of a language, and the act it names, which comes first
NAMED = [
    ("az", "Cinayət Məcəlləsi", "criminal-code"),
    ("en", "Criminal Code", "criminal-code"),
    ("ru", "Уголовный кодекс", "criminal-code"),
    ("az", "İnsan alverinə qarşı mübarizə haqqında qanun", "law-2005-combating-trafficking"),
    ("en", "law on combating trafficking in persons", "law-2005-combating-trafficking"),
    ("en", "law on combating trafficking in human beings", "law-2005-combating-trafficking"),
    ("ru", "закон о борьбе с торговлей людьми", "law-2005-combating-trafficking"),
    ("ru", "закон о борьбе с торговлей человеческими существами", "law-2005-combating-trafficking"),
]


@pytest.mark.browser
def test_the_search_lists_the_act_a_query_names_first(served_site, page):
    for lang, query, act in NAMED:
        page.goto(served_site + ("" if lang == "az" else f"{lang}/"))
        page.fill("#site-search-input", query)
        first = page.locator(".site-search__page").first
        first.wait_for()
        assert first.get_attribute("data-location") == ("" if lang == "az" else f"{lang}/") + f"instruments/{act}/", (
            lang,
            query,
        )


# a citation of a provision, the act and the provision it cites
PROVISIONS = [
    ("CETS 197 art 12", "coe-cets-197", "art-12"),
    ("958-IIQ maddə 12", "law-2005-combating-trafficking", "art-12"),
    ("ст. 144-1 УК", "criminal-code", "art-144-1"),
]


@pytest.mark.browser
def test_the_lookup_offers_the_citation_of_the_provision_found(served_site, browser, real_corpus):
    from urllib.parse import quote

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    for lang in LANGUAGES:
        for query, act, provision in PROVISIONS:
            inst = real_corpus.by_id[act]
            expected = styles(inst, provision=inst.provision(provision))[lang]
            page.goto(served_site + ("" if lang == "az" else f"{lang}/") + "cite/?cite=" + quote(query))
            first = page.locator(".citation-results li").first
            first.wait_for()
            assert first.get_attribute("data-id") == act
            assert first.locator(".citation-text").text_content() == expected
            button = first.locator(".citation-copy")
            label = button.text_content()
            button.click()
            page.wait_for_function("([b, label]) => b.textContent !== label", arg=[button.element_handle(), label])
            assert page.evaluate("navigator.clipboard.readText()") == expected
    context.close()
