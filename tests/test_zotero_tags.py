"""The meta tags Zotero reads on an act page, offline: each test names the lines of Zotero's code the tag relies
on, as read (and run, by `make zotero`) in zotero/translators 2814370, zotero/utilities 9c89b23 and
zotero/translation-server d88a8d5."""

from __future__ import annotations

import dataclasses

import pytest

from victimlaw import LANGUAGES
from victimlaw.exports import zotero
from victimlaw.labels import Labels

TYPE_FORCING_TAGS = {  # Embedded Metadata.js l. 300-316: each makes the page that item type, whatever else
    "citation_journal_title",
    "citation_technical_report_institution",
    "citation_conference_title",
    "citation_conference",
    "citation_book_title",
    "citation_inbook_title",
    "citation_dissertation_institution",
}


def tags_of(inst, lang):
    tags = zotero.zotero_tags(inst, Labels(lang))
    return [name for name, _ in tags], dict(tags)


@pytest.mark.parametrize(
    ("inst_id", "zotero_type", "number"),
    [
        ("decision-203-2005", "statute", "203"),
        ("law-2005-combating-trafficking", "statute", "958-IIQ"),
        ("unga-res-55-25", "report", "A/RES/55/25"),
        ("greta-third-round-azerbaijan", "report", None),
    ],
)
def test_act_pages_import_as_their_zotero_type_with_title_date_and_number(real_corpus, inst_id, zotero_type, number):
    """DC.type holds the Zotero item type: Embedded Metadata.js l. 91 reads "DC." tags as Dublin Core; RDF.js
    l. 510-514 takes a dc:type naming a Zotero type as the type, and l. 815 puts it before og:type "article"
    (only a guess, l. 706-707) and the journal article that citation_title alone suggests (Embedded Metadata.js
    l. 317-319, used only without a type). citation_title, citation_date, citation_technical_report_number,
    citation_public_url, citation_language: l. 43-64 (Zotero files date and number under a statute's date
    enacted and public law number)."""
    inst = real_corpus.by_id[inst_id]
    names, values = tags_of(inst, "en")
    assert values["DC.type"] == zotero_type and names.count("DC.type") == 1
    assert not TYPE_FORCING_TAGS & set(names)
    assert values["citation_title"] == " ".join(inst.title["en"].split())
    assert values.get("citation_technical_report_number") == number
    if inst.date:
        assert values["citation_date"] == inst.date.replace("-", "/")
    if inst.link:
        assert values["citation_public_url"] == inst.link


def test_a_council_of_europe_treaty_is_a_statute_in_its_series(real_corpus):
    """RDF.js l. 1430-1441 copy every z:<field> tag (Embedded Metadata.js l. 97, 254-287 hand them over) into
    that field: the series is the statute's code, its number the code number (CSL container-title and volume,
    zotero-schema), and no public law number repeats them."""
    names, values = tags_of(real_corpus.by_id["coe-cets-197"], "en")
    assert (values["DC.type"], values["z:code"], values["z:codeNumber"]) == ("statute", "CETS", "197")
    assert "citation_technical_report_number" not in names


def test_a_treaty_in_the_un_treaty_series_is_cited_there(real_corpus):
    """The data gives no UN Treaty Series citation yet: where it does, volume and page go to the code number and
    pages (RDF.js l. 1430-1441)."""
    inst = real_corpus.by_id["untoc-2000"]
    assert "z:code" not in tags_of(inst, "en")[1]
    values = tags_of(dataclasses.replace(inst, unts="2225 UNTS 209"), "en")[1]
    assert (values["z:code"], values["z:codeNumber"], values["z:pages"]) == ("UNTS", "2225", "209")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_issuing_body_is_one_name(lang):
    """Zotero.Utilities.cleanAuthor (utilities.js l. 227-290) splits a name without a comma at its last space
    ("Council of / Europe") and Embedded Metadata.js l. 615-619 then recase it ("ООН" as "Оон"); with a comma
    after it (l. 614 passes useComma; l. 239 strips it) the name is a last name alone, which Zotero keeps as one
    field (utilities_item.js l. 819-823). A comma or semicolon inside would split it (l. 575-614)."""
    for body in Labels(lang).issuer.values():
        assert zotero.single_name(body) == body + ","
        assert "," not in body and ";" not in body


def test_a_body_named_with_a_comma_is_refused():
    with pytest.raises(ValueError, match="comma"):
        zotero.single_name("Ministry of Labour, Employment")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_abstract_is_the_whole_purpose(real_corpus, lang):
    """citation_abstract is Zotero's abstract (Embedded Metadata.js l. 61); without it Zotero takes the page's
    description (l. 711-716), which the site cuts at 160 characters."""
    for inst in real_corpus.by_id.values():
        values = tags_of(inst, lang)[1]
        assert values["citation_abstract"] == " ".join(inst.purpose[lang].split())
        assert values.get("citation_author") == (Labels(lang).issuer[inst.issuer] + "," if inst.issuer else None)


def test_a_national_acts_translated_title_names_the_official_one(real_corpus):
    """Zotero's Extra holds "original-title: ..." (z:extra, RDF.js l. 1430-1441), CSL's original-title: an English
    or Russian page of an Azerbaijani act names its Azerbaijani title; the Azerbaijani page is the official title."""
    inst = real_corpus.by_id["decision-203-2005"]
    official = " ".join(inst.title["az"].split())
    assert tags_of(inst, "en")[1]["z:extra"] == f"original-title: {official}"
    assert tags_of(inst, "ru")[1]["z:extra"] == f"original-title: {official}"
    assert "z:extra" not in tags_of(inst, "az")[1]


def test_a_described_act_has_no_official_title(real_corpus):
    """A title that describes the act (no source gives one) is no one's official title."""
    described = [inst for inst in real_corpus.by_id.values() if not inst.title_stated]
    assert described
    for inst in described:
        assert all("z:extra" not in tags_of(inst, lang)[1] for lang in LANGUAGES)


def test_a_treatys_official_title_is_in_its_authentic_language(real_corpus):
    """The data names no treaty's authentic languages yet: no title is called official. Where it does, the first
    authentic language the record has a title in gives the original title of the other pages."""
    inst = real_corpus.by_id["coe-cets-197"]
    assert not inst.authentic
    assert all("z:extra" not in tags_of(inst, lang)[1] for lang in LANGUAGES)
    authentic = dataclasses.replace(inst, authentic=("fr", "en"))
    assert tags_of(authentic, "az")[1]["z:extra"] == f"original-title: {inst.title['en']}"
    assert tags_of(authentic, "ru")[1]["z:extra"] == f"original-title: {inst.title['en']}"
    assert "z:extra" not in tags_of(authentic, "en")[1]


def test_the_tags_are_in_the_page(built_site):
    html = (built_site / "en" / "instruments" / "decision-203-2005" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="DC.type" content="statute">' in html
    assert '<meta name="citation_author" content="Cabinet of Ministers of the Republic of Azerbaijan,">' in html
    assert '<meta name="z:extra" content="original-title: “İnsan alveri' in html
