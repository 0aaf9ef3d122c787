"""The Monitoring page (monitoring/index.md): the reports of the bodies that monitor how Azerbaijan implements
the treaties, newest first, each with what it found (model/findings.py) in the body's own words."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

from ..labels import Labels
from ..model.corpus import Instrument
from ..model.findings import Finding
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

    def concerning(self, record: str, provision: str) -> list[tuple[Instrument, list[Finding]]]:
        """The findings about a provision, by report in the reports' order."""
        return self.by_provision.get((record, provision), [])

    @cached_property
    def by_provision(self) -> dict[tuple[str, str], list[tuple[Instrument, list[Finding]]]]:
        found: dict[tuple[str, str], list[tuple[Instrument, list[Finding]]]] = {}
        for report in self.reports():
            for finding in report.findings:
                for key in finding.concerns:
                    by_report = found.setdefault(key, [])
                    if not by_report or by_report[-1][0] is not report:
                        by_report.append((report, []))
                    by_report[-1][1].append(finding)
        return found

    def naming(self, act: str) -> list[tuple[Instrument, list[Finding]]]:
        """The findings whose words name a national act, by report in the reports' order."""
        found = []
        for report in self.reports():
            named = [finding for finding in report.findings if act in finding.acts]
            if named:
                found.append((report, named))
        return found
