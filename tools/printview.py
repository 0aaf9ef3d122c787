"""The print view of `make screenshots`: a page printed to PDF by chromium as its print dialog prints it (A4, the
page's print stylesheet, no background graphics), and each sheet drawn as a PNG by PDFium (pypdfium2), for a
reviewer to read the paper a reader gets. What reads badly on paper is noted: a sheet that ends with a heading (its
text comes on the next sheet), or a sheet that is not A4.

Writes, beside the screen's shots, <mode>/<lang>/print/<kind>.pdf and <kind>-<n>.png for sheet n.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# The kinds printed by default: an act (a treaty, a code), a provision, the catalogue and a theme.
KINDS = (
    "instrument-coe-cets-197",
    "instrument-criminal-code",
    "provision-coe-cets-197-art-12",
    "catalogue",
    "theme",
)
PRINT = 0  # the width a print view's shot is filed under (tools/screenshots.py): it is laid out on sheets
SCALE = 1.5  # PDF points to pixels: 108 dpi, an A4 sheet 893 x 1263 px, small text readable
A4_MM = (210, 297)
POINT_MM = 25.4 / 72
FOOTER_PT = 40  # the bottom margin (16 mm = 45 pt) holds the sheet's number, not the page's text

HEADINGS_JS = """() => [...document.querySelectorAll('article :is(h1, h2, h3, h4, h5, h6)')]
  .filter(h => h.offsetParent !== null).map(h => h.textContent.replace(/[¶\\s]+/g, ' ').trim())"""


def print_pdf(page: Any) -> bytes:
    """The page printed as the print dialog does by default: its CSS page size and margins (print.css asks for
    A4), without background graphics."""
    pdf: bytes = page.pdf(prefer_css_page_size=True, print_background=False)
    return pdf


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def last_lines(pdf: bytes) -> list[tuple[str, bool]]:
    """The lowest line of text of each sheet (above the sheet's number, in the bottom margin), and whether it
    starts at the text's left edge, as a heading's line does (a table cell's or an indented item's does not)."""
    import pypdfium2 as pdfium

    found = []
    document = pdfium.PdfDocument(pdf)
    try:
        for sheet in document:
            text = sheet.get_textpage()
            boxes = [text.get_rect(n) for n in range(text.count_rects())]
            boxes = [box for box in boxes if box[1] > FOOTER_PT]  # (left, bottom, right, top) from the bottom
            if not boxes:
                found.append(("", False))
                continue
            bottom = min(box[1] for box in boxes)
            line = [box for box in boxes if box[1] < bottom + 4]
            top = max(box[3] for box in line)
            flush = min(box[0] for box in line) < min(box[0] for box in boxes) + 2
            found.append((words(text.get_text_bounded(0, bottom - 1, sheet.get_width(), top + 1)), flush))
    finally:
        document.close()
    return found


def headings_ending_sheets(pdf: bytes, headings: list[str]) -> list[tuple[int, str]]:
    """The sheets (numbered from 1, the last one aside) whose last line is a heading's (last) line: the heading
    printed apart from what it heads. Read from the PDF's text, so a guess: a line at the left edge whose words
    end a heading of the page."""
    names = [" " + words(h) for h in headings if words(h)]
    ends = last_lines(pdf)[:-1]
    return [
        (n, line)
        for n, (line, flush) in enumerate(ends, 1)
        if line and flush and any(name.endswith(" " + line) for name in names)
    ]


def sheet_sizes_mm(pdf: bytes) -> list[tuple[int, int]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [(round(s.get_width() * POINT_MM), round(s.get_height() * POINT_MM)) for s in document]
    finally:
        document.close()


def draw(pdf: bytes, stem: Path) -> list[Path]:
    """Each sheet as <stem>-<n>.png."""
    import pypdfium2 as pdfium

    files = []
    document = pdfium.PdfDocument(pdf)
    try:
        for n, sheet in enumerate(document, 1):
            target = stem.with_name(f"{stem.name}-{n}.png")
            sheet.render(scale=SCALE).to_pil().save(target)
            files.append(target)
    finally:
        document.close()
    return files


def take(page: Any, stem: Path) -> tuple[list[Path], list[str]]:
    """Print the open page to <stem>.pdf and draw its sheets; the sheets' files, and notes for the report."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    pdf = print_pdf(page)
    stem.with_suffix(".pdf").write_bytes(pdf)
    files = draw(pdf, stem)
    sizes = sheet_sizes_mm(pdf)
    notes = [f"printed: {len(files)} sheet(s), {stem.name}.pdf"]
    notes += [f"sheet {n} is {w} x {h} mm, not A4" for n, (w, h) in enumerate(sizes, 1) if {w, h} != set(A4_MM)]
    ending = headings_ending_sheets(pdf, page.evaluate(HEADINGS_JS))
    notes += [f"sheet {n} ends with a heading: {line!r}" for n, line in ending]
    return files, notes
