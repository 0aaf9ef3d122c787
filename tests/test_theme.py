"""The seam to Material (scripts/victimlaw/theme.py and overrides/): every override of one of Material's
templates says which file of which version it was made from, and that file is still as it was."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import material
import pytest

from conftest import ROOT
from victimlaw import theme

OVERRIDES = ROOT / "overrides"
MATERIAL = Path(material.__file__).parent / "templates"


def declarations() -> list[tuple[str, re.Match]]:
    """Each `Material <version> <file>[ blocks ...]: sha256 <digest>` of the overrides and of theme.py."""
    found = []
    for path in sorted(OVERRIDES.rglob("*.html")):
        found += [(str(path.relative_to(ROOT)), m) for m in theme.UPSTREAM.finditer(path.read_text(encoding="utf-8"))]
    found += [
        ("scripts/victimlaw/theme.py", m) for line in theme.UPSTREAM_PATCHES for m in theme.UPSTREAM.finditer(line)
    ]
    return found


def changed_under(templates: Path) -> list[str]:
    """The declarations whose Material file (or blocks) in `templates` is no longer what it was made from."""
    changed = []
    for where, m in declarations():
        blocks = [name.strip() for name in (m["blocks"] or "").split(",") if name.strip()]
        try:
            now = theme.upstream_digest(templates, m["file"], blocks)
        except (LookupError, FileNotFoundError) as exc:
            now = f"missing ({exc})"
        if now != m["digest"]:
            changed.append(f"{where}: {m.group()} -> now {now}, in Material {material.__version__}")
    return changed


def test_every_override_of_a_material_template_says_what_it_was_made_from():
    """An override in Material's place, or one that extends or includes Material's own, names that file."""
    unsaid = []
    for path in sorted(OVERRIDES.rglob("*.html")):
        name = path.relative_to(OVERRIDES).as_posix()
        text = path.read_text(encoding="utf-8")
        said = {m["file"] for m in theme.UPSTREAM.finditer(text)}
        if (MATERIAL / name).exists() and name not in said:
            unsaid.append(name)
        for included in re.findall(r'include "material/([\w./-]+)"', text):
            if included not in said:
                unsaid.append(f"{name} includes {included}")
        if '{% extends "base.html" %}' in text and "base.html" not in said:
            unsaid.append(f"{name} extends base.html")
    assert unsaid == []
    assert len(declarations()) >= 12


def test_materials_files_are_as_the_overrides_were_made_from():
    """When Material changes a file an override copies, extends or wraps, the override is to be looked at
    again (and its header's version and digest brought up to date)."""
    assert changed_under(MATERIAL) == []


def test_a_change_in_materials_file_is_noticed(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(MATERIAL, templates, ignore=shutil.ignore_patterns("assets", ".icons", "*.py*"))
    toc = templates / "partials" / "toc.html"
    toc.write_text(toc.read_text(encoding="utf-8").replace('for="__toc"', 'for="__toc" hidden'), encoding="utf-8")
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("{% block scripts %}", "{% block js %}"), "utf-8")
    changed = changed_under(templates)
    assert any(line.startswith("overrides/partials/toc.html") for line in changed)
    assert any(line.startswith("overrides/main.html") and "missing" in line for line in changed)


def test_the_toggles_patch_still_finds_materials_two_toggles():
    """base.html writes autocomplete="off" on its two checkboxes outside any block (theme.valid_toggles)."""
    source = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert len(theme.MATERIAL_TOGGLE.findall(source)) == 2
    patched = theme.valid_toggles(source)
    assert 'id="__drawer">' in patched and 'id="__search">' in patched


@pytest.mark.parametrize("site", ["built_site", "offline_site"])
def test_no_script_of_materials_is_copied_and_every_script_is_loaded(site, request):
    """Material's bundle, lunr and search worker are left out (no page loads them); the site's own are kept."""
    root = request.getfixturevalue(site)
    scripts = {p.relative_to(root).as_posix() for p in (root / "assets" / "javascripts").rglob("*") if p.is_file()}
    assert scripts and not any(re.search(r"bundle|lunr|workers/", name) for name in scripts)
    loaded = set()
    for page in root.rglob("*.html"):
        loaded |= set(re.findall(r'src="(?:\.\./)*(assets/javascripts/[^"?]+)', page.read_text(encoding="utf-8")))
    assert scripts == loaded
