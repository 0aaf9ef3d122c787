"""The built site put in place whole: `mkdocs build` writes the site beside site_dir and swaps it in when the
command succeeds, so a build that fails or is killed leaves the previous site whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path


class SiteOutput:
    """A site built beside its folder (site/ is built in .site.building-<pid>/) and swapped in whole."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir).resolve()
        self.staging = self.site_dir.with_name(f".{self.site_dir.name}.building-{os.getpid()}")
        self.previous = self.site_dir.with_name(f".{self.site_dir.name}.previous-{os.getpid()}")
        self.built = False  # every language built; put in place at shutdown
        self._remove_abandoned()

    def _remove_abandoned(self) -> None:
        """What a killed build left: its staging folder, or the previous site half way through the swap."""
        for leftover in sorted(self.site_dir.parent.glob(f".{self.site_dir.name}.previous-*")):
            if not self.site_dir.exists():
                os.replace(leftover, self.site_dir)  # killed between the two renames: the old site comes back
            else:  # an earlier build's, which its own deleting process may still be removing
                _delete_in_background(leftover)
        for leftover in self.site_dir.parent.glob(f".{self.site_dir.name}.deleting-*"):  # its deleting process killed
            _delete_in_background(leftover)
        for leftover in self.site_dir.parent.glob(f".{self.site_dir.name}.building-*"):
            if not _running(leftover.name.rpartition("-")[2]):  # another build may be under way
                shutil.rmtree(leftover, ignore_errors=True)

    def finish(self) -> None:
        """The new site takes the old one's place; hidden entries (.git, as mkdocs keeps them) come along."""
        if self.site_dir.exists():
            for entry in self.site_dir.iterdir():
                if entry.name.startswith(".") and not (self.staging / entry.name).exists():
                    os.replace(entry, self.staging / entry.name)
            os.replace(self.site_dir, self.previous)
        os.replace(self.staging, self.site_dir)
        if self.previous.exists():  # deleted by a process of its own: mkdocs need not wait for thousands of files
            _delete_in_background(self.previous)

    def abandon(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def _delete_in_background(folder: Path) -> None:
    """A folder of thousands of files removed by a process of its own, under a name no build will take again."""
    if ".deleting-" not in folder.name:
        target = folder.with_name(f"{folder.name.rpartition('.')[0]}.deleting-{uuid.uuid4().hex}")  # .site.deleting-…
        os.replace(folder, target)
        folder = target
    subprocess.Popen(
        [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
