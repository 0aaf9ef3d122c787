"""The corpus against the source article: quotations, dates, numbers and e-qanun ids."""

from __future__ import annotations

import re

import pytest

from victimlaw.labels import strings
from victimlaw.model.themes import squash  # white space aside, as check compares quotations

AZ_MONTHS = strings()["month"]["az"]


def article_passages(inst):
    return [s.passage for s in inst.sources if s.type == "article"]


def supported(inst, field: str) -> bool:
    """An official page, or a copy of one, is said to state this field (victimlaw check holds it to its words)."""
    return any(field in s.supports for s in inst.sources if s.is_web)


def date_in_text(iso: str, text: str) -> bool:
    """Does the Azerbaijani text state this date, in any of the article's ways of writing one?"""
    parts = iso.split("-")
    year = parts[0]
    if year not in text:
        return False
    if len(parts) == 1:
        return True
    month = AZ_MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return month in text.lower()
    day = str(int(parts[2]))
    dotted = f"{int(parts[2]):02d}.{parts[1]}.{year}"
    return dotted in text or (month in text.lower() and re.search(rf"(?<!\d){day}(?!\d)", text) is not None)


def test_every_quotation_is_in_the_article_word_for_word(real_corpus, article_text):
    article = squash(article_text)
    missing = []
    for inst in real_corpus.instruments:
        sources = list(inst.sources) + [s for p in inst.provisions for s in p.sources]
        sources += [s for step in inst.participation for s in step.sources]  # Azerbaijan's steps quote it too
        for source in sources:
            if source.type == "article" and squash(source.passage) not in article:
                missing.append((inst.id, source.passage[:80]))
    assert not missing, missing


def test_each_date_is_stated_in_the_records_quotations(real_corpus):
    wrong = []
    for inst in real_corpus.instruments:
        if (
            inst.date
            and not supported(inst, "date")
            and not any(date_in_text(inst.date, p) for p in article_passages(inst))
        ):
            wrong.append((inst.id, inst.date))
        if (
            inst.entry_into_force
            and not supported(inst, "entry_into_force")
            and not any(date_in_text(inst.entry_into_force, p) for p in article_passages(inst))
        ):
            wrong.append((inst.id, "entry into force", inst.entry_into_force))
    assert not wrong, wrong


def test_each_number_is_stated_in_the_records_quotations(real_corpus):
    wrong = [
        (inst.id, inst.number)
        for inst in real_corpus.instruments
        if inst.number
        and not supported(inst, "number")
        and not any(re.search(rf"(?<![\d-]){re.escape(inst.number)}(?![\d])", p) for p in article_passages(inst))
    ]
    assert not wrong, wrong


def test_each_eqanun_id_is_the_one_the_article_gives_for_the_records_reference(real_corpus):
    by_number = {ref.number: ref for ref in real_corpus.references}
    for inst in real_corpus.instruments:
        linked = {int(m) for r in inst.refs for m in re.findall(r"e-qanun\.az/framework/(\d+)", by_number[r].url or "")}
        if inst.eqanun is not None:
            assert inst.eqanun in linked, (inst.id, inst.eqanun, linked)


def test_every_eqanun_id_in_the_article_belongs_to_exactly_one_record(real_corpus, article_text):
    in_article = {int(m) for m in re.findall(r"framework/(\d+)", squash(article_text))}
    in_corpus = [inst.eqanun for inst in real_corpus.instruments if inst.eqanun]
    assert sorted(in_corpus) == sorted(set(in_corpus)) and set(in_corpus) == in_article


def test_every_act_number_in_the_article_is_a_record(real_corpus, article_text):
    text = " ".join(article_text.split())
    numbers = set(re.findall(r"(\d+(?:/\d+)?(?:-IVQD)?) (?:nömrəli|saylı)", text)) | set(
        re.findall(r"№ (\d+-IVQD)", text)
    )
    known = {inst.number for inst in real_corpus.instruments if inst.number}
    known |= {n.split("/", 2)[-1] for n in known if n.startswith("A/RES/")}  # "55/25 saylı"
    assert numbers, "the pattern found nothing: the test would be vacuous"
    assert numbers <= known, numbers - known


