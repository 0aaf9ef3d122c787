"""Shared fixtures: a tiny valid corpus to break in tests, and one build of the real site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import htmlcheck
from tools.screenshots import CHROMIUM_ARGS, HEIGHTS, WIDTHS  # the browser as `make screenshots` has it
from victimlaw.paths import default_article

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
ARTICLE = default_article()

MINIMAL = """\
instruments:
  - id: law-one
    kind: law
    level: national
    issuer: milli-majlis
    date: 2005-06-28
    date_kind: adopted
    number: "1-IIQ"
    eqanun: 100
    title: {az: "Birinci qanun", en: "First law", ru: "Первый закон"}
    purpose: {az: "Qurbanları qoruyur.", en: "Protects victims.", ru: "Защищает жертв."}
    provisions:
      - id: art-1
        unit: article
        number: "1"
        summary: {az: "Anlayışlar.", en: "Definitions.", ru: "Понятия."}
        sources:
          - {type: article, ref: 1, passage: "some words"}
    sources:
      - {type: article, ref: 1, passage: "some words"}
  - id: decision-two
    kind: decision
    level: national
    issuer: cabinet-of-ministers
    date: 2006-01-12
    date_kind: adopted
    number: "8"
    eqanun: null
    title: {az: "İkinci qərar", en: "Second decision", ru: "Второе постановление"}
    purpose: {az: "Fond yaradır.", en: "Sets up a fund.", ru: "Создаёт фонд."}
    relations:
      - {type: implements, target: law-one, provision: art-1}
    sources:
      - {type: article, ref: null, passage: "other words"}
  - id: treaty-three
    kind: convention
    level: regional
    issuer: council-of-europe
    date: 2005-05-16
    date_kind: opened_for_signature
    number: "CETS No. 197"
    eqanun: null
    title: {az: "Üçüncü konvensiya", en: "Third convention", ru: "Третья конвенция"}
    purpose: {az: "Qurbanlara kömək.", en: "Helps victims.", ru: "Помогает жертвам."}
    provisions:
      - id: art-13
        unit: article
        number: "13"
        summary: {az: "Bərpa müddəti.", en: "Recovery period.", ru: "Период восстановления."}
        sources:
          - {type: official, url: "https://example.org/treaty-three/article-13", passage: "Article 13 – Recovery and reflection period", retrieved: 2026-11-28}
    sources:
      - {type: official, url: "https://example.org/treaty-three", passage: "Treaty Three, Article 13", retrieved: 2026-11-28}
"""

THEMES = """\
themes:
  - id: recovery
    title: {az: "Bərpa", en: "Recovery", ru: "Восстановление"}
    explanation: {az: "İzah.", en: "Explanation.", ru: "Пояснение."}
    mappings:
      - international: [{instrument: treaty-three, provision: art-13}]
        national: [{instrument: law-one, provision: art-1}]
        basis: article
        correspondence: partly
        evidence:
          - passage: "some words on the treaty and the law"
            names: {international: "the treaty", national: "the law"}
        note: {az: "Hər ikisi 30 gün.", en: "Both 30 days.", ru: "Оба 30 дней."}
        reason: {az: "Səbəb.", en: "Reason.", ru: "Причина."}
      - international: [{instrument: treaty-three}]
        national: [{instrument: decision-two}]
        basis: treaty-text
        correspondence: partly
        note: {az: "Qeyd.", en: "Note.", ru: "Примечание."}
        reason: {az: "Səbəb.", en: "Reason.", ru: "Причина."}
"""

REFERENCES = """\
article:
  author: {az: "A", en: "A", ru: "А"}
  title: {az: "Məqalə", en: "Article", ru: "Статья"}
  issue: "1"
  pages: "1-2"
  doi: "10.1/x"
references:
  - number: 1
    text: "Reference one."
    url: "https://e-qanun.az/framework/100"
