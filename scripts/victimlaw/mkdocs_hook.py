"""mkdocs hook: generate the pages before mkdocs collects files, so `mkdocs build` and `serve` work alone."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from victimlaw.errors import DataError
from victimlaw.generate import generate
from victimlaw.paths import default_data


def on_pre_build(config, **kwargs) -> None:
    # static-i18n runs the build once per language; generation is a no-op after the first
    try:
        generate(default_data(), Path(config["docs_dir"]), config["use_directory_urls"])
    except DataError as exc:
        raise PluginError(exc.report()) from None


def on_serve(server, config, builder, **kwargs):
    server.watch(str(default_data().parent))
    server.watch(str(Path(__file__).parent))
    return server
