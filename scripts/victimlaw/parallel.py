"""Build the languages side by side (VICTIMLAW_PARALLEL=1 mkdocs build): a speed-up, off by default.

static-i18n builds the default language and then, one after another, the others, all in one process.
Here, once the pages are generated, the build forks one child per other language; each child runs
exactly the build static-i18n would run for its language (same config, same plugins) into a folder of
its own, and the parent moves the results into the site when it has built the default language. A test
checks that the output is byte for byte the output of the ordinary build.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from mkdocs.exceptions import PluginError

_children: list[tuple[int, str, Path]] = []
_sweeper: int | None = None  # the process removing the previous build's files


def enabled(command: str | None) -> bool:
    return command == "build" and os.environ.get("VICTIMLAW_PARALLEL") == "1" and hasattr(os, "fork")


def fork_languages(config) -> None:
    """In the default language's build: start a child build for every other language."""
    i18n = config.plugins.get("i18n")
    if i18n is None or _children or i18n.current_language != i18n.default_language:
        return
    site_dir = Path(config["site_dir"])
    _sweep(site_dir)
    for lang in [code for code in i18n.build_languages if code != i18n.default_language]:
        folder = Path(tempfile.mkdtemp(prefix=f".build-{lang}-", dir=site_dir.parent))
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(config, i18n, lang, folder)
        _children.append((pid, lang, folder))
    i18n.building = True  # static-i18n's own loop over the other languages is skipped in the parent


def _sweep(site_dir: Path) -> None:
    """Move the previous build out of the way and delete it in another process: mkdocs would otherwise
    delete thousands of files before the default language's build can start. Hidden entries stay, as
    mkdocs' own cleaning leaves them."""
    global _sweeper
    entries = [entry for entry in site_dir.iterdir() if not entry.name.startswith(".")] if site_dir.is_dir() else []
    if not entries:
        return
    trash = Path(tempfile.mkdtemp(prefix=".old-site-", dir=site_dir.parent))
    for entry in entries:
        os.replace(entry, trash / entry.name)
    _sweeper = os.fork()
    if _sweeper == 0:
        shutil.rmtree(trash, ignore_errors=True)
        os._exit(0)


def _join_sweeper() -> None:
    global _sweeper
    if _sweeper is not None:
        os.waitpid(_sweeper, 0)
        _sweeper = None


def _child(config, i18n, lang: str, folder: Path) -> None:
    code = 1
    global _sweeper
    _children.clear()  # the siblings and the sweeper started before this fork belong to the parent
    _sweeper = None
    try:
        from mkdocs import utils
        from mkdocs.commands.build import build
        utils.clean_directory = lambda path: path  # as static-i18n does for its language builds
        i18n.current_language = lang
        i18n.building = True
        config["site_dir"] = str(folder)
        build(config, dirty=False)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def collect(config) -> None:
    """In the parent, after its own build: wait for the children and move their languages in."""
    failed = []
    site_dir = Path(config["site_dir"])
    while _children:
        pid, lang, folder = _children.pop(0)
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(lang)
        else:
            shutil.rmtree(site_dir / lang, ignore_errors=True)
            shutil.move(str(folder / lang), str(site_dir / lang))
            index = folder / "search" / lang
            if index.exists():
                (site_dir / "search").mkdir(exist_ok=True)
                shutil.rmtree(site_dir / "search" / lang, ignore_errors=True)
                shutil.move(str(index), str(site_dir / "search" / lang))
        shutil.rmtree(folder, ignore_errors=True)
    _join_sweeper()
    if failed:
        raise PluginError(f"the build of {', '.join(failed)} failed (see above)")


def abandon() -> None:
    """The parent's own build failed: stop the children and remove their folders."""
    import signal
    while _children:
        pid, _, folder = _children.pop(0)
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        shutil.rmtree(folder, ignore_errors=True)
    _join_sweeper()
