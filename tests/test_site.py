"""The real site built with `mkdocs build --strict`: pages, languages, links, anchors, assets."""

from __future__ import annotations

import re

import pytest

from sitecheck import broken_links, read_site, resolve
from victimlaw import LANGUAGES

PREFIX = {"az": "", "en": "en/", "ru": "ru/"}


@pytest.fixture(scope="module")
def pages(built_site):
    return read_site(built_site)


def test_strict_build_has_no_warnings(built_site):
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log and "ERROR" not in log, log


def test_the_build_log_holds_only_what_a_person_acts_on(built_site, offline_site):
    """No line for what the site does by design (victimlaw/logs.py): the generated pages outside the navigation,
    static-i18n's per-language overrides, the offline copy's language links."""
    for site in (built_site, offline_site):
        log = (site.parent / "build.log").read_text(encoding="utf-8")
        for by_design in ('not included in the "nav"', "Overriding '", "'extra.alternate'", "Translated "):
            assert by_design not in log, log
        assert len([line for line in log.splitlines() if line.startswith("INFO")]) <= 8, log


def test_every_record_has_a_page_in_every_language(real_corpus, built_site, pages):
    for inst in real_corpus.instruments:
        for lang in LANGUAGES:
            rel = f"{PREFIX[lang]}instruments/{inst.id}/index.html"
            assert rel in pages, rel
            html = (built_site / rel).read_text(encoding="utf-8")
            assert pages[rel].lang == lang
            if inst.eqanun:
                assert f'href="https://e-qanun.az/framework/{inst.eqanun}"' in html
            if inst.number:
                assert f"<dd>{inst.number}</dd>" in html
            for provision in inst.provisions:
                assert provision.id in pages[rel].ids, (rel, provision.id)
            # the language switcher leads to the same page in the other languages (the head's alternates are
            # written for a public build only: test_a_public_page_names_its_other_languages_by_absolute_address)
            assert pages[rel].alternates == {}
            for other in LANGUAGES:
                expected = built_site / f"{PREFIX[other]}instruments/{inst.id}/index.html"
                assert resolve(built_site, rel, pages[rel].switcher[other])[0] == expected, (rel, other)


def test_html_lang_is_right_on_every_page(pages):
    for rel, page in pages.items():
        if rel == "404.html" or rel.startswith("assets/"):
            continue
        lang = rel.split("/", 1)[0] if rel.split("/", 1)[0] in ("en", "ru") else "az"
        assert page.lang == lang, rel


def test_material_speaks_azerbaijani_on_azerbaijani_pages(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Məzmuna keç" in html and "Axtar" in html
    assert "Skip to content" in (built_site / "en" / "index.html").read_text(encoding="utf-8")


def test_no_broken_internal_link_or_anchor(built_site, pages):
    assert len(pages) > 120
    assert broken_links(built_site, pages) == []


def test_nothing_is_loaded_from_another_host(built_site, pages):
    external = [
        (rel, asset) for rel, page in pages.items() for asset in page.assets if re.match(r"^(https?:)?//", asset)
    ]
    assert external == []
    for css in built_site.rglob("*.css"):
        assert not re.search(
            r"@import\s+url\(\s*['\"]?(https?:)?//|url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")
        ), css


def test_instrument_pages_are_not_in_the_navigation(built_site):
    html = (built_site / "en" / "index.html").read_text(encoding="utf-8")
    # the home page links no instrument itself, so any link to one would come from the navigation
    assert 'href="instruments/"' in html
    assert "decision-203-2005" not in html


def test_catalogue_and_references_exist_in_every_language(pages, real_corpus):
    for lang in LANGUAGES:
        catalogue = pages[f"{PREFIX[lang]}instruments/index.html"]
        linked = {re.sub(r"^\.\./|/$", "", href) for href in catalogue.links}
        assert {inst.id for inst in real_corpus.instruments} <= {h.split("/")[-1] for h in linked}
        references = pages[f"{PREFIX[lang]}references/index.html"]
        assert {f"ref-{n}" for n in range(1, 19)} <= references.ids


def test_no_page_repeats_an_id(pages):
    repeated = {rel: page.duplicate_ids for rel, page in pages.items() if page.duplicate_ids}
    assert repeated == {}


def test_no_page_is_larger_than_150_kb(built_site):
    sizes = {p.relative_to(built_site).as_posix(): p.stat().st_size for p in built_site.rglob("*.html")}
    assert max(sizes.values()) <= 150 * 1024, max(sizes, key=sizes.get)


def test_no_sitemap_without_the_sites_address(built_site):
    # mkdocs would list "None/..." locations; VICTIMLAW_SITE_URL gives it the public address
    assert not (built_site / "sitemap.xml").exists() and not (built_site / "sitemap.xml.gz").exists()


