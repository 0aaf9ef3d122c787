"""Permanent addresses (model/identity.py): each act's and provision's, read back to what they name, written
back the same, and refused where malformed or where two claim one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, MINIMAL
from victimlaw.model.addressbook import AddressBook, act_and_provision_addresses
from victimlaw.model.corpus import load_corpus
from victimlaw.model.errors import DataError
from victimlaw.model.identity import UNITS, ActIdentity, AddressError, parse, read_number, write_number

# A UN treaty known by its chapter, its protocol's provisions with parenthesised numbers, a report known by its
# symbol, a decision known by its date alone, a year alone, and a charter known by nothing but its record.
MORE = """\
  - id: treaty-four
    kind: protocol
    level: international
    issuer: un-general-assembly
    date: 2000-11-15
    date_kind: adopted
    number: null
    eqanun: null
    untc: XVIII-12-a
    official_url: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-a&chapter=18&clang=_en"
    title: {az: "Dördüncü protokol", en: "Fourth protocol", ru: "Четвёртый протокол"}
    purpose: {az: "Qurbanlara kömək.", en: "Helps victims.", ru: "Помогает жертвам."}
    provisions:
      - id: art-6-3
        unit: article
        number: "6(3)"
        summary: {az: "Bərpa.", en: "Recovery.", ru: "Восстановление."}
        sources:
          - {type: article, ref: 1, passage: "some words"}
      - id: art-4-e-ii
        unit: paragraph
        number: "4(e)(ii)"
        summary: {az: "Bərpa.", en: "Recovery.", ru: "Восстановление."}
        sources:
          - {type: article, ref: 1, passage: "some words"}
    sources:
      - {type: official, url: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-a&chapter=18&clang=_en", passage: "Protocol, New York, 15 November 2000", retrieved: 2026-11-28, supports: [date, untc, official_url]}
  - id: report-five
    kind: report
    level: regional
    issuer: greta
    date: 2023-06-01
    date_kind: published
    number: "GRETA(2023)05"
    eqanun: null
    title: {az: "Hesabat", en: "Report", ru: "Доклад"}
    purpose: {az: "Qiymətləndirir.", en: "Evaluates.", ru: "Оценивает."}
    sources:
      - {type: article, ref: 1, passage: "GRETA(2023)05"}
  - id: decision-six
    kind: decision
    level: national
    issuer: cabinet-of-ministers
    date: 2008-02-01
    date_kind: adopted
    number: null
    eqanun: 13160
    title: {az: "Qərar", en: "Decision", ru: "Постановление"}
    purpose: {az: "Fond yaradır.", en: "Sets up a fund.", ru: "Создаёт фонд."}
    sources:
      - {type: article, ref: 1, passage: "some words"}
  - id: order-seven
    kind: order
    level: national
    issuer: president
    date: "2023"
    date_kind: adopted
    number: null
    eqanun: null
    title: {az: "Sərəncam", en: "Order", ru: "Распоряжение"}
    purpose: {az: "Dəyişir.", en: "Amends.", ru: "Изменяет."}
    sources:
      - {type: article, ref: 1, passage: "some words"}
  - id: charter-eight
    kind: charter
    level: national
    issuer: null
    date: null
    date_kind: null
    number: null
    eqanun: null
    title: {az: "Nizamnamə", en: "Charter", ru: "Устав"}
    purpose: {az: "Sığınacaq.", en: "A shelter.", ru: "Приют."}
    provisions:
      - id: art-2
        unit: article
        number: "2"
        summary: {az: "Bərpa.", en: "Recovery.", ru: "Восстановление."}
        sources:
          - {type: article, ref: 1, passage: "some words"}
    sources:
      - {type: article, ref: 1, passage: "some words"}
"""


def fixture_corpus(data_dir: Path, text: str = MINIMAL + MORE):
    (data_dir / "instruments.yaml").write_text(text, encoding="utf-8")
    return load_corpus(data_dir / "instruments.yaml")


def problems(data_dir: Path, text: str) -> str:
    with pytest.raises(DataError) as info:
        fixture_corpus(data_dir, text)
    return info.value.report()


def test_each_act_is_addressed_by_what_a_citation_knows_of_it(data_dir):
    corpus = fixture_corpus(data_dir)
    assert {inst.id: inst.identity.addresses for inst in corpus.instruments} == {
        "law-one": ["id/law/2005/1-IIQ/", "eqanun/100/", "act/law-one/"],
        "decision-two": ["id/decision/2006/8/", "act/decision-two/"],
        "treaty-three": ["cets/197/", "act/treaty-three/"],
        "treaty-four": ["untc/XVIII-12-a/", "act/treaty-four/"],
        "report-five": ["doc/GRETA_2023_05/", "act/report-five/"],
        "decision-six": ["id/decision/2008-02-01/", "eqanun/13160/", "act/decision-six/"],
        "order-seven": ["id/order/2023/", "act/order-seven/"],
        "charter-eight": ["act/charter-eight/"],
    }
    book = AddressBook(corpus.instruments)
    four = corpus.by_id["treaty-four"]
    assert book.resolve("untc/XVIII-12-a/art/6_3/") == (four, four.provision("art-6-3"))
    assert book.resolve("untc/XVIII-12-a/para/4_e__ii/") == (four, four.provision("art-4-e-ii"))
    assert book.resolve("act/charter-eight/art/2/")[1].number == "2"
    with pytest.raises(KeyError):  # well formed, but a provision is addressed below its act's own address only
        book.resolve("act/treaty-four/art/6_3/")


def test_a_chapter_must_be_stated_by_its_source(data_dir):
    stated = "mtdsg_no=XVIII-12-a&chapter=18&clang=_en"
    text = (MINIMAL + MORE).replace(stated, "mtdsg_no=other")
    assert (
        "(treaty-four).sources[0].passage: the passage does not contain the UN Treaty Collection chapter 'XVIII-12-a'"
        in problems(data_dir, text)
    )
    # XVIII-12 is another chapter (the Convention's) than XVIII-12-a (its Protocol's)
    text = (MINIMAL + MORE).replace("untc: XVIII-12-a", "untc: XVIII-12")
    assert "does not contain the UN Treaty Collection chapter 'XVIII-12'" in problems(data_dir, text)
    text = (MINIMAL + MORE).replace("untc: XVIII-12-a", "untc: XVIII 12")
    assert "(treaty-four).untc: 'XVIII 12' does not match" in problems(data_dir, text)


def test_two_acts_of_one_kind_and_date_without_number_are_refused_naming_both(data_dir):
    twin = MORE[MORE.index("  - id: order-seven") : MORE.index("  - id: charter-eight")].replace(
        "order-seven", "order-nine"
    )
    report = problems(data_dir, MINIMAL + MORE + twin)
    assert (
        "instruments[8] (order-nine).date: the permanent address id/order/2023/ is already claimed by 'order-seven'"
        in report
    )


def test_two_provisions_of_one_act_claiming_one_address_are_refused(data_dir):
    text = (MINIMAL + MORE).replace(
        'id: art-4-e-ii\n        unit: paragraph\n        number: "4(e)(ii)"',
        'id: art-6-3-bis\n        unit: article\n        number: "6(3)"',
    )
    report = problems(data_dir, text)
    assert (
        "(treaty-four).provisions[1].number: the permanent address untc/XVIII-12-a/art/6_3/ is already claimed by 'art-6-3'"
        in report
    )


@pytest.mark.parametrize("number", ["6 (3)", "4[e]", "4(e", "4((e))", "..", "a_b", "3~", "§ 5"])
def test_a_provision_number_that_cannot_be_written_is_refused(data_dir, number):
    report = problems(data_dir, (MINIMAL + MORE).replace('number: "6(3)"', f'number: "{number}"'))
    assert (
        f"(treaty-four).provisions[0].number: the provision's permanent address: '{number}' cannot be written" in report
    )


@pytest.mark.parametrize(
    ("number", "segment"),
    [
        ("12", "12"),
        ("14-1", "14-1"),
        ("20.4-1", "20.4-1"),
        ("4(e)", "4_e"),
        ("6(3)", "6_3"),
        ("4(e)(ii)", "4_e__ii"),
        ("GRETA(2023)05", "GRETA_2023_05"),
        ("(a)", "_a"),
        ("12/3", "12~3"),
        ("958-IIQ", "958-IIQ"),
    ],
)
def test_a_number_is_written_as_a_segment_and_read_back(number, segment):
    assert write_number(number) == segment
    assert read_number(segment) == number


@pytest.mark.parametrize(
    "address",
    [
        "",
        "cets/197",  # no closing slash
        "/cets/197/",
        "cets//",
        "cets/0197/",
        "cets/abc/",
        "cets/197/198/",
        "eqanun/-5/",
        "untc/18-12-a/",
        "untc/XVIII-12-ab/",
        "un/a-res-55-25/",
        "id/law/05/1/",
        "id/law/2005-02-30/",
        "id/Law/2005/1/",
        "id/law/2005-13-01/",
        "id/law/2005/958 IIQ/",
        "id/law/2005/../",
        "act/Constitution/",
        "act/constitution/art/",
        "act/constitution/sec/12/",
        "act/constitution/art/4(e)/",
        "act/constitution/art/4_e_/",
        "act/constitution/art/12/extra/",
        "instruments/constitution/",
    ],
)
def test_a_malformed_address_is_refused(address):
    with pytest.raises(AddressError):
        parse(address)


def test_a_date_address_reads_a_day_a_month_or_a_year():
    assert parse("id/law/2005/").act == ActIdentity(kind="law", date="2005")
    assert parse("id/report/2023-01/").act == ActIdentity(kind="report", date="2023-01")
    assert parse("id/decision/2008-02-01/art/2/").act == ActIdentity(kind="decision", date="2008-02-01")
    assert parse("id/law/2005/958-IIQ/").act == ActIdentity(kind="law", date="2005", number="958-IIQ")


def test_every_act_and_provision_of_the_corpus_round_trips(real_corpus):
    """parse(address) gives back the address it was written from, names its act's identity and provision, and
    the address resolves to that record."""
    book = AddressBook(real_corpus.instruments)
    provisions = 0
    for inst in real_corpus.instruments:
        identity = inst.identity
        assert identity.addresses, inst.id  # every act has one
        for address, provision in act_and_provision_addresses(inst):
            written = str(address)
            read = parse(written)
            assert read == address and str(read) == written
            assert read.act.agrees(identity) and read.act != ActIdentity()
            assert (read.unit, read.provision) == ((provision.unit, provision.number) if provision else (None, None))
            assert book.resolve(written) == (inst, provision)
            provisions += provision is not None
    assert provisions == sum(len(inst.provisions) for inst in real_corpus.instruments)
    with pytest.raises(KeyError):
        book.resolve("cets/999/")


def test_acts_addressed_before_keep_their_addresses_and_the_others_get_one(real_corpus):
    addresses = {inst.id: inst.identity.addresses for inst in real_corpus.instruments}
    assert addresses["decision-203-2005"][:2] == ["id/decision/2005/203/", "eqanun/11446/"]
    assert addresses["coe-cets-197"][0] == "cets/197/"
    assert addresses["unga-res-55-25"][0] == "un/A-RES-55-25/"
    assert addresses["law-2005-combating-trafficking"][0] == "id/law/2005/958-IIQ/"
    assert addresses["decision-2008-02-01"][:2] == ["id/decision/2008-02-01/", "eqanun/13160/"]
    assert addresses["order-2023-amending-2173"][0] == "id/order/2023/"
    assert addresses["constitution"] == ["id/constitution/1995-11-12/", "act/constitution/"]
    assert addresses["charter-hotline"] == ["act/charter-hotline/"]  # neither number nor date is known
    assert addresses["untoc-2000"][0] == "untc/XVIII-12/"
    assert addresses["palermo-protocol-2000"][0] == "untc/XVIII-12-a/"
    assert all(addresses[inst.id][-1] == f"act/{inst.id}/" for inst in real_corpus.instruments)


def test_every_unit_of_the_schema_has_a_segment_and_no_two_share_one():
    schema = json.loads((DATA / "instruments.schema.json").read_text(encoding="utf-8"))
    units = schema["$defs"]["provision"]["properties"]["unit"]["enum"]
    assert set(UNITS) == set(units)
    assert len(set(UNITS.values())) == len(UNITS)


def test_an_address_agrees_only_with_the_act_it_names():
    law = ActIdentity(kind="law", date="2005-06-28", number="958-IIQ", record="law-2005")
    assert parse("id/law/2005/958-IIQ/").act.agrees(law)
    assert not parse("id/law/2006/958-IIQ/").act.agrees(law)
    assert not parse("id/decree/2005/958-IIQ/").act.agrees(law)
    assert not parse("id/law/2005-06-29/").act.agrees(law)
    assert not parse("act/law-2006/").act.agrees(law)


def test_the_address_layout_is_written_in_identity_py_alone():
    """No other module or template of the package spells an address's form (model/identity.py writes them)."""
    package = Path(__file__).resolve().parents[1] / "scripts/victimlaw"
    forms = ("cets", "untc", "un", "doc", "id", "eqanun", "act")
    spelled = [
        f"{path.relative_to(package)}: {form}/"
        for path in package.rglob("*")
        if path.suffix in (".py", ".j2", ".js") and path.name != "identity.py"
        for form in forms
        for quote in ("'", '"', "`")
        if f"{quote}{form}/" in path.read_text(encoding="utf-8")
    ]
    assert spelled == []
