"""What the monitoring bodies found (GRETA, the Committee of the Parties, the UN treaty bodies, the ILO's Committee
of Experts): each finding a short passage of an official page, in its own words, with the stance they take and
the treaty provisions it concerns. A finding belongs to the report that makes it (a record of kind report)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import LANGUAGES
from .checks import Checker

if TYPE_CHECKING:
    from .corpus import Source

# In the order a reader weighs them: what is praised, what is observed, what is asked.
STANCES = (
    "welcomes",
    "notes",
    "considers",
    "notes_with_concern",
    "stresses",
    "requests",
    "calls_on",
    "urges",
    "recommends",
)


@dataclass(frozen=True)
class Finding:
    id: str
    stance: str
    concerns: tuple[tuple[str, str], ...]  # (record id, provision id)
    concerns_named: bool  # the words name those provisions; otherwise the site's editors read them so
    acts: tuple[str, ...]  # national acts the words name
    source: Source  # its passage is the finding's words
    translation: dict[str, str]  # the words in the site's other languages, unofficial

    @property
    def stance_order(self) -> int:
        return STANCES.index(self.stance)

    def words(self, lang: str) -> str:
        """The words in `lang`: the passage itself in its own language, else the unofficial translation."""
        return str(self.source.passage) if lang == self.source.lang else self.translation[lang]


def concern(reference: str) -> tuple[str, str]:
    record, _, provision = reference.partition("#")
    return record, provision


def check_findings(checker: Checker, records: list[dict], by_id: dict[str, dict]) -> None:
    """Only a report makes findings; each is named once in its report, in a language the translation does not
    repeat, and points at provisions and acts the data has (`by_id`: the records by their ids)."""
    for i, rec in enumerate(records):
        seen: set[str] = set()
        for j, finding in enumerate(rec.get("findings", [])):
            path = ("instruments", i, "findings", j)
            if rec["kind"] != "report":
                checker.add(path, f"a {rec['kind']} makes no findings: give them to the report that makes them")
            if finding["id"] in seen:
                checker.add(path + ("id",), f"duplicate finding id '{finding['id']}'")
            seen.add(finding["id"])
            source = finding["source"]
            if source["type"] == "article":
                checker.add(path + ("source",), "a finding is quoted from the monitoring body's page or a copy of it")
            elif "lang" not in source:
                checker.add(path + ("source", "lang"), "say the language of the finding's words")
            else:
                wanted = set(LANGUAGES) - {source["lang"]}
                if set(finding["translation"]) != wanted:
                    checker.add(path + ("translation",), f"translate the words into {', '.join(sorted(wanted))}")
            for k, reference in enumerate(finding["concerns"]):
                record, provision = concern(reference)
                target = by_id.get(record)
                if target is None:
                    checker.add(path + ("concerns", k), f"no instrument has the id '{record}'")
                elif provision not in {p["id"] for p in target.get("provisions", [])}:
                    checker.add(path + ("concerns", k), f"'{record}' has no provision '{provision}'")
            for k, act in enumerate(finding.get("acts", [])):
                if act not in by_id:
                    checker.add(path + ("acts", k), f"no instrument has the id '{act}'")
