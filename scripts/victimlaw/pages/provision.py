"""A page per provision of an international or regional instrument (provisions/<act>/<provision>.md): what it
requires and its sources, its words (or where to read them), the Azerbaijani acts that answer it with how far
and why, and the themes it is compared in. The instrument's page lists them, a line each (instrument.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from ..labels import Labels
from ..layout import has_provision_pages, provision_path
from ..model.corpus import Corpus, Element, Instrument, Provision
from ..model.themes import CORRESPONDENCE, Mapping, Target, Theme
from . import budget
from .base import Page, PageKind, act_path
from .catalogue import CataloguePages
from .monitoring import MonitoringPage
from .themes import numbered_evidence


class ProvisionPages(PageKind):
    """A page per provision of each instrument whose provisions have pages (layout.has_provision_pages)."""

    folders = ("provisions",)
    section = "instruments/index.md"  # a provision is read from its act, which the catalogue lists
    template = "provision.html.j2"

    def pages(self) -> Iterable[Page]:
        for inst in self.site.corpus.instruments:
            if has_provision_pages(inst):
                for provision in inst.provisions:
                    yield Page(provision_path(inst.id, provision.id), self, {"inst": inst, "provision": provision})

    def values(self, page: Page, t: Labels) -> dict[str, Any]:
        inst: Instrument = page.values["inst"]
        provision: Provision = page.values["provision"]
        label = t.provision_label(provision.unit, provision.number)
        heading = f"{label}. {provision.title[t.lang]}" if provision.title else label
        at = inst.provisions.index(provision)
        acts = self.answers(inst, provision)
        return {
            "title": f"{inst.name(t.lang)}, {heading}",
            "heading": heading,
            "inst": inst,
            "act_path": act_path(inst),
            "p": provision,
            "acts": acts,
            "elements": elements_answered(provision, acts),
            "quoted": quoted_words(acts),
            "themes": self.themes(inst, provision),
            "place": self.site.kind(CataloguePages).places[inst.id],
            "previous": inst.provisions[at - 1] if at > 0 else None,
            "next": inst.provisions[at + 1] if at + 1 < len(inst.provisions) else None,
            "citations": self.site.citations(inst, provision),
            "monitoring": self.site.kind(MonitoringPage).concerning(inst.id, provision.id),
        }

    def answers(self, inst: Instrument, provision: Provision) -> list[ActAnswer]:
        return answers_by_act(self.site.corpus, self.evidence_numbers, inst.id, provision.id)

    def themes(self, inst: Instrument, provision: Provision) -> list[Theme]:
        """The themes that compare the provision, once each, in the themes' order."""
        found = [theme for theme, _ in self.site.corpus.compared_with(inst.id, provision.id)]
        return [theme for theme in self.site.corpus.themes if theme in found]

    @cached_property
    def evidence_numbers(self) -> dict[str, dict[int, int]]:
        """Each theme's numbers for its mappings' quotations of the article, as its page shows them."""
        return {theme.id: numbered_evidence(theme)[0] for theme in self.site.corpus.themes}

    def meta(self, page: Page, t: Labels, values: dict[str, Any]) -> dict[str, Any]:
        provision: Provision = values["p"]
        # no summary: the title alone, rather than the act's purpose, which would pass for the provision's
        described = provision.summary[t.lang] if provision.summary else values["title"]
        return {"title": values["title"], "description": described}

    def label(self, page: Page, t: Labels, values: dict[str, Any]) -> str:
        return f"{t.ui['provision_label']} · {t.short_label(values['inst'])}"

    def checked(self, page: Page) -> str | None:
        """The latest check of the act or of any act answering the provision: the page shows them all."""
        inst: Instrument = page.values["inst"]
        acts = [inst] + [answer.act for answer in self.answers(inst, page.values["provision"])]
        return max((act.checked for act in acts if act.checked), default=None)


