"""Per-language search index, written after each language's build.

Why our own search rather than Material's: Material builds one lunr index for all three languages
(results in every language), lunr has no Azerbaijani pipeline and folds no letters, and its worker
fetches JSON, which a browser refuses from file://. So each language gets its own index of page
sections, taken from each page's content (what mkdocs or the victimlaw plugin rendered) and
its table of contents.

The index is split so that a search loads only what it needs, at any corpus size: the words are
folded and stemmed here, and their postings go into term shards chosen by the first two letters
(a query word needs one shard, prefix matches included); the sections themselves (address, titles,
text for the excerpt) go into small document shards, loaded for the results shown. Every shard is a
script (search/<lang>/...js) that a page loads with a <script> tag, online or from disk.
search.js (beside this file) folds and stems a query with the same rules as this module: their tables
are wordrules.yaml, read here and written into the site as search/words.js for the browser (a browser
test holds the two to the same answers on the site's whole vocabulary and on words outside it).
"""

from __future__ import annotations

import json
import math
import shutil
from array import array
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from .. import language_folder
from .words import (  # noqa: F401 (the package's API)
    WORD,
    Equivalents,
    WordRules,
    fold,
    fold_char,
    stem_en,
    stem_ru,
    terms,
    word_rules,
)

DOC_SHARD_CHARS = 30_000  # text in one document shard: the twenty results shown load at most twenty
SECTIONS_PER_TERM_SHARD = 200  # sets the number of term shards, so each stays small as the corpus grows
SPLIT_GROUP_OVER = 40_000  # numbers in the postings of the terms sharing two first letters (some 250 KB)
TITLE_WEIGHT, PAGE_TITLE_WEIGHT = 10, 2  # a word in a section's title counts most, then the page's title
INDEXED_LEVELS = 3  # sections begin at h1, h2 and h3


# What is not text in a page's content: scripts, styles, pictures, buttons and navigation (each up to its first end tag)
NOT_TEXT = frozenset(("script", "style", "svg", "button", "nav"))
# What a page carries besides what it says: its citations and their downloads (the Cite block), its tables' column
# labels, its forms' controls, words for screen readers. Searched (an entry's "s"), never quoted: an excerpt run
# together from them read as "Russian (GOST style) ... Download for reference managers: BibTeX · RIS · CSL-JSON".
ASIDE_TAGS = frozenset(("thead", "form"))
ASIDE_CLASSES = frozenset(("cite-block", "visually-hidden"))
LINK_TITLE_WEIGHT = 1  # a heading that links to another page names that page: its words weigh as text
# Where a table's cells, a list's items or a label and its value would run together in an excerpt, a separator
# follows each one that does not end in punctuation ("Kind: Law · Level: National"): a label (dt) takes a colon.
SEPARATED = frozenset(("td", "th", "dt", "dd", "li", "p"))
ENDS_UNSEPARATED = '»”")]'  # closing marks after which a separator is still wanted, as after a letter


