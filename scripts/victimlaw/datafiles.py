"""The package's own data files (strings.yaml, search/wordrules.yaml, cite/citation.yaml) and the schema's
vocabularies (data/instruments.schema.json: JSON is YAML), as they are on disk now.

A result is made again whenever the size or modification time of a file it is made from changes, so `mkdocs serve`
never builds from an old copy, and an unchanged file is not parsed again for every word the lookup or the search
index reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

# (file, parser) -> (the stats of the files the result is made from, the result)
_parsed: dict[tuple[Path, Callable], tuple[tuple[tuple[int, int], ...], Any]] = {}


def read(path: Path, parse: Callable[[Any], Any] = lambda data: data, made_with: Sequence[Path] = ()) -> Any:
    """parse(the file's YAML), made again when the file, or one of the files `made_with` that `parse` reads
    too, has changed since it was last made."""
    versions = tuple((stat.st_mtime_ns, stat.st_size) for stat in (p.stat() for p in (path, *made_with)))
    key = (path, parse)
    known = _parsed.get(key)
    if known is None or known[0] != versions:
        known = _parsed[key] = (versions, parse(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return known[1]
