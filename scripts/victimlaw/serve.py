"""What `mkdocs serve` needs from the plugin: a restart when the package's Python code changes (mkdocs never
reloads a plugin's modules), and the folders it does not watch by itself."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.victimlaw")
PACKAGE = Path(__file__).parent


def code_digest() -> str:
    """The package's Python code as it is on disk now."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def restart_if_code_changed(code_at_start: str | None) -> None:
    """Under `serve`, new Python code means a new process: no page is built with the old code."""
    if code_at_start is None or code_digest() == code_at_start:
        return
    log.warning(
        "victimlaw: its Python code changed; restarting `mkdocs serve` so that no page is built with the old code"
    )
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def watched(data_file: str, custom_dir: str | None) -> list[str]:
    """The data's folder, the package, and overrides/ (mkdocs watches the theme only with --watch-theme)."""
    return [str(Path(data_file).parent), str(PACKAGE), *([custom_dir] if custom_dir else [])]
