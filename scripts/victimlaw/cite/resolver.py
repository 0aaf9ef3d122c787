"""Resolve a free-text citation to a corpus's instruments (and a provision), best first.

What the citation says is read by reading.py; here each act is scored against it with the weights of
search/wordrules.yaml's `cite` part. The browser's twin is cite.js's Resolver, which gets the acts' data from
`browser_data`; tests run the same table of citations through both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import LANGUAGES
from ..layout import ACTS_FOLDER, PROVISIONS_FOLDER, has_provision_pages
from ..model.corpus import Corpus, Instrument, Provision
from ..search.words import Equivalents, WordRules, word_prefix, word_rules
from .reading import Query, fold, js_patterns, kind_of, number_forms, parse, provision_key, python_patterns, vocabulary


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
        return [w for w in words if len(w) >= shortest and w not in ignored and not kind_of(w)]

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
    query cites first), and each provision's own page where it has one ("<act id>#<provision id>")."""
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
                        "own_page": has_provision_pages(inst),  # below provision_base, else the act's page
                        "location": locations.get(f"{inst.id}#{p.id}"),  # that page, as the search knows it
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
        "base": f"../{ACTS_FOLDER}/",  # from the lookup's folder (cite/) to the acts'
        "provision_base": f"../{PROVISIONS_FOLDER}/",  # and to the provisions' pages, a folder per act
        "suffix": "/" if directory_urls else ".html",
    }
