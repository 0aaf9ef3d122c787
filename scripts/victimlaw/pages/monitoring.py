"""The Monitoring page (monitoring/index.md): the reports of the bodies that monitor how Azerbaijan implements
the treaties, newest first, each with what it found (model/findings.py) in the body's own words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..labels import Labels
from ..model.corpus import Instrument
from .base import Page, PageKind


class MonitoringPage(PageKind):
    folders = ("monitoring",)
    template = "monitoring.html.j2"

    def pages(self) -> Iterable[Page]:
        yield Page("monitoring/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["monitoring"], "reports": self.reports()}

    def label(self, page: Page, t: Labels, values: dict[str, Any]) -> str:
        return t.ui["monitoring"]

    def reports(self) -> list[Instrument]:
        """The monitoring reports: a report that evaluates a treaty or makes findings. Newest first; one whose date
        was not found first of all (it cannot be placed)."""
        found = [
            inst
            for inst in self.site.corpus.instruments
            if inst.kind == "report" and (inst.findings or any(rel.type == "evaluates" for rel in inst.relations))
        ]
        return sorted(found, key=lambda inst: (inst.date or "9999", inst.id), reverse=True)
