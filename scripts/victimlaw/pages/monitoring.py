"""The Monitoring page (monitoring/index.md): the reports of the bodies that monitor how Azerbaijan implements
the treaties, newest first, each with what it found (model/findings.py) in the body's own words."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from functools import cached_property
from typing import Any, TypeVar

from ..labels import Labels
from ..model.corpus import Instrument
from ..model.findings import Finding
from .base import Page, PageKind

Key = TypeVar("Key", bound=Hashable)


class MonitoringPage(PageKind):
    folders = ("monitoring",)
    template = "monitoring.html.j2"

    def pages(self) -> Iterable[Page]:
        yield Page("monitoring/index.md", self)

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        return {"title": t.ui["monitoring"], "reports": self.reports}

    def label(self, page: Page, t: Labels, values: dict[str, Any]) -> str:
        return t.ui["monitoring"]

    @cached_property
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

    def naming(self, act: str) -> list[tuple[Instrument, list[Finding]]]:
        """The findings whose words name a national act, by report in the reports' order."""
        return self.by_act.get(act, [])

    @cached_property
    def by_provision(self) -> dict[tuple[str, str], list[tuple[Instrument, list[Finding]]]]:
        return self._index(lambda finding: finding.concerns)

    @cached_property
    def by_act(self) -> dict[str, list[tuple[Instrument, list[Finding]]]]:
        return self._index(lambda finding: finding.acts)

    def _index(self, keys: Callable[[Finding], Iterable[Key]]) -> dict[Key, list[tuple[Instrument, list[Finding]]]]:
        """Every report's findings under each of their keys, by report in the reports' order: made once, as every
        act's and provision's page asks for its own."""
        found: dict[Key, list[tuple[Instrument, list[Finding]]]] = {}
        for report in self.reports:
            for finding in report.findings:
                for key in keys(finding):
                    by_report = found.setdefault(key, [])
                    if not by_report or by_report[-1][0] is not report:
                        by_report.append((report, []))
                    by_report[-1][1].append(finding)
        return found
