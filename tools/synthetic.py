"""A synthetic corpus of any size for benchmarks and scale tests: valid records with relations,
provisions and themes, their text recombined from the real corpus's own words in each language.

Its shape can be changed for the scale tests: `groups` spreads the records over the kinds and levels as
the real corpus does ("real"), over every level and kind (42 groups: "many"), or over three ("few");
`title_chars` makes every title at least that long; `undated` is the share of records without a date."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import yaml

from victimlaw import LANGUAGES
from victimlaw.model.corpus import Corpus
from victimlaw.model.vocabularies import kind_order, level_order

DUMPER = getattr(
    yaml, "CSafeDumper", yaml.SafeDumper
)  # libyaml: the pure-Python dumper takes minutes at 10,000 records

NATIONAL_KINDS = ["decision"] * 6 + ["order"] * 2 + ["decree"] * 2 + ["law"] * 2 + ["charter", "report"]
INTERNATIONAL_KINDS = ["convention", "protocol", "resolution", "declaration", "report"]
FEW_GROUPS = (("regional", "convention"), ("national", "law"), ("national", "decision"))
ISSUER = {
    "decision": "cabinet-of-ministers",
    "order": "president",
    "decree": "president",
    "law": "milli-majlis",
    "charter": None,
    "report": "national-coordinator",
    "convention": "council-of-europe",
    "protocol": "un-general-assembly",
    "resolution": "un-general-assembly",
    "declaration": "un-general-assembly",
}


def _vocabulary(corpus: Corpus) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for inst in corpus.instruments:
        for lang in LANGUAGES:
            words[lang] += re.findall(r"\w{3,}", inst.purpose[lang] + " " + inst.title[lang])
    return words


def _sentence(rng: random.Random, words: list[str], count: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def _text(rng, vocabulary, count) -> dict[str, str]:
    return {lang: _sentence(rng, vocabulary[lang], count) for lang in LANGUAGES}


def _long_text(rng, vocabulary, chars: int) -> dict[str, str]:
    """A sentence of at least `chars` characters in each language."""
    out = {}
    for lang in LANGUAGES:
        words: list[str] = []
        while sum(len(w) + 1 for w in words) < chars:
            words.append(rng.choice(vocabulary[lang]))
        text = " ".join(words)
        out[lang] = text[0].upper() + text[1:] + "."
    return out


def _group(rng: random.Random, n: int, groups: str) -> tuple[str, str]:
    """(level, kind) of the n-th record."""
    if groups == "many":
        levels, kinds = level_order(), kind_order()
        return levels[n % len(levels)], kinds[(n // len(levels)) % len(kinds)]
    if groups == "few":
        return FEW_GROUPS[0] if n % 10 == 0 else FEW_GROUPS[1 + n % 2]
    if groups != "real":
        raise ValueError(f"unknown shape of groups: {groups!r}")
    international = n % 10 == 0
    kind = rng.choice(INTERNATIONAL_KINDS if international else NATIONAL_KINDS)
    return "regional" if international and kind == "convention" else (
        "international" if international else "national"
    ), kind


def synthetic_corpus(
    size: int, real: Corpus, seed: int = 1, *, groups: str = "real", title_chars: int = 0, undated: float = 0.0
) -> dict:
    """The instruments document of `size` records; deterministic for a seed and shape (see the module)."""
    rng = random.Random(seed)
    vocabulary = _vocabulary(real)
    records: list[dict[str, Any]] = []
    for n in range(size):
        level, kind = _group(rng, n, groups)
        international = level != "national"
        year, month, day = rng.randint(1990, 2025), rng.randint(1, 12), rng.randint(1, 28)
        dated = not undated or rng.random() >= undated
        record = {
            "id": f"{kind.replace('_', '-')}-{n}",
            "kind": kind,
            "level": level,
            "issuer": ISSUER.get(kind),
            "date": f"{year:04d}-{month:02d}-{day:02d}" if dated else None,
            "date_kind": "adopted" if dated else None,
            "number": str(n + 1),
            "eqanun": 100000 + n if not international else None,
            "title": _long_text(rng, vocabulary, title_chars) if title_chars else _text(rng, vocabulary, 14),
            "purpose": _text(rng, vocabulary, 45),
            "provisions": [
                {
                    "id": f"art-{k}",
                    "unit": "article",
                    "number": str(k),
                    "summary": _text(rng, vocabulary, 25),
                    "sources": [
                        {"type": "article", "ref": rng.randint(1, 18), "passage": _text(rng, vocabulary, 12)["az"]}
                    ],
                }
                for k in range(1, rng.randint(1, 5) + 1)
            ],
            "sources": [{"type": "article", "ref": rng.randint(1, 18), "passage": _text(rng, vocabulary, 15)["az"]}],
        }
        if n and not international:
            target = records[rng.randrange(len(records))]
            relation = {"type": rng.choice(["implements", "amends", "based_on"]), "target": target["id"]}
            if target["provisions"]:
                relation["provision"] = rng.choice(target["provisions"])["id"]
            record["relations"] = [relation]
        records.append(record)
    return {"instruments": records}


def synthetic_themes(document: dict, rng_seed: int = 2, count: int = 12) -> dict:
    rng = random.Random(rng_seed)
    records = document["instruments"]
    international = [r for r in records if r["level"] != "national"]
    national = [r for r in records if r["level"] == "national"]

    def target(record):
        item = {"instrument": record["id"]}
        if record["provisions"]:
            item["provision"] = rng.choice(record["provisions"])["id"]
        return item

    themes = []
    for n in range(count):
        themes.append(
            {
                "id": f"theme-{n}",
                "title": {"az": f"Mövzu {n}", "en": f"Theme {n}", "ru": f"Тема {n}"},
                "explanation": {"az": "Mövzunun izahı.", "en": "What the theme covers.", "ru": "Пояснение темы."},
                "mappings": [
                    {
                        "international": [target(rng.choice(international))],
                        "national": [target(rng.choice(national))],
                        "basis": "treaty-text",
                        "correspondence": "partly",
                        "note": {"az": "Uyğunluq.", "en": "Correspondence.", "ru": "Соответствие."},
                        "reason": {"az": "Səbəb.", "en": "Reason.", "ru": "Причина."},
                    }
                    for _ in range(max(3, len(records) // 200))
                ],
            }
        )
    return {"themes": themes}


def write_corpus(folder: Path, size: int, real: Corpus, real_data_dir: Path, **shape) -> Path:
    """instruments.yaml, themes.yaml and the real references.yaml in `folder`; returns the data file.
    `shape`: the keywords of synthetic_corpus (groups, title_chars, undated)."""
    folder.mkdir(parents=True, exist_ok=True)
    document = synthetic_corpus(size, real, **shape)
    for name, content in (("instruments.yaml", document), ("themes.yaml", synthetic_themes(document))):
        (folder / name).write_text(
            yaml.dump(content, Dumper=DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    (folder / "references.yaml").write_text(
        (real_data_dir / "references.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return folder / "instruments.yaml"
