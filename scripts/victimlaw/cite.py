"""Resolve a free-text citation to instruments (and a provision), best first.

The same rules run in the browser (assets/javascripts/cite.js): the regular expressions and the
vocabulary are defined once here and in citation.yaml and exported to the page's data, so the two
implementations share them; tests run the same table of citations through both.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .corpus import Corpus, Instrument

VOCABULARY = Path(__file__).with_name("citation.yaml")
THRESHOLD = 30  # below this a candidate is not a match
SPREAD = 20  # keep candidates scoring more than best - SPREAD
MAX_RESULTS = 10

# "W" stands for a letter or digit: \w in Python, [\p{L}\p{N}_] in JavaScript (see js_patterns).
W = "W"


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    with VOCABULARY.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def fold(text: str) -> str:
    """Lower-case and strip the letters that people type either way: ə/e, ı/i, İ/i, ş/s, ç/c, ğ/g, ö/o, ü/u, ё/е."""
    text = text.replace("İ", "i").replace("I", "i").lower()
    text = text.translate(str.maketrans({"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u", "ё": "е"}))
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return text.replace("\u2010", "-").replace("\u2011", "-").replace("\u2013", "-").replace("\u2014", "-")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))  # stable: same build, same bytes


@lru_cache(maxsize=1)
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
        "qd": r"(?<!\d)(\d+)\s*-?\s*([ivx]+)\s*-?\s*q\s*-?\s*d(?!W)",
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


def compact(number: str) -> str:
    """Compare numbers ignoring case, spaces and punctuation: "609-IV QD" = "609-IVQD"."""
    return re.sub(r"[^0-9a-z]", "", fold(number).replace("№", ""))


def provision_key(number: str) -> str:
    """Compare provision numbers ignoring spaces and case: "6 (3)" = "6(3)", but "1.3" is not "13"."""
    return re.sub(r"[^0-9a-z.()-]", "", fold(number))


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
    import datetime as dt
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse(text: str) -> Query:
    """Read what a citation says; each recognised piece is blanked so it is read once."""
    voc = vocabulary()
    rx = python_patterns()
    q = Query()
    s = fold(text)

    def take(name, handle):
        nonlocal s
        for match in list(rx[name].finditer(s)):
            handle(match)
        s = rx[name].sub(lambda m: " " * len(m.group(0)), s)

    def on_eqanun(m):
        q.eqanun = int(m.group(1))
    take("eqanun", on_eqanun)
    take("iso", lambda m: q.dates.append(_iso(m.group(1), m.group(2), m.group(3))))
    take("dotted", lambda m: q.dates.append(_iso(m.group(3), m.group(2), m.group(1))))
    take("ydm", lambda m: q.dates.append(_iso(m.group(1), _month_number(m.group(3)), m.group(2))))
    take("ymd", lambda m: q.dates.append(_iso(m.group(1), _month_number(m.group(2)), m.group(3))))
    take("dmy", lambda m: q.dates.append(_iso(m.group(3), _month_number(m.group(2)), m.group(1))))
    take("mdy", lambda m: q.dates.append(_iso(m.group(3), _month_number(m.group(1)), m.group(2))))
    q.dates = [d for d in q.dates if d]
    take("cets", lambda m: q.numbers.append(compact(f"CETS No. {m.group(1)}")))
    take("qd", lambda m: q.numbers.append(compact(f"{m.group(1)}-{m.group(2)}QD")))

    def on_code(m):
        q.instruments.add("criminal-code")
        q.provisions.append(provision_key(m.group(1)))
    take("code_article", on_code)
    take("provision_before", lambda m: q.provisions.append(provision_key(m.group(1))))
    take("provision_after", lambda m: q.provisions.append(provision_key(m.group(1))))
    take("unsymbol", lambda m: q.numbers.append(compact(f"A/RES/{m.group(1)}/{m.group(2)}")))
    take("number_marked", lambda m: q.numbers.append(compact(m.group(1))))
    take("number_after", lambda m: q.numbers.append(compact(m.group(1))))

    def on_kind_number(m):
        value = m.group(1)
        if re.fullmatch(r"(19|20)\d\d", value):
            q.years.append(value)
            q.weak_numbers.append(value)
        else:
            q.numbers.append(compact(value))
        # keep the kind word for the kind pass: blank only the number
    for match in list(rx["kind_number"].finditer(s)):
        on_kind_number(match)
        start, end = match.span(1)
        s = s[:start] + " " * (end - start) + s[end:]
    take("provision_bare", lambda m: q.provisions.append(provision_key(m.group(1))))
    take("year", lambda m: q.years.append(m.group(1)))
    take("bare", lambda m: q.weak_numbers.append(compact(m.group(1))))

    for phrase, instrument in ((p, i) for i, ps in voc["instrument_abbreviations"].items() for p in ps if " " in p):
        if phrase in s:
            q.instruments.add(instrument)
    words = rx["word"].findall(s)
    number_words = set(voc["number_words"])
    for word in words:
        if word in voc["instrument_abbreviations"]["criminal-code"]:
            q.instruments.add("criminal-code")
            continue
        kind = _kind_of(word)
        if kind:
            q.kinds.add(kind)
            q.kinds.update(voc.get("kind_aliases", {}).get(kind, []))
        elif word not in voc["stopwords"] and word not in number_words and len(word) >= 3:
            q.words.append(word)
    return q


def _stem_matches(word: str, stem: str) -> bool:
    return word == stem if len(stem) <= 3 else word.startswith(stem)


def _kind_of(word: str) -> str | None:
    voc = vocabulary()
    if any(word.startswith(x) for x in voc["not_kinds"]):
        return None
    for kind, stems in voc["kinds"].items():
        if any(_stem_matches(word, stem) for stem in stems):
            return kind
    return None


def _word_prefix(word: str) -> str:
    """Enough of a word to ignore its ending ("торговле" ~ "торговли") but not its meaning ("против")."""
    return word[: max(5, len(word) - 3)]


@dataclass(frozen=True)
class Match:
    id: str
    provision: str | None
    score: int


class Resolver:
    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.words = {inst.id: self._title_words(inst) for inst in corpus.instruments}
        # a title word is "specific" when few instruments have it; common words alone match nothing
        self.specific_limit = max(3, len(corpus.instruments) // 8)
        self._frequencies: dict[str, int] = {}
        self.provision_count: dict[str, int] = {}
        for inst in corpus.instruments:
            for p in inst.provisions:
                key = provision_key(p.number)
                self.provision_count[key] = self.provision_count.get(key, 0) + 1

    @staticmethod
    def _title_words(inst: Instrument) -> set[str]:
        rx = python_patterns()["word"]
        texts = list(inst.title.values()) + list((inst.short_title or {}).values())
        return {w for text in texts for w in rx.findall(fold(text)) if len(w) >= 3}

    def resolve(self, text: str) -> list[Match]:
        query = parse(text)
        scored = []
        for inst in self.corpus.instruments:
            score, provision = self.score(inst, query)
            if score >= THRESHOLD:
                scored.append(Match(inst.id, provision, score))
        scored.sort(key=lambda m: (-m.score, m.id))
        if scored:
            best = scored[0].score
            scored = [m for m in scored if m.score > best - SPREAD]
        return scored[:MAX_RESULTS]

    def score(self, inst: Instrument, q: Query) -> tuple[int, str | None]:
        score = 0
        number = compact(inst.number) if inst.number else None
        if q.eqanun is not None:
            if inst.eqanun != q.eqanun:
                return -100, None
            score += 100
        if q.instruments:
            score += 60 if inst.id in q.instruments else -60
        if q.numbers:
            score += 50 if number in q.numbers else -40
        elif q.weak_numbers and number in q.weak_numbers:
            score += 35
        if q.dates:
            if inst.date in q.dates:
                score += 40
            elif inst.date and any(d[:7] == inst.date[:7] for d in q.dates) and len(inst.date) == 7:
                score += 30
            elif inst.date:
                score -= 40
        if q.years and not q.dates and inst.date:
            score += 10 if inst.date[:4] in q.years else -20
        if q.kinds:
            approved = inst.approves["kind"] if inst.approves else None
            if inst.kind in q.kinds or approved in q.kinds:
                score += 15
                if q.years and inst.date and inst.date[:4] in q.years:
                    score += 10  # kind and year together point at one act
            else:
                score -= 25
        provision = None
        if q.provisions:
            found = next((p for p in inst.provisions if provision_key(p.number) in q.provisions), None)
            if found:
                provision = found.id
                score += 20 + (15 if self.provision_count.get(provision_key(found.number)) == 1 else 0)
            else:
                score -= 10
        if q.words:
            score += self._title_score(inst, q.words)
        return score, provision

    def _title_score(self, inst: Instrument, words: list[str]) -> int:
        matched = [w for w in words if self._has_word(inst.id, w)]
        if not any(self._frequency(w) <= self.specific_limit for w in matched):
            return 0
        fraction = len(matched) / len(words)
        return int(40 * fraction * fraction)  # int, not round: the browser's Math.floor must agree

    def _has_word(self, instrument_id: str, word: str) -> bool:
        prefix = _word_prefix(word)
        return any(v.startswith(prefix) for v in self.words[instrument_id])

    def _frequency(self, word: str) -> int:
        """How many instruments have the word; remembered per resolver (a method lru_cache would keep
        every resolver alive and mix corpora)."""
        if word not in self._frequencies:
            self._frequencies[word] = sum(self._has_word(inst.id, word) for inst in self.corpus.instruments)
        return self._frequencies[word]


def browser_data(corpus: Corpus, resolver: Resolver, t, directory_urls: bool) -> dict:
    """Everything the lookup page's script needs, in one language, links relative to the page."""
    instruments = []
    for inst in corpus.instruments:
        facts = [t.kind[inst.kind], t.date(inst.date) if inst.date else "", t.number_label(inst)]
        instruments.append({
            "id": inst.id, "kind": inst.kind, "approves": inst.approves["kind"] if inst.approves else None,
            "number": compact(inst.number) if inst.number else None, "eqanun": inst.eqanun, "date": inst.date,
            "provisions": [{"id": p.id, "key": provision_key(p.number), "label": t.provision_label(p.unit, p.number)}
                           for p in inst.provisions],
            "words": sorted(resolver.words[inst.id]), "name": inst.name(t.lang),
            "facts": " · ".join(f for f in facts if f),
        })
    return {
        "patterns": js_patterns(), "vocabulary": vocabulary(), "instruments": instruments,
        "provision_count": resolver.provision_count, "specific_limit": resolver.specific_limit,
        "threshold": THRESHOLD, "spread": SPREAD, "max_results": MAX_RESULTS,
        "base": "../instruments/", "suffix": "/" if directory_urls else ".html",
    }
