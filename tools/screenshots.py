"""`make screenshots`: every kind of page as a reader sees it, for a reviewer to look at.

Builds the public site (directory URLs) and the offline copy (file:// pages ending in .html) in a temporary
folder, from a copy of the project's pages (nothing is written into the repository but the screenshots), serves
the public one on 127.0.0.1 (a free port) and takes full-page PNGs in Debian's chromium through Playwright: each
kind of page in each language at each width, served and opened from disk. The search is shot as the screen shows
it, the box focused and its results open (on a phone, the whole screen).

Writes <out>/{served|file}/<lang>/<width>/<kind>.png, the print view of some kinds (each printed to PDF on A4,
its sheets drawn as PNGs: <out>/{served|file}/<lang>/print/<kind>.pdf and <kind>-<n>.png, tools/printview.py),
<out>/index.html (a contact sheet) and <out>/report.txt (per shot: console errors, failed requests, responses >=
400, horizontal overflow, a sheet ending with a heading; tools/shotsheet.py). What the report lists never fails
the run; a failed build or a missing chromium does.

Usage: python -m tools.screenshots [--out screenshots] [--kinds home search ...] [--langs az en]
       [--widths 1366 390] [--modes served file] [--print-kinds catalogue ...] [--site DIR]
       [--offline-site DIR] [--jobs 2] [--max-height 6000]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from victimlaw import LANGUAGES, language_folder
from victimlaw.paths import PROJECT

from . import printview
from .bench import project_copy
from .printview import PRINT
from .shotsheet import contact_sheet, report_text

# Debian's chromium headless, as the browser tests launch it too (tests/conftest.py).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = (1366, 390)
HEIGHTS = {390: 844}  # the viewport's height for a width; 900 otherwise
MODES = ("served", "file")
MISSING = "no-such-page/"  # the served address of the 404 shot, under each language's prefix

# What the site search is given on each language's home page.
SEARCH_QUERY = {"az": "203", "en": "shelter", "ru": "жертва"}
CITE_QUERY = "203"


@dataclass(frozen=True)
class Kind:
    name: str
    path: str  # the served address under the language's prefix, directory URLs ("" is the home page)
    query: str = ""  # appended to the address, served or from disk
    wait_for: str = ""  # a selector that shows the page has done its work
    screen: bool = False  # the screen a reader sees (the search's open panel), not the full page


KINDS = [
    Kind("home", ""),
    Kind("about", "about/"),
    Kind("catalogue", "instruments/"),
    Kind("instrument-decision-203-2005", "instruments/decision-203-2005/"),
    Kind("instrument-coe-cets-197", "instruments/coe-cets-197/"),
    Kind("provision-coe-cets-197-art-12", "provisions/coe-cets-197/art-12/"),
    Kind("monitoring", "monitoring/"),
    Kind("theme", "themes/victim-definition/"),
    Kind("themes", "themes/"),
    Kind("matrix", "themes/matrix/"),
    Kind("timeline", "timeline/", wait_for=".relations-picture svg"),
    Kind("references", "references/"),
    Kind("cite", "cite/", query=f"?cite={CITE_QUERY}", wait_for=".citation-results li, [data-lookup-none]:visible"),
    Kind("search", "", wait_for=".site-search__results p", screen=True),
    Kind("404", MISSING),
]
# More pages of a kind above, for a reviewer's eye (a national code's history, a monitor's report): `make
# screenshots` takes them too; the tests' sweeps visit KINDS alone, one page of each kind.
SAMPLES = [
    Kind("instrument-criminal-code", "instruments/criminal-code/"),
    Kind("report-ilo-ceacr-2015", "instruments/ilo-ceacr-c029-azerbaijan-2015/"),
]
KIND_NAMES = [k.name for k in KINDS]

# The first overflowing elements that are not inside a scrolling (or clipping) box: what makes the page wider.
OVERFLOW_JS = """() => {
  const width = window.innerWidth, found = [];
  const contained = el => {
    for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement)
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].slice(0, 2).map(c => '.' + c).join('');
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1 || contained(el)) continue;
    const parent = el.parentElement && el.parentElement.getBoundingClientRect();
    if (parent && parent.right > width + 1 && el.parentElement !== document.body) continue;
    if (getComputedStyle(el).position === 'fixed') continue;
    found.push(name(el) + ' (right edge at ' + Math.round(box.right) + ' px)');
    if (found.length >= 5) break;
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width,
          scrollHeight: document.documentElement.scrollHeight, culprits: found,
          lang: document.documentElement.lang, title: document.title};
}"""


@dataclass
class Shot:
    mode: str
    lang: str
    width: int
    kind: str
    url: str = ""
    where: str = ""  # the address without the server or the temporary folder: /en/cite/?cite=203, en/about.html
    file: str = ""  # relative to the output folder
    notes: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    overflow: int = 0  # scrollWidth - innerWidth, when positive
    culprits: list[str] = field(default_factory=list)
    height: int = 0
    cut: bool = False
    lang_attr: str = ""
    title: str = ""
    seconds: float = 0.0
    sheets: list[str] = field(default_factory=list)  # a print view's sheets, relative to the output folder

    @property
    def view(self) -> str:
        """The folder of the shot's width, or "print"."""
        return "print" if self.width == PRINT else str(self.width)

    @property
    def faults(self) -> list[str]:
        """What went wrong, one line each, as the browser reported it."""
        return [
            *(f"console error: {text}" for text in self.console_errors),
            *(f"failed request: {text}" for text in self.failed_requests),
            *(f"response: {text}" for text in self.bad_responses),
            *(note for note in self.notes if note.startswith("did not see")),
        ]

    @property
    def issues(self) -> list[str]:
        found = []
        if self.console_errors:
            found.append(f"{len(self.console_errors)} console error(s)")
        if self.failed_requests:
            found.append(f"{len(self.failed_requests)} failed request(s)")
        if self.bad_responses:
            found.append(f"{len(self.bad_responses)} response(s) >= 400")
        if self.overflow > 0:
            found.append(f"overflows by {self.overflow} px")
        if self.lang_attr and self.lang_attr != self.lang:
            found.append(f'<html lang="{self.lang_attr}">')
        found += [note for note in self.notes if note.startswith("sheet ")]  # what reads badly on paper
        return found


