"""The CSL-JSON exports through the reference implementation: citeproc-js (the processor inside Zotero and
Mendeley) with the CSL project's own OSCOLA, APA 7, Chicago (notes and bibliography) and GOST R 7.0.5-2008
styles and locales (tests/fixtures/csl, with their licence). The tags Zotero reads on an act page:
test_zotero_tags.py."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata

import pytest
import yaml

from conftest import ROOT
from victimlaw import exports
from victimlaw.exports import citations
from victimlaw.labels import Labels
from victimlaw.pages import Site

FIXTURES = ROOT / "tests" / "fixtures" / "csl"
PUBLIC = "https://example.org/lawref/"

# Each style: the export it is given, its locale, whether a reader cites by note (the first note is the full
# reference) or in the text (the bibliography entry is), and how it writes a full date.
STYLES = {
    "oscola": ("en", "en-GB", "note", "{d} {month} {y}"),
    "apa": ("en", "en-US", "in-text", "{month} {d}, {y}"),
    "chicago-notes-bibliography": ("en", "en-US", "note", "{month} {d}, {y}"),
    "gost-r-7-0-5-2008": ("ru", "ru-RU", "in-text", None),
}
MONTHS = Labels("en").month

# What each style prints of an item of each CSL type, read from the style's code (lines of the fixture files):
# OSCOLA writes legislation as "Title Year" with neither number (its `publisher` macro, l. 319-321, prints only
# a container title) nor address (its `URL` macro prints none for legislation, l. 525); its reports give the
# year alone (l. 366-369). GOST's three layouts have no place for a number or, but for web pages, an address
# (l. 115-166). A field a style does not print is not asserted for it.
PRINTS = {
    "oscola": {"legislation": {"year"}, "treaty": {"date", "number", "url"}, "report": {"year", "number", "url"}},
    "apa": {"legislation": {"year", "number", "url"}, "treaty": {"date", "number", "url"}},
    "chicago-notes-bibliography": {"legislation": {"year", "number", "url"}, "treaty": {"date", "number", "url"}},
    "gost-r-7-0-5-2008": {},
}
DEFAULT_PRINTS = {
    "oscola": {"url"},
    "apa": {"year", "number", "url"},
    "chicago-notes-bibliography": {"year", "number", "url"},
    "gost-r-7-0-5-2008": {"year"},
}

# Punctuation no style should leave: a comma or full stop after a full stop or space, a doubled mark, a
# container mark ("// ") with no container after it, a year letter (2005a) telling apart acts that differ.
STRAY = {
    "a comma after a full stop": re.compile(r"\. ,"),
    "a doubled full stop": re.compile(r"(?<!\.)\.\.(?!\.)"),
    "a doubled comma": re.compile(r",\s*,"),
    "a space before a comma": re.compile(r" ,"),
    "a container mark without a container": re.compile(r"// ?(?:\d|$)"),
    "a year letter": re.compile(r"\b\d{4}[a-z]\b"),
}


def render(style: str, items: list[dict]) -> dict[str, dict[str, str]]:
    locale = STYLES[style][1]
    request = {"style": str(FIXTURES / f"{style}.csl"), "locales": str(FIXTURES), "lang": locale, "items": items}
    done = subprocess.run(
        ["node", str(ROOT / "tests" / "csl_render.cjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def exported(real_corpus):
    """Each language's CSL-JSON export of a public build (an act without an official text online cites its
    permanent address)."""
    files = exports.files(real_corpus, public_uri=Site(real_corpus, site_url=PUBLIC).public_uri)
    return {lang: json.loads(files[f"data/instruments-{lang}.csl.json"]) for lang in ("az", "en", "ru")}


@pytest.fixture(scope="module")
def rendered(exported):
    return {style: render(style, exported[STYLES[style][0]]) for style in STYLES}


def test_every_export_is_valid_csl_data(exported):
    import jsonschema

    schema = json.loads((FIXTURES / "csl-data.json").read_text(encoding="utf-8"))
    for items in exported.values():
        jsonschema.Draft7Validator(schema).validate(items)


def reference(style: str, rendering: dict[str, str]) -> str:
    return rendering["citation" if STYLES[style][2] == "note" else "bibliography"]


def words(text: str) -> str:
    """Text as a title check compares it: case, quotation marks and punctuation aside (styles recase titles
    and move commas inside quotation marks)."""
    kept = (ch if unicodedata.category(ch)[0] in "LN" else " " for ch in unicodedata.normalize("NFC", text))
    return " ".join("".join(kept).casefold().split())


def expected_number(style: str, item: dict) -> str | None:
    """The number as the styles print it: "No. 203", "CETS No. 197" (OSCOLA: the series as its genre holds it,
    "CETS No 197"), "UN Doc A/RES/55/25"."""
    if "number" not in item:
        return None
    number = item["number"].replace("\\-", "-")
    if item.get("container-title") == "CETS":
        return item["genre"] if style == "oscola" else f"CETS No. {number}"
    if item["type"] == "report":
        return f"{item['genre']} {number}"
    return f"No. {number}"


@pytest.mark.node
@pytest.mark.parametrize("style", STYLES)
def test_every_item_renders_with_its_title_date_number_and_address(style, exported, rendered):
    lang, _, _, date_form = STYLES[style]
    items = exported[lang]
    assert set(rendered[style]) == {item["id"] for item in items}
    problems = []
    for item in items:
        text = reference(style, rendered[style][item["id"]])
        prints = PRINTS[style].get(item["type"], DEFAULT_PRINTS[style])
        if words(item["title"]) not in words(text):
            problems.append((item["id"], "title", text))
        parts = item.get("issued", {}).get("date-parts", [[]])[0]
        if parts and ("year" in prints or "date" in prints) and str(parts[0]) not in text:
            problems.append((item["id"], "year", text))
        if len(parts) == 3 and "date" in prints:
            written = date_form.format(d=parts[2], month=MONTHS[parts[1] - 1], y=parts[0])
            if written not in text:
                problems.append((item["id"], f"date {written}", text))
        number = expected_number(style, item)
        if number and "number" in prints and number not in text:
            problems.append((item["id"], f"number {number}", text))
        if "Nos." in text:
            problems.append((item["id"], "Nos. for one number", text))
        if "URL" in item and "url" in prints and item["URL"] not in text:
            problems.append((item["id"], "URL", text))
    assert not problems


def stray_punctuation(style, rendered) -> list[tuple[str, str, str]]:
    found = []
    for item_id, rendering in rendered[style].items():
        for form, text in rendering.items():
            for name, pattern in STRAY.items():
                if text and pattern.search(text):
                    found.append((item_id, f"{form}: {name}", text))
    return found


@pytest.mark.node
@pytest.mark.parametrize("style", [s for s in STYLES if s != "gost-r-7-0-5-2008"])
def test_no_stray_punctuation_and_no_year_letters(style, rendered):
    assert not stray_punctuation(style, rendered)


@pytest.mark.xfail(
    strict=True,
    reason="the GOST style's own layouts: its `publisher` macro writes ', <year>' with no publisher before it "
    "(gost-r-7-0-5-2008.csl l. 58-66: 'Title. , 2005.'), and its default layout writes '// <year>' with no "
    "container (l. 153-165). No field of an act could fill them truthfully: the publisher and place of an act's "
    "edition are not in the data. Strict: this test fails once the style is mended, to be made a plain test.",
)
@pytest.mark.node
def test_gost_entries_have_no_stray_punctuation(rendered):
    assert not stray_punctuation("gost-r-7-0-5-2008", rendered)


@pytest.mark.node
def test_gost_entries_are_headed_by_their_title_and_have_no_year_letters(exported, rendered):
    """An act's issuing body is its authority, not its author: GOST no longer heads every act with it, and so
    no longer tells a body's acts of one year apart by letters (2005a, 2005b)."""
    entries = {item_id: r["bibliography"] for item_id, r in rendered["gost-r-7-0-5-2008"].items()}
    for item in exported["ru"]:
        if item["type"] in ("legislation", "treaty"):
            assert re.sub(r"^\d+\. ", "", entries[item["id"]]).startswith(item["title"]), entries[item["id"]]
    assert not [text for text in entries.values() if STRAY["a year letter"].search(text)]


