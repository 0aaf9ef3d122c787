"""Read what a citation says: its act's number, date, kind and provision, and the other words (`parse`).

The reader needs no corpus (the data checks read a source's dates and numbers with it, model/evidence.py); the
resolver (resolver.py) scores a corpus's acts against what it reads. The same rules run in the browser
(cite.js): the regular expressions and the vocabulary are defined once here and in citation.yaml and exported
to the lookup page's data, and the folding is that of search/wordrules.yaml (search/words.js in the site).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import datafiles
from ..search.words import WORDRULES, WordRules, word_rules
from ..search.words import fold as search_fold

VOCABULARY = Path(__file__).with_name("citation.yaml")

# "W" stands for a letter or digit: \w in Python, [\p{L}\p{N}_] in JavaScript (see js_patterns).
W = "W"


def _folded(value):
    """The vocabulary's words folded as a citation is (its keys are names, not words)."""
    if isinstance(value, dict):
        return {key: _folded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_folded(item) for item in value]
    return fold(value) if isinstance(value, str) else value


def vocabulary() -> dict:
    """citation.yaml as it is now, its words folded by wordrules.yaml as it is now (made again when either
    changes, under `mkdocs serve`)."""
    return datafiles.read(VOCABULARY, _folded, made_with=[WORDRULES])


def fold(text: str, rules: WordRules | None = None) -> str:
    """The site search's folding (wordrules.yaml: İ/I/ı/i, ə/e, ş/s, ç/c, ğ/g, ö/o, ü/u, ё/е, case, accents;
    й kept), of the text composed first (a letter typed as a letter and a mark is one letter), then without the
    marks left standing alone; dashes are hyphens."""
    rules = rules or word_rules()
    text = search_fold(unicodedata.normalize("NFC", text), rules)
    if any(unicodedata.category(ch) == rules.marks for ch in text):
        text = "".join(ch for ch in text if unicodedata.category(ch) != rules.marks)
    for dash, hyphen in rules.dashes.items():
        text = text.replace(dash, hyphen)
    return text


def _alternation(words) -> str:
    return "|".join(
        re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))
    )  # stable: same build, same bytes


def patterns() -> dict[str, str]:
    """The patterns, in a notation both Python and JavaScript accept once W is replaced."""
    voc = vocabulary()
    month = _alternation(stem for stems in voc["months"] for stem in stems)
    article = _alternation(voc["provision_words"]["article"] + voc["provision_words"]["clause"])
    kinds = _alternation(stem for stems in voc["kinds"].values() for stem in stems)
    codes = _alternation(voc["instrument_abbreviations"]["criminal-code"])
    return {
        "eqanun": r"e-?qanun(?:\.az)?(?:/framework/|[^0-9]{0,12}?)(\d+)",
        "iso": r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)",
        "dotted": r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)",
        "dmy": rf"(?<!\d)(\d{{1,2}})\s+({month})W*\.?,?\s+(\d{{4}})",
        "mdy": rf"(?<!W)({month})W*\.?\s+(\d{{1,2}}),?\s+(\d{{4}})",
        "ydm": rf"(\d{{4}})-?\s*cW*\s+ilW*\s+(\d{{1,2}})\s+({month})W*",
        "ymd": rf"(\d{{4}})-?\s*cW*\s+ilW*\s+({month})W*\s+(\d{{1,2}})",
        "cets": r"(?<!W)(?:cets|ets)\s*(?:no\.?|№|n)?\s*(\d+)",
        "unsymbol": r"(?:a\s*/\s*res\s*/\s*|(?<![\d/]))(\d{2})\s*/\s*(\d{1,3})(?![\d/])",
        # a law's number: its convocation of the Milli Majlis, Q, and D for a law amending others (958-IIQ, 609-IVQD)
        "law_number": r"(?<!\d)(\d+)\s*-?\s*([ivx]+)\s*-?\s*q\s*-?\s*(d?)(?!W)",
        "code_article": rf"(?<!W)(?:{codes})(?:-?W+)?\s*(?:(?:{article})W*\.?\s*)?(\d+(?:-\d+)?)(?![\d.])",
        "provision_before": rf"(?<!W)(?:{article})W*\.?\s*(\d+(?:[.-]\d+)*(?:\s*\(W+\))*)",
        "provision_after": r"(?<![\d.-])(\d+(?:[.-]\d+)*(?:\(W+\))*)(?:-cW*)?\s+(?:madde|bend)W*",
        "number_marked": r"(?:№|(?<!W)(?:no|nr|n|number|номер)\.?)\s*(\d+)(?![\d.])",
        "number_after": r"(?<![\d.])(\d+)\s*(?:nomreli|sayli)",
        "kind_number": rf"(?<!W)(?:{kinds})W*\s+(\d+)(?![\d./-])",
        "provision_bare": r"(?<![\d./-])(\d+(?:[.-]\d+)+)(?![\d./-])",
        "year": r"(?<![\d.])((?:19|20)\d{2})(?![\d.])",
        "bare": r"(?<![\d./-])(\d+)(?![\d./-])",
        "word": r"W+",
    }