class _Sections(HTMLParser):
    """The text of a page's content cut at the headings whose ids are given, as mkdocs' search plugin reads a page
    (contrib/search/search_index.py, ContentParser): the words after each heading, up to the next one, without
    what is not text (NOT_TEXT) and the headings' permalinks; the headings' own words are the table of contents'.
    Each section's asides (ASIDE_TAGS, ASIDE_CLASSES) are kept apart, and so are the headings that link to
    another page. Without ids, the text of the whole fragment. Every tag separates words."""

    def __init__(self, ids: set[str] | None = None):
        super().__init__(convert_charrefs=True)
        self.ids = ids
        self.texts: dict[str, list[str]] = {}  # by heading id: its section's pieces of text
        self.asides: dict[str, list[str]] = {}  # by heading id: the pieces of its asides
        self.linked: set[str] = set()  # the headings whose words are a link to another page
        self.current: list[str] | None = [] if ids is None else None  # None before the first heading
        self.aside: list[str] = []
        self.heading: str | None = None  # the heading being read
        self.skipping: str | None = None  # the tag whose end tag ends what is not text
        self.in_aside: tuple[str, int] | None = None  # the tag that opened an aside, and how deep in it we are
        self.label_at = 0  # where the last label (dt) began in its pieces

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._space()
        named = dict(attrs)
        if self.skipping is not None:
            if self.heading is not None and tag == "a" and named.get("href") and named.get("class") != "headerlink":
                self.linked.add(self.heading)
            return
        if tag in NOT_TEXT or (tag == "a" and named.get("class") == "headerlink"):  # a heading's permalink
            self.skipping = tag
            return
        if self.ids is not None and len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            heading = named.get("id")
            if heading in self.ids and heading not in self.texts:
                self.current = self.texts[heading] = []
                self.aside = self.asides[heading] = []
                self.heading, self.skipping = heading, tag  # its words are the table of contents'
                return
        if tag == "dt" and self.current is not None:
            self.label_at = len(self._pieces())
        if self.in_aside is not None:
            if tag == self.in_aside[0]:
                self.in_aside = (tag, self.in_aside[1] + 1)
        elif tag in ASIDE_TAGS or ASIDE_CLASSES.intersection((named.get("class") or "").split()):
            self.in_aside = (tag, 1)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            self._space()
            if tag == self.skipping:
                self.skipping = self.heading = None
            return
        if tag in SEPARATED and self.current is not None:
            self._separate(tag)
        self._space()
        if self.in_aside is not None and tag == self.in_aside[0]:
            depth = self.in_aside[1] - 1
            self.in_aside = (tag, depth) if depth else None

    def _separate(self, tag: str) -> None:
        pieces = self._pieces()
        last = next((piece.rstrip()[-1] for piece in reversed(pieces) if piece.strip()), "")
        if last.isalnum() or (last and last in ENDS_UNSEPARATED):
            labelled = tag == "dt" and ":" not in "".join(pieces[self.label_at :])
            pieces.append(":" if labelled else " ·")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._space()

    def handle_comment(self, data: str) -> None:
        self._space()

    def handle_data(self, data: str) -> None:
        if self.skipping is None and self.current is not None:
            self._pieces().append(data)

    def _space(self) -> None:
        if self.current is not None:
            self._pieces().append(" ")

    def _pieces(self) -> list[str]:
        """Where the words read now go: the section's own text, or its asides'."""
        assert self.current is not None
        return self.current if self.in_aside is None else self.aside

    @staticmethod
    def words(pieces: list[str]) -> str:
        return " ".join("".join(pieces).split()).removesuffix(" ·")


def _text(fragment: str) -> str:
    """The words of an HTML fragment (a heading's title in a table of contents)."""
    parser = _Sections()
    parser.feed(fragment)
    parser.close()
    return parser.words(parser.current or [])


def _headings(toc) -> list:
    """The table of contents flattened, in page order, down to INDEXED_LEVELS."""
    found = []
    for item in toc:
        if item.level <= INDEXED_LEVELS:
            found.append(item)
        found += _headings(item.children)
    return found


def sections(content: str, toc) -> list[dict]:
    """[{id, title, text, aside, linked}] for each heading of the table of contents and the text up to the next one:
    the section's own words (`text`), the words of its asides, and whether its heading links to another page.
    `content` is what mkdocs or the plugin rendered for the page (page.content), not the themed page."""
    headings = _headings(toc)
    parser = _Sections({item.id for item in headings})
    parser.feed(content)
    parser.close()
    return [
        {
            "id": item.id,
            "title": _text(item.title),
            "text": parser.words(parser.texts[item.id]),
            "aside": parser.words(parser.asides[item.id]),
            "linked": item.id in parser.linked,
        }
        for item in headings
        if item.id in parser.texts
    ]


