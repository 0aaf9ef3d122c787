"""Per-language search index, written after each language's build.

Why our own search rather than Material's: Material builds one lunr index for all three languages
(results in every language), lunr has no Azerbaijani pipeline and folds no letters, and its worker
fetches JSON, which a browser refuses from file://. So each language gets its own index of page
sections, taken from each page's content (what mkdocs or the victimlaw plugin rendered) and\nits table of contents.

The index is split so that a search loads only what it needs, at any corpus size: the words are
folded and stemmed here, and their postings go into term shards chosen by the first two letters
(a query word needs one shard, prefix matches included); the sections themselves (address, titles,
text for the excerpt) go into small document shards, loaded for the results shown. Every shard is a
script (search/<lang>/...js) that a page loads with a <script> tag, online or from disk.
assets/javascripts/search.js folds and stems a query with the same rules as this module (a browser
test holds the two to the same answers on the site's whole vocabulary).
"""
from __future__ import annotations

import html
import json
import math
import re
import shutil
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

# What is not text in a page's content: scripts, styles, pictures, buttons and the headings' permalinks.
NOT_TEXT = re.compile(r"<(script|style|svg|button|nav)\b.*?</\1>|<a class=\"headerlink\".*?</a>", re.S)
TAG = re.compile(r"<[^>]+>")

DOC_SHARD_CHARS = 30_000  # text in one document shard: the twenty results shown load at most twenty
SECTIONS_PER_TERM_SHARD = 200  # sets the number of term shards, so each stays small as the corpus grows
SPLIT_GROUP_OVER = 40_000  # numbers in the postings of the terms sharing two first letters (some 250 KB)
TITLE_WEIGHT, PAGE_TITLE_WEIGHT = 10, 2  # a word in a section's title counts most, then the page's title
INDEXED_LEVELS = 3  # sections begin at h1, h2 and h3


def _text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def _headings(toc) -> list:
    """The table of contents flattened, in page order, down to INDEXED_LEVELS."""
    found = []
    for item in toc:
        if item.level <= INDEXED_LEVELS:
            found.append(item)
        found += _headings(item.children)
    return found


def sections(content: str, toc) -> list[dict]:
    """[{id, title, text}] for each heading of the table of contents and the text up to the next one.
    `content` is what mkdocs or the plugin rendered for the page (page.content), not the themed page."""
    cuts = []
    for item in _headings(toc):
        at = content.find(f' id="{item.id}"')
        if at >= 0:
            start = content.rfind("<h", 0, at)
            end = content.find(">", content.find(f"</h{item.level}", at)) + 1
            cuts.append((start, end, item))
    found = []
    for n, (start, end, item) in enumerate(cuts):
        stop = cuts[n + 1][0] if n + 1 < len(cuts) else len(content)
        found.append({"id": item.id, "title": _text(NOT_TEXT.sub(" ", item.title)),
                      "text": _text(NOT_TEXT.sub(" ", content[end:stop]))})
    return found


def page_entries(content: str, toc, location: str) -> list[dict]:
    """The index entries of one page, found at `location` below the site root."""
    found = sections(content, toc)
    page_title = found[0]["title"] if found else ""
    entries = []
    for n, section in enumerate(found):
        text = section["text"]
        if not text and n:
            continue
        entries.append({"l": location if n == 0 else f"{location}#{section['id']}",
                        "t": section["title"], "p": page_title if n else "", "x": text})
    return entries


# -- words: the rules of search.js, one for one
WORD = re.compile(r"[^\W_]+")  # letters and digits, as /[\p{L}\p{N}]+/u
FOLD = {"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u", "ё": "е"}


@lru_cache(maxsize=4096)
def fold_char(c: str) -> str:
    """One character in, one out: İ and I are i (Azerbaijani has both i and ı), ə e, ş s..., accents dropped."""
    if c in ("İ", "I"):
        return "i"
    lower = c.lower()
    if len(lower) != 1:
        lower = c
    if lower in FOLD:
        return FOLD[lower]
    return unicodedata.normalize("NFD", lower)[0] or lower


def fold(text: str) -> str:
    return "".join(map(fold_char, text))


RU_VOWELS = "аеиоуыэюя"
RU = {
    "gerund1": ["в", "вши", "вшись"], "gerund2": ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"],
    "adjective": ["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого",
                  "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"],
    "participle1": ["ем", "нн", "вш", "ющ", "щ"], "participle2": ["ивш", "ывш", "ующ"],
    "reflexive": ["ся", "сь"],
    "verb1": ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"],
    "verb2": ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило",
              "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"],
    "noun": ["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й",
             "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я"],
    "superlative": ["ейше", "ейш"], "derivational": ["ость", "ост"],
}


def _strip(word: str, group1: list[str] | None, group2: list[str] | None) -> str | None:
    """The word without its longest ending found (group1 endings must follow а or я), or None."""
    best = None
    for ending in group1 or []:
        cut = len(word) - len(ending)
        if cut > 0 and word.endswith(ending) and word[cut - 1] in "ая" and (best is None or len(ending) > len(best)):
            best = ending
    for ending in group2 or []:
        if len(word) >= len(ending) and word.endswith(ending) and (best is None or len(ending) > len(best)):
            best = ending
    return None if best is None else word[: len(word) - len(best)]


def _region_after(word: str, start: int) -> int:
    for i in range(start + 1, len(word)):
        if word[i - 1] in RU_VOWELS and word[i] not in RU_VOWELS:
            return i + 1
    return len(word)


