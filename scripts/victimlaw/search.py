"""Per-language search index, written after each language's build.

Why our own search rather than Material's: Material builds one lunr index for all three languages
(results in every language), lunr has no Azerbaijani pipeline and folds no letters, and its worker
fetches JSON, which a browser refuses from file://. So each language gets its own index of page
sections, extracted from the built HTML and written as a script (search/<lang>.js) that a page loads
with a <script> tag, online or from disk; assets/javascripts/search.js folds, stems and matches in the
browser, the same code for the index and the query, so they always agree.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

SECTION_TAGS = {"h1", "h2", "h3"}
SKIP_TAGS = {"script", "style", "svg", "button", "nav"}


class _ArticleText(HTMLParser):
    """Collect the text of <article>, cut into sections at headings that have an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: list[dict] = []
        self.in_article = 0
        self.skip = 0
        self.heading = None  # (tag, id) while inside a heading
        self.heading_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article += 1
            return
        if not self.in_article:
            return
        if tag in SKIP_TAGS or (tag == "a" and "headerlink" in (attrs.get("class") or "")):
            self.skip += 1
        elif tag in SECTION_TAGS:
            self.heading = (tag, attrs.get("id", ""))
            self.heading_text = []

    def handle_endtag(self, tag):
        if tag == "article" and self.in_article:
            self.in_article -= 1
            return
        if not self.in_article:
            return
        if self.skip and (tag in SKIP_TAGS or tag == "a"):
            self.skip -= 1
        elif self.heading and tag == self.heading[0]:
            self.sections.append({"id": self.heading[1], "title": " ".join("".join(self.heading_text).split()), "text": []})
            self.heading = None

    def handle_data(self, data):
        if not self.in_article or self.skip:
            return
        if self.heading:
            self.heading_text.append(data)
        elif self.sections:
            self.sections[-1]["text"].append(data)


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
        html = path.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.rfind("</article>")
        parser = _ArticleText()
        parser.feed(html[start:end + len("</article>")] if start >= 0 else "")  # skip header, navigation, footer
        location = page_location(relative, directory_urls)
        page_title = parser.sections[0]["title"] if parser.sections else ""
        for n, section in enumerate(parser.sections):
            text = " ".join(" ".join(section["text"]).split())
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
