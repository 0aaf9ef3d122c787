"""Resolve a free-text citation to instruments (and a provision), best first.

The same rules run in the browser (assets/javascripts/cite.js): the regular expressions and the
vocabulary are defined once here and in citation.yaml and exported to the page's data, and the folding
and the scoring weights are those of wordrules.yaml (search/words.js in the site), so the two
implementations share them; tests run the same table of citations through both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import LANGUAGES, datafiles
from ..model.corpus import Corpus, Instrument, Provision
from ..search.words import Equivalents, WordRules, word_prefix, word_rules
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
    """citation.yaml as it is now (read again when it changes, under `mkdocs serve`), its words folded."""
    return datafiles.read(VOCABULARY, _folded)


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
    import datetime as dt

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
        kind = _kind_of(word)
        if kind:
            q.kinds.add(kind)
            q.kinds.update(voc.get("kind_aliases", {}).get(kind, []))
        elif word not in voc["stopwords"] and word not in number_words and len(word) >= shortest:
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


@dataclass(frozen=True)
class Match:
    id: str
    provision: str | None
    score: int


class Resolver:
    """The instruments of a corpus, ready to be scored against citations with the rules for words read
    when the resolver is made (wordrules.yaml: folding, and the weights of its "cite" part)."""

    def __init__(self, corpus: Corpus, rules: WordRules | None = None):
        self.corpus = corpus
        self.rules = rules or word_rules()
        self.equivalents = {lang: Equivalents(self.rules, lang, self._compared_words) for lang in LANGUAGES}
        self.titles = {inst.id: self._titles(inst) for inst in corpus.instruments}
        self.words = {inst.id: self._title_words(inst) for inst in corpus.instruments}
        # acts whose name is their kind alone ("Azərbaycan Respublikasının Konstitusiyası"): the kind names them
        self.named_by_kind = {
            inst.id
            for inst in corpus.instruments
            if any(
                not self._compared_words(text) for text in [*inst.title.values(), *(inst.short_title or {}).values()]
            )
        }
        # a title word is "specific" when few instruments have it; common words alone match nothing
        words = self.rules.cite["words"]
        self.specific_limit = max(words["specific_least"], len(corpus.instruments) // words["specific_share"])
        self._frequencies: dict[str, int] = {}
        self.provision_count: dict[str, int] = {}
        for inst in corpus.instruments:
            for p in inst.provisions:
                key = provision_key(p.number, self.rules)
                self.provision_count[key] = self.provision_count.get(key, 0) + 1

    def _title_words(self, inst: Instrument) -> set[str]:
        return {w for title in self.titles[inst.id] for w in title}

    def _titles(self, inst: Instrument) -> list[tuple[str, ...]]:
        """The words of each of the act's titles (full and short, in each language) that a citation's words are
        compared with, each title also written with the other names of what it names (wordrules.yaml's
        `equivalents`: "trafficking in persons" for "trafficking in human beings")."""
        texts = [*inst.title.items(), *(inst.short_title or {}).items()]
        titles = []
        for lang, text in texts:
            words = self._compared_words(text)
            written = [words] + [
                words[:start] + other + words[end:]
                for start, end, others in self.equivalents[lang].find(words)
                for other in others
            ]
            for variant in written:
                title = tuple(dict.fromkeys(variant))
                if title and title not in titles:
                    titles.append(title)
        return titles

    def _compared_words(self, text: str) -> list[str]:
        """The words of a title that a citation's words are compared with: not its kind, the country's name or
        other words that every title has (citation.yaml)."""
        voc = vocabulary()
        shortest = self.rules.cite["words"]["shortest"]
        ignored = set(voc["stopwords"]) | set(voc["number_words"])
        words = python_patterns()["word"].findall(fold(text, self.rules))
        return [w for w in words if len(w) >= shortest and w not in ignored and not _kind_of(w)]

    def resolve(self, text: str) -> list[Match]:
        query = parse(text, self.rules)
        cite = self.rules.cite
        scored = []
        for inst in self.corpus.instruments:
            score, provision = self.score(inst, query)
            if score >= cite["threshold"]:
                scored.append(Match(inst.id, provision, score))
        scored.sort(key=lambda m: (-m.score, m.id))
        if scored:
            best = scored[0].score
            scored = [m for m in scored if m.score > best - cite["spread"]]
        return scored[: cite["max_results"]]

    def score(self, inst: Instrument, q: Query) -> tuple[int, str | None]:
        points = self.rules.cite["score"]
        score = 0
        numbers = number_forms(inst.number, self.rules)
        if q.eqanun is not None:
            if inst.eqanun != q.eqanun:
                return points["eqanun"]["other"], None
            score += points["eqanun"]["same"]
        if q.instruments:
            score += points["named"]["same" if inst.id in q.instruments else "other"]
        if q.numbers:
            score += points["number"]["same" if set(numbers) & set(q.numbers) else "other"]
        elif set(numbers) & set(q.weak_numbers):
            score += points["bare_number"]["same"]
        if q.dates:
            if inst.date in q.dates:
                score += points["date"]["same"]
            elif inst.date and any(d[:7] == inst.date[:7] for d in q.dates) and len(inst.date) == 7:
                score += points["date"]["same_month"]
            elif inst.date:
                score += points["date"]["other"]
        if q.years and not q.dates and inst.date:
            score += points["year"]["same" if inst.date[:4] in q.years else "other"]
        kind_agrees = False
        if q.kinds:
            approved = inst.approves["kind"] if inst.approves else None
            kind_agrees = inst.kind in q.kinds or approved in q.kinds
            if kind_agrees:
                score += points["kind"]["same"]
                if q.years and inst.date and inst.date[:4] in q.years:
                    score += points["kind"]["with_year"]  # kind and year together point at one act
            else:
                score += points["kind"]["other"]
        provision = None
        if q.provisions:
            found = next((p for p in inst.provisions if provision_key(p.number, self.rules) in q.provisions), None)
            if found:
                provision = found.id
                score += points["provision"]["found"]
                if self.provision_count.get(provision_key(found.number, self.rules)) == 1:
                    score += points["provision"]["only_one"]
            else:
                score += points["provision"]["missing"]
        if q.words:
            score += self._title_score(inst, q.words, kind_agrees)
        elif kind_agrees and inst.id in self.named_by_kind:  # "Konstitusiya": the act's whole name
            score += points["title_words"] + points["title_coverage"]
        return score, provision

    def _title_score(self, inst: Instrument, words: list[str], kind_agrees: bool = False) -> int:
        """The share of the citation's words found in the act's titles, and the share of the closest title
        that they cover (so that "law on combating trafficking" puts the law so named before the laws amending
        it). Words that many acts have count only as a phrase: two or more, all of them in the title, the
        kind named counting as one where it is the act's ("Cinayət Məcəlləsi": the Code's name is "Cinayət",
        a word of many titles, and its kind, which titles are compared without)."""
        matched = [w for w in words if self._has_word(inst.id, w)]
        phrase = len(matched) == len(words) and len(words) + kind_agrees >= 2
        if not phrase and not any(self._frequency(w) <= self.specific_limit for w in matched):
            return 0
        fraction = len(matched) / len(words)
        prefixes = [word_prefix(w, self.rules) for w in matched]
        coverage = max(
            sum(any(word.startswith(p) for p in prefixes) for word in title) / len(title)
            for title in self.titles[inst.id]
        )
        points = self.rules.cite["score"]
        # int, not round: the browser's Math.floor must agree
        return int(points["title_words"] * fraction * fraction + points["title_coverage"] * coverage * coverage)

    def _has_word(self, instrument_id: str, word: str) -> bool:
        prefix = word_prefix(word, self.rules)
        return any(v.startswith(prefix) for v in self.words[instrument_id])

    def _frequency(self, word: str) -> int:
        """How many instruments have the word; remembered per resolver (a method lru_cache would keep
        every resolver alive and mix corpora)."""
        if word not in self._frequencies:
            self._frequencies[word] = sum(self._has_word(inst.id, word) for inst in self.corpus.instruments)
        return self._frequencies[word]


def browser_data(
    corpus: Corpus,
    resolver: Resolver,
    t,
    directory_urls: bool,
    citations: Callable[[Instrument, Provision | None], dict[str, str]],
    locations: dict[str, str],
) -> dict:
    """Everything the lookup page's script needs, in one language, links relative to the page (the rules
    for words, scoring weights included, come from search/words.js, which every page loads); `citations`:
    an act's citation, or one of its provisions', in each language, as the act's page gives it (Site.citations);
    `locations`: each act's page from the site's root, as the site search knows it (the search puts the acts a
    query cites first)."""
    rules = resolver.rules
    instruments = []
    for inst in corpus.instruments:
        instruments.append(
            {
                "id": inst.id,
                "kind": inst.kind,
                "approves": inst.approves["kind"] if inst.approves else None,
                "numbers": number_forms(inst.number, rules),
                "eqanun": inst.eqanun,
                "date": inst.date,
                "provisions": [
                    {
                        "id": p.id,
                        "key": provision_key(p.number, rules),
                        "label": t.provision_label(p.unit, p.number),
                        "citation": citations(inst, p)[t.lang],
                    }
                    for p in inst.provisions
                ],
                "words": sorted(resolver.words[inst.id]),
                "named_by_kind": inst.id in resolver.named_by_kind,
                "titles": resolver.titles[inst.id],
                "name": inst.name(t.lang),
                "citation": citations(inst, None)[t.lang],
                "location": locations[inst.id],
                "link": inst.link,
                "link_kind": "eqanun" if inst.eqanun_url else "official" if inst.official_url else None,
                "facts": t.facts(inst),
            }
        )
    return {
        "patterns": js_patterns(),
        "vocabulary": vocabulary(),
        "instruments": instruments,
        "provision_count": resolver.provision_count,
        "specific_limit": resolver.specific_limit,
        "base": "../instruments/",
        "suffix": "/" if directory_urls else ".html",
    }