def page_entries(content: str, toc, location: str, label: str = "", summary: str = "") -> list[dict]:
    """The index entries of one page, found at `location` below the site root: {l, t, p, x} and, where they have
    them, "s" (the words of the section's asides: searched, never shown) and "linked" (its heading names another
    page). The first (the page's own, at `location`) carries the page's `label` ("k": what a result says of the
    page, its kind and date) and its `summary` ("d": shown when no section's own words hold the query; the page's
    description, or its first words where it opens with a heading)."""
    found = sections(content, toc)
    page_title = found[0]["title"] if found else ""
    entries: list[dict] = []
    for n, section in enumerate(found):
        text, aside = section["text"], section["aside"]
        if not (text or aside) and n:
            continue
        entry = {"l": location if n == 0 else f"{location}#{section['id']}", "t": section["title"]}
        entry.update({"p": page_title if n else "", "x": text})
        if aside:
            entry["s"] = aside
        if section["linked"]:
            entry["linked"] = True
        entries.append(entry)
    if entries and label:
        entries[0]["k"] = label
    summary = " ".join(summary.split())
    if entries and not (summary or entries[0]["x"]):  # a page without a description: its first words
        summary = next((entry["x"] for entry in entries if entry["x"]), "")
    if entries and summary and not entries[0]["x"].startswith(summary):  # not the page's opening words again
        entries[0]["d"] = summary
    return entries


def shard_of(key: str, shards: int) -> int:
    """The term shard of a key (a term's first two or three letters), from its UTF-16 code units, so
    that search.js computes the same."""
    units = key.encode("utf-16-le")
    number = 0
    for k in range(0, len(units), 2):
        number = number * 31 + int.from_bytes(units[k : k + 2], "little")
    return number % shards


def shard_key(term: str, split: dict) -> str:
    """Terms are grouped by their first two letters; a group too large for one shard (Russian "пр")
    is split by the first three, and the manifest lists such groups."""
    return term[:3] if term[:2] in split else term[:2]


def weighted_terms(entry: dict, lang: str, rules: WordRules) -> dict[str, int]:
    """The terms of an index entry and their weights: each word of the text once, of the page's title
    twice, of the section's title ten times. Worked out where the page is rendered (a worker's share of
    the build, see pages/ahead.py), or by Index.add for a page that came without them."""
    counts: Counter = Counter()
    title = LINK_TITLE_WEIGHT if entry.get("linked") else TITLE_WEIGHT
    for field, weight in (("x", 1), ("s", 1), ("t", title), ("p", PAGE_TITLE_WEIGHT)):
        for term in _with_equivalents(terms(entry.get(field, ""), lang, rules), lang, rules):
            counts[term] += weight
    return dict(counts)


def _with_equivalents(found: list[str], lang: str, rules: WordRules) -> list[str]:
    """The terms of a text, and for each phrase of wordrules.yaml's `equivalents` in it the terms that the phrases
    meaning the same add ("person" where the text says "trafficking in human beings"): a query in either words
    finds it."""
    known = rules.equivalent_terms.get(lang)
    if known is None:
        known = rules.equivalent_terms[lang] = Equivalents(rules, lang, lambda phrase: terms(phrase, lang, rules))
    added = [
        term
        for start, end, others in known.find(found)
        for other in others
        for term in other
        if term not in found[start:end]
    ]
    return found + added if added else found


