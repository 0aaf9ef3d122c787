"""What the monitoring bodies found (model/findings.py): each finding in its own words from an official page, with
its stance, the provisions it concerns and a translation into the other languages; refused where it points at
nothing, belongs to no report or lacks a language."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from test_corpus import errors, load
from victimlaw import LANGUAGES
from victimlaw.labels import Labels

REPORT = """\
  - id: report-four
    kind: report
    level: regional
    issuer: greta
    date: null
    date_kind: null
    number: null
    eqanun: null
    title: {az: "Hesabat", en: "Report", ru: "Доклад"}
    purpose: {az: "Qiymətləndirir.", en: "Evaluates.", ru: "Оценивает."}
    sources:
      - {type: article, ref: 1, passage: "some words"}
    findings:
      - id: recovery
        stance: urges
        concerns: [treaty-three#art-13]
        acts: [law-one]
        source: {type: official, url: "https://example.org/press", passage: "GRETA urges the authorities.", lang: en, retrieved: 2026-11-28}
        translation: {az: "GRETA hakimiyyət orqanlarını təkidlə çağırır.", ru: "ГРЕТА настоятельно призывает власти."}
"""


def with_report(data_dir, report: str = REPORT):
    from conftest import MINIMAL

    return MINIMAL + report


def test_a_finding_is_read_with_its_words_in_every_language(data_dir):
    corpus = load(data_dir, with_report(data_dir))
    (finding,) = corpus.by_id["report-four"].findings
    assert finding.stance == "urges" and finding.concerns == (("treaty-three", "art-13"),)
    assert finding.acts == ("law-one",) and not finding.concerns_named
    assert [finding.words(lang) for lang in LANGUAGES] == [
        "GRETA hakimiyyət orqanlarını təkidlə çağırır.",
        "GRETA urges the authorities.",
        "ГРЕТА настоятельно призывает власти.",
    ]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            "concerns: [treaty-three#art-13]",
            "concerns: [treaty-three#art-99]",
            "'treaty-three' has no provision 'art-99'",
        ),
        ("concerns: [treaty-three#art-13]", "concerns: [nothing#art-13]", "no instrument has the id 'nothing'"),
        ("acts: [law-one]", "acts: [law-none]", "no instrument has the id 'law-none'"),
        ("kind: report", "kind: resolution", "a resolution makes no findings"),
        (', ru: "ГРЕТА настоятельно призывает власти."', "", "translate the words into az, ru"),
        (", lang: en", "", "say the language of the finding's words"),
        ("stance: urges", "stance: demands", "findings"),
        (
            'source: {type: official, url: "https://example.org/press", passage: "GRETA urges the authorities.", '
            "lang: en, retrieved: 2026-11-28}",
            'source: {type: article, ref: 1, passage: "some words"}',
            "quoted from the monitoring body's page",
        ),
    ],
)
def test_a_bad_finding_is_reported_with_its_line_and_field(data_dir, old, new, expected):
    assert old in REPORT, old
    found = errors(data_dir, with_report(data_dir, REPORT.replace(old, new)))
    assert any(expected in message and "findings" in message for message in found), found


def test_a_finding_named_twice_in_its_report_is_refused(data_dir):
    twice = REPORT + REPORT.split("    findings:\n", 1)[1]
    found = errors(data_dir, with_report(data_dir, twice))
    assert any("duplicate finding id 'recovery'" in message for message in found), found


def test_the_third_round_reports_findings_are_the_press_releases_words(real_corpus):
    report = real_corpus.by_id["greta-third-round-azerbaijan"]
    assert [f.id for f in report.findings] == [
        "progress",
        "assistance-centre",
        "sentences",
        "legal-aid-compensation",
        "labour-market",
        "identification",
    ]
    press_release = next(s.url for s in report.sources if s.type == "official")
    for finding in report.findings:
        assert finding.source.url == press_release and finding.source.lang == "en"
        assert set(finding.translation) == {"az", "ru"}
    identification = report.findings[-1]
    assert identification.stance == "urges" and identification.concerns == (("coe-cets-197", "art-10"),)
    assert "lack of proactive identification efforts" in identification.source.passage


def test_the_monitoring_page_shows_each_report_newest_first_with_its_findings(data_dir):
    from victimlaw.pages import render_site

    corpus = load(data_dir, with_report(data_dir))
    pages = render_site(corpus, directory_urls=False)
    for lang in LANGUAGES:
        page = pages[f"{lang}/monitoring/index.md"]
        links = re.findall(r'href="([^"]*)"', page)
        assert 'id="report-four"' in page and "../instruments/report-four.html" in links
        assert "../provisions/treaty-three/art-13.html" in links and "../instruments/law-one.html" in links
        assert '<q lang="en">GRETA urges the authorities.</q>' in page  # the words, in their own language
        if lang != "en":
            assert f"<q>{corpus.by_id['report-four'].findings[0].translation[lang]}</q>" in page
        else:  # the words are English: no translation beside them
            assert 'class="translation"' not in page


def test_a_finding_is_on_its_reports_page_the_pages_of_the_provisions_it_concerns_and_the_acts_it_names(data_dir):
    from victimlaw.pages import render_site

    corpus = load(data_dir, with_report(data_dir))
    pages = render_site(corpus, directory_urls=False)
    for lang in LANGUAGES:
        report = pages[f"{lang}/instruments/report-four.md"]
        assert 'id="findings"' in report and "GRETA urges the authorities." in report
        provision = pages[f"{lang}/provisions/treaty-three/art-13.md"]
        section = provision.split('id="findings"', 1)[1].split("<h2", 1)[0]
        assert 'id="report-report-four"' in section and "GRETA urges the authorities." in section
        assert str(escape(Labels(lang).ui["finding_linked_by_editors"])) in section  # the words name no article
        law = pages[f"{lang}/instruments/law-one.md"]  # the words name it: what they said, under their report
        section = law.split('id="findings"', 1)[1]
        assert 'id="report-report-four"' in section and "GRETA urges the authorities." in section
        assert 'id="findings"' not in pages[f"{lang}/instruments/decision-two.md"]


def test_the_ilo_committees_comments_name_the_amending_laws_in_its_words(real_corpus):
    """The ILO Committee of Experts' pages are the official pages that name Laws 314-IVQD and 609-IVQD: each
    law's number and date are checked against them, and the findings point at the acts they name."""
    comments = [real_corpus.by_id[f"ilo-ceacr-c029-azerbaijan-{year}"] for year in (2015, 2021)]
    assert [c.issuer for c in comments] == ["ilo-ceacr", "ilo-ceacr"]
    amendments = comments[0].findings[0]
    assert amendments.acts == ("law-314-ivqd", "law-609-ivqd")
    for law in ("law-314-ivqd", "law-609-ivqd"):
        inst = real_corpus.by_id[law]
        assert inst.number in amendments.source.passage
        assert any(s.type == "official" and "number" in s.supports for s in inst.sources)
    assert [f.stance for f in comments[1].findings] == ["notes", "notes", "requests"]
    for lang in LANGUAGES:
        assert Labels(lang).stance["requests"]


def test_a_page_that_all_of_a_reports_findings_quote_is_named_once(real_corpus):
    """The third round's six findings all quote one press release: named once, after them, not under each."""
    from victimlaw.pages import Site

    site = Site(real_corpus, True, None, None)
    report = real_corpus.by_id["greta-third-round-azerbaijan"]
    release = report.findings[0].source.url
    for lang in LANGUAGES:
        html = site.render(site.pages["monitoring/index.md"], lang).html
        section = html.split(f'id="{report.id}"', 1)[1].split("<h2", 1)[0]
        assert section.count(f'href="{release}"') == 1
        assert Labels(lang).ui["findings_one_source"] in section.split("</ul>", 1)[1]
        ilo = html.split('id="ilo-ceacr-c029-azerbaijan-2015"', 1)[1].split("<h2", 1)[0]
        assert ilo.count('class="finding-source"') == 1  # its three findings quote one page too
