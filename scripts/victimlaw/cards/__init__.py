"""Social preview cards: the picture a messenger or a social network shows with a link to a page (og:image).

Drawn at build time with Pillow, without any outside service, in DejaVu Sans (vendored beside this file with
its licence, FONTS-LICENSE: it has the Azerbaijani and the Cyrillic letters): the site's name, the page's
title and what the page is (an act's kind, date and number), on the site's colour. A public build writes each
page's card beside it as card.png.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path(__file__).parent
WIDTH, HEIGHT, MARGIN = 1200, 630, 72  # the size Open Graph and Twitter/X show large
BACKGROUND, BAR, TEXT, MUTED = "#283593", "#ffb300", "#ffffff", "#c5cae9"  # Material's indigo, as the site
TITLE_SIZES = (60, 52, 44, 38)  # the largest at which the title fits TITLE_LINES lines
TITLE_LINES = 5


@cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The text in lines no wider than `width`, broken between words (a word longer than a line stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and face.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def fit(text: str, face: ImageFont.FreeTypeFont, width: int, lines: int) -> list[str]:
    """At most `lines` lines; the last ends in "…" when the text is longer."""
    wrapped = wrap(text, face, width)
    if len(wrapped) <= lines:
        return wrapped
    last = " ".join(wrapped[lines - 1 :])
    while last and face.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    return [*wrapped[: lines - 1], last + "…"]


def card(title: str, label: str, site_name: str) -> bytes:
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=BAR)
    width = WIDTH - 2 * MARGIN
    head = font(30)
    draw.text((MARGIN, MARGIN - 10), fit(site_name, head, width, 1)[0], font=head, fill=MUTED)
    for size in TITLE_SIZES:
        face = font(size, bold=True)
        lines = wrap(title, face, width)
        if len(lines) <= TITLE_LINES:
            break
    lines = fit(title, face, width, TITLE_LINES)
    top = MARGIN + 70
    for n, line in enumerate(lines):
        draw.text((MARGIN, top + n * round(face.size * 1.22)), line, font=face, fill=TEXT)
    if label:
        foot = font(30)
        draw.text((MARGIN, HEIGHT - MARGIN - 30), fit(label, foot, width, 1)[0], font=foot, fill=MUTED)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()
