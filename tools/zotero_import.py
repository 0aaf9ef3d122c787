"""`make zotero`: every act page, in every language, saved to Zotero by Zotero's own code.

Builds the public site with the address of a local server (as `make audit` does), runs zotero/translation-server
(zotero_server.py: pinned, fetched, not part of the project) on 127.0.0.1, posts each act page's address to its
/web endpoint, as the Zotero Connector does, and compares the item with the record: item type, title, date,
number (or a treaty series' code and number), the issuing body as one name, the whole purpose as abstract, and
the official title as "original-title:" in Extra where the page's title is a translation. Writes
<out>/zotero.json (every item) and exits 1 on any difference.

Usage: python -m tools.zotero_import [--out audit-results] [--langs az en]
"""

from __future__ import annotations

import argparse
import http.server
import json
import socket
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

from victimlaw import LANGUAGES, paths
from victimlaw.exports import citations, zotero
from victimlaw.labels import Labels
from victimlaw.layout import act_path, page_url
from victimlaw.model.corpus import Instrument, load_corpus

from .audit import HostHandler, public_build
from .zotero_server import install, translation_server

# Where Zotero files the title, date and number of each item type (zotero-schema: a statute's are its own).
FIELDS = {
    "statute": ("nameOfAct", "dateEnacted", "publicLawNumber"),
    "report": ("title", "date", "reportNumber"),
    "book": ("title", "date", None),
}


def expected(inst: Instrument, t: Labels) -> dict:
    """The Zotero item the act page should give, in the fields of the translation server's answer."""
    c = citations.fields(inst, t)
    kind = zotero.ZOTERO_TYPES[citations.csl_type(inst)]
    title, date, number = FIELDS[kind]
    item: dict = {"itemType": kind, title: c["title"], "abstractNote": citations.one_line(inst.purpose[t.lang])}
    if c["ris_date"]:
        item[date] = c["ris_date"]
    for name, value in zotero.series_fields(inst):
        field = name.removeprefix("z:")
        item[number if field == "citation_technical_report_number" else field] = value
    item.pop(None, None)  # a book has no number field
    item["creators"] = [{"name": c["authority"], "creatorType": "author"}] if c["authority"] else []
    original = zotero.original_title(inst, t.lang)
    item["original-title"] = original
    return item


def differences(want: dict, got: dict) -> list[str]:
    found = []
    extra = got.get("extra", "")
    lines = [line.removeprefix("original-title: ") for line in extra.splitlines() if line.startswith("original-title:")]
    if lines != ([want["original-title"]] if want["original-title"] else []):
        found.append(f"extra: {extra!r}, expected original-title {want['original-title']!r}")
    for field, value in want.items():
        if field != "original-title" and got.get(field) != value:
            found.append(f"{field}: {got.get(field)!r}, expected {value!r}")
    return found


def translate(server: str, url: str) -> dict:
    request = urllib.request.Request(
        urljoin(server, "web"), data=url.encode(), headers={"Content-Type": "text/plain"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        items = json.loads(answer.read())
    if len(items) != 1:
        raise ValueError(f"{len(items)} items")
    return items[0]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=paths.PROJECT / "audit-results")
    parser.add_argument("--langs", nargs="+", default=list(LANGUAGES))
    args = parser.parse_args(argv)
    install()
    corpus = load_corpus(paths.PROJECT / "data" / "instruments.yaml")
    host = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HostHandler)
    base = f"http://127.0.0.1:{host.server_address[1]}/"
    report, failures = [], 0
    with tempfile.TemporaryDirectory(prefix="victimlaw-zotero-") as tmp:
        site = public_build(Path(tmp), base)
        host.RequestHandlerClass = lambda *a, **k: HostHandler(*a, directory=str(site), **k)
        threading.Thread(target=host.serve_forever, daemon=True).start()
        try:
            with translation_server(free_port()) as server:
                for lang in args.langs:
                    t = Labels(lang)
                    for inst in corpus.by_id.values():
                        url = base + page_url(lang, act_path(inst), True)
                        try:
                            item = translate(server, url)
                            found = differences(expected(inst, t), item)
                        except (OSError, ValueError) as error:
                            item, found = {}, [f"no item: {error}"]
                        failures += bool(found)
                        report.append({"id": inst.id, "lang": lang, "url": url, "item": item, "differences": found})
                        print(f"{lang} {inst.id}: {'; '.join(found) or 'ok'}", file=sys.stderr, flush=True)
        finally:
            host.shutdown()
            host.server_close()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "zotero.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Zotero: {len(report) - failures} of {len(report)} act pages import as their records say", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
