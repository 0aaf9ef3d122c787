"""The checks of instruments.yaml that a schema cannot express: unique ids and addresses, relation targets, real
dates, languages, copies and the words of each official page (model/evidence.py)."""

from __future__ import annotations

import datetime as dt

from .addressbook import claims
from .checks import Checker
from .evidence import FIELD_LABELS, page_language_mismatch, states, states_date
from .findings import check_findings

APPROVING_KINDS = {"decision", "order", "decree", "resolution", "law"}
SECTION_ANCHORS = {
    "facts",
    "azerbaijan",
    "purpose",
    "provisions",
    "relations",
    "cite",
    "themes",
    "sources",
    "findings",
    "implementation",
}  # on instrument pages


class InstrumentChecker(Checker):
    """The checks of instruments.yaml that a schema cannot express."""

    # -- pass 2: what the schema cannot say
    def semantics(self, raw: dict, ref_numbers: set[int], today: dt.date) -> None:
        records = raw["instruments"]
        first_index: dict[str, int] = {}
        eqanun_owner: dict[int, str] = {}
        for where, message in claims(records):
            self.add(where, message)
        for i, rec in enumerate(records):
            path = ("instruments", i)
            if "uri" in rec:
                self.add(path + ("uri",), "the permanent address is made by the build from the act's identity")
            if rec["id"] in first_index:
                first = self.lines.get(("instruments", first_index[rec["id"]], "id"), 0)
                self.add(path + ("id",), f"duplicate id '{rec['id']}' (first on line {first})")
            else:
                first_index[rec["id"]] = i
            if rec["eqanun"] is not None:
                if rec["eqanun"] in eqanun_owner:
                    self.add(
                        path + ("eqanun",),
                        f"e-qanun id {rec['eqanun']} is already used by '{eqanun_owner[rec['eqanun']]}'; "
                        "an act and the document it approves are one record",
                    )
                else:
                    eqanun_owner[rec["eqanun"]] = rec["id"]
            self._dates(rec, path, today)
            self.languages(rec, path)
            if "approves" in rec and rec["kind"] not in APPROVING_KINDS:
                self.add(path + ("approves",), f"a {rec['kind']} does not approve documents")
            provision_ids = set()
            for j, prov in enumerate(rec.get("provisions", [])):
                if prov["id"] in provision_ids:
                    self.add(path + ("provisions", j, "id"), f"duplicate provision id '{prov['id']}'")
                if prov["id"] in SECTION_ANCHORS:
                    self.add(
                        path + ("provisions", j, "id"),
                        f"'{prov['id']}' is the anchor of a page section; choose another id",
                    )
                provision_ids.add(prov["id"])
                if "summary" in prov and not prov.get("sources"):
                    self.add(path + ("provisions", j, "summary"), "a summary needs the sources it is drawn from")
                self._sources(prov.get("sources", []), path + ("provisions", j, "sources"), ref_numbers)
                for k, text in enumerate(prov.get("texts", [])):
                    where = path + ("provisions", j, "texts", k, "source")
                    self._sources([{"lang": text["lang"], **text["source"]}], where, ref_numbers)
            for j, step in enumerate(rec.get("participation", [])):
                self._sources(step["sources"], path + ("participation", j, "sources"), ref_numbers)
            for j, finding in enumerate(rec.get("findings", [])):
                self._sources([finding["source"]], path + ("findings", j, "source"), ref_numbers)
            self._sources(rec["sources"], path + ("sources",), ref_numbers)
            self._evidence(rec, path)
        by_id = {rec["id"]: rec for rec in records}
        check_findings(self, records, by_id)
        for i, rec in enumerate(records):
            for j, step in enumerate(rec.get("participation", [])):
                if "law" in step and step["law"] not in by_id:
                    self.add(("instruments", i, "participation", j, "law"), f"no instrument has the id '{step['law']}'")
        for i, rec in enumerate(records):
            stated: set[tuple] = set()
            for j, rel in enumerate(rec.get("relations", [])):
                self._relation(rec, rel, ("instruments", i, "relations", j), by_id, stated)

    def _relation(self, rec, rel, path, by_id, stated) -> None:
        key = (rel["type"], rel["target"], rel.get("provision"))
        if key in stated:
            self.add(path, "the same relation is stated twice")
        stated.add(key)
        target = by_id.get(rel["target"])
        if target is None:
            self.add(path + ("target",), f"no instrument has the id '{rel['target']}'")
            return
        if target["id"] == rec["id"]:
            self.add(path + ("target",), "an instrument cannot relate to itself")
        if "provision" in rel and rel["provision"] not in {p["id"] for p in target.get("provisions", [])}:
            self.add(path + ("provision",), f"'{rel['target']}' has no provision '{rel['provision']}'")
        for back in target.get("relations", []):
            if back["target"] == rec["id"] and back["type"] == rel["type"]:
                self.add(
                    path,
                    f"'{rel['target']}' already states '{rel['type']}' towards '{rec['id']}'; state a relation once",
                )

    def _dates(self, rec, path, today) -> None:
        parsed = {}
        for key in ("date", "entry_into_force"):
            value = rec.get(key)
            if value is None:
                continue
            try:
                parsed[key] = _parse_date(value)
            except ValueError:
                self.add(path + (key,), f"'{value}' is not a real calendar date")
                continue
            if parsed[key] > today:
                self.add(path + (key,), f"{value} is in the future")
        if (rec["date"] is None) != (rec["date_kind"] is None):
            self.add(path + ("date_kind",), "date_kind must be given exactly when date is")
        if "date" in parsed and "entry_into_force" in parsed and parsed["entry_into_force"] < parsed["date"]:
            self.add(path + ("entry_into_force",), "entry into force precedes the date of the act")

    def _sources(self, sources, path, ref_numbers) -> None:
        for k, src in enumerate(sources):
            if src["type"] == "article" and src["ref"] is not None and src["ref"] not in ref_numbers:
                self.add(path + (k, "ref"), f"the article has no reference [{src['ref']}]")
            if "editor_note" in src:
                note = src["editor_note"]["source"]
                if note["type"] == "article":
                    self.add(
                        path + (k, "editor_note", "source"), "an editor's note rests on an official page or a copy"
                    )
                else:
                    self._sources([note], path + (k, "editor_note", "source"), ref_numbers)
            if src["type"] == "copy":
                self._copy(src, path + (k,))
            if src["type"] != "article" and (mismatch := page_language_mismatch(src["url"], src.get("lang"))):
                self.add(path + (k, "url"), mismatch)

    def _copy(self, src, path) -> None:
        """A copy says itself what it reproduces: the record keeps the copy's words, and an address only where
        those words give it."""
        address = src.get("reproduces_url")
        if address == src["url"]:
            self.add(path + ("reproduces_url",), "a copy reproduces another page: give the official address it copies")
        elif address and address not in src["reproduces"]:
            self.add(
                path + ("reproduces_url",),
                "the copy's words (reproduces) do not give this address: keep only what the copy itself states",
            )

    def _evidence(self, rec, path) -> None:
        """Each official or copied page says what it is said to support (model/evidence.py)."""
        for k, src in enumerate(rec["sources"]):
            for name in src.get("supports", []):
                where = path + ("sources", k)
                value = rec.get(name)
                if name == "official_url":
                    if value != src["url"]:
                        self.add(
                            where + ("url",), "supports official_url, but the record's official_url is another page"
                        )
                elif value is None:
                    self.add(where + ("supports",), f"supports the {FIELD_LABELS[name]}, but the record gives none")
                elif not states(name, value, src):
                    self.add(where + ("passage",), f"the passage does not contain the {FIELD_LABELS[name]} '{value}'")
        official = rec.get("official_url")
        if official and not any(s["type"] == "official" and s["url"] == official for s in rec["sources"]):
            self.add(path + ("official_url",), "no official source of this record is that page: add it, with its words")
        for j, prov in enumerate(rec.get("provisions", [])):
            for k, src in enumerate(prov.get("sources", [])):
                if "supports" in src:
                    self.add(path + ("provisions", j, "sources", k, "supports"), "a provision has no field to support")
        for j, step in enumerate(rec.get("participation", [])):
            for k, src in enumerate(step["sources"]):
                if "supports" in src:
                    where = path + ("participation", j, "sources", k, "supports")
                    self.add(where, "a step's sources state its date; they support no field of the record")
                if step["date"] and not states_date(src["passage"], step["date"]):
                    where = path + ("participation", j, "sources", k, "passage")
                    self.add(where, f"the passage does not contain the date '{step['date']}' of this step")


def _parse_date(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
