"""Unofficial translations of the Azerbaijani quotations (data/translations.yaml).

A quotation stays in the words of its source (the article, an official Azerbaijani page); on the English and
Russian pages it is followed by a translation into the page's language, labelled unofficial. The translations
are kept once per quotation, keyed by its words, so a passage quoted in several records is translated once.
When the file is there, every Azerbaijani quotation must have a translation and every translation a
quotation; a corpus without the file (a synthetic one) shows its quotations untranslated.
"""

from __future__ import annotations

from pathlib import Path

from .checks import Checker, read_schema
from .errors import DataError, Issue
from .yamlsource import load

NESTED = ("provisions", "participation")  # besides the record itself, what holds sources


class Translations:
    """The translations by the Azerbaijani words they translate; remembers which were asked for."""

    def __init__(self, path: Path, raw: dict, checker: Checker):
        self.path, self.checker = path, checker
        self.by_words = {item["az"]: {lang: item[lang] for lang in ("en", "ru")} for item in raw["translations"]}
        self.place = {item["az"]: k for k, item in enumerate(raw["translations"])}
        self.used: set[str] = set()

    def of(self, words: str) -> dict[str, str] | None:
        self.used.add(words)
        return self.by_words.get(words)

    def require(self, checker: Checker, path: tuple, words: str) -> None:
        """An Azerbaijani quotation at `path` (its passage field) must be translated."""
        if self.of(words) is None:
            checker.add(path, f"no unofficial translation of this quotation in {self.path.name}")

    def unused(self) -> list[Issue]:
        """Once every quotation has been looked up: an issue for each translation that none asked for."""
        for words, k in self.place.items():
            if words not in self.used:
                self.checker.add(("translations", k, "az"), "no quotation in the data has these words")
        return self.checker.issues


def load_translations(path: Path) -> Translations | None:
    """translations.yaml beside the data file, validated; None where there is none."""
    if not path.exists():
        return None
    raw, lines = load(path)
    issues: list[Issue] = []
    checker = Checker(str(path), raw, lines, issues)
    checker.schema(raw, read_schema("translations.schema.json"))
    if issues:
        raise DataError(issues)
    first: dict[str, int] = {}
    for k, item in enumerate(raw["translations"]):
        checker.languages({"az": item["az"], "en": item["en"], "ru": item["ru"]}, ("translations", k))
        if item["az"] in first:
            line = lines.get(("translations", first[item["az"]], "az"), 0)
            checker.add(("translations", k, "az"), f"this quotation is translated twice (first on line {line})")
        first.setdefault(item["az"], k)
    if issues:
        raise DataError(issues)
    return Translations(path, raw, checker)


def azerbaijani(source: dict) -> bool:
    """Is this source's passage an Azerbaijani quotation? The article's are, unless marked otherwise."""
    if "passage" not in source:
        return False
    return source.get("lang", "az") == "az" if source["type"] == "article" else source.get("lang") == "az"


def require_for_instruments(translations: Translations, checker: Checker, raw: dict) -> None:
    """Every Azerbaijani quotation of every record (its own sources, its provisions', its steps') is translated."""
    for i, rec in enumerate(raw["instruments"]):
        places: list[tuple[tuple, dict]] = [(("instruments", i), rec)]
        for nested in NESTED:
            places += [(("instruments", i, nested, j), item) for j, item in enumerate(rec.get(nested, []))]
        for where, holder in places:
            for k, source in enumerate(holder.get("sources", [])):
                if azerbaijani(source):
                    translations.require(checker, where + ("sources", k, "passage"), source["passage"])
                note = source.get("editor_note", {}).get("source")
                if note and azerbaijani(note):
                    translations.require(
                        checker, where + ("sources", k, "editor_note", "source", "passage"), note["passage"]
                    )