def stem_ru(word: str) -> str:
    """The Snowball Russian stemmer, as search.js has it."""
    start = next((i + 1 for i, c in enumerate(word) if c in RU_VOWELS), -1)
    if start < 0:
        return word
    head, rv = word[:start], word[start:]
    cut = _strip(rv, RU["gerund1"], RU["gerund2"])
    if cut is not None:
        rv = cut
    else:
        cut = _strip(rv, None, RU["reflexive"])
        if cut is not None:
            rv = cut
        cut = _strip(rv, None, RU["adjective"])
        if cut is not None:
            rv = cut
            cut = _strip(rv, RU["participle1"], RU["participle2"])
            if cut is not None:
                rv = cut
        elif (cut := _strip(rv, RU["verb1"], RU["verb2"])) is not None:
            rv = cut
        elif (cut := _strip(rv, None, RU["noun"])) is not None:
            rv = cut
    if rv.endswith("и"):
        rv = rv[:-1]
    whole = head + rv
    r2 = _region_after(whole, _region_after(whole, 0) - 1)
    for ending in RU["derivational"]:
        if whole.endswith(ending) and len(whole) - len(ending) >= r2:
            rv = rv[: len(rv) - len(ending)]
            break
    if rv.endswith("нн"):
        rv = rv[:-1]
    elif (cut := _strip(rv, None, RU["superlative"])) is not None:
        rv = cut[:-1] if cut.endswith("нн") else cut
    elif rv.endswith("ь"):
        rv = rv[:-1]
    return head + rv


def stem_en(word: str) -> str:
    """Plural and verb endings only."""
    if len(word) <= 4:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 6:
        return word[:-3]
    if word.endswith("ed") and len(word) > 5:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


STEMMERS = {"ru": stem_ru, "en": stem_en}


class _Terms(dict):
    """word -> term in one language, each distinct word folded and stemmed once."""

    def __init__(self, lang: str):
        super().__init__()
        self.stem = STEMMERS.get(lang)

    def __missing__(self, word: str) -> str:
        folded = fold(word)
        term = self[word] = self.stem(folded) if self.stem else folded
        return term


_terms: dict[str, _Terms] = {}


def terms(text: str, lang: str) -> list[str]:
    """The index terms of a text: its words folded, then stemmed in Russian and English."""
    known = _terms.get(lang)
    if known is None:
        known = _terms[lang] = _Terms(lang)
    return list(map(known.__getitem__, WORD.findall(text)))


def shard_of(key: str, shards: int) -> int:
    """The term shard of a key (a term's first two or three letters), from its UTF-16 code units, so
    that search.js computes the same."""
    units = key.encode("utf-16-le")
    number = 0
    for k in range(0, len(units), 2):
        number = number * 31 + int.from_bytes(units[k:k + 2], "little")
    return number % shards


def shard_key(term: str, split: dict) -> str:
    """Terms are grouped by their first two letters; a group too large for one shard (Russian "пр")
    is split by the first three, and the manifest lists such groups."""
    return term[:3] if term[:2] in split else term[:2]


# -- the index
def build_index(docs: list[dict], lang: str) -> dict[str, object]:
    """{shard name: content} for a language: "index" (the manifest), term shards "t<n>" holding
    {term: [section, weight, section, weight...]}, document shards "d<n>" of [address, title, page
    title, text], a run of sections each, about DOC_SHARD_CHARS long. The manifest lists where each run
    starts and, for each split group of terms, the term shards holding it."""
    term_shards = max(1, math.ceil(len(docs) / SECTIONS_PER_TERM_SHARD))
    postings: dict[str, list[int]] = defaultdict(list)
    for n, doc in enumerate(docs):
        counts = Counter(terms(doc["x"], lang))
        for field, weight in (("t", TITLE_WEIGHT), ("p", PAGE_TITLE_WEIGHT)):
            for term in terms(doc[field], lang):
                counts[term] += weight
        for term, weight in counts.items():
            postings[term] += (n, weight)
    group_size: Counter = Counter()
    for term, numbers in postings.items():
        group_size[term[:2]] += len(numbers)
    split: dict[str, list[int]] = {prefix: [] for prefix, size in group_size.items() if size > SPLIT_GROUP_OVER}
    shards: dict[str, object] = {f"t{k}": {} for k in range(term_shards)}
    for term in sorted(postings):
        number = shard_of(shard_key(term, split), term_shards)
        shards[f"t{number}"][term] = postings[term]
        if term[:2] in split and number not in split[term[:2]]:
            split[term[:2]].append(number)  # a two-letter query word under a split group loads all of these
    starts, size = [], 0
    for n, doc in enumerate(docs):
        length = len(doc["l"]) + len(doc["t"]) + len(doc["p"]) + len(doc["x"])
        if not starts or size + length > DOC_SHARD_CHARS:
            starts.append(n)
            size = 0
        size += length
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(docs)
        shards[f"d{k}"] = [[d["l"], d["t"], d["p"], d["x"]] for d in docs[start:end]]
    shards["index"] = {"lang": lang, "sections": len(docs), "termShards": term_shards, "split": split,
                       "docShards": starts}
    return shards


def write_index(root: Path, lang: str, docs: list[dict]) -> Path:
    """root/search/<lang>/*.js, each shard assigning itself to VICTIMLAW_SEARCH["<lang>/<name>"]."""
    folder = root / "search" / lang
    shutil.rmtree(folder, ignore_errors=True)  # no shard left from a larger index (a --dirty build)
    folder.mkdir(parents=True)
    for name, content in build_index(docs, lang).items():
        payload = json.dumps(content, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        key = json.dumps(f"{lang}/{name}")
        (folder / f"{name}.js").write_text(
            f"(window.VICTIMLAW_SEARCH = window.VICTIMLAW_SEARCH || {{}})[{key}] = {payload};\n", encoding="utf-8")
    return folder
