"""The loader on good and bad data: every error names the file, the line and the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from victimlaw.model.corpus import load_corpus
from victimlaw.model.errors import DataError


def load(data_dir: Path, text: str | None = None, *, raw: bytes | None = None, today=dt.date(2026, 1, 1)):
    path = data_dir / "instruments.yaml"
    if raw is not None:
        path.write_bytes(raw)
    elif text is not None:
        path.write_text(text, encoding="utf-8")
    return load_corpus(path, today=today)


def errors(data_dir: Path, text: str | None = None, **kwargs) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data_dir, text, **kwargs)
    return [str(issue) for issue in info.value.issues]


def edit(old: str, new: str, count: int = 1) -> str:
    from conftest import MINIMAL

    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, count)


def test_valid_corpus_loads_with_derived_reverse_relations(data_dir):
    corpus = load(data_dir)
    law = corpus.by_id["law-one"]
    assert [inst.id for inst in corpus.instruments] == ["law-one", "decision-two", "treaty-three"]
    assert law.eqanun_url == "https://e-qanun.az/framework/100"
    assert [(r.type, r.source, r.provision) for r in law.incoming] == [("implements", "decision-two", "art-1")]
    assert law.refs == [1]
    assert [inst.id for inst in corpus.citing(1)] == ["law-one"]


@pytest.mark.parametrize(
    "old,new,expected",
    [
        (
            "    eqanun: 100\n",
            "    eqanun: 100\n    eqanun: 101\n",
            "instruments.yaml:10: instruments[0].eqanun: duplicate key 'eqanun' (first on line 9)",
        ),
        (
            "id: decision-two",
            "id: law-one",
            "instruments.yaml:21: instruments[1] (law-one).id: duplicate id 'law-one' (first on line 2)",
        ),
        (
            '    number: "8"\n',
            '    number: "8"\n    colour: red\n',
            "instruments.yaml:28: instruments[1] (decision-two).colour: unknown field 'colour'",
        ),
        (
            "eqanun: 100",
            "eqanun: [100]",
            "instruments.yaml:9: instruments[0] (law-one).eqanun: [100] is not of type 'integer', 'null'",
        ),
        (
            "eqanun: 100",
            "eqanun: -3",
            "instruments.yaml:9: instruments[0] (law-one).eqanun: -3 is less than the minimum of 1",
        ),
        (
            "eqanun: 100",
            'eqanun: "100"',
            "instruments.yaml:9: instruments[0] (law-one).eqanun: '100' is not of type 'integer', 'null'",
        ),
        (
            "date: 2005-06-28",
            "date: 2005-02-30",
            "instruments.yaml:6: instruments[0] (law-one).date: '2005-02-30' is not a real calendar date",
        ),
        (
            "date: 2005-06-28",
            "date: 2030-01-01",
            "instruments.yaml:6: instruments[0] (law-one).date: 2030-01-01 is in the future",
        ),
        (
            "date: 2005-06-28",
            "date: 28 June 2005",
            "instruments.yaml:6: instruments[0] (law-one).date: '28 June 2005' does not match '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'",
        ),
        (
            "date_kind: adopted",
            "date_kind: null",
            "instruments.yaml:7: instruments[0] (law-one).date_kind: date_kind must be given exactly when date is",
        ),
        (
            "target: law-one",
            "target: law-none",
            "instruments.yaml:32: instruments[1] (decision-two).relations[0].target: no instrument has the id 'law-none'",
        ),
        (
            "provision: art-1}",
            "provision: art-9}",
            "instruments.yaml:32: instruments[1] (decision-two).relations[0].provision: 'law-one' has no provision 'art-9'",
        ),
        (
            'title: {az: "Birinci qanun", en: "First law", ru: "Первый закон"}',
            'title: {az: "Birinci qanun", en: "First law"}',
            "instruments.yaml:10: instruments[0] (law-one).title: 'ru' is required",
        ),
        (
            'ru: "Защищает жертв."',
            'ru: "Protects victims."',
            "instruments.yaml:11: instruments[0] (law-one).purpose.ru: Russian text has no Cyrillic letters",
        ),
        (
            'en: "Protects victims."',
            'en: "Защищает жертв."',
            "instruments.yaml:11: instruments[0] (law-one).purpose.en: text is in Cyrillic; expected Latin script",
        ),
        (
            "id: law-one",
            "id: Law One",
            "instruments.yaml:2: instruments[0] (Law One).id: 'Law One' must be lower-case letters, digits and hyphens",
        ),
        ("kind: law", "kind: statute", "instruments.yaml:3: instruments[0] (law-one).kind: 'statute' is not one of"),
        (
            "eqanun: null",
            "eqanun: 100",
            "instruments.yaml:28: instruments[1] (decision-two).eqanun: e-qanun id 100 is already used by 'law-one'",
        ),
        (
            "ref: null",
            "ref: 7",
            "instruments.yaml:34: instruments[1] (decision-two).sources[0].ref: the article has no reference [7]",
        ),
        (
            '    purpose: {az: "Fond',
            '    approves: {kind: rules, title: {az: "Q", en: "R", ru: "П"}}\n    purpose: {az: "Fond',
            None,
        ),  # a decision may approve rules: no error
    ],
)
def test_each_kind_of_bad_data_is_reported_with_file_line_and_field(data_dir, old, new, expected):
    if expected is None:
        load(data_dir, edit(old, new))
        return
    found = errors(data_dir, edit(old, new))
    assert any(message.endswith(expected) or expected in message for message in found), found
    assert all(str(data_dir) in message for message in found)


def test_all_errors_are_reported_at_once(data_dir):
    text = edit("date: 2005-06-28", "date: 2005-02-30").replace("target: law-one", "target: nowhere")
    found = errors(data_dir, text)
    assert len(found) == 2, found


def test_relation_stated_from_both_sides_is_rejected(data_dir):
    text = edit(
        "    provisions:\n", "    relations:\n      - {type: implements, target: decision-two}\n    provisions:\n"
    )
    found = errors(data_dir, text)
    assert any("already states 'implements' towards 'law-one'; state a relation once" in m for m in found), found


def test_invalid_yaml_names_the_line(data_dir):
    found = errors(data_dir, edit("    level: national\n", "    level: [national\n"))
    assert len(found) == 1 and "instruments.yaml:" in found[0] and "invalid YAML" in found[0], found


def test_yaml_aliases_are_refused(data_dir):
    text = edit(
        'title: {az: "Birinci qanun", en: "First law", ru: "Первый закон"}',
        'title: &t {az: "Birinci qanun", en: "First law", ru: "Первый закон"}\n    short_title: *t',
    )
    found = errors(data_dir, text)
    assert any(":10: instruments[0].short_title: YAML anchors and aliases are not allowed" in m for m in found), found
    assert len(found) == 1


def test_alias_bomb_is_refused_quickly(data_dir):
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    found = errors(data_dir, "\n".join(bomb) + "\n")
    assert any("anchors and aliases are not allowed" in m for m in found)


def test_non_utf8_file_names_the_line(data_dir):
    found = errors(data_dir, raw=b"instruments:\n  - id: law\xff\n")
    assert found == [f"{data_dir / 'instruments.yaml'}:2: not valid UTF-8 (byte 24)"]


def test_oversized_file_is_refused_without_parsing(data_dir):
    found = errors(data_dir, raw=b"#" * (129 * 1024 * 1024))
    assert len(found) == 1 and "the limit is" in found[0]


def test_empty_and_missing_files(data_dir):
    assert errors(data_dir, "") == [f"{data_dir / 'instruments.yaml'}:1: the file is empty"]
    (data_dir / "instruments.yaml").unlink()
    assert "cannot read the file" in errors(data_dir)[0]


# -- facts from outside the article (issue 13): an official page, or a copy of one, states what it supports
TREATY_SOURCE = '{type: official, url: "https://example.org/treaty-three", passage: "Treaty Three, Article 13", retrieved: 2026-11-28}'


def web_source(**fields) -> str:
    return "{" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}"


OFFICIAL = {"type": "official", "url": '"https://example.org/treaty-three"', "retrieved": "2026-11-28"}


@pytest.mark.parametrize(
    "source,expected",
    [
        (web_source(type="official", passage='"Treaty Three"', retrieved="2026-11-28"), "'url' is required"),
        (web_source(type="official", url='"https://example.org/t"', retrieved="2026-11-28"), "'passage' is required"),
        (web_source(type="official", url='"https://example.org/t"', passage='"T"'), "'retrieved' is required"),
        (web_source(**{**OFFICIAL, "type": "copy"}, passage='"T"'), "'reproduces' is required"),
        (web_source(**{**OFFICIAL, "url": '"ftp://example.org/t"'}, passage='"T"'), "does not match"),
        (
            web_source(**OFFICIAL, passage='"Treaty Three"', supports="[number]"),
            "sources[0].passage: the passage does not contain the number 'CETS No. 197'",
        ),
        (
            web_source(**OFFICIAL, passage='"Council of Europe Treaty Series No. 198"', supports="[number]"),
            "the passage does not contain the number 'CETS No. 197'",
        ),
        (
            web_source(**OFFICIAL, passage='"opened for signature in Warsaw on 16 June 2005"', supports="[date]"),
            "sources[0].passage: the passage does not contain the date '2005-05-16'",
        ),
        (
            web_source(**OFFICIAL, passage='"in force on 1 February 2008"', supports="[entry_into_force]"),
            "sources[0].supports: supports the date of entry into force, but the record gives none",
        ),
        (
            web_source(**OFFICIAL, passage='"Treaty Series, vol. 2237, p. 319"', supports="[unts]"),
            "sources[0].supports: supports the UN Treaty Series citation, but the record gives none",
        ),
        (
            web_source(**OFFICIAL, passage='"T"', supports="[official_url]"),
            "sources[0].url: supports official_url, but the record's official_url is another page",
        ),
        (
            web_source(
                **{**OFFICIAL, "type": "copy"},
                reproduces='"Printed from https://example.org/treaty-three"',
                reproduces_url='"https://example.org/treaty-three"',
                passage='"T"',
            ),
            "sources[0].reproduces_url: a copy reproduces another page",
        ),
        # a copy says itself what it reproduces: an address the copy's words do not give is not recorded
        (
            web_source(
                **{**OFFICIAL, "type": "copy"},
                reproduces='"Adopted by resolution 40/34"',
                reproduces_url='"https://un.example.org/a40r034.htm"',
                passage='"T"',
            ),
            "sources[0].reproduces_url: the copy's words (reproduces) do not give this address: keep only what the "
            "copy itself states",
        ),
        (
            web_source(
                **{**OFFICIAL, "type": "copy"},
                reproduces='"Page 1 of 5 https://un.example.org/a40r034.htm"',
                reproduces_url='"https://un.example.org/a40r034.htm"',
                passage='"T"',
            ),
            None,
        ),
        # the words must be on the page the address asks for, not on the same page in another language
        (
            web_source(
                **{**OFFICIAL, "url": '"https://example.org/treaty?portlet_languageId=de_DE"'}, passage='"T"', lang="en"
            ),
            "sources[0].url: the address asks for the page in 'de', but the words quoted are in 'en': give the "
            "address of the page they are on",
        ),
        (web_source(**{**OFFICIAL, "url": '"https://example.org/treaty?x=1&lang=en"'}, passage='"T"', lang="en"), None),
        # what the passage states, in the ways pages write it
        (web_source(**OFFICIAL, passage='"Council of Europe Treaty Series No. 197"', supports="[number]"), None),
        (web_source(**OFFICIAL, passage='"Avropa Şurasının Müqavilələr Seriyası - 197"', supports="[number]"), None),
        (web_source(**OFFICIAL, passage='"Reference CETS No.197"', supports="[number]"), None),
        (web_source(**OFFICIAL, passage='"Warsaw, 16 May 2005"', supports="[date]"), None),
        (web_source(**OFFICIAL, passage='"Opening of the treaty Warsaw, 16/05/2005"', supports="[date]"), None),
        (
            web_source(**OFFICIAL, passage='"2005-ci il mayın 16-da Varşava şəhərində imzalanmış"', supports="[date]"),
            None,
        ),
        (web_source(**OFFICIAL, passage='"подписана в Варшаве 16 мая 2005 г."', supports="[date]"), None),
    ],
)
def test_an_official_source_must_state_what_it_supports(data_dir, source, expected):
    text = edit(f"    sources:\n      - {TREATY_SOURCE}", f"    sources:\n      - {source}")
    if expected is None:
        load(data_dir, text)
        return
    found = errors(data_dir, text)
    assert any(expected in message for message in found), found
    assert all(message.startswith(f"{data_dir / 'instruments.yaml'}:5") for message in found), found


def test_an_eqanun_id_must_be_the_official_pages_own(data_dir):
    good = web_source(
        type="official",
        url='"https://e-qanun.az/framework/100"',
        passage='"QEYDİYYAT NÖMRƏSİ 1-IIQ"',
        retrieved="2026-11-28",
        supports="[number, eqanun]",
    )
    wrong = good.replace("framework/100", "framework/1000")
    load(
        data_dir,
        edit(
            '      - {type: article, ref: 1, passage: "some words"}\n  - id: decision-two',
            f"      - {good}\n  - id: decision-two",
        ),
    )
    found = errors(
        data_dir,
        edit(
            '      - {type: article, ref: 1, passage: "some words"}\n  - id: decision-two',
            f"      - {wrong}\n  - id: decision-two",
        ),
    )
    assert any(
        "instruments[0] (law-one).sources[0].passage: the passage does not contain the e-qanun id '100'" in m
        for m in found
    ), found


def assert_reported(found: list[str], *endings: str) -> None:
    """Each of these errors is reported (messages end with them), and nothing else."""
    for ending in endings:
        assert any(message.endswith(ending) for message in found), (ending, found)
    assert len(found) == len(endings), found


def test_official_url_and_participation_are_checked(data_dir):
    text = edit(
        '    number: "CETS No. 197"', '    number: "CETS No. 197"\n    official_url: "https://example.org/elsewhere"'
    )
    text = text.replace(
        f"    sources:\n      - {TREATY_SOURCE}",
        "    participation:\n"
        "      - {step: signature, date: 2006-02-25, law: law-none, sources: ["
        + web_source(**OFFICIAL, passage='"Azerbaijan 25 Feb 2010"')
        + "]}\n"
        f"    sources:\n      - {TREATY_SOURCE}",
    )
    assert_reported(
        errors(data_dir, text),
        "(treaty-three).official_url: no official source of this record is that page: add it, with its words",
        "(treaty-three).participation[0].law: no instrument has the id 'law-none'",
        "(treaty-three).participation[0].sources[0].passage: the passage does not contain the date '2006-02-25' of this step",
    )


def test_a_steps_sources_are_checked_as_every_source_is(data_dir):
    text = edit(
        f"    sources:\n      - {TREATY_SOURCE}",
        "    participation:\n"
        '      - {step: signature, date: 2006-02-25, sources: [{type: article, ref: 7, passage: "25 fevral 2006"},'
        + web_source(**OFFICIAL, passage='"25 Feb 2006"', supports="[date]")
        + "]}\n"
        f"    sources:\n      - {TREATY_SOURCE}",
    )
    assert_reported(
        errors(data_dir, text),
        "(treaty-three).participation[0].sources[0].ref: the article has no reference [7]",
        "(treaty-three).participation[0].sources[1].supports: a step's sources state its date; they support no field of the record",
    )


def test_a_data_error_comes_back_whole_from_the_process_that_read_the_data(tmp_path):
    import pickle

    data = tmp_path / "instruments.yaml"
    data.write_text("instruments: [\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_corpus(data)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.issues == info.value.issues and again.issues
    assert str(again) == str(info.value) == again.report()


# -- where the article errs: an editors' note, resting on an official page (issue 25)
NOTE = (
    '{type: article, ref: null, passage: "other words", editor_note: {text: {az: "Qeyd.", en: "The note.", '
    'ru: "Примечание."}, source: SOURCE}}'
)


def test_an_editors_note_rests_on_an_official_page_or_a_copy(data_dir):
    article = NOTE.replace("SOURCE", '{type: article, ref: null, passage: "other words"}')
    text = edit('      - {type: article, ref: null, passage: "other words"}', f"      - {article}")
    found = errors(data_dir, text)
    assert any(
        m.endswith("sources[0].editor_note.source: an editor's note rests on an official page or a copy") for m in found
    ), found
    official = NOTE.replace(
        "SOURCE", '{type: official, url: "https://example.org/x", passage: "W", retrieved: 2026-11-28}'
    )
    corpus = load(data_dir, edit('      - {type: article, ref: null, passage: "other words"}', f"      - {official}"))
    note = corpus.by_id["decision-two"].sources[0].editor_note
    assert note.text["en"] == "The note." and note.source.url == "https://example.org/x"
    assert corpus.by_id["decision-two"].checked == "2026-11-28"  # the note's page was read too