# -- the index
class Index:
    """A language's index, made as its pages are built: each page's entries are added as they come (in
    the order mkdocs builds the pages), so that only the postings, packed, are kept, not every entry's
    terms. Given the site's root, each document shard is written to root/search/<lang>/ as soon as it is
    full, so the sections' text is not kept either; each shard is a script assigning itself to
    VICTIMLAW_SEARCH["<lang>/<name>"]. The rules the index is made with go to the browser as search/words.js
    (words_script; the plugin adds it).

    The shards: term shards "t<n>" holding {term: [section, weight, section, weight...]}; document shards
    "d<n>" of [address, title, page title, text, and for a page's first section its label and summary if any], a
    run of sections each, about DOC_SHARD_CHARS long; and "index", the manifest, which lists where each run starts,
    each page's first section and address (a search lists a result per page), the language's folder below
    the site root and, for each split group of terms, the term shards holding it."""

    def __init__(self, lang: str, rules: WordRules | None = None, root: Path | None = None):
        self.lang, self.rules = lang, rules or word_rules()
        self.folder = root / "search" / lang if root is not None else None
        self.postings: dict[str, array] = {}  # term: section, weight, section, weight...
        self.sections = 0
        self.page_starts: list[int] = []  # the first section of each page, and the page's address
        self.page_locations: list[str] = []
        self.starts: list[int] = []  # the first section of each document shard
        self.run: list[list[str]] = []  # the document shard being filled
        self.run_chars = 0
        self.kept: dict[str, object] = {}  # without a folder: the shards made so far
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)  # no shard left from a larger index (a --dirty build)

    def add(self, entries: list[dict]) -> None:
        for entry in entries:
            doc = [entry["l"], entry["t"], entry["p"], entry["x"]]  # "s" is searched, never shown: not kept
            if entry.get("k") or entry.get("d"):
                doc += [entry.get("k", ""), entry["d"]] if entry.get("d") else [entry["k"]]
            if "#" not in entry["l"]:  # a page's first section (the others are its anchors)
                self.page_starts.append(self.sections)
                self.page_locations.append(entry["l"])
            length = sum(len(part) for part in doc)
            if self.run and self.run_chars + length > DOC_SHARD_CHARS:
                self._end_run()
            if not self.run:
                self.starts.append(self.sections)
            self.run.append(doc)
            self.run_chars += length
            n, self.sections = self.sections, self.sections + 1
            for term, weight in (entry.get("w") or weighted_terms(entry, self.lang, self.rules)).items():
                numbers = self.postings.get(term)
                if numbers is None:
                    numbers = self.postings[term] = array("l")
                numbers.extend((n, weight))

    def _end_run(self) -> None:
        self._put(f"d{len(self.starts) - 1}", self.run)
        self.run, self.run_chars = [], 0

    def _put(self, name: str, content) -> None:
        if self.folder is None:
            self.kept[name] = content
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        key = json.dumps(f"{self.lang}/{name}")
        (self.folder / f"{name}.js").write_text(
            _script(f"(window.VICTIMLAW_SEARCH = window.VICTIMLAW_SEARCH || {{}})[{key}]", content),
            encoding="utf-8",
        )

    def finish(self) -> dict[str, object]:
        """Puts the last document shard, the term shards (one at a time, so that only one is ever
        unpacked from the arrays) and the manifest; returns the shards kept (all of them without a folder).
        The postings go: static-i18n builds the other languages while this one's build is still open."""
        if self.run:
            self._end_run()
        postings = self.postings
        term_shards = max(1, math.ceil(self.sections / SECTIONS_PER_TERM_SHARD))
        group_size: Counter = Counter()
        for term, numbers in postings.items():
            group_size[term[:2]] += len(numbers)
        split: dict[str, list[int]] = {prefix: [] for prefix, size in group_size.items() if size > SPLIT_GROUP_OVER}
        terms_of_shard: list[list[str]] = [[] for _ in range(term_shards)]
        for term in sorted(postings):
            number = shard_of(shard_key(term, split), term_shards)
            terms_of_shard[number].append(term)
            if term[:2] in split and number not in split[term[:2]]:
                split[term[:2]].append(number)  # a two-letter query word under a split group loads all of these
        for k, terms_here in enumerate(terms_of_shard):
            self._put(f"t{k}", {term: postings[term].tolist() for term in terms_here})
        manifest = {
            "lang": self.lang,
            "sections": self.sections,
            "termShards": term_shards,
            "split": split,
            "docShards": self.starts,
            "pageStarts": self.page_starts,
            "pageLocations": self.page_locations,
            "home": language_folder(self.lang),
        }
        self._put("index", manifest)
        self.postings = {}
        return self.kept


def build_index(docs: list[dict], lang: str, rules: WordRules | None = None) -> dict[str, object]:
    """The shards of an index of these entries, by name (see Index)."""
    index = Index(lang, rules)
    index.add(docs)
    return index.finish()


def _script(assignment: str, content) -> str:
    payload = json.dumps(content, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"{assignment} = {payload};\n"


def words_script(rules: WordRules) -> str:
    """search/words.js: the rules for words, as wordrules.yaml has them, for search.js and cite.js."""
    return _script("window.VICTIMLAW_WORDS", rules.data)
