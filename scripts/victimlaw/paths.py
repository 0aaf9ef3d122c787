"""Where the data and docs live; VICTIMLAW_DATA points the whole tool chain at another data file."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
SCHEMAS = PROJECT / "data"


def default_data() -> Path:
    return Path(os.environ.get("VICTIMLAW_DATA") or PROJECT / "data" / "instruments.yaml")


def default_article() -> Path:
    """The source article (outside the project: its licence is not ours), whose quotations `check` compares."""
    return Path(os.environ.get("VICTIMLAW_ARTICLE") or PROJECT.parent / "shared" / "seeds" / "000_117b328812596017.txt")


def default_docs() -> Path:
    return Path(os.environ.get("VICTIMLAW_DOCS") or PROJECT / "docs")
