"""`make audit`: Lighthouse's scores for every kind of page, in each language, on a desktop and a phone.

Builds the public site in a temporary folder with the address of a local server as its public address, serves
it as a static host does (compressed text, cache headers, the site's 404.html for a missing address) and runs
Lighthouse (audit/package.json, pinned) with Debian's chromium over each kind of page of `make screenshots`
(screenshots.KINDS) in each language, in Lighthouse's desktop and mobile settings. Prints a Markdown table of
the scores (performance, accessibility, best practices, SEO), the lowest first, and the audits that cost
points; writes the whole to <out>/report.md and each run's JSON beside it.

Usage: python -m tools.audit [--out audit-results] [--kinds home catalogue ...] [--langs az en]
       [--forms desktop mobile]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from victimlaw import LANGUAGES, language_folder
from victimlaw.paths import PROJECT

from .bench import project_copy
from .screenshots import CHROMIUM_ARGS, KINDS, Handler

LIGHTHOUSE = PROJECT / "audit" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORMS = ("desktop", "mobile")
COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
# As a static host caches: pages are checked again soon, assets named by their content (Material's) for a year.
CACHE = {"html": "max-age=600", "asset": "max-age=31536000"}


class HostHandler(Handler):
    """Static files as a host serves them: gzip for text when the browser accepts it, and cache headers."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            super().do_GET()  # a missing file: the site's 404 page
            return
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        headers = {"Content-Type": kind + ("; charset=utf-8" if kind.startswith("text/") else "")}
        if kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, headers["Content-Encoding"] = gzip.compress(body, mtime=0), "gzip"
        headers["Cache-Control"] = CACHE["html" if path.suffix == ".html" else "asset"]
        self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass
class Run:
    kind: str
    lang: str
    form: str
    url: str
    scores: dict[str, int] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)  # the audits that cost points
    error: str = ""


def lighthouse(run: Run, out: Path, chromium: str) -> None:
    flags = " ".join([*CHROMIUM_ARGS, "--headless=new"])
    command = [
        str(LIGHTHOUSE),
        run.url,
        "--output=json",
        f"--output-path={out / f'{run.kind}-{run.lang}-{run.form}.json'}",
        "--quiet",
        f"--chrome-flags={flags}",
        f"--only-categories={','.join(CATEGORIES)}",
        *(["--preset=desktop"] if run.form == "desktop" else []),
    ]
    result = subprocess.run(command, env=dict(os.environ, CHROME_PATH=chromium), capture_output=True, text=True)
    if result.returncode:
        run.error = (result.stderr or result.stdout).strip().splitlines()[-1:][0] if result.stderr else "failed"
        return
    report = json.loads((out / f"{run.kind}-{run.lang}-{run.form}.json").read_text(encoding="utf-8"))
    for name in CATEGORIES:
        category = report["categories"][name]
        run.scores[name] = round(100 * (category["score"] or 0))
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                run.lost.append(f"{name}: {audit['id']} ({audit['score']:.2f})")


def table(runs: list[Run]) -> str:
    lines = [
        "| page | language | form | " + " | ".join(CATEGORIES) + " |",
        "| --- | --- | --- | " + " | ".join("---" for _ in CATEGORIES) + " |",
    ]
    for run in sorted(runs, key=lambda r: (min(r.scores.values(), default=-1), r.kind, r.lang, r.form)):
        scores = [str(run.scores.get(name, "—")) for name in CATEGORIES]
        lines.append(f"| {run.kind} | {run.lang} | {run.form} | " + " | ".join(scores) + " |")
    return "\n".join(lines)


def public_build(folder: Path, base: str) -> Path:
    """The public site built in `folder` with `base` as its public address; its folder."""
    config, site = project_copy(folder / "project"), folder / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", VICTIMLAW_SITE_URL=base)
    env.pop("VICTIMLAW_OFFLINE", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config), "--site-dir"]
    built = subprocess.run([*command, str(site)], env=env, capture_output=True, text=True)
    if built.returncode:
        sys.stderr.write(built.stdout + built.stderr)
        raise SystemExit("the public build failed")
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT / "audit-results")
    # every kind of page but the 404 page and the search (the home page's address, its query typed by a reader)
    default_kinds = [kind.name for kind in KINDS if kind.name not in ("404", "search")]
    parser.add_argument("--kinds", nargs="+", default=default_kinds)
    parser.add_argument("--langs", nargs="+", default=list(LANGUAGES))
    parser.add_argument("--forms", nargs="+", default=list(FORMS))
    args = parser.parse_args(argv)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not chromium:
        raise SystemExit("chromium is missing: run `make browser` (Debian's chromium)")
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"Lighthouse is missing: run `make audit` (it installs {LIGHTHOUSE.parent.parent.parent})")
    kinds = [kind for kind in KINDS if kind.name in args.kinds]
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HostHandler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="victimlaw-audit-") as tmp:
        site = public_build(Path(tmp), base)
        server.RequestHandlerClass = lambda *a, **k: HostHandler(*a, directory=str(site), **k)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            for kind in kinds:
                for lang in args.langs:
                    for form in args.forms:
                        run = Run(kind.name, lang, form, base + language_folder(lang) + kind.path + kind.query)
                        lighthouse(run, args.out, chromium)
                        runs.append(run)
                        print(
                            f"{run.kind} {run.lang} {run.form}: {run.scores or run.error}", file=sys.stderr, flush=True
                        )
        finally:
            server.shutdown()
            server.server_close()
    lost = sorted({item for run in runs for item in run.lost})
    report = table(runs) + "\n\nAudits that cost points:\n" + "\n".join(f"- {item}" for item in lost or ["none"])
    (args.out / "report.md").write_text(report + "\n", encoding="utf-8")
    print(report)
    return 0 if all(run.scores for run in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