"""


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A folder with a valid instruments.yaml and references.yaml."""
    (tmp_path / "instruments.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "references.yaml").write_text(REFERENCES, encoding="utf-8")
    return tmp_path


@pytest.fixture
def themed_dir(data_dir: Path) -> Path:
    """The tiny corpus with a themes.yaml beside it."""
    (data_dir / "themes.yaml").write_text(THEMES, encoding="utf-8")
    return data_dir


@pytest.fixture(scope="session")
def article_text() -> str:
    assert ARTICLE.exists(), f"the source article is missing: {ARTICLE} (set VICTIMLAW_ARTICLE)"
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def real_corpus():
    from victimlaw.model.corpus import load_corpus

    return load_corpus(DATA / "instruments.yaml")


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site on a loopback HTTP server; yields its base URL."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium; missing is a failure, not a skip (`make test` installs it)."""
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    assert chromium, (
        "chromium is not installed: run `make test` (it installs Debian's chromium) or apt-get install chromium"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def viewport(width: int) -> dict[str, int]:
    """The viewport `make screenshots` gives a width (a phone's is taller)."""
    return {"width": width, "height": HEIGHTS.get(width, 900)}


def overflowing_widths(page) -> list[int]:
    """The widths of the screenshots (desktop and phone) at which the page, as it stands, scrolls sideways.
    The site's layout is CSS alone (no script reads the width), so a resized page is laid out as one opened
    at that width; the viewport is given back as it was."""
    before = page.viewport_size
    wide = []
    for width in WIDTHS:
        page.set_viewport_size(viewport(width))
        if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            wide.append(width)
    page.set_viewport_size(before)
    return wide


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def run_build(
    site: Path, config: Path = ROOT / "mkdocs.yml", data: Path | None = None, **env_overrides
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `config` into `site`, from the real data unless `data`; failed or not."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env_overrides)
    env.pop("VICTIMLAW_DATA", None)
    if data is not None:
        env["VICTIMLAW_DATA"] = str(data)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def build_site(site: Path, **env_overrides) -> Path:
    """`mkdocs build --strict` of the real site into `site`; the log is kept beside it as build.log."""
    result = run_build(site, **env_overrides)
    (site.parent / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The public site (directory URLs), built once."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


PUBLIC_URL = "https://example.org/lawref/"


@pytest.fixture(scope="session")
def offline_site(request, tmp_path_factory) -> Path:
    """The copy for file:// use, as `make offline` builds it."""
    site = build_site(tmp_path_factory.mktemp("offline") / "site-offline", VICTIMLAW_OFFLINE="true")
    htmlcheck.start_when_built(request, "offline_site", site)
    return site


@pytest.fixture(scope="session")
def public_site(request, tmp_path_factory) -> Path:
    """The site built with its public address, as the README's public command builds it: the one public
    build of the session (the browser is shown it at that very address by `serve_at`)."""
    site = build_site(
        tmp_path_factory.mktemp("public") / "site",
        VICTIMLAW_SITE_URL=PUBLIC_URL,
        VICTIMLAW_REPO_URL="https://github.com/example/lawref",
    )
    htmlcheck.start_when_built(request, "public_site", site)
    return site


def serve_at(context, site: Path, base: str) -> None:
    """Answer every request of `context` under `base` from the files of `site`, as a static host does (a
    folder's index.html, the site's 404.html with status 404): a public build seen at the address it was
    built for, with no second build for a local address and no server."""
    from urllib.parse import unquote, urlsplit

    prefix = urlsplit(base).path

    def answer(route) -> None:
        path = urlsplit(route.request.url).path
        file = site / unquote(path[len(prefix) :])
        if file.is_dir() and not path.endswith("/"):
            route.fulfill(status=301, headers={"Location": path + "/"})
        elif (file := file / "index.html" if file.is_dir() else file).is_file():
            route.fulfill(status=200, path=file)
        else:
            route.fulfill(status=404, path=site / "404.html")

    context.route(base + "**", answer)


@pytest.fixture(scope="session")
def html_check(request, public_site, offline_site) -> htmlcheck.Check:
    """The Nu HTML checker's run over both builds (and its own test page), started in the background as soon
    as both builds exist (tests/htmlcheck.py) so that it runs beside the browser tests."""
    check = htmlcheck.start_when_built(request, "offline_site", offline_site, force=True)
    assert check is not None
    return check
