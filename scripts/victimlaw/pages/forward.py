"""The pages at the permanent addresses of acts and provisions (model/identity.py): each forwards to the act's page."""

from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.utils import get_relative_url

from .. import language_folder
from ..layout import act_page
from ..model.addressbook import act_and_provision_addresses
from .base import SiteView, act_path


def forward_pages(site: SiteView, lang: str, part: slice = slice(None)) -> dict[str, str]:
    """Each permanent address of an act or a provision (model/identity.py) in one language, by the file below
    the site's root that answers it: a page forwarding to the act's page, at the provision's heading for a
    provision (a refresh, the canonical address, a link). `part`: of the acts, in the corpus's order."""
    t = site.labels[lang]
    prefix = language_folder(lang)
    template = site.env.get_template("forward.html.j2")
    pages = {}
    for inst in site.corpus.instruments[part]:
        target = site.page_url(lang, act_path(inst))
        for address, provision in act_and_provision_addresses(inst):
            here = prefix + str(address)
            link = get_relative_url(target, here + "index.html")
            anchor = act_page(inst.id, provision.id).anchor if provision else None
            pages[here + "index.html"] = template.render(
                t=t,
                lang=lang,
                inst=inst,
                provision=provision,
                link=f"{link}#{anchor}" if anchor else link,
                canonical=urljoin(site.site_url, target) if site.site_url else link,
            )
    return pages
