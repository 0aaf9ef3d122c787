"""`make bench`: build synthetic corpora of growing size with the project's real configuration and
print what it costs, beside the floor of the stack: plain mkdocs + Material + static-i18n (the same pinned
versions, in the same venv) building as many one-line pages, three languages, outside any navigation,
serially. Usage: python -m tools.bench [--sizes 200 1000 2000] [--large] [--repeat 3]."""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from victimlaw import LANGUAGES
from victimlaw.generate import generated_folders
from victimlaw.model.corpus import load_corpus
from victimlaw.paths import PROJECT

from .synthetic import write_corpus

HAND_WRITTEN = ["assets"] + [f"{lang}/{page}" for lang in LANGUAGES for page in ("index.md", "about.md")]


def project_copy(folder: Path) -> Path:
    """The real mkdocs.yml and hand-written pages in `folder`, so a benchmark never touches docs/."""
    docs = folder / "docs"
    for item in HAND_WRITTEN:
        source, target = PROJECT / "docs" / item, docs / item
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {docs}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {PROJECT / 'overrides'}")
    config = config.replace(
        "[VICTIMLAW_DATA, data/instruments.yaml]", f"[VICTIMLAW_DATA, {PROJECT / 'data/instruments.yaml'}]"
    )
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


def timed_build(config: Path, data: Path, site: Path) -> tuple[float, float]:
    """One `make site` build: wall seconds and peak memory (MiB) of the largest process."""
    env = dict(os.environ, VICTIMLAW_DATA=str(data), NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status:
        raise SystemExit(f"build failed: {process.stderr.read().decode() if process.stderr else status}")
    return seconds, usage.ru_maxrss / 1024


FLOOR_CONFIG = """\
# The floor: what mkdocs, Material and static-i18n cost on their own (tools.bench).
site_name: floor
docs_dir: {docs}
theme:
  name: material
  language: az
  font: false
# One entry, as the real site's generated pages stay out of its navigation: without a nav, mkdocs would
# list every page in every page's navigation, which grows with the square of the pages.
nav:
  - index.md
plugins:
  - i18n:
      docs_structure: folder
      reconfigure_material: true
      reconfigure_search: false
      languages:
        - locale: az
          name: Azərbaycanca
          default: true
          build: true
        - locale: en
          name: English
          build: true
        - locale: ru
          name: Русский
          build: true
"""


FORWARDING = 'http-equiv="refresh"'  # a page at a permanent address (pages/forward.py), written by the plugin


def pages_per_language(site: Path) -> int:
    """The pages mkdocs renders for one language of a built site (en/: the default language shares the root
    with the assets, the data exports and the one 404 page). The pages at permanent addresses are left out: the
    plugin writes them as they are, a refresh and a link, so the floor must not build them as mkdocs pages."""
    return sum(1 for page in (site / "en").rglob("*.html") if FORWARDING not in page.read_text(encoding="utf-8")[:600])


def floor_project(folder: Path, pages: int) -> Path:
    """A mkdocs project of `pages` one-line pages per language, no victimlaw plugin, no custom_dir."""
    shutil.rmtree(folder, ignore_errors=True)
    for lang in LANGUAGES:
        docs = folder / "docs" / lang
        docs.mkdir(parents=True)
        (docs / "index.md").write_text("Page 0.\n", encoding="utf-8")
        for n in range(1, pages):
            (docs / f"page-{n}.md").write_text(f"Page {n}.\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(FLOOR_CONFIG.format(docs=json.dumps(str(folder / "docs"))), encoding="utf-8")
    return folder / "mkdocs.yml"


def forget_generated(docs: Path, site: Path) -> None:
    """As on a fresh checkout: no page stubs, no site."""
    for root in generated_folders(docs):
        shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)


def measure(records: int, data: Path, config: Path, site: Path, repeat: int, floor: Path) -> dict:
    """`repeat` cold builds (nothing generated yet), each followed by a build of the floor with as many pages
    per language (real, floor, real, floor...: the machine's drift hits both alike), then `repeat` warm
    ones (the same sources built again, as `make site` a second time, or after `make serve`); medians of each."""
    cold, warm, floor_builds = [], [], []
    floor_config = None
    for _ in range(repeat):
        forget_generated(config.parent / "docs", site)
        cold.append(timed_build(config, data, site))
        if floor_config is None:
            floor_config = floor_project(floor, pages_per_language(site))
        shutil.rmtree(floor / "site", ignore_errors=True)
        floor_builds.append(timed_build(floor_config, data, floor / "site"))
    for _ in range(repeat):
        warm.append(timed_build(config, data, site))
    html = list(site.rglob("*.html"))
    seconds = statistics.median(r[0] for r in cold)
    floor_seconds = statistics.median(r[0] for r in floor_builds)
    shutil.rmtree(floor, ignore_errors=True)
    return {
        "records": records,
        "pages": len(html),
        "seconds": round(seconds, 2),
        "warm_seconds": round(statistics.median(r[0] for r in warm), 2),
        "floor_seconds": round(floor_seconds, 2),
        "ratio": round(seconds / floor_seconds, 2),
        "pages_per_second": round(len(html) / seconds, 1),
        "peak_memory_mib": round(max(r[1] for r in cold + warm)),
        "site_mib": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 2**20, 1),
        "search_index_kib": {
            lang: round(sum(p.stat().st_size for p in (site / "search" / lang).iterdir()) / 1024) for lang in LANGUAGES
        },
        "largest_search_shard_kib": round(max(p.stat().st_size for p in (site / "search").rglob("*.js")) / 1024, 1),
        "largest_page_kib": round(max(p.stat().st_size for p in html) / 1024, 1),
        "largest_page": max(html, key=lambda p: p.stat().st_size).relative_to(site).as_posix(),
    }


