"""Write the generated pages into docs/ atomically, and only when their sources changed.

The data is validated before anything is rendered, so a data error leaves docs/ untouched. The pages
are written into a folder beside docs/ and swapped in by rename, so a reader never sees half a site.
A stamp (docs/.victimlaw-generated.json) records what the pages were made from: writing nothing when
nothing changed keeps `mkdocs serve` from rebuilding in a loop, and a build from unchanged sources
skips rendering.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import jinja2

from . import LANGUAGES
from .corpus import load_corpus
from .render import write_site

GENERATED_DIRS = ("instruments", "catalogue", "references", "themes", "timeline", "cite")  # below docs/<lang>/; never edit them by hand
SHARED_DIRS = ("data",)  # below docs/: the same for every language (data exports)


def generated_roots(docs_dir: Path) -> list[Path]:
    return [docs_dir / lang / name for lang in LANGUAGES for name in GENERATED_DIRS] + \
        [docs_dir / name for name in SHARED_DIRS]


def write_pages(corpus, directory_urls: bool, docs_dir: Path) -> None:
    """Render every page into a staging folder beside docs/, then swap the generated folders in."""
    docs_dir = Path(docs_dir)
    docs_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".generating-", dir=docs_dir.parent))
    try:
        write_site(corpus, directory_urls, staging / "new")
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


STAMP = ".victimlaw-generated.json"  # below docs/: what the generated files were made from (hidden: not published)
_last_generated: dict | None = None  # the fingerprint this process last generated from
last_corpus = None  # the corpus of the last generation, for what the hook adds after Markdown


def fingerprint(data_path: Path, docs_dir: Path, directory_urls: bool) -> dict:
    """Everything the generated pages depend on: the sources by content, the generated files by size
    and modification time (so a page edited or removed by hand is noticed)."""
    package = Path(__file__).parent
    sources = sorted(Path(data_path).parent.glob("*.yaml")) + sorted(package.glob("*.yaml")) + \
        sorted((package / "templates").glob("*.j2")) + sorted(package.glob("*.py"))
    digest = hashlib.sha256(f"{Path(data_path).resolve()}|{directory_urls}|{jinja2.__version__}".encode())
    for path in sources:
        digest.update(f"|{path.name}|".encode())
        digest.update(path.read_bytes())
    return {"sources": digest.hexdigest(), "generated": _generated_files(Path(docs_dir))}


def _generated_files(docs_dir: Path) -> dict[str, list[int]]:
    generated = {}
    for root in generated_roots(docs_dir):
        if root.is_dir():
            for path in root.rglob("*"):
                if path.is_file():
                    stat = path.stat()
                    generated[path.relative_to(docs_dir).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return dict(sorted(generated.items()))


def _stamp(docs_dir: Path) -> dict | None:
    try:
        return json.loads((Path(docs_dir) / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def generate(data_path: Path, docs_dir: Path, directory_urls: bool = True) -> bool:
    """Validate the data, render every page, write them; raise DataError before writing anything.

    The data is always loaded and validated. Pages are rendered only when the sources or the generated
    files differ from the last generation: mkdocs runs the hook once per language build, and a later
    build from the same sources (`make site` again, or after `make serve`) finds the stamp."""
    global _last_generated, last_corpus
    current = fingerprint(data_path, docs_dir, directory_urls)
    if current == _last_generated:
        return False
    corpus = last_corpus = load_corpus(Path(data_path))
    changed = current != _stamp(docs_dir)
    if changed:
        write_pages(corpus, directory_urls, Path(docs_dir))
        current = {"sources": current["sources"], "generated": _generated_files(Path(docs_dir))}
        (Path(docs_dir) / STAMP).write_text(json.dumps(current, indent=0) + "\n", encoding="utf-8")
    _last_generated = current
    return changed
