"""Validated trilingual corpus of the law protecting victims of human trafficking, and the site built from it."""

LANGUAGES = ("az", "en", "ru")
DEFAULT_LANGUAGE = "az"


def language_folder(lang: str) -> str:
    """Where a language's pages are below the site's root: the default language at the root, "en/" for English."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
