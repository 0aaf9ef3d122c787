"""Hostile and malformed data: a clear error naming file, line and field, and nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from test_generate import snapshot
from victimlaw.cli import main
from victimlaw.generate import generate
from victimlaw.sitefiles import BROWSER_SCRIPTS, WORDS_SCRIPT

BAD = Path(__file__).with_name("bad-data")

# case: (file, line, field, what the message says)
EXPECTED = {
    "invalid-yaml": ("instruments.yaml", 5, "", "invalid YAML"),
    "duplicate-id": ("instruments.yaml", 21, "instruments[1] (law-one).id", "duplicate id 'law-one' (first on line 2)"),
    "duplicate-address": (
        "instruments.yaml",
        27,
        "instruments[1] (law-two).number",
        "the permanent address id/law/2005/1-IIQ/ is already claimed by 'law-one'",
    ),
    "duplicate-key": ("instruments.yaml", 10, "instruments[0].eqanun", "duplicate key 'eqanun' (first on line 9)"),
    "unknown-field": ("instruments.yaml", 28, "instruments[1] (decision-two).colour", "unknown field 'colour'"),
    "number-as-list": (
        "instruments.yaml",
        9,
        "instruments[0] (law-one).eqanun",
        "[100] is not of type 'integer', 'null'",
    ),
    "date-as-text": ("instruments.yaml", 6, "instruments[0] (law-one).date", "'28 June 2005' does not match"),
    "impossible-date": (
        "instruments.yaml",
        6,
        "instruments[0] (law-one).date",
        "'2005-02-30' is not a real calendar date",
    ),
    "future-date": ("instruments.yaml", 6, "instruments[0] (law-one).date", "2999-01-01 is in the future"),
    "missing-relation-target": (
        "instruments.yaml",
        32,
        "instruments[1] (decision-two).relations[0].target",
        "no instrument has the id 'law-none'",
    ),
    "missing-provision": (
        "instruments.yaml",
        32,
        "instruments[1] (decision-two).relations[0].provision",
        "'law-one' has no provision 'art-9'",
    ),
    "missing-language": ("instruments.yaml", 10, "instruments[0] (law-one).title", "'ru' is required"),
    "eqanun-not-positive": (
        "instruments.yaml",
        9,
        "instruments[0] (law-one).eqanun",
        "0 is less than the minimum of 1",
    ),
    "eqanun-not-integer": (
        "instruments.yaml",
        9,
        "instruments[0] (law-one).eqanun",
        "is not of type 'integer', 'null'",
    ),
    "id-with-capitals": (
        "instruments.yaml",
        2,
        "instruments[0] (Law One).id",
        "must be lower-case letters, digits and hyphens",
    ),
    "alias-bomb": ("instruments.yaml", 1, "a1[0]", "YAML anchors and aliases are not allowed"),
    "non-utf8": ("instruments.yaml", 10, "", "not valid UTF-8"),
    "theme-missing-instrument": (
        "themes.yaml",
        6,
        "themes[0] (recovery).mappings[0].international[0].instrument",
        "no instrument has the id 'treaty-nine'",
    ),
    "theme-missing-provision": (
        "themes.yaml",
        6,
        "themes[0] (recovery).mappings[0].international[0].provision",
        "'treaty-three' has no provision 'art-99'",
    ),
}


def copy_case(case: str, tmp_path: Path) -> Path:
    folder = tmp_path / case
    shutil.copytree(BAD / case, folder)
    shutil.copy(BAD / "references.yaml", folder)
    return folder / "instruments.yaml"


def test_every_case_has_an_expectation():
    assert {p.name for p in BAD.iterdir() if p.is_dir()} == set(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_check_names_file_line_and_field(case, tmp_path, capsys):
    data = copy_case(case, tmp_path)
    file, line, field, message = EXPECTED[case]
    assert main(["check", str(data)]) == 1
    err = capsys.readouterr().err
    where = f"{data.parent / file}:{line}:" + (f" {field}:" if field else "")
    assert any(row.strip().startswith(where) and message in row for row in err.splitlines()), err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_generation_from_bad_data_writes_nothing(case, tmp_path, data_dir):
    docs = tmp_path / "docs"
    generate(data_dir / "instruments.yaml", docs)
    before = snapshot(docs)
    with pytest.raises(Exception) as info:
        generate(copy_case(case, tmp_path), docs)
    assert type(info.value).__name__ == "DataError"
    assert snapshot(docs) == before
    assert not list(tmp_path.glob(".generating-*"))


def test_a_fifty_megabyte_file_is_answered_clearly(tmp_path, capsys):
    data = copy_case("future-date", tmp_path)
    text = data.read_text(encoding="utf-8").replace("2999-01-01", "2005-06-28")
    data.write_text(text.replace('en: "Protects victims."', 'en: "' + "A" * (50 * 1024 * 1024) + '"'), encoding="utf-8")
    assert main(["check", str(data)]) == 1
    err = capsys.readouterr().err
    assert f"{data}:11: instruments[0] (law-one).purpose.en: text of 52428800 characters; the maxLength is 4000" in err
    assert len(err) < 2000


@pytest.mark.parametrize("case", ["invalid-yaml", "theme-missing-provision", "alias-bomb"])
def test_mkdocs_build_with_bad_data_fails_cleanly(case, tmp_path):
    data = copy_case(case, tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("previous build", encoding="utf-8")
    docs_before = snapshot(ROOT / "docs")
    result = run_build(site, data=data)
    file, line, _field, message = EXPECTED[case]
    assert result.returncode != 0
    assert f"{data.parent / file}:{line}:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(ROOT / "docs") == docs_before
    assert [p.name for p in site.iterdir()] == ["previous.html"]


# -- text in the data is text: a whole site built from hostile data
HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> a | b {{ config }} {% raw %} [x](javascript:alert(3)) "quoted" </title>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from html.parser import HTMLParser  # noqa: F401 (used by the tests below through sitecheck)

    from conftest import MINIMAL, REFERENCES, THEMES
    from tools.bench import project_copy

    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "data"
    data.mkdir()
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    text = MINIMAL
    for old in (
        'en: "First law"',
        'en: "Protects victims."',
        'en: "Definitions."',
        'az: "Birinci qanun"',
        'ru: "Первый закон"',
    ):
        key = old.split(":")[0]
        text = text.replace(old, f'{key}: "{quoted}{" Закон" if key == "ru" else ""}"', 1)
    (data / "instruments.yaml").write_text(text, encoding="utf-8")
    (data / "references.yaml").write_text(REFERENCES, encoding="utf-8")
    (data / "themes.yaml").write_text(THEMES.replace('en: "Both 30 days."', f'en: "{quoted}"'), encoding="utf-8")
    config = project_copy(folder / "project")
    site = folder / "site"
    result = run_build(site, config, data=data / "instruments.yaml")
    assert result.returncode == 0, result.stderr
    return site


# The vendored ones, the lookup page's data and the scripts the plugin adds (one list, its own)
OUR_SCRIPTS = (
    "tablesort.js",
    "cite-data.js",
    *(Path(script).name for script in (WORDS_SCRIPT, *BROWSER_SCRIPTS)),
)


def test_no_injected_element_or_attribute(hostile_site):
    from html.parser import HTMLParser

    found = []

    class Check(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            events = [name for name in attrs if name.startswith("on")]
            if events:
                found.append((tag, events))
            if tag == "script":  # data blocks (JSON, JSON-LD) are not run; the test below checks them
                self.in_script = attrs.get("type") not in ("application/json", "application/ld+json")
                if attrs.get("src") and not any(s in attrs["src"] for s in OUR_SCRIPTS):
                    found.append((tag, attrs))
            if tag == "img" and attrs.get("src") == "x":
                found.append((tag, attrs))
            for name in ("href", "src", "action"):
                if (attrs.get(name) or "").strip().lower().startswith("javascript:"):
                    found.append((tag, name))

        def handle_endtag(self, tag):
            if tag == "script":
                self.in_script = False

        def handle_data(self, data):
            if self.in_script and "alert(" in data:  # every payload calls alert(); Material's own scripts do not
                found.append(("script", data[:80]))

    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        Check().feed(path.read_text(encoding="utf-8"))
    assert found == []
    page = (hostile_site / "en" / "instruments" / "law-one" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ config }}" in page and "a | b" in page


def test_hostile_text_stays_inside_meta_attributes_and_scripts(hostile_site):
    page = (hostile_site / "en" / "instruments" / "law-one" / "index.html").read_text(encoding="utf-8")
    description = page.split('<meta name="description" content="', 1)[1].split('">', 1)[0]
    assert "<" not in description and '"' not in description
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title
    block = page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block


# -- output
@pytest.mark.slow  # a build of the real site of its own
def test_a_second_build_is_identical_and_keeps_the_hidden_entries_of_its_site_folder(built_site, tmp_path):
    """Two builds of the same sources are identical; a build into a used folder keeps its hidden entries, as
    mkdocs' own cleaning does (a .git of a deployment checkout, for example), and removes the rest.
    (One build for what were two tests.)"""
    from conftest import build_site

    site = tmp_path / "again"
    (site / ".git").mkdir(parents=True)
    (site / ".git" / "HEAD").write_text("kept", encoding="utf-8")
    (site / "stale.html").write_text("from an earlier build", encoding="utf-8")
    second = build_site(site)
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "kept" and not (site / "stale.html").exists()
    assert (site / "index.html").exists()
    first_files = {p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file()}
    second_files = {p.relative_to(second) for p in second.rglob("*") if p.is_file()} - {Path(".git/HEAD")}
    assert first_files == second_files
    different = [
        str(p)
        for p in sorted(first_files)
        if p.name != "sitemap.xml.gz" and (built_site / p).read_bytes() != (second / p).read_bytes()
    ]
    assert different == []


@pytest.mark.slow  # a build of the real site of its own
def test_navigation_shared_across_a_folder_is_materials_own(built_site, tmp_path):
    """overrides/partials/nav.html and tabs.html render Material's partial once per folder of pages outside
    the navigation and reuse it; with Material's partials on every page the site must be the same."""
    from tools.bench import project_copy

    config = project_copy(tmp_path / "project")
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    for name in ("nav.html", "tabs.html"):
        (overrides / "partials" / name).unlink()
    text = config.read_text(encoding="utf-8")
    assert f"custom_dir: {ROOT / 'overrides'}" in text
    config.write_text(text.replace(f"custom_dir: {ROOT / 'overrides'}", f"custom_dir: {overrides}"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(site, config)
    assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(built_site) for p in built_site.rglob("*.html"))
    assert pages == sorted(p.relative_to(site) for p in site.rglob("*.html"))
    assert [str(p) for p in pages if (built_site / p).read_bytes() != (site / p).read_bytes()] == []
    shared = (built_site / "en" / "instruments" / "constitution" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-tabs"' in shared and "md-nav--primary" in shared


def test_pages_outside_the_navigation_share_it_by_folder_and_section():
    from types import SimpleNamespace as Page

    from victimlaw.theme import shared_partial_key

    catalogue, themes = Page(url="en/instruments/", active=False), Page(url="en/themes/", active=False)
    nav = Page(pages=[Page(url="en/", active=False), catalogue, themes])
    assert shared_partial_key(catalogue, nav) is None  # its entry is marked active
    assert shared_partial_key(Page(url="en/timeline/2005/"), nav) == "en/timeline "
    catalogue.active = True  # the section of an act's page (VictimlawPlugin._section_of)
    assert shared_partial_key(Page(url="en/instruments/law-1/"), nav) == "en/instruments en/instruments/"
    assert shared_partial_key(Page(url="en/instruments/law-2/"), nav) == "en/instruments en/instruments/"
    assert shared_partial_key(Page(url="instruments/law-1.html"), nav) == "instruments en/instruments/"
    catalogue.active, themes.active = False, True  # one folder, two sections: two renderings
    assert shared_partial_key(Page(url="en/themes/matrix-2/"), nav) == "en/themes en/themes/"
    assert shared_partial_key(None, nav) is None


def test_a_page_outside_the_navigation_marks_its_sections_tab(built_site):
    for path, tab in (
        ("en/instruments/decision-203-2005/index.html", "../"),  # the catalogue's tab
        ("ru/themes/shelter/index.html", "../"),  # the themes' tab
        ("timeline/index.html", "./"),  # a page in the navigation marks its own
    ):
        html = (built_site / path).read_text(encoding="utf-8")
        active = html.split('class="md-tabs__item md-tabs__item--active"', 1)[1]
        assert active.split("href=", 1)[1].startswith(f'"{tab}"'), path


def copy_with_a_broken_link(tmp_path, lang: str) -> Path:
    """A project copy whose `lang` about page links nowhere: that language's build fails."""
    from tools.bench import project_copy

    config = project_copy(tmp_path / "project")
    about = tmp_path / "project" / "docs" / lang / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[broken](nowhere.md)\n", encoding="utf-8")
    return config


@pytest.mark.slow  # a build of the real site of its own
def test_the_build_fails_when_a_language_fails(tmp_path):
    result = run_build(tmp_path / "site", copy_with_a_broken_link(tmp_path, "ru"))
    assert result.returncode != 0 and "nowhere.md" in result.stderr


@pytest.mark.slow  # a build of the real site of its own
def test_the_build_fails_when_the_default_language_fails(tmp_path):
    result = run_build(tmp_path / "site", copy_with_a_broken_link(tmp_path, "az"))
    assert result.returncode != 0 and "nowhere.md" in result.stderr


def test_external_links_open_safely_and_e_qanun_is_https(built_site):
    import re

    unsafe = []
    for path in built_site.rglob("*.html"):
        for tag in re.findall(r"<a\s[^>]*href=\"https?://[^\"]*\"[^>]*>", path.read_text(encoding="utf-8")):
            if 'rel="noopener"' not in tag and "noopener" not in tag:
                unsafe.append((path.relative_to(built_site).as_posix(), tag))
            assert "http://e-qanun" not in tag
    assert unsafe == []


def test_the_language_switcher_names_languages_in_their_own_language(built_site):
    import re

    html = (built_site / "ru" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'hreflang="(\w+)" lang="(\w+)" class="md-select__link">\s*([^<]+?)\s*</a>', html)
    assert {code: name for code, lang, name in names if lang == code} == {
        "az": "Azərbaycanca",
        "en": "English",
        "ru": "Русский",
    }  # each name marked with its own language (overrides/partials/alternate.html)


@pytest.mark.slow  # a build of the real site of its own
def test_a_killed_build_leaves_docs_and_site_whole_and_the_next_build_removes_its_leftovers(tmp_path):
    """Killed at several moments (generation, pages, languages, search index), a build leaves docs/ with
    whole stubs and site/ as the previous build made it; the next build leaves nothing of the killed ones."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from tools.bench import project_copy
    from victimlaw.generate import STUB, generated_folders

    config = project_copy(tmp_path / "project")
    docs, site = tmp_path / "project" / "docs", tmp_path / "site"
    started = time.monotonic()
    assert run_build(site, config).returncode == 0
    duration = time.monotonic() - started  # the moments below are shares of it, whatever the machine's speed

    def contents() -> dict[str, bytes]:  # two whole builds of the same sources are byte for byte the same
        return {name: data for name, (data, _) in snapshot(site).items()}

    previous = contents()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("VICTIMLAW_DATA", None)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--config-file",
        str(config),
        "--site-dir",
        str(site),
    ]
    killed = 0
    for share in (0.1, 0.35, 0.6, 0.85):  # generation, pages, a later language, the last steps
        for folder in generated_folders(docs):  # as on a fresh checkout: the stubs are written again
            shutil.rmtree(folder)
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * share)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait()
        # the previous site, or the new one if the kill came after it took its place: whole either way
        assert contents() == previous, f"killed after {duration * share:.1f} s of {duration:.1f} s"
        stubs = [p for folder in generated_folders(docs) for p in folder.rglob("*.md")]
        assert all(p.read_text(encoding="utf-8") == STUB for p in stubs), f"killed after {duration * share:.1f} s"
    assert killed >= 3, "too few builds were killed to test anything"
    assert run_build(site, config).returncode == 0
    deadline = time.monotonic() + 60  # the previous site is deleted by a process of its own
    while time.monotonic() < deadline and any(p.name.startswith(".") for p in tmp_path.iterdir()):
        time.sleep(0.2)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert not list(docs.rglob(".stub-*")) and not list(tmp_path.rglob(".generating-*"))
    assert {p.relative_to(site) for p in site.rglob("*")} == {Path(name) for name in previous} | {
        p.relative_to(site) for p in site.rglob("*") if p.is_dir()
    }


@pytest.mark.slow  # a build of the real site of its own
def test_pages_rendered_ahead_by_a_worker_give_the_same_site(built_site, tmp_path):
    """A large build renders generated pages ahead in a worker process (pages/ahead.py); the site must be
    the one rendered in mkdocs' process (built_site: the real corpus is below the size that starts one)."""
    from tools.bench import project_copy

    config = project_copy(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "data_file:" in line)
    config.write_text(text.replace(line, line + "\n      render_workers: 1"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(site, config)
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert [str(p) for p in files if (built_site / p).read_bytes() != (site / p).read_bytes()] == []


@pytest.mark.slow  # a build of the real site of its own
def test_a_public_build_rendered_ahead_by_a_worker_writes_the_same_sitemap(public_site, tmp_path):
    """The sitemap and robots.txt of a public build do not depend on where its pages were rendered."""
    from tools.bench import project_copy

    config = project_copy(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "data_file:" in line)
    config.write_text(text.replace(line, line + "\n      render_workers: 1"), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(site, config, VICTIMLAW_SITE_URL="https://example.org/lawref/")
    assert result.returncode == 0, result.stderr
    for name in ("sitemap.xml", "sitemap.xml.gz", "robots.txt"):
        assert (site / name).read_bytes() == (public_site / name).read_bytes(), name
