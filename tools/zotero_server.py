"""Zotero's own translation code, fetched and run (never copied into the project): zotero/translation-server
with its submodules and the translators, at pinned commits, installed in audit/zotero/ with npm.

Each repository is taken from ZOTERO_GIT, a template with {name} ("https://github.com/zotero/{name}.git" by
default; a local mirror such as "/srv/mirror/zotero+{name}/repo" works too): a local git directory is read with
`git archive`, an address fetched at the pinned commit alone.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from victimlaw.paths import PROJECT

HOME = PROJECT / "audit" / "zotero"
SERVER = HOME / "translation-server"
SOURCE = os.environ.get("ZOTERO_GIT") or "https://github.com/zotero/{name}.git"
# Each repository, its commit and where translation-server expects it. translation-server d88a8d5 pins its
# submodules at these commits, but for the translators: 2814370, the version the tags were first read in.
PINNED = {
    "translation-server": ("d88a8d5384456439962edfef129b14841b09af6d", "translation-server"),
    "translators": ("2814370161d05d799086825fac8d499db3a33aa3", "translation-server/modules/translators"),
    "translate": ("e0fe482b8a07e42cbf83545947382008ae7ddb82", "translation-server/modules/translate"),
    "utilities": ("9c89b23153ce621ed0f1d581a5e32248704c6fb7", "translation-server/modules/utilities"),
    "zotero-schema": ("1f5331e902ed2b765a379b9586c65d1a192c151d", "translation-server/modules/zotero-schema"),
    # translation-server's package.json names it by a git+ssh address; it is installed from its folder instead
    "wicked-good-xpath": ("1b88459724800c19d82020bb0eb951a3dc177989", "wicked-good-xpath"),
}
STAMP = HOME / ".installed"


def _unpack(name: str, commit: str, target: Path) -> None:
    source = SOURCE.format(name=name)
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="victimlaw-zotero-") as tmp:
        if Path(source).is_dir():
            git = ["git", f"--git-dir={source}"]
        else:
            git = ["git", f"--git-dir={tmp}"]
            subprocess.run(["git", "init", "--quiet", "--bare", tmp], check=True)
            fetched = subprocess.run([*git, "fetch", "--quiet", "--depth=1", source, commit], capture_output=True)
            if fetched.returncode:
                raise SystemExit(
                    f"cannot fetch zotero/{name} at {commit} from {source}: {fetched.stderr.decode().strip()}\n"
                    "Set ZOTERO_GIT to where the zotero repositories can be had (a template with {name})."
                )
        archive = subprocess.run([*git, "archive", "--format=tar", commit], capture_output=True)
        if archive.returncode:
            raise SystemExit(f"zotero/{name} at {commit} is not in {source}: {archive.stderr.decode().strip()}")
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)


def install() -> None:
    """The pinned repositories in audit/zotero/ and translation-server's npm dependencies, unless there already."""
    pins = json.dumps({name: commit for name, (commit, _) in PINNED.items()}, sort_keys=True)
    if STAMP.is_file() and STAMP.read_text(encoding="utf-8") == pins:
        return
    if not shutil.which("node") or not shutil.which("npm"):
        raise SystemExit("node and npm are missing: Zotero's translation server runs on Node.js")
    shutil.rmtree(HOME, ignore_errors=True)
    for name, (commit, folder) in PINNED.items():
        _unpack(name, commit, HOME / folder)
    npm = ["npm", "--prefix", str(SERVER), "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run([*npm, "pkg", "set", "dependencies.wicked-good-xpath=file:../wicked-good-xpath"], check=True)
    subprocess.run([*npm, "install", "--omit=dev"], check=True)
    STAMP.write_text(pins, encoding="utf-8")


@contextmanager
def translation_server(port: int) -> Iterator[str]:
    """translation-server listening on 127.0.0.1:`port` (its address), stopped on leaving."""
    env = dict(os.environ, NODE_CONFIG=json.dumps({"host": "127.0.0.1", "port": port}))
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(["node", "src/server.js"], cwd=SERVER, env=env, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + 60
            while True:  # its translators load before it listens
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise SystemExit("translation-server did not start:\n" + log.read().decode(errors="replace"))
                time.sleep(0.2)
            yield f"http://127.0.0.1:{port}/"
        finally:
            server.terminate()
            server.wait(timeout=10)
