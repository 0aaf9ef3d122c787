"""`mkdocs serve`: an edit of any input shows at the next rebuild; new Python code restarts the server.

The served project has the tiny corpus of conftest.py (three acts), not the real one: each of the test's eight
builds then takes a fraction of the time, and what is tested (which edits start a rebuild, and show in it)
does not depend on the data's size."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import DATA, MINIMAL, REFERENCES, ROOT, THEMES

pytestmark = pytest.mark.slow

EDITED_CODE = """

_values = InstrumentPages.values


def _edited_values(self, page, t):
    return {**_values(self, page, t), "title": "[code edited]"}


InstrumentPages.values = _edited_values
"""


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def server(tmp_path):
    """`mkdocs serve` of a project copy whose package (a copy, first on the path) and data may be edited."""
    from tools.bench import project_copy

    package = tmp_path / "package" / "victimlaw"
    shutil.copytree(ROOT / "scripts" / "victimlaw", package, ignore=shutil.ignore_patterns("__pycache__"))
    data = tmp_path / "data"
    data.mkdir()
    for schema in DATA.glob("*.schema.json"):
        shutil.copy(schema, data)
    for name, text in (("instruments.yaml", MINIMAL), ("references.yaml", REFERENCES), ("themes.yaml", THEMES)):
        (data / name).write_text(text, encoding="utf-8")
    config = project_copy(tmp_path / "project")
    overrides = tmp_path / "overrides"  # the theme's templates, which the test edits too
    shutil.copytree(ROOT / "overrides", overrides)
    config.write_text(
        config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'overrides'}", f"custom_dir: {overrides}"),
        encoding="utf-8",
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        PYTHONPATH=str(package.parent),
        VICTIMLAW_DATA=str(data / "instruments.yaml"),
    )
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--config-file", str(config)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield f"http://127.0.0.1:{port}/", package, data, overrides, tmp_path / "serve.log"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_edits_of_labels_data_templates_and_code_show_at_the_next_rebuild(server):
    base, package, data, overrides, log = server
    page = base + "en/instruments/decision-two/"
    assert wait_for(page, "Key facts"), log.read_text()

    edit(package / "strings.yaml", 'en: "Key facts"', 'en: "Key facts, edited"')
    assert wait_for(page, "Key facts, edited"), log.read_text()

    edit(data / "instruments.yaml", 'number: "8"', 'number: "8-A"')
    assert wait_for(page, "8-A"), log.read_text()

    edit(
        package / "pages" / "templates" / "instrument.html.j2",
        "<p>{{ inst.purpose[lang] }}</p>",
        '<p class="purpose-edited">{{ inst.purpose[lang] }}</p>',
    )
    assert wait_for(page, "purpose-edited"), log.read_text()

    # a template of the theme, which every language's build compiles once (plugin.CompiledTemplates)
    edit(overrides / "main.html", "{% block extrahead %}", '{% block extrahead %}<meta name="edited-theme">')
    assert wait_for(page, '<meta name="edited-theme">'), log.read_text()
    assert wait_for(base + "ru/instruments/decision-two/", '<meta name="edited-theme">'), log.read_text()

    script = package / "search" / "search.js"
    edited = 'window.victimlawEdited = "edited while serving";'  # code: the site's copy is minified, comments go
    script.write_text(script.read_text(encoding="utf-8") + "\n" + edited + "\n", encoding="utf-8")
    assert wait_for(base + "assets/javascripts/search.js", '"edited while serving"'), log.read_text()

    # the rules for words fold the lookup's vocabulary (citation.yaml), which is made again when they change
    lookup = base + "ru/cite/cite-data.js"
    assert wait_for(lookup, '"часть"'), log.read_text()
    edit(package / "search" / "wordrules.yaml", 'letters: {"ё": "е"}', 'letters: {"ё": "е", "ч": "4"}')
    assert wait_for(lookup, '"4асть"'), log.read_text()

    kind = package / "pages" / "instrument.py"  # new code, appended so that it does not depend on the file's layout
    kind.write_text(kind.read_text(encoding="utf-8") + EDITED_CODE, encoding="utf-8")
    assert wait_for(page, "[code edited]"), log.read_text()
    assert "restarting `mkdocs serve`" in log.read_text()