# Independently transcribed from the article (reference number and passage in comments).
EXPECTED = [
    # id, date, number, eqanun
    ("un-declaration-victims-1985", "1985-11-29", "A/RES/40/34", None),  # "1985-ci il 29 noyabr"
    ("palermo-protocol-2000", "2000-11-15", None, None),  # "2000-ci il 15 noyabr ... 55/25"
    ("coe-cets-197", "2005-05-16", "CETS No. 197", None),  # "16 may 2005 ... 1 fevral 2008"
    ("law-2010-ratification-cets-197", "2010-05-11", "1002-IIIQ", 19607),  # [4]; the number: e-qanun.az
    ("order-208-2004", "2004-05-06", "208", 5977),  # [3]
    ("law-2005-combating-trafficking", "2005-06-28", "958-IIQ", None),  # "iyunun 28-də"; the number: insanalveri.gov.az
    ("decree-272-2005", "2005-08-04", "272", None),
    ("decision-203-2005", "2005-11-09", "203", 11446),  # [6]
    ("decision-8-2006", "2006-01-12", "8", 11840),  # [10]
    ("decision-62-2006", "2006-03-06", "62", 11503),  # [8]
    ("decision-152-2006", "2006-06-17", "152", 12249),  # [9]
    ("decision-2008-02-01", "2008-02-01", None, 13160),  # [7]
    ("order-133-2009", "2009-02-06", "133", None),
    ("decision-123-2009", "2009-08-11", "123", 18248),  # [11]
    ("decision-131-2009", "2009-09-03", "131", 18436),  # [12]
    ("law-609-ivqd", "2013-04-19", "609-IVQD", None),
    ("decree-887-2013", "2013-05-07", "887", None),
    ("decision-252-2013", "2013-09-10", "252", 26649),  # [13]
    ("decision-37-2014", "2014-02-06", "37", 28126),  # [14]
    ("order-667-2014", "2014-07-24", "667", None),
    ("order-2173-2020", "2020-07-22", "2173", 45470),  # [16]
    ("decision-158-2023", "2023-05-16", "158", None),
    ("annual-information-2023", "2024-05-21", None, None),  # "21.05.2024"
    ("constitution", "1995-11-12", None, None),  # balaken-ih.gov.az (a district executive authority)
    ("criminal-code", "1999-12-30", None, None),  # approved that day by Law No. 787-IQ: constcourt.gov.az
    ("law-787-iq", "1999-12-30", "787-IQ", None),  # constcourt.gov.az
]


@pytest.mark.parametrize("record_id,date,number,eqanun", EXPECTED, ids=[row[0] for row in EXPECTED])
def test_known_facts(real_corpus, record_id, date, number, eqanun):
    inst = real_corpus.by_id[record_id]
    assert (inst.date, inst.number, inst.eqanun) == (date, number, eqanun)


def test_cets_197_entry_into_force(real_corpus):
    assert real_corpus.by_id["coe-cets-197"].entry_into_force == "2008-02-01"


def test_treaties_entry_into_force_and_the_pages_that_state_it(real_corpus):
    """Each as the body that keeps the treaty states it (issue 25): the UN Treaty Collection for the Protocol, the
    Council of Europe (its English pages, not a page asked for in German) for CETS 216."""
    protocol = real_corpus.by_id["palermo-protocol-2000"]
    assert protocol.entry_into_force == "2003-12-25"
    assert "mtdsg_no=XVIII-12-a" in protocol.official_url
    assert protocol.unts == "2237 UNTS 319"  # "United Nations, Treaty Series, vol. 2237, p. 319"
    cets216 = real_corpus.by_id["coe-cets-216"]
    assert (cets216.date, cets216.entry_into_force) == ("2015-03-25", "2018-03-01")
    urls = [s.url for s in cets216.sources if s.url] + [cets216.official_url]
    assert urls and not any("languageId=de" in url for url in urls), urls