# The five most cited instruments as each style writes them, checked against the styles' rules (see the file).
EXPECTED = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.node
@pytest.mark.parametrize("style", EXPECTED)
def test_the_most_cited_instruments_as_each_style_writes_them(style, rendered):
    written = {i: re.sub(r"^\d+\. ", "", reference(style, rendered[style][i])) for i in EXPECTED[style]}
    assert written == EXPECTED[style]


@pytest.mark.node
def test_the_sites_english_citation_writes_numbers_and_dates_as_oscola(real_corpus, exported, rendered):
    """The Cite block's English style is OSCOLA's: "No 203" (no full stops in abbreviations, never "№"),
    "CETS No 197" and "UN Doc A/RES/55/25" as OSCOLA renders them, and a treaty's date as OSCOLA writes it. (An
    act whose title the sources do not give has a descriptive title holding its number: it is not added.)"""
    for item in exported["en"]:
        inst = real_corpus.by_id[item["id"]]
        site = citations.styles(inst)["en"]
        assert "№" not in site, site
        number = expected_number("oscola", item)
        if number and inst.title_stated:
            assert number.replace("No.", "No") in site, (number, site)
        oscola = rendered["oscola"][item["id"]]["citation"]
        if item["type"] in ("treaty", "report") and number:
            assert number in oscola
        parts = item.get("issued", {}).get("date-parts", [[]])[0]
        if item["type"] == "treaty" and len(parts) == 3:
            written = f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
            assert written in site and written in oscola
