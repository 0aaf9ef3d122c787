"""A page per instrument (instruments/<id>.md): facts, purpose, provisions, relations, citations, themes, sources.
An international instrument's provisions have pages of their own (provision.py): its page lists them, a line each."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable
from typing import Any, NamedTuple
from urllib.parse import urlencode, urljoin

from ..exports import citations, zotero
from ..labels import Labels
from ..layout import has_provision_pages
from ..model.corpus import Instrument, Provision, Relation
from .base import Page, PageKind, act_path, by_date
from .catalogue import CataloguePages
from .monitoring import MonitoringPage
from .provision import ActAnswer, ProvisionPages, gist


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
            "implementation": self.implementation(inst, t),
            "provision_pages": has_provision_pages(inst),
            "place": self.site.kind(CataloguePages).places[inst.id],
            "history": self.history(inst),
            "named_in_findings": self.site.kind(MonitoringPage).naming(inst.id),
        }

    def history(self, inst: Instrument) -> dict[str, list[tuple[Relation, Instrument]]]:
        """Per provision: the acts that amended it (inserted it, changed it), in their dates' order, each with
        what its relation says it did."""
        found: dict[str, list[tuple[Relation, Instrument]]] = {}
        for rel in inst.incoming:
            if rel.type == "amends" and rel.provision:
                found.setdefault(rel.provision, []).append((rel, self.site.corpus.by_id[rel.source]))
        return {key: sorted(acts, key=lambda item: by_date(item[1])) for key, acts in found.items()}

    def implementation(self, inst: Instrument, t: Labels) -> list[IndexLine]:
        """For an instrument whose provisions have pages: a line per provision, in its order, with the national
        acts the themes set beside it (none: the line says no national provision was found in the sources)."""
        if not has_provision_pages(inst):
            return []
        provisions = self.site.kind(ProvisionPages)
        return [
            IndexLine(provision, gist(provision, t.lang), provisions.answers(inst, provision))
            for provision in inst.provisions
        ]

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


class IndexLine(NamedTuple):
    """A provision's line in its instrument's index: what it is about and the national acts answering it."""

    provision: Provision
    gist: str | None  # its title or the start of its summary (provision.gist); None: neither was found
    acts: list[ActAnswer]
