"""Per-language search index, written after each language's build.

Why our own search rather than Material's: Material builds one lunr index for all three languages
(results in every language), lunr has no Azerbaijani pipeline and folds no letters, and its worker
fetches JSON, which a browser refuses from file://. So each language gets its own index of page
sections, extracted from the built HTML and written as a script (search/<lang>.js) that a page loads
with a <script> tag, online or from disk; assets/javascripts/search.js folds, stems and matches in the
browser, the same code for the index and the query, so they always agree.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

# The built pages are mkdocs' own well-formed output, so a few regular expressions read them several
# times faster than an HTML parser: drop what is not text, cut at headings with an id, strip tags.
NOT_TEXT = re.compile(r"<(script|style|svg|button|nav)\b.*?</\1>|<a class=\"headerlink\".*?</a>", re.S)
HEADING = re.compile(r"<h([123])\b[^>]*?\bid=\"([^\"]*)\"[^>]*>(.*?)</h\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def sections(article: str) -> list[dict]:
    """[{id, title, text}] for each heading with an id and the text up to the next one."""
    article = NOT_TEXT.sub(" ", article)
    found = []
    matches = list(HEADING.finditer(article))
    for n, match in enumerate(matches):
        end = matches[n + 1].start() if n + 1 < len(matches) else len(article)
        found.append({"id": match.group(2), "title": _text(match.group(3)), "text": _text(article[match.end():end])})
    return found


def page_location(relative: Path, directory_urls: bool) -> str:
    text = relative.as_posix()
    if directory_urls and text.endswith("index.html"):
        return text[: -len("index.html")]
    return text


def extract(site_dir: Path, exclude: set[str], directory_urls: bool) -> list[dict]:
    """Sections of every page below site_dir, other languages' folders excluded; locations from site_dir."""
    docs = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] in exclude or relative.as_posix() == "404.html":
            continue
        page = path.read_text(encoding="utf-8")
        start, end = page.find("<article"), page.rfind("</article>")
        found = sections(page[start:end]) if start >= 0 else []  # the article only: no header, navigation, footer
        location = page_location(relative, directory_urls)
        page_title = found[0]["title"] if found else ""
        for n, section in enumerate(found):
            text = section["text"]
            if not text and n:
                continue
            docs.append({"l": location if n == 0 else f"{location}#{section['id']}",
                         "t": section["title"], "p": page_title if n else "", "x": text})
    return docs


def write_index(root: Path, lang: str, prefix: str, docs: list[dict]) -> Path:
    """root/search/<lang>.js; locations are made relative to the site root (prefix "en/" etc.)."""
    for doc in docs:
        doc["l"] = prefix + doc["l"]
    target = root / "search" / f"{lang}.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"lang": lang, "docs": docs}, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    target.write_text(f"(window.VICTIMLAW_SEARCH = window.VICTIMLAW_SEARCH || {{}})[{json.dumps(lang)}] = {payload};\n",
                      encoding="utf-8")
    return target
