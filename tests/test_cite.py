"""The citation resolver: a table of citations in az, en and ru, and the `cite` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from citations import CITATIONS
from victimlaw.cite.reading import fold, parse
from victimlaw.cite.resolver import Resolver
from victimlaw.search.words import WORDRULES, word_rules


@pytest.fixture(scope="module")
def resolver(real_corpus):
    return Resolver(real_corpus)


def test_the_table_is_large_and_covers_three_languages():
    assert len(CITATIONS) >= 60
    assert sum(1 for q, expected in CITATIONS if expected == []) >= 10


@pytest.mark.parametrize("text,expected", CITATIONS, ids=[c[0] or "empty" for c in CITATIONS])
def test_citation_resolves(resolver, text, expected):
    found = [(m.id, m.provision) for m in resolver.resolve(text)]
    if expected is None:  # only: never a provision that was not asked for
        assert all(provision is None for _, provision in found), found
        return
    assert found[: len(expected)] == expected, found
    if expected == []:
        assert found == []
    if len(expected) == 1:
        assert len(found) == 1, found  # an unambiguous citation gives one answer


def test_folding_treats_azerbaijani_and_cyrillic_letters_alike():
    assert fold("İNSAN ALVERİ Qərarı şəxs çox ağır göz üz") == "insan alveri qerari sexs cox agir goz uz"
    assert fold("Ёлка ЁЖ") == "елка еж"
    assert fold("QURBANLARIN") == "qurbanlarin"


def test_the_scoring_weights_are_those_of_the_data_file(real_corpus, tmp_path):
    rules = word_rules()
    assert rules.cite["score"]["eqanun"] == {"same": 100, "other": -100} and rules.cite["threshold"] == 30
    best = Resolver(real_corpus).resolve("Qərar 203")[0]
    changed = tmp_path / "wordrules.yaml"
    changed.write_text(
        WORDRULES.read_text(encoding="utf-8").replace("number: {same: 50,", "number: {same: 51,"), encoding="utf-8"
    )
    assert Resolver(real_corpus, word_rules(changed)).resolve("Qərar 203")[0].score == best.score + 1


# Citations with letters outside the corpus: combining marks, capitals, letters and symbols outside the
# Basic Multilingual Plane (a word's length and prefix count characters on both sides, not UTF-16 units).
ODD_CITATIONS = [
    "Rules on repatriation 𝐀𝐀",
    "Rules on repatriation 𐐏𐐏𐐏𐐏𐐏𐐏",
    "REPATRİASİYA QAYDALARI",
    "repatriatio\u0301n😀",
    "İNSAN ALVERİ 𐐷𐐷𐐷",
    "Qərar 203 😀",
    "Qe\u0301rar 203",
    "ma\u0308dde 14\u20111",
    "CETS № 197 art. 13",
    "ст. 14\u20111",
    "ЗАКОН 2005 жертв𝐀",
    "Cinayət Məcəlləsi 144-1",
    "𝟚𝟘𝟘𝟝",
    "",
]


@pytest.mark.browser
def test_browser_resolver_agrees_with_python_outside_the_corpus(built_site, page, real_corpus):
    page.goto((built_site / "cite" / "index.html").as_uri())
    in_browser = page.evaluate(
        "texts => { const r = new victimlawCite.Resolver(window.VICTIMLAW_CITE);"
        " return texts.map(t => r.resolve(t).map(m => [m.id, m.provision, m.score])); }",
        ODD_CITATIONS,
    )
    resolver = Resolver(real_corpus)
    in_python = [[[m.id, m.provision, m.score] for m in resolver.resolve(text)] for text in ODD_CITATIONS]
    assert in_browser == in_python
    # two letters outside the BMP are a word too short to count (four UTF-16 code units are not)
    assert in_python[0] == [[m.id, m.provision, m.score] for m in resolver.resolve("Rules on repatriation")] != []


def test_parse_reads_each_piece_once():
    q = parse("NK-nın 9 noyabr 2005-ci il tarixli 203 nömrəli qərarı")
    assert q.dates == ["2005-11-09"] and q.numbers == ["203"] and q.kinds == {"decision"}
    assert not q.weak_numbers and not q.years  # the date's numbers are not act numbers


def cli(*args):
    return subprocess.run([Path(sys.executable).with_name("victimlaw"), "cite", *args], capture_output=True, text=True)


def test_cli_json_lists_matches_best_first():
    result = cli("Qanun 2005", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert [d["id"] for d in data] == ["law-2005-09-30-amendments", "law-2005-combating-trafficking"]
    assert all(set(d) == {"id", "provision", "score", "url"} for d in data)
    assert json.loads(cli("CETS 197 art. 13", "--json").stdout)[0]["provision"] == "art-13"


def test_cli_gives_the_address_of_the_provision_as_the_site_has_it():
    """An international provision's own page; a national act's page at the provision's heading."""
    found = json.loads(cli("CETS 197 art. 13", "--lang", "en", "--json").stdout)[0]
    assert found["url"] == "en/provisions/coe-cets-197/art-13/"
    found = json.loads(cli("ст. 14-1", "--lang", "ru", "--json").stdout)[0]
    assert found["url"] == "ru/instruments/law-2005-combating-trafficking/#art-14-1"


def test_cli_text_output_in_each_language():
    az = cli("Qərar 203").stdout
    assert "decision-203-2005" in az and "Nazirlər Kabinetinin" in az and "https://e-qanun.az/framework/11446" in az
    ru = cli("ст. 14-1", "--lang", "ru").stdout
    assert "Статья 14-1" in ru and "#art-14-1" in ru


def test_cli_no_match_exits_1_with_a_hint():
    result = cli("Qərar 204")
    assert result.returncode == 1 and result.stdout == ""
    assert "no instrument matches" in result.stderr
    assert json.loads(cli("Qərar 204", "--json").stdout) == []