class ElementLine(NamedTuple):
    """An element of a provision's requirement ((a)-(f)) with the national acts whose mappings answer it."""

    element: Element
    acts: list[ActAnswer]  # each act once, in the page's order; none: the sources show none answering it


def elements_answered(provision: Provision, acts: list[ActAnswer]) -> list[ElementLine]:
    """A line per element of the provision, in its words' order, with the acts whose mappings name it."""
    return [
        ElementLine(
            element,
            [entry for entry in acts if any(element.id in answer.mapping.elements for answer in entry.answers)],
        )
        for element in provision.elements
    ]


def quoted_words(acts: list[ActAnswer]) -> set[tuple[str, str]]:
    """The answering national provisions whose words the page quotes (act id, provision id), in the order shown,
    up to TEXTS_BYTES of them, so that no page outgrows its budget; the others' are on their act's page."""
    quoted: set[tuple[str, str]] = set()
    used = 0
    for entry in acts:
        for provision in entry.provisions:
            size = sum(budget.text_bytes(text.text) for text in provision.texts)
            if provision.texts and used + size <= budget.TEXTS_BYTES:
                quoted.add((entry.act.id, provision.id))
                used += size
    return quoted


class Answer(NamedTuple):
    """One mapping's answer to an international provision through one national act."""

    theme: Theme
    mapping: Mapping
    targets: tuple[Target, ...]  # the act's own side of the mapping: its provisions, or the act as a whole
    evidence_number: int | None  # the number of the mapping's quotations of the article on the theme's page


@dataclass
class ActAnswer:
    """A national act answering an international provision, once, with every mapping it answers in: a reader
    asks "what does this act do for Article 12", whatever themes hold the comparisons."""

    act: Instrument
    answers: list[Answer] = field(default_factory=list)

    @property
    def correspondences(self) -> list[str]:
        """How far it answers, each value once, in the vocabulary's order (the strongest first)."""
        found = {answer.mapping.correspondence for answer in self.answers}
        return [value for value in CORRESPONDENCE if value in found]

    @property
    def provisions(self) -> list[Provision]:
        """Its provisions the mappings name, once each, in its own order."""
        named = {target.provision for answer in self.answers for target in answer.targets if target.provision}
        return [provision for provision in self.act.provisions if provision.id in named]


def answers_by_act(
    corpus: Corpus, evidence_numbers: dict[str, dict[int, int]], inst_id: str, provision_id: str
) -> list[ActAnswer]:
    """The national acts that the themes set beside a provision, each once, in order of first mention."""
    by_act: dict[str, ActAnswer] = {}
    for theme, index in corpus.answering(inst_id, provision_id):
        mapping = theme.mappings[index]
        for act_id in dict.fromkeys(target.instrument for target in mapping.national):
            targets = tuple(target for target in mapping.national if target.instrument == act_id)
            entry = by_act.setdefault(act_id, ActAnswer(corpus.by_id[act_id]))
            entry.answers.append(Answer(theme, mapping, targets, evidence_numbers[theme.id].get(index)))
    return list(by_act.values())


# A sentence ends at a full stop (or ! ?) before a capital letter: "No. 197" and "Art. 6" go on.
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZА-ЯЁƏÖÜĞIİŞÇ«“\"])")
GIST_CHARS = 180  # an index line stays a line or two on a phone


def gist(provision: Provision, lang: str) -> str | None:
    """What a provision's line in its act's index says of it: its title, else its summary's first sentence, cut
    at a clause or a word where that is long (marked …); None when the data has neither."""
    if provision.title:
        return provision.title[lang]
    if not provision.summary:
        return None
    text = provision.summary[lang]
    end = SENTENCE_END.search(text)
    sentence = text[: end.start() + 1] if end else text
    if len(sentence) <= GIST_CHARS:
        return sentence
    head = sentence[:GIST_CHARS]
    clause = max(head.rfind(":"), head.rfind(";"))
    cut = clause if clause >= GIST_CHARS // 3 else head.rfind(" ")
    return head[:cut].rstrip(" ,;:") + "…"
