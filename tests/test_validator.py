"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar, the W3C validator's engine), whoever's
template produced it: the public build (head alternates, Open Graph, forwarding pages) and the offline copy."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # pinned in package.json


def validate(*paths) -> list[str]:
    java = shutil.which("java")
    assert java, "java is missing: `make test` installs it (default-jre-headless)"
    assert VNU.exists(), "vnu.jar is missing: `make test` installs it (npm ci)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr)["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages]


def test_the_checker_finds_an_error(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title><label for="nothing">x</label></html>')
    assert len(validate(page)) == 1


@pytest.mark.parametrize("site_fixture", ["public_site", "offline_site"])
def test_every_page_is_valid_html(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    assert validate(site) == []