def exponent(rows: list[dict], key: str = "seconds") -> float | None:
    """Build time ~ records ** exponent, between the smallest and the largest synthetic corpus."""
    synthetic = [r for r in rows if r.get("synthetic")]
    if len(synthetic) < 2:
        return None
    a, b = synthetic[0], synthetic[-1]
    return round(math.log(b[key] / a[key]) / math.log(b["records"] / a["records"]), 2)


def table(rows: list[dict]) -> str:
    head = [
        "records",
        "pages",
        "build s (cold)",
        "build s (again)",
        "floor s",
        "ratio",
        "pages/s",
        "peak MiB",
        "site MiB",
        "search index KiB az/en/ru",
        "largest search shard KiB",
        "largest page KiB",
    ]
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        index = "/".join(str(r["search_index_kib"][lang]) for lang in LANGUAGES)
        label = f"{r['records']}" + ("" if r.get("synthetic") else " (real)")
        lines.append(
            " | ".join(
                str(v)
                for v in (
                    label,
                    r["pages"],
                    r["seconds"],
                    r["warm_seconds"],
                    r["floor_seconds"],
                    r["ratio"],
                    r["pages_per_second"],
                    r["peak_memory_mib"],
                    r["site_mib"],
                    index,
                    r["largest_search_shard_kib"],
                    f"{r['largest_page_kib']} ({r['largest_page']})",
                )
            )
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 2000])
    parser.add_argument("--large", action="store_true", help="add a 10,000-record corpus")
    parser.add_argument(
        "--repeat", type=int, default=3, help="cold and repeated builds per size; the median of each is reported"
    )
    parser.add_argument("--json", type=Path, default=PROJECT / "bench-results.json")
    args = parser.parse_args(argv)
    sizes = args.sizes + ([10000] if args.large else [])
    real_data = PROJECT / "data" / "instruments.yaml"
    real = load_corpus(real_data)
    rows = []
    with tempfile.TemporaryDirectory(prefix="victimlaw-bench-") as folder:
        tmp = Path(folder)
        config = project_copy(tmp / "project")
        rows.append(measure(len(real.instruments), real_data, config, tmp / "site-real", args.repeat, tmp / "floor"))
        for size in sizes:
            data = write_corpus(tmp / f"data-{size}", size, real, real_data.parent)
            row = measure(size, data, config, tmp / f"site-{size}", args.repeat if size <= 2000 else 1, tmp / "floor")
            row["synthetic"] = True
            rows.append(row)
            print(
                f"  {size} records: {row['seconds']} s, again {row['warm_seconds']} s, floor {row['floor_seconds']} s "
                f"(ratio {row['ratio']})",
                file=sys.stderr,
                flush=True,
            )
    result = {
        "machine": f"{os.cpu_count()} cores, {platform_name()}",
        "rows": rows,
        "exponent": exponent(rows),
        "warm_exponent": exponent(rows, "warm_seconds"),
        "floor_exponent": exponent(rows, "floor_seconds"),
    }
    print(table(rows))
    print(
        f"\nscaling exponent (build time ~ records^k) between {sizes[0]} and {sizes[-1]}: "
        f"{result['exponent']} (cold), {result['warm_exponent']} (again), {result['floor_exponent']} (floor)"
    )
    print("ratio: real first build / floor build of as many pages, side by side")
    print(f"machine: {result['machine']}")
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")
    return 0


def platform_name() -> str:
    import platform

    return f"{platform.machine()}, Python {platform.python_version()}"


if __name__ == "__main__":
    sys.exit(main())
