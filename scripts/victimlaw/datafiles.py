"""The package's own data files (strings.yaml, search/wordrules.yaml, cite/citation.yaml), as they are on disk now.

A file is parsed again whenever its size or modification time changes, so `mkdocs serve` never builds from an
old copy, and an unchanged file is not parsed again for every word the lookup or the search index reads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

_parsed: dict[tuple[Path, Callable], tuple[tuple[int, int], Any]] = {}  # (file, parser) -> (its stat, the result)


def read(path: Path, parse: Callable[[Any], Any] = lambda data: data) -> Any:
    """parse(the file's YAML), made again when the file has changed since it was last made."""
    stat = path.stat()
    key, version = (path, parse), (stat.st_mtime_ns, stat.st_size)
    known = _parsed.get(key)
    if known is None or known[0] != version:
        known = _parsed[key] = (version, parse(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return known[1]
