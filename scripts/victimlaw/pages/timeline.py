"""The chronology and the relations picture (timeline/), split by year when they would outgrow a page."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Any

from ..labels import Labels
from ..model.corpus import Instrument, ParticipationStep, Relation
from . import budget
from .base import Page, PageKind, act_path, by_date
from .catalogue import CataloguePages, by_year
from .relations import relations_picture


class TimelinePages(PageKind):
    """The chronology and the relations picture. When they would outgrow a page (more than PAGE_ROWS
    instruments, or more than SPLIT_BYTES of rows and picture), a page per year or part of one, each of at
    most TIMELINE_ROWS instruments whose rows and share of the picture (`Sizes.timeline`) fit SPLIT_BYTES;
    the undated instruments stay on the index while they fit, else get pages of their own."""

    folders = ("timeline",)
    section = "timeline/index.md"
    template = "timeline.html.j2"

    @cached_property
    def chronology(self) -> list[Instrument]:
        return sorted((i for i in self.site.corpus.instruments if i.date), key=by_date)

    @cached_property
    def steps(self) -> list[tuple[Instrument, ParticipationStep]]:
        """Azerbaijan's dated steps with the treaties (signature, approval, ratification, entry into force), each
        a row of its own: a treaty's timeline is more than its one date."""
        found = [(inst, step) for inst in self.site.corpus.instruments for step in inst.participation if step.date]
        return sorted(found, key=lambda item: (str(item[1].date), item[0].id))

    def steps_in(self, years: set[str] | None) -> list[tuple[Instrument, ParticipationStep]]:
        """The steps of those years (None: every one)."""
        return [item for item in self.steps if years is None or str(item[1].date)[:4] in years]

    @cached_property
    def related(self) -> set[str]:
        """Ids of the instruments with at least one relation, either way."""
        return {
            end for inst in self.site.corpus.instruments for rel in inst.relations for end in (rel.source, rel.target)
        }

    def pages(self) -> Iterable[Page]:
        corpus, sizes = self.site.corpus, self.site.kind(CataloguePages).sizes
        undated = sorted((i for i in corpus.instruments if not i.date), key=lambda i: i.id)
        undated_bytes = budget.TABLE_BYTES + sum(sizes.row(inst) for inst in undated)
        if (
            len(corpus.instruments) <= budget.PAGE_ROWS
            and len(
                sizes.timeline(
                    self.chronology + undated, budget=budget.SPLIT_BYTES - budget.PAGE_FIXED_BYTES - budget.TABLE_BYTES
                )
            )
            <= 1
        ):
            yield Page(
                "timeline/index.md",
                self,
                {
                    "chronology": self.chronology,
                    "steps": self.steps_in(None),
                    "undated": undated,
                    "years": None,
                    "subset": None,
                    "picture": bool(self.related),
                },
            )
            return
        years: list[tuple[str | int | None, str, int]] = []  # (year, or the number of an undated page), path, count
        years_of_chronology = by_year(self.chronology)
        dated_years = {year for year, _ in years_of_chronology}
        for year, rows in years_of_chronology:
            pieces = sizes.timeline(rows, budget.TIMELINE_ROWS, budget.SPLIT_BYTES - budget.PAGE_FIXED_BYTES)
            for n, part in enumerate(pieces, start=1):
                path = f"timeline/{year}.md" if n == 1 else f"timeline/{year}-{n}.md"
                label = year if len(pieces) == 1 else f"{year} ({n})"
                years.append((label, path, len(part)))
                yield Page(
                    path,
                    self,
                    {
                        "label": label,
                        "chronology": part,
                        "steps": self.steps_in({str(year)}) if n == 1 else [],
                        "undated": [],
                        "years": None,
                        "subset": part,
                        "picture": any(i.id in self.related for i in part),
                    },
                )
        links_bytes = len(years) * (budget.PAGER_LINK_BYTES + 20)
        if undated and budget.PAGE_FIXED_BYTES + links_bytes + undated_bytes > budget.SPLIT_BYTES:
            pieces = budget.paginate(undated, sizes.row, budget.PAGE_ROWS, "undated-00")
            for n, part in enumerate(pieces, start=1):
                path = "timeline/undated.md" if n == 1 else f"timeline/undated-{n}.md"
                years.append((None if len(pieces) == 1 else n, path, len(part)))  # labelled in values()
                yield Page(
                    path,
                    self,
                    {
                        "label": n if len(pieces) > 1 else None,
                        "undated_part": True,
                        "chronology": [],
                        "steps": [],
                        "undated": part,
                        "years": None,
                        "subset": part,
                        "picture": False,
                    },
                )
            undated = []
        yield Page(
            "timeline/index.md",
            self,
            {
                "chronology": [],
                # the steps of a year that has no page of its own
                "steps": [item for item in self.steps if str(item[1].date)[:4] not in dated_years],
                "undated": undated,
                "years": years,
                "subset": None,
                "picture": False,
            },
        )

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        label = page.values.get("label")
        if page.values.get("undated_part"):
            label = t.ui["undated"] + (f" ({label})" if label else "")
        heading = f"{t.ui['timeline']}: {label}" if label else t.ui["timeline"]
        picture = self.picture(page, t) if page.values["picture"] else None
        years = page.values["years"]
        if years:  # the undated instruments' pages are labelled in the language
            years = [
                (year if isinstance(year, str) else t.ui["undated"] + (f" ({year})" if year else ""), path, count)
                for year, path, count in years
            ]
        return {
            "title": t.ui["timeline"],
            "heading": heading,
            "back": "timeline/index.md" if label else None,
            "rows": sorted(
                [(str(inst.date), 0, inst.id, inst, None) for inst in page.values["chronology"]]
                + [(str(step.date), 1, inst.id, inst, step) for inst, step in page.values["steps"]],
                key=lambda row: row[:3],
            ),
            "undated": page.values["undated"],
            "years": years,
            "picture": picture,
        }

    def picture(self, page: Page, t: Labels) -> dict | None:
        picture = relations_picture(
            self.site.corpus,
            t,
            page.values["subset"],
            lambda inst: self.site.url(t.lang, page.path, act_path(inst)),
            self.relations_of,
        )
        return picture if picture["nodes"] else None

    @cached_property
    def relations_of(self) -> dict[str, list[tuple[int, Relation]]]:
        """Each instrument's relations, either way, with their place in the corpus's order: a page's picture
        looks up its own instruments' instead of going through the whole corpus."""
        found: dict[str, list[tuple[int, Relation]]] = {}
        rank = 0
        for inst in self.site.corpus.instruments:
            for rel in inst.relations:
                for end in dict.fromkeys((rel.source, rel.target)):
                    found.setdefault(end, []).append((rank, rel))
                rank += 1
        return found
