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
