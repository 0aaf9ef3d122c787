"""Cite this: the three styles, BibTeX, RIS, CSL-JSON, JSON-LD, meta tags and the data exports."""

from __future__ import annotations

import csv
import io
import json

import bibtexparser
import jsonschema
import pytest
import rispy

from conftest import DATA
from victimlaw import LANGUAGES, exports
from victimlaw.exports import citations
from victimlaw.labels import Labels


@pytest.fixture(scope="module")
def pages(real_corpus):
    return exports.files(real_corpus)


def test_citation_styles_of_a_cabinet_decision(real_corpus):
    styles = citations.styles(real_corpus.by_id["decision-203-2005"])
    assert styles["az"].endswith(
        "Nazirlər Kabinetinin Qərarı (9 noyabr 2005-ci il tarixli, № 203). https://e-qanun.az/framework/11446"
    )
    assert styles["en"].endswith(
        "supervision of their activities (No 203 of 9 November 2005) <https://e-qanun.az/framework/11446>"
    )
    assert styles["ru"].endswith(
        "контроля за их деятельностью от 9 ноября 2005 г. № 203. – URL: https://e-qanun.az/framework/11446."
    )


def test_russian_citation_ends_with_one_full_stop(real_corpus):
    """A date written "15 ноября 2000 г." closes the citation: no second full stop before the address."""
    ru = citations.styles(real_corpus.by_id["untoc-2000"])["ru"]
    assert "от 15 ноября 2000 г. – URL: " in ru and "г.." not in ru


def test_citation_styles_of_a_treaty(real_corpus):
    styles = citations.styles(real_corpus.by_id["coe-cets-197"])
    assert styles["en"] == (
        "Council of Europe Convention on Action against Trafficking in Human Beings "
        "(opened for signature 16 May 2005, entered into force 1 February 2008) CETS No 197"
        " <https://www.coe.int/en/web/anti-human-trafficking/anti-trafficking-convention>"
    )
    assert styles["ru"].startswith(
        "Конвенция Совета Европы о противодействии торговле людьми от 16 мая 2005 г. CETS No. 197."
    )
    # in Azerbaijani the treaty series as the Republic's acts name it (e-qanun.az/framework/19607)
    assert styles["az"].startswith(
        "Avropa Şurasının “İnsan alverinə qarşı mübarizə haqqında” Konvensiyası "
        "(16 may 2005-ci il tarixli, Avropa Şurasının Müqavilələr Seriyası - 197)."
    )
    source = next(s for s in real_corpus.by_id["coe-cets-197"].sources if "number" in s.supports)
    assert "Avropa Şurasının Müqavilələr Seriyası - 197" in source.passage


def test_azerbaijani_year_suffixes_follow_the_article():
    t = Labels("az")
    assert [t.az_year(y) for y in (2000, 2004, 2005, 2006, 2008, 2009, 2010, 2013, 2020, 2023)] == [
        "2000-ci il",
        "2004-cü il",
        "2005-ci il",
        "2006-cı il",
        "2008-ci il",
        "2009-cu il",
        "2010-cu il",
        "2013-cü il",
        "2020-ci il",
        "2023-cü il",
    ]


def test_every_bibtex_file_parses(real_corpus):
    for lang in LANGUAGES:
        for inst in real_corpus.instruments:
            library = bibtexparser.parse_string(citations.bibtex(inst, Labels(lang)))
            assert not library.failed_blocks, (lang, inst.id)
            (entry,) = library.entries
            assert entry.key == inst.id
            assert entry["title"] == citations.bibtex_escape(" ".join(inst.title[lang].split()))
            if inst.date:
                assert entry["date"] == inst.date and entry["year"] == inst.date[:4]
            if inst.number:
                assert entry["number"] == inst.number


def test_every_ris_file_parses(real_corpus):
    for lang in LANGUAGES:
        for inst in real_corpus.instruments:
            (entry,) = rispy.loads(citations.ris(inst, Labels(lang)))
            assert entry["title"] == " ".join(inst.title[lang].split())
            assert entry["type_of_reference"] in {"STAT", "LEGAL", "RPRT", "BOOK"}
            if inst.eqanun_url:
                assert entry["urls"] == [inst.eqanun_url]
            if inst.date:
                assert entry["date"].replace("/", "-") == inst.date


def test_csl_json_renders_with_a_real_processor(real_corpus, pages):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(pages["data/instruments-en.csl.json"])
    assert len(items) == len(real_corpus.instruments)
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = "\n".join(str(entry) for entry in bibliography.bibliography())
    assert "Council of Europe Convention on Action against Trafficking in Human Beings" in rendered
    decision = next(i for i in items if i["id"] == "decision-203-2005")
    assert decision["issued"] == {"date-parts": [[2005, 11, 9]]} and decision["number"] == "203"
    assert decision["type"] == "legislation" and decision["URL"] == "https://e-qanun.az/framework/11446"


