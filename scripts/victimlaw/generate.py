"""Write the generated pages into docs/ atomically, and only when they changed.

Everything is rendered in memory first; a data error therefore leaves docs/ untouched. The new
folders are written beside docs/ and swapped in by rename, so a reader never sees half a site.
Writing nothing when nothing changed keeps `mkdocs serve` from rebuilding in a loop.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import LANGUAGES
from .corpus import load_corpus
from .render import render_site

GENERATED_DIRS = ("instruments", "catalogue", "references", "themes", "timeline", "cite")  # below docs/<lang>/; never edit them by hand
SHARED_DIRS = ("data",)  # below docs/: the same for every language (data exports)


def generated_roots(docs_dir: Path) -> list[Path]:
    return [docs_dir / lang / name for lang in LANGUAGES for name in GENERATED_DIRS] + \
        [docs_dir / name for name in SHARED_DIRS]


def current_pages(docs_dir: Path) -> dict[str, str]:
    pages = {}
    for root in generated_roots(docs_dir):
        if root.is_dir():
            for path in root.rglob("*"):
                if path.is_file():
                    pages[path.relative_to(docs_dir).as_posix()] = path.read_text(encoding="utf-8")
    return pages


def write_pages(pages: dict[str, str], docs_dir: Path) -> bool:
    """Swap the generated folders for ones holding exactly `pages`; return whether anything changed."""
    docs_dir = Path(docs_dir)
    if current_pages(docs_dir) == pages:
        return False
    docs_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".generating-", dir=docs_dir.parent))
    try:
        for folder in {(staging / "new" / rel).parent for rel in pages}:
            folder.mkdir(parents=True, exist_ok=True)
        # many small files: writing them from a few threads overlaps the waits on the file system
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda item: (staging / "new" / item[0]).write_text(item[1], encoding="utf-8"), pages.items()))
        for root in generated_roots(docs_dir):
            rel = root.relative_to(docs_dir)
            fresh, old = staging / "new" / rel, staging / "old" / rel
            if root.exists():
                old.parent.mkdir(parents=True, exist_ok=True)
                os.replace(root, old)
            if fresh.exists():
                root.parent.mkdir(parents=True, exist_ok=True)
                os.replace(fresh, root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return True


_last_generated: tuple | None = None  # what this process last generated from
last_corpus = None  # the corpus of the last generation, for what the hook adds after Markdown


def _inputs(data_path: Path, docs_dir: Path, directory_urls: bool) -> tuple:
    """Everything the pages depend on, by name, size and modification time."""
    package = Path(__file__).parent
    files = sorted(Path(data_path).parent.glob("*.yaml")) + sorted(package.glob("*.yaml")) + \
        sorted((package / "templates").glob("*.j2")) + sorted(package.glob("*.py"))
    generated = [f for root in generated_roots(Path(docs_dir)) if root.is_dir() for f in root.rglob("*")]
    stamps = tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files + sorted(generated))
    return (str(Path(data_path).resolve()), str(Path(docs_dir).resolve()), directory_urls, stamps)


def generate(data_path: Path, docs_dir: Path, directory_urls: bool = True) -> bool:
    """Validate the data, render every page, write them; raise DataError before writing anything.

    mkdocs runs the hook once per language build; pages already generated from the same inputs
    in this process are not rendered again."""
    global _last_generated, last_corpus
    if _inputs(data_path, docs_dir, directory_urls) == _last_generated:
        return False
    corpus = last_corpus = load_corpus(Path(data_path))
    changed = write_pages(render_site(corpus, directory_urls), Path(docs_dir))
    _last_generated = _inputs(data_path, docs_dir, directory_urls)  # the generated files included
    return changed