def build(config: Path, site: Path, offline: bool) -> None:
    """`mkdocs build --strict`, as `make site` / `make offline`; a failure ends the run."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", VICTIMLAW_OFFLINE="true" if offline else "false")
    env.pop("VICTIMLAW_DATA", None)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"the {'offline' if offline else 'public'} build failed")
    print(
        f"built the {'offline copy' if offline else 'public site'} in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
        flush=True,
    )


def offline_file(root: Path, lang: str, kind: Kind) -> Path | None:
    """The offline copy's file for a kind of page (its layout: about.html, instruments/index.html,
    instruments/decision-203-2005.html); None for the 404 page, which the offline copy does not have (no server
    answers a missing file:// address with it)."""
    if kind.path == MISSING:
        return None
    folder = root / language_folder(lang) / kind.path
    for candidate in (folder / "index.html", folder.parent / (folder.name + ".html")):
        if kind.path and candidate.is_file():
            return candidate
    return folder / "index.html"  # the home page, or a missing page (the shot shows what chromium does)


def plan(
    modes: list[str], langs: list[str], widths: list[int], kinds: list[Kind], base: str, offline: Path | None
) -> list[tuple[Shot, Kind]]:
    """Every shot to take, with its address: under `base` when served, a file of `offline` otherwise."""
    work: list[tuple[Shot, Kind]] = []
    for mode in modes:
        for lang in langs:
            for width in widths:
                for kind in kinds:
                    shot = Shot(mode, lang, width, kind.name)
                    shot.file = f"{mode}/{lang}/{shot.view}/{kind.name}.png"
                    if mode == "served":
                        shot.url = base + language_folder(lang) + kind.path + kind.query
                        shot.where = "/" + shot.url[len(base) :]
                    else:
                        assert offline is not None
                        path = offline_file(offline, lang, kind)
                        if path is None:
                            continue
                        shot.url = path.as_uri() + kind.query
                        shot.where = path.relative_to(offline).as_posix() + kind.query
                    work.append((shot, kind))
    return work


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, and the site's own 404.html (status 404) for a missing address, as a static host does."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def listen(page: Any, shot: Shot, kind: Kind) -> None:
    """Record on the shot what the page does wrong: console errors, failed requests, responses >= 400 (but the
    404 page's own status)."""

    def console(msg: Any) -> None:
        where = msg.location.get("url", "")
        if msg.type == "error" and not (kind.name == "404" and where == shot.url and "404" in msg.text):
            shot.console_errors.append(f"{msg.text} [{where}]")

    def response(resp: Any) -> None:
        if resp.status >= 400:
            expected = kind.name == "404" and resp.url == shot.url
            shot.bad_responses.append(f"{resp.status} {resp.url}") if not expected else shot.notes.append(
                f"the document answered {resp.status}, as a missing page should"
            )

    page.on("console", console)
    page.on("pageerror", lambda error: shot.console_errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: shot.failed_requests.append(f"{request.url} ({request.failure})"))
    page.on("response", response)


def visit(page: Any, shot: Shot, kind: Kind) -> None:
    """Open the shot's address and let the page do its work (a search typed, a lookup answered)."""
    from playwright.sync_api import Error as PlaywrightError

    page.goto(shot.url, wait_until="load")
    if kind.name == "search":
        page.fill("#site-search-input", SEARCH_QUERY[shot.lang])
        shot.notes.append(f"search for {SEARCH_QUERY[shot.lang]!r}")
    elif kind.query:
        shot.notes.append(f"address query {kind.query}")
    if kind.wait_for:
        try:
            page.locator(kind.wait_for).first.wait_for(state="visible", timeout=10000)
        except PlaywrightError:
            shot.notes.append(f"did not see {kind.wait_for!r} within 10 s")
    page.evaluate(
        "document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))"
    )


def take(browser: Any, shot: Shot, kind: Kind, out: Path, max_height: int) -> None:
    from playwright.sync_api import Error as PlaywrightError

    started = time.perf_counter()
    width = shot.width or WIDTHS[0]  # a print view is laid out on its sheets, whatever the window
    context = browser.new_context(viewport={"width": width, "height": HEIGHTS.get(width, 900)})
    page = context.new_page()
    page.set_default_timeout(15000)
    listen(page, shot, kind)
    try:
        visit(page, shot, kind)
        page.wait_for_timeout(150)
        if shot.width == PRINT:
            files, notes = printview.take(page, (out / shot.file).with_suffix(""))
            shot.sheets = [file.relative_to(out).as_posix() for file in files]
            shot.file, shot.notes = shot.sheets[0], shot.notes + notes
            shot.title, shot.lang_attr = page.title(), page.evaluate("document.documentElement.lang")
            return
        facts = page.evaluate(OVERFLOW_JS)
        shot.overflow = max(0, facts["scrollWidth"] - facts["innerWidth"])
        shot.culprits = facts["culprits"] if shot.overflow else []
        shot.height, shot.lang_attr, shot.title = facts["scrollHeight"], facts["lang"], facts["title"]
        target = out / shot.file
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind.screen:
            page.screenshot(path=str(target), animations="disabled")
        elif shot.height > max_height:
            shot.cut = True
            page.screenshot(
                path=str(target),
                full_page=True,
                animations="disabled",
                clip={"x": 0, "y": 0, "width": shot.width, "height": max_height},
            )
        else:
            page.screenshot(path=str(target), full_page=True, animations="disabled")
    except PlaywrightError as error:
        shot.notes.append(f"could not take the shot: {str(error).splitlines()[0]}")
        shot.file = ""
    finally:
        context.close()
        shot.seconds = time.perf_counter() - started


def take_all(chromium: str, work: list[tuple[Shot, Kind]], out: Path, max_height: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for shot, kind in work:
            take(browser, shot, kind, out, max_height)
            print(
                f"  {shot.file}  {shot.seconds:.1f} s  {'; '.join(shot.issues) or 'clean'}", file=sys.stderr, flush=True
            )
        browser.close()


def prepare_out(out: Path) -> None:
    """Remove a previous run's output (only if it holds nothing else)."""
    ours = {"served", "file", "index.html", "report.txt"}
    if out.is_dir() and any(out.iterdir()) and {p.name for p in out.iterdir()} <= ours:
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def run(args: argparse.Namespace) -> int:
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print(
            "chromium is missing: sudo apt-get install chromium (`make screenshots` installs it as root)",
            file=sys.stderr,
        )
        return 1
    started = time.perf_counter()
    kinds = [k for k in KINDS + SAMPLES if k.name in args.kinds]
    with tempfile.TemporaryDirectory(prefix="victimlaw-shots-") as tmp:
        site, offline = args.site, args.offline_site
        if (site is None and "served" in args.modes) or (offline is None and "file" in args.modes):
            config = project_copy(Path(tmp) / "project")
            if site is None and "served" in args.modes:
                site = Path(tmp) / "site"
                build(config, site, offline=False)
            if offline is None and "file" in args.modes:
                offline = Path(tmp) / "site-offline"
                build(config, offline, offline=True)
        prepare_out(args.out)
        with serve(site or Path(tmp)) as base:
            work = plan(args.modes, args.langs, args.widths, kinds, base, offline)
            printed = [k for k in kinds if k.name in args.print_kinds]
            work += plan(args.modes, args.langs, [PRINT], printed, base, offline)
            # Playwright's sync API is one instance per thread: each worker drives its own chromium.
            workers = [
                threading.Thread(target=take_all, args=(chromium, work[n :: args.jobs], args.out, args.max_height))
                for n in range(max(1, args.jobs))
            ]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            shots = [shot for shot, _ in work]
    seconds = time.perf_counter() - started
    (args.out / "report.txt").write_text(report_text(shots, seconds, args.max_height), encoding="utf-8")
    (args.out / "index.html").write_text(
        contact_sheet(shots, [k.name for k in kinds], args.langs, args.widths, args.modes), encoding="utf-8"
    )
    print(f"{len(shots)} shots in {seconds:.0f} s: {args.out / 'index.html'}, {args.out / 'report.txt'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)

    def choices(values: list[Any]) -> dict[str, Any]:
        return {"nargs": "+", "choices": values, "default": values}

    parser.add_argument("--out", type=Path, default=PROJECT / "screenshots")
    every = KIND_NAMES + [k.name for k in SAMPLES]
    parser.add_argument("--kinds", nargs="+", choices=every, default=every)
    parser.add_argument("--langs", **choices(list(LANGUAGES)))
    parser.add_argument("--widths", type=int, nargs="+", default=list(WIDTHS))
    parser.add_argument("--modes", **choices(list(MODES)))
    parser.add_argument(
        "--print-kinds",
        nargs="*",
        choices=every,
        default=list(printview.KINDS),
        help="the kinds (of those of --kinds) also printed to PDF on A4, their sheets drawn as PNGs; none: no print view",
    )
    parser.add_argument("--site", type=Path, help="an existing public build to use (e.g. site/ from `make site`)")
    parser.add_argument("--offline-site", type=Path, help="an existing offline build (e.g. site-offline/)")
    parser.add_argument("--jobs", type=int, default=2, help="chromium instances working side by side")
    parser.add_argument("--max-height", type=int, default=6000, help="full pages are cut at this height (px)")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