def python_patterns() -> dict[str, re.Pattern]:
    return {name: re.compile(p.replace("W", r"\w")) for name, p in patterns().items()}


def js_patterns() -> dict[str, str]:
    return {name: p.replace("W", r"[\p{L}\p{N}_]") for name, p in patterns().items()}


def compact(number: str, rules: WordRules | None = None) -> str:
    """Compare numbers ignoring case, spaces and punctuation: "609-IV QD" = "609-IVQD"."""
    return re.sub(r"[^0-9a-z]", "", fold(number, rules).replace("№", ""))


LAW_NUMBER = re.compile(r"(\d+)-[IVX]+QD?")  # 958-IIQ: the number within the Milli Majlis' convocation


def number_forms(number: str | None, rules: WordRules | None = None) -> list[str]:
    """The ways a citation may give an act's number, compacted: as written, and a law's without its convocation
    ("Qanun 958" for 958-IIQ)."""
    if number is None:
        return []
    law = LAW_NUMBER.fullmatch(number)
    return [compact(number, rules)] + ([law.group(1)] if law else [])


def provision_key(number: str, rules: WordRules | None = None) -> str:
    """Compare provision numbers ignoring spaces and case: "6 (3)" = "6(3)", but "1.3" is not "13"."""
    return re.sub(r"[^0-9a-z.()-]", "", fold(number, rules))


@dataclass
class Query:
    eqanun: int | None = None
    numbers: list[str] = field(default_factory=list)  # explicit act numbers, compacted
    weak_numbers: list[str] = field(default_factory=list)  # bare numbers
    dates: list[str] = field(default_factory=list)  # ISO
    years: list[str] = field(default_factory=list)
    provisions: list[str] = field(default_factory=list)  # provision keys
    kinds: set[str] = field(default_factory=set)
    instruments: set[str] = field(default_factory=set)  # named outright by an abbreviation
    words: list[str] = field(default_factory=list)


def _month_number(word: str) -> int:
    """The month a word names: the longest stem that starts it wins ("марта" is March, "мая" May)."""
    best, best_len = 0, 0
    for number, stems in enumerate(vocabulary()["months"], start=1):
        for stem in stems:
            if word.startswith(stem) and len(stem) > best_len:
                best, best_len = number, len(stem)
    return best


