"""A page per instrument (instruments/<id>.md): facts, purpose, provisions, relations, citations, themes, sources."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from functools import cached_property
from typing import Any, NamedTuple
from urllib.parse import urlencode, urljoin

from ..exports import citations, zotero
from ..labels import Labels
from ..model.corpus import Instrument, Provision
from ..model.themes import Mapping, Theme
from .base import Page, PageKind, act_path
from .catalogue import CataloguePages
from .themes import numbered_evidence


class InstrumentPages(PageKind):
    """A page per instrument: facts, purpose, provisions, relations, citations, themes, sources."""

    folders = ("instruments",)
    section = "instruments/index.md"
    template = "instrument.html.j2"

    def pages(self) -> Iterable[Page]:
        for inst in self.site.corpus.instruments:
            yield Page(act_path(inst), self, {"inst": inst})

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        inst = page.values["inst"]
        return {
            "inst": inst,
            "title": inst.name(t.lang),
            "downloads": self.downloads(inst, t),
            "citations": self.site.citations(inst),
            "report": self.report_url(inst, t),
            "implementation": self.implementation(inst),
            "place": self.site.kind(CataloguePages).places[inst.id],
        }

    def implementation(self, inst: Instrument) -> list[tuple[Provision, list[Answer]]]:
        """For an international instrument: each provision, in its order, with the mappings that set
        Azerbaijani acts beside it (none: the page says no national provision was found in the sources)."""
        if inst.level == "national" or not inst.provisions:
            return []
        corpus = self.site.corpus
        return [
            (
                provision,
                [
                    Answer(theme, theme.mappings[index], self.evidence_numbers[theme.id].get(index))
                    for theme, index in corpus.answering(inst.id, provision.id)
                ],
            )
            for provision in inst.provisions
        ]

    @cached_property
    def evidence_numbers(self) -> dict[str, dict[int, int]]:
        """Each theme's numbers for its mappings' quotations of the article, as its page shows them."""
        return {theme.id: numbered_evidence(theme)[0] for theme in self.site.corpus.themes}

    def label(self, page: Page, t: Labels, values: dict[str, Any]) -> str:
        return t.facts(values["inst"])

    def report_url(self, inst: Instrument, t: Labels) -> str | None:
        """A new issue in the project's repository with the page and the record filled in (None without one)."""
        site = self.site
        if not site.repo_url:
            return None
        page = site.page_url(t.lang, act_path(inst))
        fields = {
            "title": t.ui["report_title"].format(name=inst.name(t.lang)),
            "body": t.ui["report_body"].format(page=urljoin(site.site_url or "", page), record=inst.id),
        }
        return f"{site.repo_url.rstrip('/')}/issues/new?{urlencode(fields)}"

    def checked(self, page: Page) -> str | None:
        return page.values["inst"].checked

    def meta(self, page: Page, t: Labels, values: dict[str, Any]) -> dict[str, Any]:
        inst = values["inst"]
        return {
            "title": values["title"],
            "description": inst.purpose[t.lang],
            "citation_meta": zotero.zotero_tags(inst, t),
            "jsonld": citations.json_ld(inst, self.site.corpus, t, self.site.public_uri(inst, t.lang)),
        }

    def downloads(self, inst: Instrument, t: Labels) -> list[tuple[str, str, str]]:
        """(label, file name, data: URI) per format. Data URIs rather than files: a file per record,
        format and language would triple the files every language build has to process."""
        files = [
            ("BibTeX", "bib", "application/x-bibtex", citations.bibtex(inst, t, self.site.text_env)),
            ("RIS", "ris", "application/x-research-info-systems", citations.ris(inst, t, self.site.text_env)),
            (
                "CSL-JSON",
                "csl.json",
                "application/vnd.citationstyles.csl+json",
                json.dumps(
                    [citations.csl(inst, t, self.site.public_uri(inst, t.lang))], ensure_ascii=False, sort_keys=True
                ),
            ),
        ]
        # base64: shorter than percent-encoding for Azerbaijani and Cyrillic text
        return [
            (
                label,
                f"{inst.id}.{t.lang}.{ext}",
                f"data:{mime};charset=utf-8;base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}",
            )
            for label, ext, mime, text in files
        ]


class Answer(NamedTuple):
    """A mapping that answers an international provision, with the number of its quotations on the theme page."""

    theme: Theme
    mapping: Mapping
    evidence_number: int | None
