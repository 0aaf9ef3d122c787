"""`make screenshots`' report (report.txt) and contact sheet (index.html), from the shots taken
(tools/screenshots.py): for each, what the browser reported, and the picture, or the print view's sheets."""

from __future__ import annotations

import html
import re
from collections import Counter
from typing import TYPE_CHECKING

from .printview import PRINT

if TYPE_CHECKING:
    from .screenshots import Shot

LOCATION = re.compile(r" \[[^\]]*\]$")  # where a console message came from
URL = re.compile(r"(?:file|https?)://[^\s\]\)'\"]*/([^/\s\]\)'\"]*)")


def recurring(shots: list[Shot]) -> list[tuple[str, int]]:
    """What several shots report alike, addresses reduced to their last part (…/sitemap.xml)."""
    counts: Counter[str] = Counter()
    for s in shots:
        found = (
            {f"console error: {t}" for t in s.console_errors}
            | {f"failed request: {t}" for t in s.failed_requests}
            | {f"response: {t}" for t in s.bad_responses}
        )
        counts.update({URL.sub(r"…/\1", LOCATION.sub("", text)) for text in found})
    return [(text, n) for text, n in counts.most_common() if n > 1]


def report_text(shots: list[Shot], seconds: float, max_height: int) -> str:
    troubled = [s for s in shots if s.issues]
    lines = [
        f"{len(shots)} shots in {seconds:.0f} s; {len(troubled)} with something to look at.",
        "Served pages came from a loopback server (addresses below start at its root); the others were opened "
        "from the offline copy (addresses relative to site-offline/).",
        f"Full pages taller than {max_height} px are cut at {max_height} px (marked 'cut'). The print view is each "
        "page printed to PDF on A4 and its sheets drawn as PNGs (tools/printview.py).",
        "",
    ]
    again = recurring(shots)
    if again:
        lines.append("Seen on several shots (addresses shortened to their last part):")
        lines += [f"  {n:4d} of {len(shots)}: {text}" for text, n in again]
        lines.append("")
    overflowing = [s for s in shots if s.overflow]
    if overflowing:
        lines.append("Horizontal overflow:")
        lines += [
            f"  {s.mode}/{s.lang}/{s.view}/{s.kind}: {s.overflow} px; " + ", ".join(s.culprits[:2]) for s in overflowing
        ]
        lines.append("")
    if troubled:
        lines.append("Summary:")
        lines += [f"  {s.mode}/{s.lang}/{s.view}/{s.kind}: {'; '.join(s.issues)}" for s in troubled]
        lines.append("")
    for s in shots:
        lines.append(f"== {s.mode}/{s.lang}/{s.view}/{s.kind}  {s.where}")
        lines.append(
            f"   title: {s.title!r}  lang={s.lang_attr!r}"
            + (f"  height {s.height} px" if s.height else "")
            + ("  (cut)" if s.cut else "")
            + (f"  -> {s.file}" if s.file else "  (no picture)")
        )
        lines += [f"   note: {note}" for note in s.notes]
        lines += [f"   console error: {text}" for text in s.console_errors]
        lines += [f"   failed request: {text}" for text in s.failed_requests]
        lines += [f"   response: {text}" for text in s.bad_responses]
        if s.overflow:
            lines.append(f"   horizontal overflow: scrollWidth exceeds innerWidth ({s.width}) by {s.overflow} px")
            lines += [f"     overflowing: {c}" for c in s.culprits]
        if not (s.console_errors or s.failed_requests or s.bad_responses or s.overflow):
            lines.append("   clean")
    return "\n".join(lines) + "\n"


def contact_sheet(shots: list[Shot], kinds: list[str], langs: list[str], widths: list[int], modes: list[str]) -> str:
    esc = html.escape
    views = [*widths, *({s.width for s in shots} - set(widths))]  # the print view after the widths
    columns = [(m, w) for m in modes for w in views]
    by_key = {(s.mode, s.lang, s.width, s.kind): s for s in shots}

    parts = [
        "<!doctype html><html lang='en'><meta charset='utf-8'><title>Screenshots</title>",
        "<style>body{font:14px system-ui,sans-serif;margin:1rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}"
        "td div{width:220px;max-height:320px;overflow:hidden}img{width:220px;display:block}"
        ".bad{color:#b00020}.ok{color:#2e7d32}nav a{margin-right:1em}</style>",
        "<h1>Screenshots</h1><p>Click a picture for the full size; details in <a href='report.txt'>report.txt</a>.</p>",
        "<nav>" + "".join(f"<a href='#{lang}'>{lang}</a>" for lang in langs) + "</nav>",
    ]
    for lang in langs:
        parts.append(
            f"<h2 id='{lang}'>{lang}</h2><table><tr><th>kind</th>"
            + "".join(f"<th>{m} {'print (A4)' if w == PRINT else f'{w}px'}</th>" for m, w in columns)
            + "</tr>"
        )
        for kind in kinds:
            parts.append(f"<tr><th>{esc(kind)}</th>")
            for mode, width in columns:
                s = by_key.get((mode, lang, width, kind))
                if s is None:
                    parts.append("<td></td>")
                    continue
                picture = (
                    f"<a href='{esc(s.file)}'><div><img loading='lazy' src='{esc(s.file)}' alt=''></div></a>"
                    if s.file
                    else "<div>(no picture)</div>"
                )
                status = (
                    f"<span class='bad'>{esc('; '.join(s.issues))}</span>"
                    if s.issues
                    else "<span class='ok'>clean</span>"
                )
                sheets = " ".join(f"<a href='{esc(f)}'>{n}</a>" for n, f in enumerate(s.sheets, 1))
                pdf = s.sheets[0].rsplit("-", 1)[0] + ".pdf" if s.sheets else ""  # <kind>-1.png: <kind>.pdf
                sheets = f"<br>sheets {sheets} · <a href='{esc(pdf)}'>PDF</a>" if s.sheets else ""
                parts.append(
                    f"<td>{picture}<small>{esc(s.where)}</small>{' (cut)' if s.cut else ''}{sheets}<br>{status}</td>"
                )
            parts.append("</tr>")
        parts.append("</table>")
    return "\n".join(parts) + "\n"