def _iso(year: str, month: int, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse(text: str, rules: WordRules | None = None) -> Query:
    """Read what a citation says; each recognised piece is blanked so it is read once."""
    rules = rules or word_rules()
    voc = vocabulary()
    rx = python_patterns()
    q = Query()
    s = fold(text, rules)

    def take(name, handle):
        nonlocal s
        for match in list(rx[name].finditer(s)):
            handle(match)
        s = rx[name].sub(lambda m: " " * len(m.group(0)), s)

    def on_eqanun(m):
        q.eqanun = int(m.group(1))

    def add_date(iso: str | None) -> None:
        if iso:  # None: not a real calendar date
            q.dates.append(iso)

    take("eqanun", on_eqanun)
    take("iso", lambda m: add_date(_iso(m.group(1), m.group(2), m.group(3))))
    take("dotted", lambda m: add_date(_iso(m.group(3), m.group(2), m.group(1))))
    take("ydm", lambda m: add_date(_iso(m.group(1), _month_number(m.group(3)), m.group(2))))
    take("ymd", lambda m: add_date(_iso(m.group(1), _month_number(m.group(2)), m.group(3))))
    take("dmy", lambda m: add_date(_iso(m.group(3), _month_number(m.group(2)), m.group(1))))
    take("mdy", lambda m: add_date(_iso(m.group(3), _month_number(m.group(1)), m.group(2))))
    take("cets", lambda m: q.numbers.append(compact(f"CETS No. {m.group(1)}", rules)))
    take("law_number", lambda m: q.numbers.append(compact(f"{m.group(1)}-{m.group(2)}Q{m.group(3)}", rules)))

    def on_code(m):
        q.instruments.add("criminal-code")
        q.provisions.append(provision_key(m.group(1), rules))

    take("code_article", on_code)
    take("provision_before", lambda m: q.provisions.append(provision_key(m.group(1), rules)))
    take("provision_after", lambda m: q.provisions.append(provision_key(m.group(1), rules)))
    take("unsymbol", lambda m: q.numbers.append(compact(f"A/RES/{m.group(1)}/{m.group(2)}", rules)))
    take("number_marked", lambda m: q.numbers.append(compact(m.group(1), rules)))
    take("number_after", lambda m: q.numbers.append(compact(m.group(1), rules)))

    def on_kind_number(m):
        value = m.group(1)
        if re.fullmatch(r"(19|20)\d\d", value):
            q.years.append(value)
            q.weak_numbers.append(value)
        else:
            q.numbers.append(compact(value, rules))
        # keep the kind word for the kind pass: blank only the number

    for match in list(rx["kind_number"].finditer(s)):
        on_kind_number(match)
        start, end = match.span(1)
        s = s[:start] + " " * (end - start) + s[end:]
    take("provision_bare", lambda m: q.provisions.append(provision_key(m.group(1), rules)))
    take("year", lambda m: q.years.append(m.group(1)))
    take("bare", lambda m: q.weak_numbers.append(compact(m.group(1), rules)))

    abbreviations = [(p, i) for i, ps in voc["instrument_abbreviations"].items() for p in ps]
    for phrase, instrument in abbreviations:
        if " " in phrase and phrase in s:
            q.instruments.add(instrument)
    one_word = {phrase: instrument for phrase, instrument in abbreviations if " " not in phrase}
    words = rx["word"].findall(s)
    number_words = set(voc["number_words"])
    shortest = rules.cite["words"]["shortest"]
    for word in words:
        if word in one_word:
            q.instruments.add(one_word[word])
            continue
        kind = kind_of(word)
        if kind:
            q.kinds.add(kind)
            q.kinds.update(voc.get("kind_aliases", {}).get(kind, []))
        elif word not in voc["stopwords"] and word not in number_words and len(word) >= shortest:
            q.words.append(word)
    return q


def _stem_matches(word: str, stem: str) -> bool:
    return word == stem if len(stem) <= 3 else word.startswith(stem)


def kind_of(word: str) -> str | None:
    """The kind of act a folded word names (citation.yaml's kinds), None if none."""
    voc = vocabulary()
    if any(word.startswith(x) for x in voc["not_kinds"]):
        return None
    for kind, stems in voc["kinds"].items():
        if any(_stem_matches(word, stem) for stem in stems):
            return kind
    return None