def test_json_ld_names_the_right_dates_and_numbers(real_corpus):
    data = json.loads(citations.json_ld(real_corpus.by_id["decision-203-2005"], real_corpus, Labels("ru")))
    assert data["@type"] == "Legislation" and data["inLanguage"] == "ru"
    assert data["legislationIdentifier"] == "203" and data["legislationDate"] == "2005-11-09"
    assert data["legislationJurisdiction"] == "AZ" and data["sameAs"] == "https://e-qanun.az/framework/11446"
    assert data["legislationPassedBy"]["name"] == "Кабинет Министров Азербайджанской Республики"
    assert [b["name"] for b in data["isBasedOn"]][1] == "Закон Азербайджанской Республики «О борьбе с торговлей людьми»"
    amending = json.loads(citations.json_ld(real_corpus.by_id["law-609-ivqd"], real_corpus, Labels("en")))
    assert amending["legislationChanges"][0]["name"].startswith("Law of the Republic of Azerbaijan")


def test_json_ld_cannot_close_its_script_element(real_corpus):
    import dataclasses

    inst = dataclasses.replace(
        real_corpus.by_id["constitution"], purpose={"az": "x</script><script>", "en": "x", "ru": "x"}
    )
    assert "</script>" not in citations.json_ld(inst, real_corpus, Labels("az"))


def test_data_exports_validate_and_cover_the_corpus(real_corpus, pages):
    schema = json.loads((DATA / "instruments.schema.json").read_text(encoding="utf-8"))
    document = json.loads(pages["data/instruments.json"])
    jsonschema.validate(document, schema)
    assert [i["id"] for i in document["instruments"]] == [i.id for i in real_corpus.instruments]
    assert pages["data/instruments.csv"].startswith("\ufeffid,")  # a byte-order mark: Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(pages["data/instruments.csv"].removeprefix("\ufeff"))))
    assert len(rows) == len(real_corpus.instruments)
    row = next(r for r in rows if r["id"] == "decision-203-2005")
    assert (row["date"], row["number"], row["eqanun"]) == ("2005-11-09", "203", "11446")


def test_instrument_page_meta_tags_and_json_ld_in_the_built_site(built_site):
    html = (built_site / "en" / "instruments" / "decision-203-2005" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_date" content="2005/11/09">' in html
    assert '<meta name="citation_technical_report_number" content="203">' in html
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block)["legislationIdentifier"] == "203"
    assert (built_site / "data" / "instruments.json").exists()


def test_downloads_are_data_uris_holding_the_files(built_site, real_corpus):
    import base64
    import re

    html = (built_site / "ru" / "instruments" / "decision-203-2005" / "index.html").read_text(encoding="utf-8")
    links = dict(re.findall(r'<a download="([^"]+)" href="data:[^,]+;base64,([^"]+)"', html))

    def unquote(data):
        return base64.b64decode(data).decode("utf-8")

    assert set(links) == {"decision-203-2005.ru.bib", "decision-203-2005.ru.ris", "decision-203-2005.ru.csl.json"}
    inst = real_corpus.by_id["decision-203-2005"]
    assert unquote(links["decision-203-2005.ru.bib"]) == citations.bibtex(inst, Labels("ru"))
    assert rispy.loads(unquote(links["decision-203-2005.ru.ris"]))[0]["urls"] == ["https://e-qanun.az/framework/11446"]
    assert json.loads(unquote(links["decision-203-2005.ru.csl.json"]))[0]["number"] == "203"


def test_csv_carries_official_pages_and_azerbaijans_steps(pages):
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(pages["data/instruments.csv"].removeprefix("\ufeff")))}
    assert rows["untoc-2000"]["participation"] == "signature 2000-12-12; approval 2003-05-13; ratification 2003-10-30"
    assert rows["untoc-2000"]["official_url"].startswith("http://treaties.un.org/")
    assert rows["law-2005-combating-trafficking"]["number"] == "958-IIQ"
    assert rows["decision-203-2005"]["participation"] == "" and rows["decision-203-2005"]["official_url"] == ""
    assert rows["law-787-iq"]["title_stated"] == "no" and rows["decision-203-2005"]["title_stated"] == "yes"


def test_a_citation_of_an_act_whose_title_is_not_stated_names_its_date_and_number_once(real_corpus):
    inst = real_corpus.by_id["order-667-2014"]
    assert not inst.title_stated
    for lang, text in citations.styles(inst).items():
        assert text.count("667") == 1, (lang, text)
        assert "(" not in text.split("”")[-1] and "(" not in text.split("»")[-1], (lang, text)  # no note, no repeat
