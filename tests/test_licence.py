"""The project's licences (issue 29): MIT for the code, CC BY 4.0 for the data and the texts the project wrote,
and nothing claimed of the official texts or the article quoted. Said in the files, the package's metadata, the
exports, each act's JSON-LD and, in each language, the footer and "About the sources"."""

from __future__ import annotations

import json
import re
import tomllib

from victimlaw import LANGUAGES, exports, language_folder
from victimlaw.exports import citations
from victimlaw.labels import Labels
from victimlaw.paths import PROJECT

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def test_the_licence_files_say_what_is_covered_and_what_is_not():
    code = (PROJECT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "Copyright (c) 2026 the victimlaw contributors" in code
    data = (PROJECT / "LICENSE-DATA").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in data and "Section 8 – Interpretation." in data
    preamble = data.split("Creative Commons Corporation", 1)[0]
    for carve_out in ("words quoted from official texts", "quotations from the source article", "FONTS-LICENSE"):
        assert carve_out in preamble
    for vendored in ("scripts/victimlaw/cards/FONTS-LICENSE", "tests/fixtures/snowball-russian/COPYING"):
        assert (PROJECT / vendored).exists(), vendored


def test_the_package_metadata_names_both_licences():
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT AND CC-BY-4.0"
    assert project["license-files"] == ["LICENSE", "LICENSE-DATA"]


def test_the_exports_carry_the_licence(real_corpus):
    files = exports.files(real_corpus)
    assert json.loads(files["data/instruments.json"])["license"] == CC_BY
    package = json.loads(files["data/datapackage.json"])
    assert package["licenses"] == [{"name": "CC-BY-4.0", "path": CC_BY, "title": "Creative Commons Attribution 4.0"}]
    described = {f"data/{resource['path']}" for resource in package["resources"]}
    assert described == set(files) - {"data/datapackage.json"}  # every export, the CSV among them
    assert "not licensed by us" in package["description"]


def test_the_json_ld_licenses_the_page_about_the_act_not_the_act(real_corpus):
    data = json.loads(
        citations.json_ld(real_corpus.by_id["law-2005-combating-trafficking"], real_corpus, Labels("en"), "https://x/")
    )
    assert "license" not in data  # the Law's text is not ours
    assert data["subjectOf"] == {"@type": "WebPage", "license": CC_BY, "url": "https://x/"}


def test_every_language_states_the_licences_in_its_footer_and_about_page(built_site):
    legal_code = {"az": ["legalcode.en", "legalcode.ru"], "en": ["legalcode.en"], "ru": ["legalcode.ru"]}
    for lang in LANGUAGES:
        folder = built_site / language_folder(lang)
        home = (folder / "index.html").read_text(encoding="utf-8")
        footer = home.split('class="md-copyright__highlight">', 1)[1].split("</div>", 1)[0]
        assert f'href="{CC_BY}deed.{lang}" rel="license noopener">CC BY 4.0</a>' in footer and "MIT" in footer
        about = (folder / "about" / "index.html").read_text(encoding="utf-8")
        section = about.split('id="licence"', 1)[1]
        assert f'href="{CC_BY}deed.{lang}"' in section and "MIT" in section
        for code in legal_code[lang]:
            assert f'href="{CC_BY}{code}"' in section, (lang, code)
        assert 'href="#official-texts"' in section
        catalogue = (folder / "instruments" / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="[./]*about/#licence"', catalogue), lang
        assert 'href="../../data/datapackage.json"' in catalogue or 'href="../data/datapackage.json"' in catalogue
