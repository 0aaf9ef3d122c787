"""The schema's vocabularies that the code orders or groups by, each defined once.

The kinds of act and the levels come from data/instruments.schema.json in the order its enums give them, the
order the site lists them in (the catalogue and its filters), so that a kind added to the schema is listed too.
"""

from __future__ import annotations

from .checks import read_schema

_INSTRUMENT = read_schema("instruments.schema.json")["$defs"]["instrument"]["properties"]

KIND_ORDER: tuple[str, ...] = tuple(_INSTRUMENT["kind"]["enum"])
LEVEL_ORDER: tuple[str, ...] = tuple(_INSTRUMENT["level"]["enum"])

# Agreements between states: an act's page says what is known of Azerbaijan's participation; CSL's "treaty".
TREATY_KINDS = ("convention", "protocol")
# Cited as OSCOLA cites treaties and the documents of international organisations, "Title (adopted date) number":
# the treaties, and the General Assembly's resolutions and declarations.
CITED_AS_INTERNATIONAL = (*TREATY_KINDS, "declaration", "resolution")
