"""The plugin's events run in-process, as static-i18n's own tests run theirs: what a real build would add
nothing to (a build's state made and dropped, a failed build leaving nothing behind)."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from victimlaw.sitefiles import PENDING


@pytest.fixture
def config(tmp_path: Path):
    from tools.bench import project_copy

    config = load_config(str(project_copy(tmp_path / "project")), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["victimlaw"]
    plugin.on_startup(command="build", dirty=False)
    return config.plugins.on_config(config)


def test_a_failed_build_leaves_neither_its_site_nor_its_files_behind(config, tmp_path):
    plugin = config.plugins["victimlaw"]
    staging = Path(config.site_dir)
    assert staging.name.startswith(".site.building-")  # the site is made beside site/, then swapped in
    config.plugins.on_pre_build(config=config)
    build = plugin.build
    assert build is not None and [language.lang for language in build.languages] == ["az"]
    staging.mkdir(parents=True, exist_ok=True)
    (staging / PENDING / "data").mkdir(parents=True)  # as a worker writes the files besides the pages
    (staging / PENDING / "data" / "instruments.json").write_text("{}", encoding="utf-8")
    plugin.on_build_error(error=PluginError("a page failed"))
    assert plugin.build is None and plugin.output is None
    assert not staging.exists() and not (tmp_path / "site").exists()
    plugin.on_shutdown()  # nothing left to swap in
    assert not (tmp_path / "site").exists()


def test_an_event_outside_a_build_is_refused(config):
    plugin = config.plugins["victimlaw"]
    with pytest.raises(AssertionError, match="outside a build"):
        plugin.on_page_markdown("", page=None, config=config, files=None)


def test_the_files_besides_the_pages_join_the_site_without_replacing_its_folders(real_corpus, tmp_path):
    from victimlaw.pages import Site
    from victimlaw.sitefiles import SiteFiles
    from victimlaw.workers import Workers

    site_root = tmp_path / "site"
    (site_root / "en" / "instruments").mkdir(parents=True)  # as mkdocs has built the English pages
    (site_root / "en" / "instruments" / "index.html").write_text("page", encoding="utf-8")
    files = SiteFiles(Workers(Site(real_corpus, True, None, None), 0), site_root)
    files.place()
    assert not (site_root / PENDING).exists()
    assert (site_root / "en" / "instruments" / "index.html").read_text(encoding="utf-8") == "page"
    for path in ("data/instruments.json", "data/datapackage.json", "search/words.js", "cite/cite-data.js"):
        assert (site_root / path).is_file(), path
    assert (site_root / "en" / "cite" / "cite-data.js").is_file()
    assert 'http-equiv="refresh"' in (site_root / "ru" / "cets" / "197" / "art" / "12" / "index.html").read_text(
        encoding="utf-8"
    )


def test_an_earlier_builds_previous_site_is_deleted_in_the_background(tmp_path):
    """A build started while an earlier one's old site is still being deleted does not wait for it, and never
    takes its name (pids are reused)."""
    import time

    from victimlaw.output import SiteOutput

    site = tmp_path / "site"
    site.mkdir()
    old = tmp_path / ".site.previous-999999"
    (old / "a" / "b").mkdir(parents=True)
    (old / "a" / "b" / "index.html").write_text("old", encoding="utf-8")
    SiteOutput(site)
    assert not old.exists()  # renamed at once, then deleted by a process of its own
    deadline = time.monotonic() + 30
    while any(p.name.startswith(".site.") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