def test_where_the_article_errs_an_editors_note_says_what_the_official_page_says(real_corpus):
    notes = {
        inst.id: [s.editor_note for s in inst.sources if s.editor_note]
        for inst in real_corpus.instruments
        if any(s.editor_note for s in inst.sources)
    }
    assert set(notes) == {"palermo-protocol-2000", "unga-res-55-25", "coe-cets-197", "law-2010-ratification-cets-197"}
    (cets,) = notes["coe-cets-197"]
    assert "3 May 2005" in cets.text["en"] and "3 May 2005" in cets.source.passage
    assert "General Assembly" in notes["palermo-protocol-2000"][0].source.passage
    for note in (n for found in notes.values() for n in found):
        assert note.source.type == "official" and note.source.url and note.source.retrieved


def test_law_1002_iiiq_is_dated_as_e_qanun_states_and_the_article_word_is_kept(real_corpus):
    law = real_corpus.by_id["law-2010-ratification-cets-197"]
    assert (law.date, law.date_kind) == ("2010-05-11", "adopted")  # "QƏBUL EDİLDİYİ TARİX"
    (article,) = [s for s in law.sources if s.type == "article"]
    assert "ratifikasiya" in article.passage and "QƏBUL EDİLDİYİ TARİX" in article.editor_note.source.passage


def test_no_translation_calls_the_general_assembly_a_supreme_assembly():
    from conftest import DATA

    text = (DATA / "translations.yaml").read_text(encoding="utf-8")
    assert "Supreme Assembly" not in text and "Верховного собрания" not in text


def test_cets_197_article_26_has_no_words_from_a_page_that_does_not_state_them(real_corpus):
    article_26 = real_corpus.by_id["coe-cets-197"].provision("art-26")
    assert article_26.summary is None and not article_26.sources


def test_amending_laws_relate_through_the_articles_they_inserted(real_corpus):
    inserted = {(r.source, r.provision) for r in real_corpus.by_id["criminal-code"].incoming if r.type == "amends"}
    assert {
        ("law-2005-09-30-amendments", "art-144-1"),
        ("law-2005-09-30-amendments", "art-144-2"),
        ("law-2005-09-30-amendments", "art-316-1"),
        ("law-2013-04-19-criminal-code", "art-144-3"),
    } <= inserted
    for theme in real_corpus.themes:
        for mapping in theme.mappings:
            wholes = {t.instrument for t in mapping.national if t.provision is None}
            assert not wholes & {"law-2005-09-30-amendments", "law-2013-04-19-criminal-code", "law-609-ivqd"}


def test_criminal_code_articles_and_the_law_of_2013(real_corpus):
    code = real_corpus.by_id["criminal-code"]
    assert [p.number for p in code.provisions] == ["144-1", "144-2", "144-3", "316-1"]
    law = real_corpus.by_id["law-2005-combating-trafficking"]
    assert {"art-12", "art-14-1", "art-20-4-1", "art-22-3"} <= {p.id for p in law.provisions}
    assert "30" in law.provision("art-14-1").summary["en"]
    amended_by = {(r.source, r.type) for r in law.incoming}
    assert ("law-609-ivqd", "amends") in amended_by


def test_four_national_action_plans(real_corpus):
    plans = sorted(
        i.id
        for i in real_corpus.instruments
        if i.approves and i.approves["kind"] == "action_plan" and i.kind == "order"
    )
    assert plans == ["order-133-2009", "order-208-2004", "order-2173-2020", "order-667-2014"]


# -- themes: who connects each pair, held to the article's own words
def test_every_theme_quotation_is_in_the_article_and_names_what_it_is_said_to(article_text):
    from conftest import DATA
    from victimlaw.model.corpus import load_corpus

    load_corpus(DATA / "instruments.yaml", article_text=article_text)  # a DataError names any that is not


def test_at_least_twelve_themes_with_both_sides(real_corpus):
    assert len(real_corpus.themes) >= 12
    for theme in real_corpus.themes:
        assert any(m.international for m in theme.mappings) and any(m.national for m in theme.mappings), theme.id


