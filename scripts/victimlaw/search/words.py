"""The rules for words, from wordrules.yaml: letters folded, Russian and English endings stemmed.

search.js (beside this file) and cite.js apply the same tables: the build writes the file's content into
the site as search/words.js, so the twins read one source.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from .. import datafiles

WORD = re.compile(r"[^\W_]+")  # letters and digits, as /[\p{L}\p{N}]+/u
WORDRULES = Path(__file__).with_name("wordrules.yaml")


def _merged(groups: list[dict]) -> dict[str, str]:
    return {letter: folded for group in groups for letter, folded in group["letters"].items()}


class WordRules:
    """The rules for words as wordrules.yaml has them (`data`, written for the browser as it is), with
    what Python makes of them: merged folding tables, and the folded characters and the terms met so
    far (kept here, so that rules read again start afresh)."""

    def __init__(self, data: dict):
        self.data = data
        fold_rules = data["fold"]
        self.capitals = _merged(fold_rules["capitals"])
        self.letters = _merged(fold_rules["letters"])
        self.dashes = _merged(fold_rules["dashes"])
        self.letters_table = str.maketrans(self.letters)  # for str.translate, folding whole texts (cite/reading.py)
        self.decomposition = fold_rules["others"]["decomposition"]
        self.marks = fold_rules["others"]["marks"]
        ru = data["stem"]["ru"]
        self.ru, self.ru_vowels, self.ru_group1_after = ru["endings"], ru["vowels"], ru["group1_after"]
        self.en = data["stem"]["en"]
        self.cite = data["cite"]
        self.equivalents = data.get("equivalents", [])
        self.folded = _FoldedChars(self)
        self.terms: dict[str, _Terms] = {}
        self.equivalent_terms: dict[str, Equivalents] = {}  # by language: the equivalents as index terms


def word_rules(path: Path = WORDRULES) -> WordRules:
    """The rules as the file says now (read again when it changes, under `mkdocs serve`)."""
    return datafiles.read(path, WordRules)


def fold_char(c: str, rules: WordRules | None = None) -> str:
    """One character in, one out: İ and I are i (Azerbaijani has both i and ı), ə e, ş s..., accents dropped."""
    rules = rules or word_rules()
    if c in rules.capitals:
        return rules.capitals[c]
    lower = c.lower()
    if len(lower) != 1:
        lower = c
    if lower in rules.letters:
        return rules.letters[lower]
    return unicodedata.normalize(rules.decomposition, lower)[0] or lower  # the letter without its marks


class _FoldedChars(dict):
    """character -> folded character, each folded once."""

    def __init__(self, rules: WordRules):
        super().__init__()
        self.rules = rules

    def __missing__(self, c: str) -> str:
        folded = self[c] = fold_char(c, self.rules)
        return folded


def fold(text: str, rules: WordRules | None = None) -> str:
    return "".join(map((rules or word_rules()).folded.__getitem__, text))


def _strip(word: str, group1: list[str] | None, group2: list[str] | None, after: str = "") -> str | None:
    """The word without its longest ending found (group1 endings must follow a letter of `after`), or None."""
    best = None
    for ending in group1 or []:
        cut = len(word) - len(ending)
        if cut > 0 and word.endswith(ending) and word[cut - 1] in after and (best is None or len(ending) > len(best)):
            best = ending
    for ending in group2 or []:
        if len(word) >= len(ending) and word.endswith(ending) and (best is None or len(ending) > len(best)):
            best = ending
    return None if best is None else word[: len(word) - len(best)]


def _region_after(word: str, start: int, vowels: str) -> int:
    for i in range(start + 1, len(word)):
        if word[i - 1] in vowels and word[i] not in vowels:
            return i + 1
    return len(word)


def stem_ru(word: str, rules: WordRules | None = None) -> str:
    """The Snowball Russian stemmer, as search.js has it."""
    rules = rules or word_rules()
    RU, vowels, after = rules.ru, rules.ru_vowels, rules.ru_group1_after
    start = next((i + 1 for i, c in enumerate(word) if c in vowels), -1)
    if start < 0:
        return word
    head, rv = word[:start], word[start:]
    cut = _strip(rv, RU["gerund1"], RU["gerund2"], after)
    if cut is not None:
        rv = cut
    else:
        cut = _strip(rv, None, RU["reflexive"])
        if cut is not None:
            rv = cut
        cut = _strip(rv, None, RU["adjective"])
        if cut is not None:
            rv = cut
            cut = _strip(rv, RU["participle1"], RU["participle2"], after)
            if cut is not None:
                rv = cut
        elif (cut := _strip(rv, RU["verb1"], RU["verb2"], after)) is not None or (
            cut := _strip(rv, None, RU["noun"])
        ) is not None:
            rv = cut
    if rv.endswith("и"):
        rv = rv[:-1]
    whole = head + rv
    r2 = _region_after(whole, _region_after(whole, 0, vowels) - 1, vowels)
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


def stem_en(word: str, rules: WordRules | None = None) -> str:
    """Plural and verb endings only: the first rule that applies. Lengths in characters (code points),
    as search.js counts them."""
    for rule in (rules or word_rules()).en:
        ending = rule["ending"]
        if (
            len(word) > rule["longer_than"]
            and word.endswith(ending)
            and not (rule.get("not_after") and word[: -len(ending)].endswith(rule["not_after"]))
        ):
            return word[: -len(ending)] + rule["becomes"]
    return word


STEMMERS = {"ru": stem_ru, "en": stem_en}


class _Terms(dict):
    """word -> term in one language, each distinct word folded and stemmed once."""

    def __init__(self, lang: str, rules: WordRules):
        super().__init__()
        self.stem = STEMMERS.get(lang)
        self.rules = rules

    def __missing__(self, word: str) -> str:
        folded = fold(word, self.rules)
        term = self[word] = self.stem(folded, self.rules) if self.stem else folded
        return term


def terms(text: str, lang: str, rules: WordRules | None = None) -> list[str]:
    """The index terms of a text: its words folded, then stemmed in Russian and English."""
    rules = rules or word_rules()
    known = rules.terms.get(lang)
    if known is None:
        known = rules.terms[lang] = _Terms(lang, rules)
    return list(map(known.__getitem__, WORD.findall(text)))


def word_prefix(word: str, rules: WordRules) -> str:
    """Enough of a word to ignore its ending ("торговле" ~ "торговли") but not its meaning ("против")."""
    words = rules.cite["words"]
    return word[: max(words["keep"], len(word) - words["drop"])]


class Equivalents:
    """wordrules.yaml's `equivalents` in one language, each phrase made into words by `prepare` as the words they
    are looked for in were made (folded, stemmed, filtered); a phrase's words match words that start as they do
    (word_prefix)."""

    def __init__(self, rules: WordRules, lang: str, prepare: Callable[[str], list[str]]):
        self.groups = [[prepare(phrase) for phrase in group.get(lang, [])] for group in rules.equivalents]
        self.prefixes = [[[word_prefix(w, rules) for w in phrase] for phrase in group] for group in self.groups]
        self.first = tuple(phrase[0] for group in self.prefixes for phrase in group if phrase)

    def find(self, words: list[str]) -> list[tuple[int, int, list[list[str]]]]:
        """Where `words` hold a phrase: (start, end, the phrases meaning the same)."""
        found: list[tuple[int, int, list[list[str]]]] = []
        if not self.first:
            return found
        for start, word in enumerate(words):
            if not word.startswith(self.first):  # most words: one test
                continue
            for phrases, prefixes in zip(self.groups, self.prefixes, strict=True):
                for n, phrase in enumerate(prefixes):
                    end = start + len(phrase)
                    within = words[start:end]
                    if phrase and len(within) == len(phrase) and all(map(str.startswith, within, phrase)):
                        found.append((start, end, phrases[:n] + phrases[n + 1 :]))
        return found