def test_the_public_sitemap_lists_every_page_of_every_language(public_site, real_corpus):
    """Every page of every language once, each with absolute alternates in all languages and x-default (the
    Azerbaijani page), lastmod when its data was last checked against an official page (never the build's date);
    robots.txt names it."""
    sitemap = (public_site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    locations = [re.search(r"<loc>([^<]+)</loc>", entry).group(1) for entry in entries]
    pages = {  # not the 404 page, nor the permanent addresses' forwarding pages (not to be indexed)
        p.relative_to(public_site).as_posix()
        for p in public_site.rglob("*.html")
        if p.name != "404.html" and '<meta name="robots" content="noindex">' not in p.read_text(encoding="utf-8")
    }
    base = "https://example.org/lawref/"
    assert len(locations) == len(set(locations)) and set(locations) == {
        base + p.removesuffix("index.html") for p in pages
    }
    for entry, location in zip(entries, locations, strict=True):
        path = location.removeprefix(base)
        for lang in LANGUAGES:
            if PREFIX[lang] and path.startswith(PREFIX[lang]):
                path = path.removeprefix(PREFIX[lang])
        alternates = dict((lang, href) for lang, href in re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
        assert alternates == {**{lang: base + PREFIX[lang] + path for lang in LANGUAGES}, "x-default": base + path}
        lastmod = re.search(r"<lastmod>([^<]+)</lastmod>", entry)
        if path.startswith("instruments/") and path != "instruments/":
            inst = real_corpus.by_id[path.removeprefix("instruments/").rstrip("/")]
            assert (lastmod.group(1) if lastmod else None) == inst.checked, location
    assert any("<lastmod>" in entry for entry in entries)
    assert (public_site / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == f"Sitemap: {base}sitemap.xml"


def test_a_public_page_names_its_other_languages_by_absolute_address(public_site, built_site):
    """hreflang alternates, with x-default the Azerbaijani page, only where the site has a public address:
    search engines want them absolute."""
    for lang in LANGUAGES:
        head = (public_site / PREFIX[lang] / "instruments/decision-203-2005/index.html").read_text(encoding="utf-8")
        alternates = dict(
            (hreflang, href)
            for href, hreflang in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', head)
        )
        assert alternates == {
            **{
                other: f"https://example.org/lawref/{PREFIX[other]}instruments/decision-203-2005/"
                for other in LANGUAGES
            },
            "x-default": "https://example.org/lawref/instruments/decision-203-2005/",
        }
        assert (
            f'<link rel="canonical" href="https://example.org/lawref/{PREFIX[lang]}instruments/decision-203-2005/">'
            in head
        )
    home = (public_site / "ru/index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" href="https://example.org/lawref/en/" hreflang="en">' in home
    assert 'rel="alternate"' not in (built_site / "en/instruments/decision-203-2005/index.html").read_text(
        encoding="utf-8"
    )


def test_the_sites_404_page_is_the_default_languages(built_site):
    """static-i18n writes each language's 404 page to the same file; the default language's must stay."""
    assert '<html lang="az"' in (built_site / "404.html").read_text(encoding="utf-8")


def test_every_permanent_address_forwards_to_its_act_in_every_language(real_corpus, public_site, offline_site):
    """model/identity.py's addresses, every act's and every provision's (below its act's own): a page at each, in each
    language, public and offline, forwarding to the act's page, or to the provision's own page (an international
    instrument's) or else its heading on the act's page."""
    import json

    from victimlaw.layout import has_provision_pages
    from victimlaw.model.addressbook import act_and_provision_addresses

    uris = {
        record["id"]: record["uri"]
        for record in json.loads((public_site / "data/instruments.json").read_text())["instruments"]
    }
    provisions = paged = 0
    for inst in real_corpus.instruments:
        addresses = inst.identity.addresses
        assert uris[inst.id] == f"https://example.org/lawref/{addresses[0]}"  # every act has one
        for lang in LANGUAGES:
            for site, suffix in ((public_site, "/index.html"), (offline_site, ".html")):
                act_page = f"{PREFIX[lang]}instruments/{inst.id}{suffix}"
                act_html = (site / act_page).read_text(encoding="utf-8")
                for address, provision in act_and_provision_addresses(inst):
                    rel = f"{PREFIX[lang]}{address}index.html"
                    page = (site / rel).read_text(encoding="utf-8")
                    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page).group(1)
                    shown = re.search(r'<p>[^<]*<a href="([^"]+)">', page).group(1)
                    target, anchor = act_page, ""
                    if provision and has_provision_pages(inst):
                        target = f"{PREFIX[lang]}provisions/{inst.id}/{provision.id}{suffix}"
                        assert 'id="title"' in (site / target).read_text(encoding="utf-8")
                        paged += 1
                    elif provision:
                        anchor = provision.id
                        assert f'id="{provision.id}"' in act_html
                    assert resolve(site, rel, refresh) == resolve(site, rel, shown) == (site / target, anchor), rel
                    provisions += bool(provision)
                    assert f'<html lang="{lang}">' in page
                    if site == public_site:
                        canonical = "https://example.org/lawref/" + target.removesuffix("index.html")
                        assert f'<link rel="canonical" href="{canonical}">' in page
    assert provisions == 2 * len(LANGUAGES) * sum(len(inst.provisions) for inst in real_corpus.instruments)
    assert paged == 2 * len(LANGUAGES) * sum(
        len(i.provisions) for i in real_corpus.instruments if has_provision_pages(i)
    )
    assert paged > 0
    assert (public_site / "en/cets/197/art/4_e/index.html").is_file()
    assert (offline_site / "ru/id/law/2005/958-IIQ/art/20.4-1/index.html").is_file()
    assert (public_site / "id/decision/2008-02-01/index.html").is_file()
    assert (public_site / "id/constitution/1995-11-12/art/12/index.html").is_file()
    assert (public_site / "act/charter-hotline/index.html").is_file()


def test_a_public_page_tells_a_messenger_its_title_description_address_and_language(public_site, built_site):
    """Open Graph and Twitter card tags on every page of a public build; descriptions of at most 160 characters."""
    for lang in LANGUAGES:
        for page in ("", "instruments/decision-203-2005/", "themes/shelter/"):
            head = (public_site / PREFIX[lang] / page / "index.html").read_text(encoding="utf-8").split("</head>")[0]
            tags = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:]+)" content="([^"]*)">', head))
            assert tags["og:url"] == f"https://example.org/lawref/{PREFIX[lang]}{page}"
            assert tags["og:locale"] == {"az": "az_AZ", "en": "en_GB", "ru": "ru_RU"}[lang]
            assert tags["og:title"] and tags["og:description"] and tags["twitter:card"] == "summary_large_image"
            assert tags["og:image"] == tags["twitter:image"] == tags["og:url"] + "card.png"
            assert tags["og:type"] == ("article" if page.startswith("instruments/") else "website")
            assert len(re.findall(r'<meta property="og:locale:alternate"', head)) == len(LANGUAGES) - 1
    for path in public_site.rglob("index.html"):
        description = re.search(r'<meta name="description" content="([^"]*)">', path.read_text(encoding="utf-8"))
        assert description is None or len(description.group(1)) <= 160, path
    assert "og:" not in (built_site / "en/instruments/decision-203-2005/index.html").read_text(encoding="utf-8")


def test_the_404_page_says_so_in_the_default_language_and_leads_on(public_site):
    page = (public_site / "404.html").read_text(encoding="utf-8")
    assert "<title>Səhifə tapılmadı - " in page and "<h1>Səhifə tapılmadı</h1>" in page and "Not found" not in page
    assert (
        '<a href="https://example.org/lawref/instruments/">' in page
        and '<a href="https://example.org/lawref/cite/">' in page
    )


def test_an_act_page_says_when_it_was_last_checked_and_how_to_report_an_error(public_site, built_site, real_corpus):
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    from victimlaw.labels import Labels

    for lang in LANGUAGES:
        t = Labels(lang)
        for inst in real_corpus.instruments:
            rel = f"{PREFIX[lang]}instruments/{inst.id}/index.html"
            page = (public_site / rel).read_text(encoding="utf-8")
            checked = t.date(inst.checked) if inst.checked else t.ui["checked_none"]
            assert f"<dt>{t.ui['checked']}</dt>\n<dd>{checked}</dd>" in page, rel
            link = unescape(re.search(r'<p class="report-error"><a href="([^"]+)"', page).group(1))
            parts = urlsplit(link)
            assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/example/lawref/issues/new"
            fields = parse_qs(parts.query)
            assert inst.name(lang) in fields["title"][0]
            assert f"https://example.org/lawref/{rel.removesuffix('index.html')}" in fields["body"][0]
            assert inst.id in fields["body"][0]
    assert 'class="report-error"' not in (built_site / "instruments/decision-203-2005/index.html").read_text(
        encoding="utf-8"
    )


def test_the_projects_scripts_are_minified(built_site):
    from victimlaw.sitefiles import BROWSER_SCRIPTS

    for path, source in BROWSER_SCRIPTS.items():
        served, original = (built_site / path).read_text(encoding="utf-8"), source.read_text(encoding="utf-8")
        assert len(served) < 0.8 * len(original) and "\n  " not in served and "// " not in served, path


def test_every_public_page_has_its_social_preview_card(public_site):
    """og:image: a 1200 x 630 PNG drawn at build time beside every page (victimlaw.cards), none elsewhere."""
    from PIL import Image

    pages = [p for p in public_site.rglob("index.html") if 'property="og:image"' in p.read_text(encoding="utf-8")]
    assert len(pages) > 150
    for page in pages:
        with Image.open(page.parent / "card.png") as card:
            assert (card.format, card.size) == ("PNG", (1200, 630)), page
    assert len(list(public_site.rglob("card.png"))) == len(pages)
