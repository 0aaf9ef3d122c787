"""The build's log keeps what a person must act on. static-i18n reports, for every language, what the site does by
design (it overrides the title and footer per language; the offline copy's language links end in index.html;
it translated the navigation), and mkdocs lists every generated page as left out of the navigation, which they
are on purpose: a newcomer reading `make serve` would take those lines for warnings."""

from __future__ import annotations

import logging

BY_DESIGN = (
    "Overriding '",  # static-i18n: a language's site_name, site_description, copyright, theme language
    "The 'extra.alternate' configuration contains a 'link' option",  # the offline copy links to index.html
    "Translated ",  # static-i18n: "Translated 9 navigation elements to 'en'"
)
STATIC_I18N_LOGGERS = [f"mkdocs.plugins.mkdocs_static_i18n.{module}" for module in ("plugin", "reconfigure")]


class ByDesign(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return record.levelno > logging.INFO or not any(part in message for part in BY_DESIGN)


FILTER = ByDesign()


def quiet() -> None:
    """Drop static-i18n's messages about what the site does by design (once per process)."""
    for name in STATIC_I18N_LOGGERS:
        logger = logging.getLogger(name)
        if FILTER not in logger.filters:
            logger.addFilter(FILTER)