PARALLELS = [
    # theme, an international target, a national target, and who connects them as the article reads: only
    # one passage names both sides; elsewhere the article speaks of each side apart, or of one side only
    ("repatriation", ("untoc-2000", None), ("decision-252-2013", None), "article"),
    ("repatriation", ("palermo-protocol-2000", None), ("decision-252-2013", None), "article"),
    (
        "repatriation",
        ("palermo-protocol-2000", "art-8"),
        ("law-2005-combating-trafficking", "art-20-4-1"),
        "article-sides",
    ),
    ("repatriation", ("palermo-protocol-2000", "art-8"), ("decision-252-2013", None), "article-sides"),
    ("repatriation", ("coe-cets-197", "art-16"), ("law-2005-combating-trafficking", "art-20-4-1"), "treaty-text"),
    (
        "victim-definition",
        ("un-declaration-victims-1985", "art-1"),
        ("law-2005-combating-trafficking", None),
        "article-sides",
    ),
    ("identification", ("coe-cets-197", "art-10"), ("decision-131-2009", None), "article-sides"),
    ("recovery-reflection", ("coe-cets-197", "art-13"), ("law-2005-combating-trafficking", "art-14-1"), "treaty-text"),
    ("recovery-reflection", ("coe-cets-197", "art-13"), ("law-2005-combating-trafficking", "art-12"), "treaty-text"),
    ("shelter", ("coe-cets-197", "art-12"), ("law-2005-combating-trafficking", "art-12"), "article-sides"),
    ("shelter", ("palermo-protocol-2000", "art-6-3"), ("decision-203-2005", None), "article-sides"),
    ("social-rehabilitation", ("palermo-protocol-2000", "art-6-3"), ("decision-62-2006", None), "article-sides"),
    ("confidentiality", ("palermo-protocol-2000", "art-6-1"), ("decision-2008-02-01", None), "article-sides"),
    ("coordination-monitoring", ("coe-cets-197", "art-36"), ("annual-information-2023", None), "article-sides"),
]


@pytest.mark.parametrize("theme_id,international,national,basis", PARALLELS)
def test_who_connects_each_pair_is_what_the_article_supports(real_corpus, theme_id, international, national, basis):
    theme = next(t for t in real_corpus.themes if t.id == theme_id)
    found = [
        m.basis
        for m in theme.mappings
        if any((x.instrument, x.provision) == international for x in m.international)
        and any((x.instrument, x.provision) == national for x in m.national)
    ]
    assert found == [basis], (theme_id, international, national, found)


def test_the_treaties_provisions_are_each_answered_or_said_to_be_unanswered(real_corpus):
    """The lines the treaties' indexes of provisions must have (CETS 197 Article 26 has no national counterpart
    in the sources, and says so), in the treaties' own order, each linking to the provision's page."""
    from victimlaw.pages import Site

    site = Site(real_corpus)
    for inst_id, wanted in (
        (
            "coe-cets-197",
            ["art-4-e", "art-10", "art-11", "art-12", "art-13", "art-14", "art-15", "art-16", "art-26", "art-28"],
        ),
        ("palermo-protocol-2000", ["art-6-1", "art-6-2", "art-6-3", "art-6-4", "art-6-5", "art-6-6", "art-8"]),
    ):
        html = site.render(site.pages[f"instruments/{inst_id}.md"], "en").html
        index = html.split('<ul class="provision-index">', 1)[1].split("</ul>", 1)[0]
        rows = re.findall(r'<li id="([a-z0-9-]+)"><a class="provision-number" href="([^"]+)"', index)
        assert [row for row, _ in rows if row in wanted] == wanted, rows
        assert all(href == f"../../provisions/{inst_id}/{row}/" for row, href in rows)
    cets = site.render(site.pages["instruments/coe-cets-197.md"], "en").html
    unanswered = cets.split('<li id="art-26">', 1)[1].split("</li>", 1)[0]
    assert "No national provision found in the sources" in unanswered


def test_where_the_ministrys_pages_disagree_on_a_date_both_are_quoted_and_the_date_left_open(real_corpus):
    hotline = real_corpus.by_id["charter-hotline"]
    passages = " ".join(s.passage for s in hotline.sources if s.type == "official")
    assert "27 oktyabr 2007" in passages and "October 12, 2007" in passages
    assert hotline.date is None


def test_cets_197_entry_into_force_is_the_council_of_europes_word_too(real_corpus):
    cets = real_corpus.by_id["coe-cets-197"]
    assert any("entry_into_force" in s.supports and "coe.int" in s.url for s in cets.sources if s.url)
