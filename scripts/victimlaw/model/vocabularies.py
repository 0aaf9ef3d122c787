"""The schema's vocabularies that the code orders or groups by, each defined once.

The kinds of act and the levels come from data/instruments.schema.json in the order its enums give them, the
order the site lists them in (the catalogue and its filters), so that a kind added to the schema is listed too.
"""

from __future__ import annotations

from typing import Any

from .. import datafiles
from ..paths import SCHEMAS

SCHEMA = SCHEMAS / "instruments.schema.json"

# Agreements between states: an act's page says what is known of Azerbaijan's participation; CSL's "treaty".
TREATY_KINDS = ("convention", "protocol")
# Cited as OSCOLA cites treaties and the documents of international organisations, "Title (adopted date) number":
# the treaties, and the General Assembly's resolutions and declarations.
CITED_AS_INTERNATIONAL = (*TREATY_KINDS, "declaration", "resolution")


def _orders(schema: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    instrument = schema["$defs"]["instrument"]["properties"]
    return {field: tuple(instrument[field]["enum"]) for field in ("kind", "level")}


def kind_order() -> tuple[str, ...]:
    """The kinds of act in the schema's order (read again when the schema changes, under `mkdocs serve`)."""
    return datafiles.read(SCHEMA, _orders)["kind"]


def level_order() -> tuple[str, ...]:
    """The levels (international, regional, national) in the schema's order."""
    return datafiles.read(SCHEMA, _orders)["level"]
