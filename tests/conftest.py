"""Shared fixtures: a tiny valid corpus to break in tests, and one build of the real site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.screenshots import CHROMIUM_ARGS  # the browser as `make screenshots` launches it
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
      - international: [{instrument: treaty-three}]
        national: [{instrument: decision-two}]
        basis: treaty-text
        correspondence: partly
        note: {az: "Qeyd.", en: "Note.", ru: "Примечание."}
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


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The copy for file:// use, as `make offline` builds it."""
    return build_site(tmp_path_factory.mktemp("offline") / "site-offline", VICTIMLAW_OFFLINE="true")


@pytest.fixture(scope="session")
def public_site(tmp_path_factory) -> Path:
    """The site built with its public address, as the README's public command builds it."""
    return build_site(
        tmp_path_factory.mktemp("public") / "site",
        VICTIMLAW_SITE_URL="https://example.org/lawref/",
        VICTIMLAW_REPO_URL="https://github.com/example/lawref",
    )
