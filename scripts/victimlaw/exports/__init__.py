"""The data exports every language links to (the corpus as JSON and CSV, CSL-JSON per language), and the
citation formats of one instrument (citations.py)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping

from .. import LANGUAGES
from ..labels import Labels
from ..model.corpus import Corpus, Instrument
from . import citations

CSV_COLUMNS = [
    "id",
    "kind",
    "level",
    "issuer",
    "date",
    "date_kind",
    "entry_into_force",
    "number",
    "eqanun",
    "eqanun_url",
    "official_url",
    "participation",  # Azerbaijan and the treaty: "signature 2000-12-12; ratification 2003-10-30"
    "title_az",
    "title_en",
    "title_ru",
    "title_stated",  # "no": no source gives the title; the titles describe the act
]
BOM = "\ufeff"  # so that spreadsheet programs (Excel on Windows above all) read the file as UTF-8


def files(
    corpus: Corpus,
    labels: dict[str, Labels] | None = None,
    uris: Mapping[str, str | None] | None = None,
    public_uri: Callable[[Instrument, str], str | None] | None = None,
) -> dict[str, str]:
    """Every export, by its path below the site's root; `uris`: each act's permanent address on the site
    (Site.act_uri), given to the JSON export as its "uri"; `public_uri(inst, lang)`: its absolute address in a
    language, where the site has a public one, the CSL-JSON URL of an act without an official text online."""
    labels = labels or {lang: Labels(lang) for lang in LANGUAGES}
    document = corpus.document
    if uris is not None:
        records = [{**record, "uri": uris[record["id"]]} for record in document["instruments"]]
        document = {**document, "instruments": records}
    exports = {"data/instruments.json": as_json(document), "data/instruments.csv": instruments_csv(corpus)}
    for lang in LANGUAGES:
        exports[f"data/instruments-{lang}.csl.json"] = as_json(
            [citations.csl(inst, labels[lang], public_uri and public_uri(inst, lang)) for inst in corpus.instruments]
        )
    if corpus.document.get("license"):
        exports["data/datapackage.json"] = as_json(data_package(corpus.document["license"], list(exports)))
    return exports


def data_package(license_url: str, paths: list[str]) -> dict:
    """The exports described as a Frictionless Data Package: where a CSV file can say nothing of its licence,
    the descriptor beside it does."""
    formats = {
        ".csl.json": ("csl-json", "application/vnd.citationstyles.csl+json"),
        ".json": ("json", "application/json"),
        ".csv": ("csv", "text/csv"),
    }
    resources = []
    for path in paths:
        name = path.removeprefix("data/")
        suffix = next(suffix for suffix in formats if name.endswith(suffix))
        resources.append(
            {
                "name": name.removesuffix(suffix).replace("_", "-") + "-" + formats[suffix][0],
                "path": name,
                "format": formats[suffix][0],
                "mediatype": formats[suffix][1],
                "encoding": "utf-8-sig" if suffix == ".csv" else "utf-8",
            }
        )
    return {
        "name": "victimlaw-instruments",
        "title": "Legal protection of victims of human trafficking: instruments",
        "description": DATA_PACKAGE_NOTE,
        "licenses": [{"name": "CC-BY-4.0", "path": license_url, "title": "Creative Commons Attribution 4.0"}],
        "contributors": [{"title": "the victimlaw contributors", "role": "author"}],
        "resources": resources,
    }


DATA_PACKAGE_NOTE = (
    "The records of the legal acts and documents on the protection of victims of human trafficking, international "
    "and Azerbaijani, in Azerbaijani, English and Russian. The records and the texts the project wrote in them are "
    "under CC BY 4.0; the words they quote from official texts and from the source article are not ours and are "
    "not licensed by us (see the page 'About the sources')."
)


def as_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def instruments_csv(corpus: Corpus) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for inst in corpus.instruments:
        writer.writerow(
            {
                "id": inst.id,
                "kind": inst.kind,
                "level": inst.level,
                "issuer": inst.issuer or "",
                "date": inst.date or "",
                "date_kind": inst.date_kind or "",
                "entry_into_force": inst.entry_into_force or "",
                "number": inst.number or "",
                "eqanun": inst.eqanun or "",
                "eqanun_url": inst.eqanun_url or "",
                "official_url": inst.official_url or "",
                "participation": "; ".join(f"{s.step} {s.date or 'undated'}" for s in inst.participation),
                **{f"title_{lang}": inst.title[lang] for lang in LANGUAGES},
                "title_stated": "yes" if inst.title_stated else "no",
            }
        )
    return out.getvalue()
