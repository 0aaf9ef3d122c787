"""The Nu HTML Checker (vnu.jar, the W3C validator's engine) over both builds in one Java run, started in the
background as soon as both exist so that it runs beside the browser tests (test_validator.py reads it)."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # pinned in package.json
# A page with exactly one error, checked in the same run: the checker does find mistakes.
BROKEN_PAGE = '<!doctype html><html lang="en"><title>x</title><label for="nothing">x</label></html>'
SITES = ("public_site", "offline_site")
STARTED = pytest.StashKey["dict[str, object]"]()


class Check:
    """One `java -jar vnu.jar` over the named folders and the broken page; its messages per folder."""

    def __init__(self, roots: dict[str, Path]):
        java = shutil.which("java")
        assert java, "java is missing: `make test` installs it (default-jre-headless)"
        assert VNU.exists(), "vnu.jar is missing: `make test` installs it (npm ci)"
        self.folder = Path(tempfile.mkdtemp(prefix="htmlcheck-"))
        (self.folder / "broken").mkdir()
        (self.folder / "broken" / "page.html").write_text(BROKEN_PAGE, encoding="utf-8")
        self.roots = {**roots, "broken": self.folder / "broken"}
        self.log = (self.folder / "vnu.json").open("w+", encoding="utf-8")
        self.process = subprocess.Popen(
            [
                java,
                "-jar",
                str(VNU),
                "--errors-only",
                "--format",
                "json",
                "--skip-non-html",
                *map(str, self.roots.values()),
            ],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        self._messages: dict[str, list[str]] | None = None

    def messages(self, name: str) -> list[str]:
        """The errors in the folder `name` ("public_site", "offline_site", "broken"), once the run has ended."""
        if self._messages is None:
            self.process.wait()
            self.log.seek(0)
            found: dict[str, list[str]] = {key: [] for key in self.roots}
            for m in json.loads(self.log.read())["messages"]:
                url = m.get("url", "")
                line = f"{url}:{m.get('lastLine', '')}: {m['message']}"
                path = Path(unquote(urlsplit(url).path))
                owner = next((key for key, root in self.roots.items() if path.is_relative_to(root)), None)
                assert owner is not None, line  # a message about no file of the run: shown, never dropped
                found[owner].append(line)
            self.log.close()
            shutil.rmtree(self.folder, ignore_errors=True)
            self._messages = found
        return self._messages[name]


def start_when_built(request: pytest.FixtureRequest, name: str, site: Path, force: bool = False) -> Check | None:
    """Note a finished build; once both are, start the check if a selected test needs it (or `force`)."""
    state = request.config.stash.setdefault(STARTED, {})
    state[name] = site
    if "check" not in state and all(key in state for key in SITES):
        wanted = force or any(item.get_closest_marker("htmlcheck") for item in request.session.items)
        usable = shutil.which("java") and VNU.exists()  # else the test that needs it says what is missing
        if wanted and (usable or force):
            state["check"] = Check({key: state[key] for key in SITES})  # type: ignore[misc]
    return state.get("check")  # type: ignore[return-value]
